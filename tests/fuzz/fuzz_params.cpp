// Fuzzes the HTTP API's query parameters (serve/params.h). The input is a query string
// ("actor=RUS&root=19&bbox=…&cursor=…"), split and percent-decoded as the HTTP server does; the
// parsed query is checked against the documented rules, cursors round-trip, and the literal filter
// takes any stored row.
#include <cstdint>
#include <map>

#include "serve/params.h"
#include "tests/fuzz/fuzz_util.h"

using namespace eventcoder;

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::multimap<std::string, std::string> ParseQueryString(std::string_view query) {
  std::multimap<std::string, std::string> params;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    const std::string_view pair = query.substr(start, amp - start);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      params.emplace(PercentDecode(pair.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1)));
    }
    start = amp + 1;
  }
  return params;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::AsView(data, size);
  const std::multimap<std::string, std::string> params = ParseQueryString(bytes);
  Result<EventQuery> q = ParseEventQuery(params, {"limit", "cursor", "format"}, LimitRule{100, 1000});
  if (q.ok()) {
    const EventFilter& f = q->filter;
    fuzz::Check(f.limit == 0, "filter limit set");
    fuzz::Check(q->limit >= 1 && q->limit <= 1000, "limit outside its rule");
    fuzz::Check(f.quad >= 0 && f.quad <= 4, "quad outside 1..4");
    fuzz::Check(f.from.empty() || IsValidDate(f.from), "from is not a date", f.from);
    fuzz::Check(f.to.empty() || IsValidDate(f.to), "to is not a date", f.to);
    if (!f.root.empty()) fuzz::Check(f.root.size() == 2 && f.root >= "01" && f.root <= "20", "bad root", f.root);
    if (q->bbox) {
      const BoundingBox& b = *q->bbox;
      fuzz::Check(b.min_lat >= -90 && b.max_lat <= 90 && b.min_lat <= b.max_lat, "bbox latitudes");
      (void)b.Contains(0, 0);
    }
    if (q->cursor) {
      const std::optional<PageCursor> again = DecodeCursor(EncodeCursor(*q->cursor));
      fuzz::Check(again && again->date == q->cursor->date && again->event_id == q->cursor->event_id,
                  "cursor does not round-trip");
    }
    // Any stored row, even one whose record is not JSON, is judged without harm.
    StoredEvent row;
    row.sentence = std::string(bytes);
    row.record = std::string(bytes);
    row.source = f.source;
    row.target = f.text;
    (void)PassesLiteralFilter(row, f);
  } else {
    const std::string& m = q.status().message();
    fuzz::Check(!m.empty() && m.size() < 512, "bad error message", m);
  }
  (void)DecodeCursor(bytes);
  (void)IsValidDate(bytes);
  return 0;
}
