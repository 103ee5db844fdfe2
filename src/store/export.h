// Export of merged events in the formats `eventcoder query --format` prints and the HTTP API's
// /api/export returns: the same bytes from both.
//
//   std::optional<EventFormat> f = ParseEventFormat("geojson");
//   WriteEvents(std::cout, MergeMentions(rows), *f);
//
// Formats (columns and fields: docs/store.md):
//   table    a readable table, one event a line (sentence cut to 90 bytes)
//   jsonl    one merged event record a line (shared/design/event-schema.md, "Stored events")
//   csv      event_id,date,source,cameo,target,place,lat,lon,claimed_by,negated,num_mentions,num_sources,
//            num_articles,sentence — RFC 4180 quoting
//   geojson  one FeatureCollection; events with a location as points, the record as properties
//   gdelt    GDELT 1.0-style tab-separated values with a header line
// Invalid UTF-8 in stored text is written as U+FFFD in JSON formats; nothing throws.
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "store/merge.h"

namespace eventcoder {

enum class EventFormat { kTable, kJsonl, kCsv, kGeoJson, kGdelt };

// "table", "jsonl", "csv", "geojson" or "gdelt"; nullopt for anything else.
std::optional<EventFormat> ParseEventFormat(std::string_view name);

// The media type of a format ("text/csv; charset=utf-8", "application/geo+json", …).
std::string EventFormatMediaType(EventFormat format);

void WriteEvents(std::ostream& out, const std::vector<MergedEvent>& events, EventFormat format);

// A CSV field, quoted when it holds a comma, a quote or a line break.
std::string CsvCell(const std::string& s);

}  // namespace eventcoder
