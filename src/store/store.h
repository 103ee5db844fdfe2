// Store: the embedded event database (SQLite, WAL, schema versioned by PRAGMA user_version).
//
//   Result<Store> db = Store::Open("events.db");
//   Status st = db->PutArticles(batch);          // whole articles in one transaction, or nothing
//   Result<std::vector<StoredEvent>> ev = db->Query(filter);
//
// Articles are keyed by a hash of their bytes, so storing the same article twice stores it once.
// Schema: docs/store.md.
// Thread-safety: one Store per thread; SQLite in WAL mode lets readers run while one writer writes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "lexicon/lexicon.h"

struct sqlite3;

namespace eventcoder {

// A coded article ready to store: the document and each event's JSON record (as `code` prints it).
struct ArticleRecord {
  const Document* doc = nullptr;
  std::vector<std::string> event_json;  // parallel to doc->events
  std::string coder_version, dictionaries;
  const Lexicon* lexicon = nullptr;   // for quad class, Goldstein and PLOVER columns
};

struct EventFilter {
  std::string from, to;            // dates, inclusive, compared as text (YYYY[-MM[-DD]])
  std::string source, target, actor;  // actor code prefix or country
  std::string code;                // CAMEO prefix
  std::string root;
  int quad = 0;
  std::string plover;
  std::string place;               // location name
  std::string claimed_by;
  std::optional<bool> negated;
  std::string text;                // words in the sentence
  int limit = 0;                   // 0 = no limit
};

struct StoredEvent {
  std::string event_id, article_id, record;  // record: the JSON line
  std::string date, source, target, cameo, place, claimed_by, sentence;
  double lat = 0, lon = 0;
  bool has_location = false;
};

class Store {
 public:
  static Result<Store> Open(const std::string& path);
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  bool HasArticle(const std::string& id) const;
  Status PutArticles(const std::vector<ArticleRecord>& batch);
  Result<std::vector<StoredEvent>> Query(const EventFilter& filter) const;
  int64_t CountArticles() const;
  int64_t CountEvents() const;
  static int SchemaVersion();

 private:
  Store() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace eventcoder
