#include "serve/params.h"

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace eventcoder {
namespace {

constexpr size_t kMaxValueBytes = 256;

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// A whole decimal integer (optional sign), or nullopt.
std::optional<long> ParseInteger(const std::string& s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  size_t digits = s[0] == '-' || s[0] == '+' ? 1 : 0;
  if (!AllDigits(std::string_view(s).substr(digits))) return std::nullopt;
  return std::strtol(s.c_str(), nullptr, 10);
}

std::optional<double> ParseNumber(const std::string& s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string AsciiLower(std::string_view s) {
  std::string o(s);
  for (char& c : o)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return o;
}

// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF) without control
// characters. SQLite's LIKE stops at a NUL, so "RUS\0x" would match as "RUS"; and no filter value has
// a reason to hold a control character or broken UTF-8.
bool IsCleanText(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7F) return false;
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    if (cp >= 0x80 && cp < 0xA0) return false;  // C1 controls
    i += n;
  }
  return true;
}

bool HasWildcard(const std::string& s) { return s.find_first_of("%_") != std::string::npos; }

bool StartsWithIgnoreCase(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && AsciiLower(std::string_view(s).substr(0, prefix.size())) == AsciiLower(prefix);
}

std::string ActorCountry(const nlohmann::json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || !it->is_object()) return {};
  auto c = it->find("country");
  return c != it->end() && c->is_string() ? c->get<std::string>() : std::string();
}

std::string Base64UrlEncode(std::string_view in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63];
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view in) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '-')
      v = 62;
    else if (c == '_')
      v = 63;
    else
      return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace

bool BoundingBox::Contains(double lon, double lat) const {
  if (lat < min_lat || lat > max_lat) return false;
  if (min_lon <= max_lon) return lon >= min_lon && lon <= max_lon;
  return lon >= min_lon || lon <= max_lon;  // across the antimeridian
}

bool IsValidDate(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  if (!AllDigits(s.substr(0, 4))) return false;
  if (s.size() == 4) return true;
  if (s[4] != '-' || !AllDigits(s.substr(5, 2))) return false;
  const int year = std::atoi(std::string(s.substr(0, 4)).c_str());
  const int month = std::atoi(std::string(s.substr(5, 2)).c_str());
  if (month < 1 || month > 12) return false;
  if (s.size() == 7) return true;
  if (s[7] != '-' || !AllDigits(s.substr(8, 2))) return false;
  const int day = std::atoi(std::string(s.substr(8, 2)).c_str());
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day >= 1 && day <= days;
}

const std::set<std::string>& FilterParameterNames() {
  static const std::set<std::string> kNames = {"from", "to",     "source", "target", "actor",      "code",    "root",
                                               "quad", "plover", "place",  "bbox",   "claimed_by", "negated", "text"};
  return kNames;
}

Result<EventQuery> ParseEventQuery(const std::multimap<std::string, std::string>& params,
                                   const std::set<std::string>& extra, LimitRule limit_rule) {
  EventQuery q;
  q.limit = limit_rule.default_limit;
  for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
    const std::string& name = it->first;
    if (!FilterParameterNames().count(name) && !extra.count(name)) {
      if (!IsCleanText(name)) return InvalidInput("unknown parameter (not UTF-8 text)");
      std::string shown = name.size() > 40 ? name.substr(0, 40) + "…" : name;
      return InvalidInput("unknown parameter '" + shown + "'");
    }
    if (params.count(name) > 1) return InvalidInput("parameter '" + name + "' is given more than once");
  }
  EventFilter& f = q.filter;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    if (value.size() > kMaxValueBytes)
      return InvalidInput(name + " is too long (at most " + std::to_string(kMaxValueBytes) + " bytes)");
    if (!IsCleanText(value)) return InvalidInput(name + " must be UTF-8 text without control characters");
    if (name == "from" || name == "to") {
      if (!IsValidDate(value)) return InvalidInput(name + " must be a date YYYY, YYYY-MM or YYYY-MM-DD");
      (name == "from" ? f.from : f.to) = value;
    } else if (name == "source") {
      f.source = value;
    } else if (name == "target") {
      f.target = value;
    } else if (name == "actor") {
      f.actor = value;
    } else if (name == "claimed_by") {
      f.claimed_by = value;
    } else if (name == "code") {
      if (!AllDigits(value) || value.size() > 4) return InvalidInput("code must be a CAMEO code or prefix (digits)");
      f.code = value;
    } else if (name == "root") {
      const long r = AllDigits(value) && value.size() <= 2 ? std::atol(value.c_str()) : 0;
      if (r < 1 || r > 20) return InvalidInput("root must be a CAMEO root from 01 to 20");
      f.root = (r < 10 ? "0" : "") + std::to_string(r);
    } else if (name == "quad") {
      std::optional<long> v = ParseInteger(value);
      if (!v || *v < 1 || *v > 4) return InvalidInput("quad must be a quad class from 1 to 4");
      f.quad = static_cast<int>(*v);
    } else if (name == "plover") {
      f.plover = value;
    } else if (name == "place") {
      f.place = value;
    } else if (name == "text") {
      f.text = value;
    } else if (name == "negated") {
      if (value == "true" || value == "yes")
        f.negated = true;
      else if (value == "false" || value == "no")
        f.negated = false;
      else
        return InvalidInput("negated must be true or false");
    } else if (name == "bbox") {
      BoundingBox b;
      double* parts[] = {&b.min_lon, &b.min_lat, &b.max_lon, &b.max_lat};
      size_t start = 0;
      for (int i = 0; i < 4; ++i) {
        size_t comma = value.find(',', start);
        if ((i < 3) != (comma != std::string::npos)) return InvalidInput("bbox must be minlon,minlat,maxlon,maxlat");
        std::optional<double> v = ParseNumber(value.substr(start, comma == std::string::npos ? comma : comma - start));
        if (!v) return InvalidInput("bbox must be minlon,minlat,maxlon,maxlat (numbers)");
        *parts[i] = *v;
        start = comma + 1;
      }
      if (b.min_lon < -180 || b.max_lon > 180 || b.min_lon > 180 || b.max_lon < -180)
        return InvalidInput("bbox longitudes must be from -180 to 180");
      if (b.min_lat < -90 || b.max_lat > 90 || b.min_lat > b.max_lat)
        return InvalidInput("bbox latitudes must be from -90 to 90, minlat <= maxlat");
      q.bbox = b;
    } else if (name == "limit") {
      std::optional<long> v = ParseInteger(value);
      const long max = limit_rule.max_limit > 0 ? limit_rule.max_limit : 1000000000L;
      if (!v || *v < 1 || *v > max) return InvalidInput("limit must be a number from 1 to " + std::to_string(max));
      q.limit = static_cast<int>(*v);
    } else if (name == "cursor") {
      q.cursor = DecodeCursor(value);
      if (!q.cursor) return InvalidInput("cursor is not one this server gave out (use next_cursor as it is)");
    } else if (name == "format") {
      q.format = value;
    }
  }
  return q;
}

bool PassesLiteralFilter(const StoredEvent& row, const EventFilter& f) {
  const bool actors =
      (HasWildcard(f.source) || HasWildcard(f.target) || HasWildcard(f.actor) || HasWildcard(f.claimed_by));
  if (HasWildcard(f.text) && AsciiLower(row.sentence).find(AsciiLower(f.text)) == std::string::npos) return false;
  if (!actors) return true;
  const nlohmann::json record = nlohmann::json::parse(row.record, nullptr, false);
  if (record.is_discarded()) return false;
  auto side = [&](const std::string& code, const char* key, const std::string& value) {
    return StartsWithIgnoreCase(code, value) || ActorCountry(record, key) == value;
  };
  if (HasWildcard(f.source) && !side(row.source, "source", f.source)) return false;
  if (HasWildcard(f.target) && !side(row.target, "target", f.target)) return false;
  if (HasWildcard(f.actor) && !side(row.source, "source", f.actor) && !side(row.target, "target", f.actor))
    return false;
  if (HasWildcard(f.claimed_by) && !side(row.claimed_by, "claimed_by", f.claimed_by)) return false;
  return true;
}

std::string EncodeCursor(const PageCursor& cursor) {
  return Base64UrlEncode("1\n" + cursor.date + "\n" + cursor.event_id);
}

std::optional<PageCursor> DecodeCursor(std::string_view text) {
  if (text.empty() || text.size() > 200) return std::nullopt;
  std::optional<std::string> raw = Base64UrlDecode(text);
  if (!raw || raw->rfind("1\n", 0) != 0) return std::nullopt;
  const size_t sep = raw->find('\n', 2);
  if (sep == std::string::npos) return std::nullopt;
  PageCursor c{raw->substr(2, sep - 2), raw->substr(sep + 1)};
  if (c.date.size() > 16) return std::nullopt;
  for (char ch : c.date)
    if (!((ch >= '0' && ch <= '9') || ch == '-')) return std::nullopt;
  if (c.event_id.empty() || c.event_id.size() > 64) return std::nullopt;
  for (char ch : c.event_id)
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return std::nullopt;
  return c;
}

}  // namespace eventcoder
