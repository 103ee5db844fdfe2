#include "read/internal/date_line.h"

#include <array>
#include <string>

namespace eventcoder::read_internal {
namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// A read position in the text being parsed.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool Done() const { return i_ >= s_.size(); }
  char Peek(size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  size_t position() const { return i_; }
  void Reset(size_t position) { i_ = position; }

  void SkipSpaces() {
    while (!Done() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }

  bool Consume(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }

  // Consumes `word` (case-insensitive) when it is not followed by another letter.
  bool ConsumeWord(std::string_view word) {
    if (i_ + word.size() > s_.size() || !EqualsIgnoreCase(s_.substr(i_, word.size()), word)) return false;
    if (IsAsciiLetter(Peek(word.size()))) return false;
    i_ += word.size();
    return true;
  }

  // Consumes one UTF-8 sequence of `bytes` when it is next.
  bool ConsumeBytes(std::string_view bytes) {
    if (s_.substr(i_, bytes.size()) != bytes) return false;
    i_ += bytes.size();
    return true;
  }

  // A run of ASCII letters (possibly empty).
  std::string_view Letters() {
    const size_t begin = i_;
    while (!Done() && IsAsciiLetter(s_[i_])) ++i_;
    return s_.substr(begin, i_ - begin);
  }

  // A run of up to `max_digits` digits; false when there is none or more follow.
  bool Number(int* value, int* digits, int max_digits) {
    int v = 0, d = 0;
    while (!Done() && IsDigit(s_[i_]) && d < max_digits) {
      v = v * 10 + (s_[i_] - '0');
      ++d;
      ++i_;
    }
    if (d == 0 || IsDigit(Peek())) return false;
    *value = v;
    *digits = d;
    return true;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

// 1..12, or 0 when `word` is not a month name or a usual abbreviation of one.
int MonthNumber(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kFull = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (size_t m = 0; m < kFull.size(); ++m) {
    if (EqualsIgnoreCase(word, kFull[m])) return static_cast<int>(m) + 1;
    if (word.size() == 3 && EqualsIgnoreCase(word, kFull[m].substr(0, 3))) return static_cast<int>(m) + 1;
  }
  if (EqualsIgnoreCase(word, "sept")) return 9;
  return 0;
}

bool IsWeekday(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kFull = {
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  for (std::string_view day : kFull) {
    if (EqualsIgnoreCase(word, day)) return true;
    if (word.size() == 3 && EqualsIgnoreCase(word, day.substr(0, 3))) return true;
  }
  return EqualsIgnoreCase(word, "tues") || EqualsIgnoreCase(word, "thur") || EqualsIgnoreCase(word, "thurs");
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<size_t>(month - 1)];
}

std::optional<PartialDate> MakeDate(int year, int month, int day) {
  if (year < 1900 || year > 2199 || month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  return PartialDate{year, month, day};
}

// "st", "nd", "rd", "th" after a day number.
void SkipOrdinalSuffix(Cursor& c) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (c.ConsumeWord(suffix)) return;
  }
}

// A month name, possibly abbreviated with a full stop ("Mar.").
int ReadMonth(Cursor& c) {
  const int month = MonthNumber(c.Letters());
  if (month != 0) c.Consume('.');
  return month;
}

// Separators allowed between a date and its time: spaces, commas, bars, slashes, dashes, "at".
void SkipTimeSeparators(Cursor& c) {
  while (!c.Done()) {
    const size_t before = c.position();
    c.SkipSpaces();
    c.Consume(',') || c.Consume('|') || c.Consume('/') || c.Consume('-') ||
        c.ConsumeBytes("\xE2\x80\x93") || c.ConsumeBytes("\xE2\x80\x94") || c.ConsumeBytes("\xC2\xB7") ||
        c.ConsumeBytes("\xE2\x80\xA2") || c.ConsumeWord("at");
    if (c.position() == before) return;
  }
}

// "Z", "+04:00", "-0500", "GMT", "UTC+4", "(GMT)", "CEST".
bool ReadZone(Cursor& c) {
  const bool parenthesised = c.Consume('(');
  const std::string_view letters = c.Letters();
  if (letters.size() > 5) return false;
  if (c.Peek() == '+' || c.Peek() == '-') {
    c.Consume('+') || c.Consume('-');
    int hours = 0, digits = 0;
    if (!c.Number(&hours, &digits, 4)) return false;
    if (c.Consume(':')) {
      int minutes = 0;
      if (!c.Number(&minutes, &digits, 2) || digits != 2) return false;
    }
  } else if (letters.empty()) {
    return false;
  }
  return !parenthesised || c.Consume(')');
}

// "10:42", "10:42:07", "10:42:07.123", "9.30am", "10 a.m.", optionally followed by a zone.
bool ReadTime(Cursor& c) {
  int hour = 0, digits = 0;
  if (!c.Number(&hour, &digits, 2) || hour > 24) return false;
  bool has_minutes = false;
  if (c.Peek() == ':' || (c.Peek() == '.' && IsDigit(c.Peek(1)))) {
    c.Consume(':') || c.Consume('.');
    int minute = 0;
    if (!c.Number(&minute, &digits, 2) || digits != 2 || minute > 59) return false;
    has_minutes = true;
    if (c.Consume(':')) {
      int second = 0;
      if (!c.Number(&second, &digits, 2) || digits != 2 || second > 60) return false;
      if (c.Consume('.')) {
        int fraction = 0;
        if (!c.Number(&fraction, &digits, 9)) return false;
      }
    }
  }
  c.SkipSpaces();
  const bool meridiem = c.ConsumeWord("am") || c.ConsumeWord("pm") || c.ConsumeWord("a.m.") ||
                        c.ConsumeWord("p.m.") || c.ConsumeWord("a.m") || c.ConsumeWord("p.m");
  if (!has_minutes && !meridiem) return false;
  c.SkipSpaces();
  if (c.Done()) return true;
  if (c.Consume('Z')) return true;
  return ReadZone(c);
}

// After the date: nothing, or a time of day with an optional zone.
bool ReadTrail(Cursor& c) {
  SkipTimeSeparators(c);
  if (c.Done()) return true;
  if (!ReadTime(c)) return false;
  c.SkipSpaces();
  return c.Done();
}

}  // namespace

std::optional<PartialDate> ParseDateText(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  Cursor c(text);

  // An optional weekday: "Sunday, ", "Sun ", "Tues. ".
  const size_t start = c.position();
  if (IsWeekday(c.Letters())) {
    c.Consume('.');
    c.SkipSpaces();
    c.Consume(',');
    c.SkipSpaces();
  } else {
    c.Reset(start);
  }

  int year = 0, month = 0, day = 0, digits = 0;
  if (IsDigit(c.Peek())) {
    int first = 0;
    if (!c.Number(&first, &digits, 4)) return std::nullopt;
    if (digits == 4 && c.Peek() == '-') {  // 2024-03-03, 2024-03-03T10:42:00Z
      year = first;
      if (!c.Consume('-') || !c.Number(&month, &digits, 2) || digits != 2) return std::nullopt;
      if (!c.Consume('-') || !c.Number(&day, &digits, 2) || digits != 2) return std::nullopt;
      if (c.Consume('T') && (!ReadTime(c) || !c.Done())) return std::nullopt;
    } else if (digits <= 2) {  // 3 March 2024, 3rd Mar. 2024
      day = first;
      SkipOrdinalSuffix(c);
      c.SkipSpaces();
      if ((month = ReadMonth(c)) == 0) return std::nullopt;
      c.Consume(',');
      c.SkipSpaces();
      if (!c.Number(&year, &digits, 4) || digits != 4) return std::nullopt;
    } else {
      return std::nullopt;
    }
  } else {  // March 3, 2024; Mar. 3 2024
    if ((month = ReadMonth(c)) == 0) return std::nullopt;
    c.SkipSpaces();
    if (!c.Number(&day, &digits, 2)) return std::nullopt;
    SkipOrdinalSuffix(c);
    c.Consume(',');
    c.SkipSpaces();
    if (!c.Number(&year, &digits, 4) || digits != 4) return std::nullopt;
  }
  if (!ReadTrail(c)) return std::nullopt;
  return MakeDate(year, month, day);
}

std::optional<DateLine> ParseDateLine(std::string_view line) {
  struct Prefix {
    std::string_view words;
    DateLineKind kind;
  };
  // Longest first, so "published on" is tried before "published".
  static constexpr std::array<Prefix, 12> kPrefixes = {{
      {"first published on", DateLineKind::kPublished},
      {"first published", DateLineKind::kPublished},
      {"published on", DateLineKind::kPublished},
      {"published", DateLineKind::kPublished},
      {"posted on", DateLineKind::kPublished},
      {"posted", DateLineKind::kPublished},
      {"last updated on", DateLineKind::kUpdated},
      {"last updated", DateLineKind::kUpdated},
      {"last modified on", DateLineKind::kUpdated},
      {"last modified", DateLineKind::kUpdated},
      {"updated on", DateLineKind::kUpdated},
      {"updated", DateLineKind::kUpdated},
  }};
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  for (const Prefix& prefix : kPrefixes) {
    const std::string_view words = prefix.words;
    if (line.size() <= words.size() || !EqualsIgnoreCase(line.substr(0, words.size()), words)) continue;
    const char next = line[words.size()];
    if (next != ' ' && next != '\t' && next != ':') continue;
    std::string_view rest = line.substr(words.size());
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
    std::optional<PartialDate> date = ParseDateText(rest);
    if (!date) return std::nullopt;
    return DateLine{*date, prefix.kind};
  }
  std::optional<PartialDate> date = ParseDateText(line);
  if (!date) return std::nullopt;
  return DateLine{*date, DateLineKind::kPublished};
}

}  // namespace eventcoder::read_internal
