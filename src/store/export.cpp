#include "store/export.h"

namespace eventcoder {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void WriteCsv(std::ostream& out, const std::vector<MergedEvent>& events) {
  out << "event_id,date,source,cameo,target,place,lat,lon,claimed_by,negated,num_mentions,num_sources,num_articles,"
         "sentence\n";
  for (const MergedEvent& e : events)
    out << e.record.value("event_id", "") << "," << e.date << "," << CsvCell(e.source) << "," << e.cameo << ","
        << CsvCell(e.target) << "," << CsvCell(e.place) << "," << (e.has_location ? std::to_string(e.lat) : "") << ","
        << (e.has_location ? std::to_string(e.lon) : "") << "," << CsvCell(e.claimed_by) << ","
        << (e.negated ? "true" : "false") << "," << e.num_mentions << "," << e.num_sources << "," << e.num_articles
        << "," << CsvCell(e.record.value("sentence", "")) << "\n";
}

void WriteGeoJson(std::ostream& out, const std::vector<MergedEvent>& events) {
  Json fc;
  fc["type"] = "FeatureCollection";
  fc["features"] = Json::array();
  for (const MergedEvent& e : events) {
    if (!e.has_location) continue;
    Json f;
    f["type"] = "Feature";
    f["geometry"] = {{"type", "Point"}, {"coordinates", {e.lon, e.lat}}};
    f["properties"] = e.record;
    fc["features"].push_back(std::move(f));
  }
  out << Dump(fc) << "\n";
}

void WriteTable(std::ostream& out, const std::vector<MergedEvent>& events) {
  auto pad = [](std::string s, size_t w) {
    return s.size() >= w ? s.substr(0, w) : s + std::string(w - s.size(), ' ');
  };
  out << "date        source       cameo  target       place            claimed by  mentions  sentence\n";
  for (const MergedEvent& e : events)
    out << pad(e.date.empty() ? "-" : e.date, 11) << " " << pad(e.source.empty() ? "-" : e.source, 12) << " "
        << pad((e.negated ? "!" : "") + e.cameo, 6) << " " << pad(e.target.empty() ? "-" : e.target, 12) << " "
        << pad(e.place.empty() ? "-" : e.place, 16) << " " << pad(e.claimed_by.empty() ? "-" : e.claimed_by, 11) << " "
        << pad(std::to_string(e.num_mentions), 9) << " " << e.record.value("sentence", "").substr(0, 90) << "\n";
}

}  // namespace

std::optional<EventFormat> ParseEventFormat(std::string_view name) {
  if (name == "table") return EventFormat::kTable;
  if (name == "jsonl") return EventFormat::kJsonl;
  if (name == "csv") return EventFormat::kCsv;
  if (name == "geojson") return EventFormat::kGeoJson;
  if (name == "gdelt") return EventFormat::kGdelt;
  return std::nullopt;
}

std::string EventFormatMediaType(EventFormat format) {
  switch (format) {
    case EventFormat::kTable:
      return "text/plain; charset=utf-8";
    case EventFormat::kJsonl:
      return "application/x-ndjson";
    case EventFormat::kCsv:
      return "text/csv; charset=utf-8";
    case EventFormat::kGeoJson:
      return "application/geo+json";
    case EventFormat::kGdelt:
      return "text/tab-separated-values; charset=utf-8";
  }
  return "application/octet-stream";
}

std::string CsvCell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

void WriteEvents(std::ostream& out, const std::vector<MergedEvent>& events, EventFormat format) {
  switch (format) {
    case EventFormat::kJsonl:
      for (const MergedEvent& e : events) out << Dump(e.record) << "\n";
      return;
    case EventFormat::kGdelt:
      out << GdeltHeader() << "\n";
      for (const MergedEvent& e : events) out << GdeltRow(e) << "\n";
      return;
    case EventFormat::kCsv:
      WriteCsv(out, events);
      return;
    case EventFormat::kGeoJson:
      WriteGeoJson(out, events);
      return;
    case EventFormat::kTable:
      WriteTable(out, events);
      return;
  }
}

}  // namespace eventcoder
