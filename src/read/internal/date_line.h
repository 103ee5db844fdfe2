// Dates written out in a line of text, for the readers (private to read/): "March 3, 2024",
// "3 March 2024", "2024-03-03", "Mar. 3, 2024", "Sunday, 3 March 2024 10:42 GMT".
//
//   ParseDateText("Sunday, 3 March 2024 10:42 GMT")   -> 2024-03-03
//   ParseDateLine("Published: Mar. 3, 2024")          -> {2024-03-03, kPublished}
//   ParseDateLine("Last updated 2024-03-04T08:00Z")   -> {2024-03-04, kUpdated}
//   ParseDateLine("03/03/2024")                       -> nullopt (day and month are ambiguous)
//   ParseDateLine("Talks began on March 3, 2024.")    -> nullopt (not only a date)
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "doc/document.h"

namespace eventcoder::read_internal {

// A whole string that is one date, optionally after a weekday and followed by a time of day and a
// time zone ("10:42 GMT", "at 9.30am", "T08:00:00Z"). Numeric day/month forms ("03/03/2024") are
// not accepted: they are ambiguous.
std::optional<PartialDate> ParseDateText(std::string_view text);

enum class DateLineKind { kPublished, kUpdated };

struct DateLine {
  PartialDate date;
  DateLineKind kind = DateLineKind::kPublished;
};

// A line that is only a date, or "Published", "Published on", "First published", "Posted",
// "Posted on" (kPublished) or "Updated", "Updated on", "Last updated", "Last modified" (kUpdated),
// with or without a colon, followed by a date. A bare date is kPublished.
std::optional<DateLine> ParseDateLine(std::string_view line);

}  // namespace eventcoder::read_internal
