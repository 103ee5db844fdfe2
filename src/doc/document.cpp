#include "doc/document.h"

#include <charconv>
#include <cstdio>

namespace eventcoder {

std::string PartialDate::ToString() const {
  if (!valid()) return {};
  char buf[16];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

const char* PartialDate::Precision() const {
  if (!valid()) return "";
  if (month == 0) return "year";
  if (day == 0) return "month";
  return "day";
}

static bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc();
}

std::optional<PartialDate> PartialDate::Parse(std::string_view s) {
  PartialDate d;
  if (s.size() < 4 || !ParseInt(s.substr(0, 4), d.year)) return std::nullopt;
  if (s.size() == 4) return d;
  if (s.size() < 7 || s[4] != '-' || !ParseInt(s.substr(5, 2), d.month) || d.month < 1 || d.month > 12)
    return std::nullopt;
  if (s.size() == 7) return d;
  if (s.size() < 10 || s[7] != '-' || !ParseInt(s.substr(8, 2), d.day) || d.day < 1 || d.day > 31)
    return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != 'Z' && s[10] != '+') return std::nullopt;
  return d;
}

const char* ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted: return "asserted";
    case Modality::kIntended: return "intended";
    case Modality::kThreatened: return "threatened";
    case Modality::kHypothetical: return "hypothetical";
    case Modality::kHistorical: return "historical";
  }
  return "asserted";
}

}  // namespace eventcoder
