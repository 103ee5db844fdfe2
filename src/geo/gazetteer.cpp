#include "geo/gazetteer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>

#include "base/hash.h"
#include "geo/internal/name_fold.h"
#include "lexicon/dictionary_file.h"

namespace eventcoder {
namespace {

using geo_internal::CodePointCount;
using geo_internal::FoldName;
using geo_internal::IsLatinName;

constexpr size_t kGeoNamesColumns = 19;
constexpr size_t kMinAlternateLength = 3;  // code points

// Resolve's score: log10(population + 1) plus these bonuses (in orders of magnitude of population).
// Checked against the real file: Moscow, Paris, Tripoli, Dublin are the capitals; Kapan is Armenia's;
// Goris is Goris, Armenia (not Gori, whose alternates list "Goris"); Florence, Geneva, Naples are
// Firenze, Genève, Napoli (not the US county seats named after them); Victoria is Victoria, Canada
// (not Hong Kong, whose alternates list it).
constexpr double kCapitalBonus = 2.0;        // PPLC, PPLG
constexpr double kAdmin1Bonus = 1.0;         // PPLA (and a capital matched only by an alternate name)
constexpr double kAdmin2Bonus = 0.25;        // PPLA2 (every US county seat is one: a weak signal)
constexpr double kAdminLowerBonus = 0.1;     // PPLA3, PPLA4, PPLA5
// PPLX (a section of a city), PPLH / PPLQ / PPLW (historical, abandoned, destroyed).
constexpr double kLesserPlacePenalty = 1.0;
// Only an alternate name matched: alternates mix foreign forms and historical names with English
// exonyms, so they count, but less than a place's own name.
constexpr double kAlternatePenalty = 1.5;

// How far a GeoNames town may lie from our district or town entry of the same name and still be
// taken for its seat (places.txt coordinates are rounded to 0.01°, about 1 km).
constexpr double kSeatRadiusKm = 10.0;

// Great-circle distance (haversine).
double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad;
  double dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

Status ReadWholeFile(const std::string& path, std::string* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    int err = errno;
    std::string message = path + ": cannot open: " + std::strerror(err);
    return err == ENOENT ? NotFound(message) : IoError(message);
  }
  out->clear();
  std::array<char, 1 << 16> buf;
  size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) out->append(buf.data(), n);
  bool failed = std::ferror(f) != 0;
  int err = errno;
  std::fclose(f);
  if (failed) return IoError(path + ": read error: " + std::strerror(err));
  return Status::Ok();
}

// "dictionaries/places.txt" for a file inside a dictionaries/ folder (as users see it), else the path.
std::string DisplayName(const std::string& path) {
  std::filesystem::path p(path);
  if (p.parent_path().filename() == "dictionaries") return "dictionaries/" + p.filename().string();
  return path;
}

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool ParseDouble(std::string_view s, double* out) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(*out);
}

bool ValidLatLon(double lat, double lon) { return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180; }

// IATA/ICAO-style codes among GeoNames alternates ("MOW" for Moscow): all capitals, at most 4 letters.
bool LooksLikeCode(std::string_view alt) {
  if (alt.size() > 4) return false;
  for (char c : alt)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

bool IsAlpha3(std::string_view s) {
  if (s.size() != 3) return false;
  for (char c : s)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

Result<std::unordered_map<std::string, std::string>> LoadAlpha2To3(const std::string& path) {
  std::string text;
  EVENTCODER_RETURN_IF_ERROR(ReadWholeFile(path, &text));
  nlohmann::json root = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) return InvalidInput(path + ": not valid JSON");
  auto list = root.find("3166-1");
  if (list == root.end() || !list->is_array()) return InvalidInput(path + ": no \"3166-1\" list");
  std::unordered_map<std::string, std::string> out;
  for (const nlohmann::json& c : *list) {
    if (!c.is_object()) continue;
    auto a2 = c.find("alpha_2");
    auto a3 = c.find("alpha_3");
    if (a2 == c.end() || a3 == c.end() || !a2->is_string() || !a3->is_string()) continue;
    out.emplace(a2->get<std::string>(), a3->get<std::string>());
  }
  if (out.empty()) return InvalidInput(path + ": no country codes");
  // Kosovo has no ISO 3166-1 entry; GeoNames uses "XK" and news data "XKX" (as dictionaries/countries.txt).
  out.emplace("XK", "XKX");
  return out;
}

// Splits a GeoNames line into its columns; false when the count is wrong.
bool SplitColumns(std::string_view line, std::array<std::string_view, kGeoNamesColumns>* cols) {
  size_t n = 0;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      if (n == kGeoNamesColumns) return false;
      (*cols)[n++] = line.substr(start, i - start);
      start = i + 1;
    }
  }
  return n == kGeoNamesColumns;
}

struct OwnType {
  const char* feature_code;
  const char* precision;
};

std::optional<OwnType> PlaceType(std::string_view type) {
  if (type == "region") return OwnType{"REGION", "region"};
  if (type == "district") return OwnType{"DISTRICT", "region"};
  if (type == "sea") return OwnType{"SEA", "region"};
  if (type == "country") return OwnType{"COUNTRY", "country"};
  if (type == "city" || type == "town" || type == "village") return OwnType{"PPL", "city"};
  return std::nullopt;
}

// One value of a keyed field, or an error when the field is repeated with several values.
Result<std::optional<std::string>> SingleValue(const DictLine& dl, std::string_view key, const std::string& where) {
  std::vector<std::string> values = dl.Values(key);
  if (values.empty()) return std::optional<std::string>();
  if (values.size() > 1) return InvalidInput(where + ": '" + std::string(key) + "' takes one value");
  return std::optional<std::string>(values[0]);
}

Result<std::vector<DictLine>> ReadDictionary(const std::string& path, std::vector<std::string>* problems) {
  std::string text;
  EVENTCODER_RETURN_IF_ERROR(ReadWholeFile(path, &text));
  return ParseDictionaryText(text, DisplayName(path), problems);
}

double Score(const Place& p, bool alternate_only) {
  double score = std::log10(static_cast<double>(std::max<int64_t>(p.population, 0)) + 1.0);
  const std::string& f = p.feature_code;
  if (f == "PPLC" || f == "PPLG") {
    score += alternate_only ? kAdmin1Bonus : kCapitalBonus;
  } else if (f == "PPLA") {
    score += kAdmin1Bonus;
  } else if (f == "PPLA2") {
    score += kAdmin2Bonus;
  } else if (f == "PPLA3" || f == "PPLA4" || f == "PPLA5") {
    score += kAdminLowerBonus;
  } else if (f == "PPLX" || f == "PPLH" || f == "PPLQ" || f == "PPLW") {
    score -= kLesserPlacePenalty;
  }
  if (alternate_only) score -= kAlternatePenalty;
  return score;
}

}  // namespace

namespace geo_internal {

// Keys waiting to be sorted into the index.
struct PendingKey {
  uint64_t hash;
  uint32_t begin;    // in the pending arena
  uint32_t length;
  uint32_t posting;  // (place id << 1) | alternate-only
};

class IndexBuilder {
 public:
  // Adds the keys of one place; `alternate` marks keys found only among alternate names.
  // Keys repeated within the place are kept once (a name beats an alternate).
  void BeginPlace(uint32_t id) {
    id_ = id;
    seen_.clear();
  }
  void Add(std::string_view raw, bool alternate) {
    std::string key = FoldName(raw);
    if (key.empty()) return;
    for (const std::string& s : seen_)
      if (s == key) return;  // names come first, so an earlier copy is never worse
    uint32_t begin = static_cast<uint32_t>(arena_.size());
    arena_ += key;
    uint32_t posting = (id_ << 1) | (alternate ? 1u : 0u);
    keys_.push_back(PendingKey{Hash64(key), begin, static_cast<uint32_t>(key.size()), posting});
    seen_.push_back(std::move(key));
  }

  void Build(std::vector<uint64_t>* key_hash, std::vector<uint32_t>* key_begin, std::vector<uint32_t>* posting_begin,
             std::string* key_arena, std::vector<uint32_t>* postings) {
    auto view = [&](const PendingKey& k) { return std::string_view(arena_).substr(k.begin, k.length); };
    std::sort(keys_.begin(), keys_.end(), [&](const PendingKey& a, const PendingKey& b) {
      if (a.hash != b.hash) return a.hash < b.hash;
      int c = view(a).compare(view(b));
      if (c != 0) return c < 0;
      return a.posting < b.posting;
    });
    key_hash->clear();
    key_begin->clear();
    posting_begin->clear();
    key_arena->clear();
    postings->clear();
    for (size_t i = 0; i < keys_.size();) {
      size_t j = i;
      std::string_view key = view(keys_[i]);
      key_hash->push_back(keys_[i].hash);
      key_begin->push_back(static_cast<uint32_t>(key_arena->size()));
      posting_begin->push_back(static_cast<uint32_t>(postings->size()));
      key_arena->append(key);
      uint32_t last_id = std::numeric_limits<uint32_t>::max();
      for (; j < keys_.size() && keys_[j].hash == keys_[i].hash && view(keys_[j]) == key; ++j) {
        uint32_t id = keys_[j].posting >> 1;
        if (id == last_id) continue;  // sorted: the name entry (flag 0) of this id came first
        postings->push_back(keys_[j].posting);
        last_id = id;
      }
      i = j;
    }
    key_begin->push_back(static_cast<uint32_t>(key_arena->size()));
    posting_begin->push_back(static_cast<uint32_t>(postings->size()));
    key_hash->shrink_to_fit();
    key_begin->shrink_to_fit();
    posting_begin->shrink_to_fit();
    key_arena->shrink_to_fit();
    postings->shrink_to_fit();
    std::vector<PendingKey>().swap(keys_);
    std::string().swap(arena_);
  }

 private:
  uint32_t id_ = 0;
  std::vector<std::string> seen_;
  std::vector<PendingKey> keys_;
  std::string arena_;
};

}  // namespace geo_internal

std::string Gazetteer::FoldKey(std::string_view name) { return FoldName(name); }

Result<Gazetteer> Gazetteer::Load(const GazetteerPaths& paths) {
  if (paths.cities.empty()) return InvalidInput("gazetteer: no cities file given");
  if (paths.iso3166.empty()) return InvalidInput("gazetteer: no ISO 3166-1 file given");
  Result<std::unordered_map<std::string, std::string>> alpha3 = LoadAlpha2To3(paths.iso3166);
  if (!alpha3.ok()) return alpha3.status();

  std::string cities;
  EVENTCODER_RETURN_IF_ERROR(ReadWholeFile(paths.cities, &cities));

  // The cache key: the format version, then each source file's path and contents. Unreadable small
  // files are left to the loaders below, which report them.
  std::string cache_path;
  if (!paths.cache_dir.empty()) {
    constexpr uint64_t kCacheFormat = 1;
    uint64_t key = Hash64(cities, Hash64(paths.cities, kCacheFormat));
    for (const std::string* source : {&paths.iso3166, &paths.places, &paths.countries}) {
      std::string text;
      if (!source->empty() && !ReadWholeFile(*source, &text).ok()) text = "\x01unreadable";
      key = Hash64(text, Hash64(*source, key));
    }
    cache_path = CachePath(paths.cache_dir, key);
    Gazetteer cached;
    if (cached.ReadCache(cache_path)) {
      cached.from_cache_ = true;
      return cached;
    }
  }

  Gazetteer g;
  geo_internal::IndexBuilder index;
  EVENTCODER_RETURN_IF_ERROR(g.LoadCities(cities, alpha3.value(), index));
  if (!paths.places.empty()) EVENTCODER_RETURN_IF_ERROR(g.LoadPlaces(paths.places, index));
  if (!paths.countries.empty()) EVENTCODER_RETURN_IF_ERROR(g.LoadCountries(paths.countries, index));
  g.places_.shrink_to_fit();
  index.Build(&g.key_hash_, &g.key_begin_, &g.posting_begin_, &g.key_arena_, &g.postings_);
  if (!cache_path.empty()) g.WriteCache(paths.cache_dir, cache_path);
  return g;
}

// GeoNames cities: one place per line; a malformed line is skipped and counted.
Status Gazetteer::LoadCities(std::string_view text, const std::unordered_map<std::string, std::string>& alpha3,
                             geo_internal::IndexBuilder& index) {
  places_.reserve(std::count(text.begin(), text.end(), '\n') + 1);
  std::array<std::string_view, kGeoNamesColumns> cols;
  std::string_view rest = text;
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    Place p;
    if (!SplitColumns(line, &cols) || !ParseInt(cols[0], &p.geonames_id) || p.geonames_id <= 0 ||
        !ParseDouble(cols[4], &p.lat) || !ParseDouble(cols[5], &p.lon) || !ValidLatLon(p.lat, p.lon) ||
        cols[1].empty() || (!cols[14].empty() && !ParseInt(cols[14], &p.population))) {
      ++skipped_lines_;
      continue;
    }
    p.name = std::string(cols[1]);
    if (auto it = alpha3.find(std::string(cols[8])); it != alpha3.end()) p.country = it->second;
    p.admin1 = std::string(cols[10]);
    p.feature_code = std::string(cols[7]);
    p.precision = "city";
    p.source = "geonames";
    index.BeginPlace(static_cast<uint32_t>(places_.size()));
    index.Add(cols[1], false);
    index.Add(cols[2], false);
    std::string_view alts = cols[3];
    while (!alts.empty()) {
      size_t comma = alts.find(',');
      std::string_view alt = alts.substr(0, comma);
      alts.remove_prefix(comma == std::string_view::npos ? alts.size() : comma + 1);
      if (CodePointCount(alt) < kMinAlternateLength || LooksLikeCode(alt) || !IsLatinName(alt)) continue;
      index.Add(alt, true);
    }
    places_.push_back(std::move(p));
  }
  return Status::Ok();
}

// places.txt: our regions, districts, seas and spellings GeoNames lacks. Any bad field is an error.
Status Gazetteer::LoadPlaces(const std::string& path, geo_internal::IndexBuilder& index) {
  std::vector<std::string> problems;
  Result<std::vector<DictLine>> lines = ReadDictionary(path, &problems);
  if (!lines.ok()) return lines.status();
  if (!problems.empty()) return InvalidInput(problems.front());
  for (const DictLine& dl : lines.value()) {
    const std::string where = dl.Where();
    Place p;
    p.name = dl.first;
    p.source = where;
    Result<std::optional<std::string>> country = SingleValue(dl, "country", where);
    Result<std::optional<std::string>> lat = SingleValue(dl, "lat", where);
    Result<std::optional<std::string>> lon = SingleValue(dl, "lon", where);
    Result<std::optional<std::string>> type = SingleValue(dl, "type", where);
    for (const auto* r : {&country, &lat, &lon, &type})
      if (!r->ok()) return r->status();
    if (country.value()) {
      if (!IsAlpha3(*country.value()))
        return InvalidInput(where + ": country '" + *country.value() + "' is not an alpha-3 code");
      p.country = *country.value();
    }
    if (!lat.value()) return InvalidInput(where + ": missing lat");
    if (!lon.value()) return InvalidInput(where + ": missing lon");
    if (!ParseDouble(*lat.value(), &p.lat) || p.lat < -90 || p.lat > 90)
      return InvalidInput(where + ": lat '" + *lat.value() + "' is not a latitude (-90..90)");
    if (!ParseDouble(*lon.value(), &p.lon) || p.lon < -180 || p.lon > 180)
      return InvalidInput(where + ": lon '" + *lon.value() + "' is not a longitude (-180..180)");
    std::optional<OwnType> t = PlaceType(type.value() ? *type.value() : "region");
    if (!t)
      return InvalidInput(where + ": type '" + *type.value() + "' is not one of region, district, sea, country, city");
    p.feature_code = t->feature_code;
    p.precision = t->precision;
    index.BeginPlace(static_cast<uint32_t>(places_.size()));
    index.Add(dl.first, false);
    for (const std::string& alt : dl.Values("alt")) index.Add(alt, false);
    places_.push_back(std::move(p));
  }
  return Status::Ok();
}

// countries.txt: a country-level place for each entry with a centroid; a territory's `country:`
// is remembered so that the territory and its state match each other as context.
Status Gazetteer::LoadCountries(const std::string& path, geo_internal::IndexBuilder& index) {
  std::vector<std::string> problems;  // format problems are reported by the lexicon's checks
  Result<std::vector<DictLine>> lines = ReadDictionary(path, &problems);
  if (!lines.ok()) return lines.status();
  for (const DictLine& dl : lines.value()) {
    const std::string where = dl.Where();
    const std::string& code = dl.first;
    Result<std::optional<std::string>> state = SingleValue(dl, "country", where);
    if (!state.ok()) return state.status();
    if (state.value()) territory_state_.emplace(code, *state.value());
    std::vector<std::string> centroid = dl.Values("centroid");
    if (centroid.empty() || country_place_.count(code)) continue;
    Place p;
    std::string spec = centroid.size() == 1 ? centroid[0] : std::string();
    std::replace(spec.begin(), spec.end(), ',', ' ');
    std::vector<std::string> numbers = SplitList(spec, ' ');
    if (numbers.size() != 2 || !ParseDouble(numbers[0], &p.lat) || !ParseDouble(numbers[1], &p.lon) ||
        !ValidLatLon(p.lat, p.lon))
      return InvalidInput(where + ": centroid must be 'LAT LON' in degrees (e.g. 'centroid: 40.07 45.04')");
    std::vector<std::string> names = dl.Values("name");
    p.name = names.empty() ? code : names[0];
    p.country = code;
    p.feature_code = state.value() ? "REGION" : "COUNTRY";
    p.precision = state.value() ? "region" : "country";
    p.source = where;
    uint32_t id = static_cast<uint32_t>(places_.size());
    index.BeginPlace(id);
    for (const std::string& n : names) index.Add(n, false);
    country_place_.emplace(code, id);
    places_.push_back(std::move(p));
  }
  return Status::Ok();
}

std::span<const uint32_t> Gazetteer::Postings(std::string_view key) const {
  if (key.empty()) return {};
  uint64_t h = Hash64(key);
  auto it = std::lower_bound(key_hash_.begin(), key_hash_.end(), h);
  for (; it != key_hash_.end() && *it == h; ++it) {
    size_t i = static_cast<size_t>(it - key_hash_.begin());
    std::string_view k = std::string_view(key_arena_).substr(key_begin_[i], key_begin_[i + 1] - key_begin_[i]);
    if (k == key)
      return std::span<const uint32_t>(postings_).subspan(posting_begin_[i], posting_begin_[i + 1] - posting_begin_[i]);
  }
  return {};
}

std::vector<uint32_t> Gazetteer::Lookup(std::string_view name) const {
  std::span<const uint32_t> postings = Postings(FoldKey(name));
  std::vector<uint32_t> ids;
  ids.reserve(postings.size());
  for (uint32_t p : postings) ids.push_back(p >> 1);
  return ids;
}

bool Gazetteer::Contains(std::string_view name) const { return !Postings(FoldKey(name)).empty(); }

bool Gazetteer::InContext(uint32_t id, const std::string& code) const {
  const std::string& country = places_[id].country;
  if (country.empty() || code.empty()) return false;
  if (country == code) return true;
  // A territory (XNK) and the state it lies in (AZE) stand for each other.
  if (auto it = territory_state_.find(code); it != territory_state_.end() && it->second == country) return true;
  if (auto it = territory_state_.find(country); it != territory_state_.end() && it->second == code) return true;
  return false;
}

std::optional<uint32_t> Gazetteer::Resolve(std::string_view name,
                                           std::span<const std::string> context_countries) const {
  std::span<const uint32_t> postings = Postings(FoldKey(name));
  if (postings.empty()) return std::nullopt;
  struct Candidate {
    uint32_t id;
    size_t rank;   // index of the first context country it lies in; context size when none
    bool ours;
    double score;  // GeoNames only
  };
  std::vector<Candidate> candidates;
  candidates.reserve(postings.size());
  for (uint32_t posting : postings) {
    uint32_t id = posting >> 1;
    const Place& p = places_[id];
    size_t rank = context_countries.size();
    for (size_t i = 0; i < context_countries.size(); ++i) {
      if (InContext(id, context_countries[i])) {
        rank = i;
        break;
      }
    }
    bool ours = p.geonames_id == 0;
    candidates.push_back(Candidate{id, rank, ours, ours ? 0.0 : Score(p, (posting & 1) != 0)});
  }
  // (context rank ascending, ours first, score descending); candidates are in id order and the
  // comparison is strict, so ties keep the lower id.
  auto better = [](const Candidate& a, const Candidate& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.ours != b.ours) return a.ours;
    return a.score > b.score;
  };
  const Candidate* best = &candidates[0];
  for (const Candidate& c : candidates)
    if (better(c, *best)) best = &c;

  // A district shares its name with its seat, and places.txt gives the seat's coordinates: when
  // GeoNames holds that town ("Terter" names both Tartar District and the town of Terter), the town
  // is the more precise answer. Likewise for our own spelling of a town GeoNames has.
  const Place& chosen = places_[best->id];
  if (best->ours && (chosen.feature_code == "DISTRICT" || chosen.precision == "city")) {
    const Candidate* seat = nullptr;
    for (const Candidate& c : candidates) {
      const Place& p = places_[c.id];
      if (c.ours || c.rank != best->rank || p.country != chosen.country) continue;
      if (DistanceKm(p.lat, p.lon, chosen.lat, chosen.lon) > kSeatRadiusKm) continue;
      if (seat == nullptr || better(c, *seat)) seat = &c;
    }
    if (seat != nullptr) best = seat;
  }
  return best->id;
}

std::optional<uint32_t> Gazetteer::Country(std::string_view alpha3) const {
  auto it = country_place_.find(std::string(alpha3));
  if (it == country_place_.end()) return std::nullopt;
  return it->second;
}

}  // namespace eventcoder
