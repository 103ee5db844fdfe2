// Date expressions in a sentence, resolved against the article's publication date: the dates/ stage.
//
//   std::vector<DateMention> d = FindDates(tokens, PartialDate{2020, 10, 10});
//   // "on Friday" -> 2020-10-09 (day), "September 27" -> 2020-09-27, "last year" -> 2019 (year),
//   // "in 1915" -> 1915, "in recent years" -> vague (no date)
//
// Without a publication date only absolute expressions ("September 27, 2020", "in 1915") resolve.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <vector>

#include "doc/document.h"

namespace eventcoder {

struct DateMention {
  uint32_t begin = 0, end = 0;  // token range
  PartialDate date;             // invalid when vague
  bool vague = false;           // "recently", "in recent years": the event is not datable
  int decade = 0;               // "the 1990s", "the early 2000s": 1990, 2000 (vague too)
};

std::vector<DateMention> FindDates(const std::vector<Token>& tokens, std::optional<PartialDate> published);

// Calendar helpers (proleptic Gregorian).
int DaysFromCivil(int y, int m, int d);
PartialDate CivilFromDays(int days);
int Weekday(const PartialDate& d);  // 0 = Sunday … 6 = Saturday

}  // namespace eventcoder
