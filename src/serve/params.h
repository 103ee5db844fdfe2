// Query parameters of the HTTP API: the event filters of `eventcoder query` (same names), a bounding
// box, page size and the opaque page cursor, validated into an EventFilter. The rules are listed in
// docs/api.md.
//
//   Result<EventQuery> q = ParseEventQuery(request.query, {"limit", "cursor"}, LimitRule{100, 1000});
//   if (!q.ok()) return BadRequest(q.status().message());   // "root must be a CAMEO root from 01 to 20"
//   rows = store.Query(q->filter);                           // then PassesLiteralFilter on each row
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/status.h"
#include "store/merge.h"
#include "store/store.h"

namespace eventcoder {

// minlon,minlat,maxlon,maxlat in degrees; min_lon > max_lon is a box across the antimeridian.
struct BoundingBox {
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
  bool Contains(double lon, double lat) const;
};

// A position in the event list ordered by date, then event_id: the page goes on after it.
struct PageCursor {
  std::string date, event_id;
};

struct EventQuery {
  EventFilter filter;               // filter.limit is always 0: limits apply to merged events
  std::optional<BoundingBox> bbox;  // on the event's location; events without one are left out
  int limit = 0;                    // merged events; 0: all
  std::optional<PageCursor> cursor;
  std::string format;  // the `format` parameter, unchecked
};

struct LimitRule {
  int default_limit = 0;  // 0: all
  int max_limit = 0;      // 0: no maximum
};

// The filter parameters every event endpoint takes.
const std::set<std::string>& FilterParameterNames();

// Validates `params`: the filter parameters plus those in `extra` ("limit", "cursor", "format").
// Unknown or repeated parameters, and invalid values, are an InvalidInput status whose message names
// the parameter. Empty values count as absent.
Result<EventQuery> ParseEventQuery(const std::multimap<std::string, std::string>& params,
                                   const std::set<std::string>& extra, LimitRule limit_rule);

// Store::Query matches actor codes and sentence words with SQL LIKE, where % and _ are wildcards.
// This re-checks a row against the filter's values as plain text (ASCII case-insensitive, as LIKE):
// false when the row only matched through a wildcard.
bool PassesLiteralFilter(const StoredEvent& row, const EventFilter& filter);

std::string EncodeCursor(const PageCursor& cursor);
std::optional<PageCursor> DecodeCursor(std::string_view text);

// YYYY, YYYY-MM or YYYY-MM-DD with a real month and day.
bool IsValidDate(std::string_view s);

}  // namespace eventcoder
