// The gazetteer's on-disk cache: the places and the key index of a loaded Gazetteer, written as one
// binary file named by a hash of everything it was built from, so that start-up reads it instead of
// parsing and indexing GeoNames again (docs/performance.md).
//
// File layout (little-endian, native sizes; the hash in the name covers the format version, so a
// program reading another layout never opens the file):
//   "ECGAZ\0\0\1" | u64 payload bytes | u64 Hash64(payload) | payload
// The payload holds the places, then the index vectors, then the country maps. A file that is short,
// whose checksum fails or whose payload does not parse exactly is ignored (and rebuilt).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>
#include <unistd.h>

#include "base/hash.h"
#include "geo/gazetteer.h"

namespace eventcoder {
namespace {

// Caches kept besides the one just written.
constexpr size_t kKeptCaches = 3;

constexpr char kMagic[8] = {'E', 'C', 'G', 'A', 'Z', '\0', '\0', '\1'};

class Writer {
 public:
  template <typename T>
  void Pod(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void Str(std::string_view s) {
    Pod(static_cast<uint32_t>(s.size()));
    out.append(s);
  }
  template <typename T>
  void Vec(const std::vector<T>& v) {
    Pod(static_cast<uint64_t>(v.size()));
    out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  bool Pod(T* v) {
    if (in_.size() < sizeof(T)) return false;
    std::memcpy(v, in_.data(), sizeof(T));
    in_.remove_prefix(sizeof(T));
    return true;
  }
  bool Str(std::string* s) {
    uint32_t n = 0;
    if (!Pod(&n) || in_.size() < n) return false;
    s->assign(in_.data(), n);
    in_.remove_prefix(n);
    return true;
  }
  template <typename T>
  bool Vec(std::vector<T>* v) {
    uint64_t n = 0;
    if (!Pod(&n) || n > in_.size() / sizeof(T)) return false;
    v->resize(n);
    std::memcpy(v->data(), in_.data(), n * sizeof(T));
    in_.remove_prefix(n * sizeof(T));
    return true;
  }
  bool done() const { return in_.empty(); }

 private:
  std::string_view in_;
};

bool ReadFile(const std::string& path, std::string* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  out->clear();
  char buf[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  bool ok = std::ferror(f) == 0;
  std::fclose(f);
  return ok;
}

}  // namespace

std::string Gazetteer::CachePath(const std::string& dir, uint64_t key) {
  return dir + "/gazetteer-" + ToHex(key) + ".bin";
}

bool Gazetteer::ReadCache(const std::string& path) {
  std::string file;
  if (!ReadFile(path, &file) || file.size() < 24 || std::memcmp(file.data(), kMagic, 8) != 0) return false;
  uint64_t size = 0, checksum = 0;
  std::memcpy(&size, file.data() + 8, 8);
  std::memcpy(&checksum, file.data() + 16, 8);
  std::string_view payload = std::string_view(file).substr(24);
  if (payload.size() != size || Hash64(payload) != checksum) return false;
  Reader r(payload);
  uint64_t skipped = 0, count = 0;
  if (!r.Pod(&skipped) || !r.Pod(&count) || count > payload.size()) return false;
  std::vector<Place> places(count);
  for (Place& p : places) {
    if (!r.Str(&p.name) || !r.Str(&p.country) || !r.Str(&p.admin1) || !r.Pod(&p.lat) || !r.Pod(&p.lon) ||
        !r.Pod(&p.geonames_id) || !r.Pod(&p.population) || !r.Str(&p.feature_code) || !r.Str(&p.precision) ||
        !r.Str(&p.source))
      return false;
  }
  std::vector<uint64_t> key_hash;
  std::vector<uint32_t> key_begin, posting_begin, postings;
  std::string arena;
  uint64_t arena_size = 0, countries = 0, territories = 0;
  if (!r.Vec(&key_hash) || !r.Vec(&key_begin) || !r.Vec(&posting_begin) || !r.Vec(&postings) || !r.Str(&arena) ||
      !r.Pod(&arena_size) || arena_size != arena.size() || !r.Pod(&countries))
    return false;
  std::unordered_map<std::string, uint32_t> country_place;
  for (uint64_t i = 0; i < countries; ++i) {
    std::string code;
    uint32_t id = 0;
    if (!r.Str(&code) || !r.Pod(&id) || id >= places.size()) return false;
    country_place.emplace(std::move(code), id);
  }
  std::unordered_map<std::string, std::string> territory_state;
  if (!r.Pod(&territories)) return false;
  for (uint64_t i = 0; i < territories; ++i) {
    std::string from, to;
    if (!r.Str(&from) || !r.Str(&to)) return false;
    territory_state.emplace(std::move(from), std::move(to));
  }
  // The index must be whole: one offset more than keys, offsets inside their arrays, ids in range.
  if (!r.done() || key_begin.size() != key_hash.size() + 1 || posting_begin.size() != key_hash.size() + 1 ||
      key_begin.back() != arena.size() || posting_begin.back() != postings.size())
    return false;
  for (uint32_t p : postings)
    if ((p >> 1) >= places.size()) return false;
  places_ = std::move(places);
  skipped_lines_ = skipped;
  key_hash_ = std::move(key_hash);
  key_begin_ = std::move(key_begin);
  posting_begin_ = std::move(posting_begin);
  postings_ = std::move(postings);
  key_arena_ = std::move(arena);
  country_place_ = std::move(country_place);
  territory_state_ = std::move(territory_state);
  return true;
}

void Gazetteer::WriteCache(const std::string& dir, const std::string& path) const {
  Writer w;
  w.Pod(static_cast<uint64_t>(skipped_lines_));
  w.Pod(static_cast<uint64_t>(places_.size()));
  for (const Place& p : places_) {
    w.Str(p.name);
    w.Str(p.country);
    w.Str(p.admin1);
    w.Pod(p.lat);
    w.Pod(p.lon);
    w.Pod(p.geonames_id);
    w.Pod(p.population);
    w.Str(p.feature_code);
    w.Str(p.precision);
    w.Str(p.source);
  }
  w.Vec(key_hash_);
  w.Vec(key_begin_);
  w.Vec(posting_begin_);
  w.Vec(postings_);
  w.Str(key_arena_);
  w.Pod(static_cast<uint64_t>(key_arena_.size()));
  w.Pod(static_cast<uint64_t>(country_place_.size()));
  for (const auto& [code, id] : country_place_) {
    w.Str(code);
    w.Pod(id);
  }
  w.Pod(static_cast<uint64_t>(territory_state_.size()));
  for (const auto& [from, to] : territory_state_) {
    w.Str(from);
    w.Str(to);
  }
  std::string header(kMagic, 8);
  uint64_t size = w.out.size(), checksum = Hash64(w.out);
  header.append(reinterpret_cast<const char*>(&size), 8);
  header.append(reinterpret_cast<const char*>(&checksum), 8);

  // Best effort: a folder that cannot be written (read-only install) only means no cache. The file is
  // written under a name of its own and renamed, so a reader never sees half of it.
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  static std::atomic<unsigned> serial{0};
  std::string tmp = path + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return;
  bool ok = std::fwrite(header.data(), 1, header.size(), f) == header.size() &&
            std::fwrite(w.out.data(), 1, w.out.size(), f) == w.out.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    std::filesystem::remove(tmp, ec);
    return;
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return;
  }
  // Keep the newest few caches besides this one (programs with other dictionaries share the folder),
  // and remove older ones.
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> others;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("gazetteer-", 0) == 0 && name.size() > 4 && name.compare(name.size() - 4, 4, ".bin") == 0 &&
        entry.path().string() != path) {
      std::error_code time_ec;
      others.emplace_back(std::filesystem::last_write_time(entry.path(), time_ec), entry.path());
    }
  }
  std::sort(others.begin(), others.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = kKeptCaches; i < others.size(); ++i) std::filesystem::remove(others[i].second, ec);
}

}  // namespace eventcoder
