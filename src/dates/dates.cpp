#include "dates/dates.h"

#include <cstdlib>
#include <string>
#include <unordered_map>

namespace eventcoder {

int DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

PartialDate CivilFromDays(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return PartialDate{y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(const PartialDate& d) {
  int z = DaysFromCivil(d.year, d.month, d.day);
  return z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6;
}

namespace {

int MonthOf(const std::string& w) {
  static const std::unordered_map<std::string, int> kMonths = {
      {"january", 1}, {"jan", 1}, {"jan.", 1}, {"february", 2}, {"feb", 2}, {"feb.", 2}, {"march", 3},
      {"mar", 3}, {"mar.", 3}, {"april", 4}, {"apr", 4}, {"apr.", 4}, {"may", 5}, {"june", 6}, {"jun", 6},
      {"july", 7}, {"jul", 7}, {"august", 8}, {"aug", 8}, {"september", 9}, {"sept", 9}, {"sep", 9},
      {"october", 10}, {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12}};
  auto it = kMonths.find(w);
  return it == kMonths.end() ? 0 : it->second;
}

int WeekdayOf(const std::string& w) {
  static const char* kDays[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  for (int i = 0; i < 7; ++i)
    if (w == kDays[i]) return i;
  return -1;
}

int SmallNumber(const std::string& w) {
  static const std::unordered_map<std::string, int> kWords = {
      {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
      {"eight", 8}, {"nine", 9}, {"ten", 10}, {"a", 1}, {"an", 1}};
  auto it = kWords.find(w);
  if (it != kWords.end()) return it->second;
  if (!w.empty() && w.size() <= 3 && w.find_first_not_of("0123456789") == std::string::npos) return std::atoi(w.c_str());
  return 0;
}

bool IsYear(const Token& t, int& year) {
  if (t.kind != TokenKind::kNumber || t.lower.size() != 4) return false;
  year = std::atoi(t.lower.c_str());
  return year >= 1800 && year <= 2100;
}

bool IsDay(const Token& t, int& day) {
  std::string w = t.lower;
  for (const char* sfx : {"st", "nd", "rd", "th"}) {
    if (w.size() > 2 && w.compare(w.size() - 2, 2, sfx) == 0 && std::isdigit(static_cast<unsigned char>(w[0]))) {
      w = w.substr(0, w.size() - 2);
      break;
    }
  }
  if (w.empty() || w.size() > 2 || w.find_first_not_of("0123456789") != std::string::npos) return false;
  day = std::atoi(w.c_str());
  return day >= 1 && day <= 31;
}

PartialDate AddDays(const PartialDate& d, int n) { return CivilFromDays(DaysFromCivil(d.year, d.month, d.day) + n); }

}  // namespace

std::vector<DateMention> FindDates(const std::vector<Token>& t, std::optional<PartialDate> pub) {
  std::vector<DateMention> out;
  const bool have_day = pub && pub->valid() && pub->month && pub->day;
  const size_t n = t.size();
  auto word = [&](size_t i) -> const std::string& {
    static const std::string kEmpty;
    return i < n ? t[i].lower : kEmpty;
  };
  for (size_t i = 0; i < n; ++i) {
    const std::string& w = t[i].lower;
    DateMention m;
    m.begin = static_cast<uint32_t>(i);
    // Vague references first: "in recent years", "recently", "in the past".
    if ((w == "recent" && (word(i + 1) == "years" || word(i + 1) == "decades" || word(i + 1) == "months")) ||
        w == "recently" || (w == "in" && word(i + 1) == "the" && word(i + 2) == "past") ||
        ((w == "for" || w == "over") && (word(i + 1) == "years" || word(i + 1) == "decades"))) {
      m.vague = true;
      m.end = static_cast<uint32_t>(i + (w == "recently" ? 1 : 2));
      out.push_back(m);
      i = m.end - 1;
      continue;
    }
    // Relative days.
    if (have_day) {
      int offset = 1000;
      size_t len = 1;
      if (w == "today" || w == "tonight") offset = 0;
      else if (w == "yesterday") offset = -1;
      else if (w == "tomorrow") offset = 1;
      else if (w == "last" && word(i + 1) == "night") { offset = -1; len = 2; }
      else if (w == "this" && (word(i + 1) == "morning" || word(i + 1) == "afternoon" || word(i + 1) == "evening" || word(i + 1) == "week")) { offset = 0; len = 2; }
      else if (w == "earlier" && word(i + 1) == "today") { offset = 0; len = 2; }
      if (offset == 1000) {
        int k = SmallNumber(w);
        if (k > 0 && (word(i + 1) == "days" || word(i + 1) == "day") && word(i + 2) == "ago") { offset = -k; len = 3; }
      }
      if (offset != 1000) {
        m.date = AddDays(*pub, offset);
        m.end = static_cast<uint32_t>(i + len);
        out.push_back(m);
        i = m.end - 1;
        continue;
      }
      int wd = WeekdayOf(w);
      if (wd >= 0) {
        int pub_wd = Weekday(*pub);
        bool next = i > 0 && (t[i - 1].lower == "next" || t[i - 1].lower == "coming");
        int back = (pub_wd - wd + 7) % 7;
        int delta = next ? ((wd - pub_wd + 7) % 7 == 0 ? 7 : (wd - pub_wd + 7) % 7) : -back;
        if (i > 0 && t[i - 1].lower == "last" && back == 0) delta = -7;
        m.begin = static_cast<uint32_t>(i > 0 && (t[i - 1].lower == "last" || next || t[i - 1].lower == "on") ? i - 1 : i);
        m.date = AddDays(*pub, delta);
        m.end = static_cast<uint32_t>(i + 1);
        out.push_back(m);
        continue;
      }
    }
    // Month [day][,] [year] / day Month [year] / Month year / in Month.
    int month = MonthOf(w);
    if (month && t[i].capitalised && !(w == "may" && !(i + 1 < n && (t[i + 1].kind == TokenKind::kNumber)) && !(i > 0 && (t[i - 1].lower == "in" || t[i - 1].lower == "early" || t[i - 1].lower == "late" || t[i - 1].lower == "mid")))) {
      size_t j = i + 1;
      if (j < n && t[j].lower == ".") ++j;
      int day = 0, year = 0;
      if (j < n && IsDay(t[j], day)) {
        ++j;
        if (j < n && t[j].lower == ",") ++j;
        if (!(j < n && IsYear(t[j], year))) {
          if (j > i + 1 && t[j - 1].lower == ",") --j;
        } else {
          ++j;
        }
      } else if (j < n && IsYear(t[j], year)) {
        ++j;
      }
      // day before the month: "27 September 2020"
      size_t begin = i;
      if (!day && i > 0 && IsDay(t[i - 1], day)) begin = i - 1;
      if (!year && !day && i > 0 && t[i - 1].lower != "in" && t[i - 1].lower != "since" && t[i - 1].lower != "of" &&
          t[i - 1].lower != "early" && t[i - 1].lower != "late" && t[i - 1].lower != "mid" && t[i - 1].lower != "until" &&
          t[i - 1].lower != "by" && t[i - 1].lower != "last" && t[i - 1].lower != "this" && t[i - 1].lower != "next") {
        continue;  // a bare month name without context is probably not a date ("March" as a verb is lower case anyway)
      }
      PartialDate d;
      d.month = month;
      d.day = day;
      if (year) {
        d.year = year;
      } else if (pub && pub->valid()) {
        d.year = pub->year;
        // "September 27" in an article of early January is last year's September.
        int pub_month = pub->month ? pub->month : 12;
        if (month > pub_month + 1) d.year -= 1;
        if (i > 0 && t[i - 1].lower == "last" && month >= pub_month) d.year = pub->year - 1;
      } else {
        continue;
      }
      m.begin = static_cast<uint32_t>(begin);
      m.end = static_cast<uint32_t>(j);
      m.date = d;
      out.push_back(m);
      i = j - 1;
      continue;
    }
    // last/this/next year|month|week
    if ((w == "last" || w == "this" || w == "next" || w == "earlier" || w == "later") && pub && pub->valid()) {
      std::string unit = word(i + 1);
      size_t len = 2;
      if ((w == "earlier" || w == "later") && word(i + 1) == "this") { unit = word(i + 2); len = 3; }
      int shift = (w == "last") ? -1 : (w == "next" ? 1 : 0);
      if (unit == "year") {
        m.date = PartialDate{pub->year + shift, 0, 0};
      } else if (unit == "month" && pub->month) {
        int mm = pub->month + shift, yy = pub->year;
        if (mm == 0) { mm = 12; --yy; }
        if (mm == 13) { mm = 1; ++yy; }
        m.date = PartialDate{yy, mm, 0};
      } else if (unit == "week" && have_day) {
        PartialDate d = AddDays(*pub, 7 * shift);
        m.date = PartialDate{d.year, d.month, 0};
      } else {
        continue;
      }
      m.end = static_cast<uint32_t>(i + len);
      out.push_back(m);
      i = m.end - 1;
      continue;
    }
    // A decade: "the 1990s", "the early 2000s".
    if (w.size() == 5 && w[4] == 's' && std::isdigit(static_cast<unsigned char>(w[0])) && w[3] == '0') {
      int decade = std::atoi(w.substr(0, 4).c_str());
      if (decade >= 1800 && decade <= 2100) {
        m.vague = true;
        m.decade = decade;
        m.end = static_cast<uint32_t>(i + 1);
        out.push_back(m);
        continue;
      }
    }
    // A year: "in 1915", "since 1994", "the 2008 war".
    int year = 0;
    if (IsYear(t[i], year)) {
      m.date = PartialDate{year, 0, 0};
      m.begin = static_cast<uint32_t>(i > 0 && (t[i - 1].lower == "in" || t[i - 1].lower == "since") ? i - 1 : i);
      m.end = static_cast<uint32_t>(i + 1);
      out.push_back(m);
    }
  }
  return out;
}

}  // namespace eventcoder
