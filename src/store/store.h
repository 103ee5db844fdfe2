// Store: the embedded event database (SQLite, WAL, schema versioned by PRAGMA user_version).
//
//   Result<Store> db = Store::Open("events.db");
//   Status st = db->PutArticles(batch);          // whole articles in one transaction, or nothing
//   Result<std::vector<StoredEvent>> ev = db->Query(filter);
//   Result<std::vector<Story>> top = db->Stories(20);  // near-duplicate groups, largest first
//
// Articles are keyed by a hash of their bytes, so storing the same article twice stores it once.
// Near-duplicates (wire copies, lightly edited re-writes, copies with other boilerplate) and re-spun
// articles (the same report paraphrased) form one story: each new article is compared with every stored
// one, across runs, and joins the story of the most similar copy by MinHash (dedup/minhash.h, estimated
// Jaccard >= 0.8), else of the article it re-tells (dedup/respun.h), else starts a story of its own.
// Schema: docs/store.md.
// Thread-safety: one Store per thread; SQLite in WAL mode lets readers run while one writer writes.
#pragma once

#include <chrono>
#include <cstdint>
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
  bool replace = false;               // recode: replace the stored article's sentences and events
  // MinHash signature of doc->text (Sign() from dedup/minhash.h) when the caller has computed it,
  // e.g. on a worker thread; empty (or not 128 values): the store signs the text itself.
  std::vector<uint64_t> minhash;
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
  // Match % and _ in source, target, actor, claimed_by and text as themselves (the HTTP API); false:
  // they are SQL LIKE wildcards (`eventcoder query`).
  bool literal = false;
};

struct StoredEvent {
  std::string event_id, article_id, record;  // record: the JSON line
  std::string date, source, target, cameo, place, claimed_by, sentence;
  double lat = 0, lon = 0;
  bool has_location = false;
};

// A group of near-duplicate articles.
struct Story {
  struct Article {
    std::string id, path, url, title, published;  // empty when unknown
  };
  int64_t id = 0;
  std::string first_article;        // id of the article that started it
  int64_t num_articles = 0;
  std::vector<Article> articles;    // in the order they were stored
};

// The record of a coded article, with each event's JSON line as `eventcoder code` prints it.
ArticleRecord MakeArticleRecord(const Document& doc, const Lexicon& lexicon);

class Store {
 public:
  static Result<Store> Open(const std::string& path);
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  bool HasArticle(const std::string& id) const;
  // Up to `limit` stored articles coded with another coder version or dictionary set than the given one,
  // as Documents holding what `recode` needs (id, path, url, title, published, cleaned text).
  Result<std::vector<Document>> ArticlesToRecode(const std::string& coder_version, const std::string& dictionaries,
                                                 int limit) const;
  Status PutArticles(const std::vector<ArticleRecord>& batch);
  Result<std::vector<StoredEvent>> Query(const EventFilter& filter) const;
  // Stories with most articles first (then oldest first); limit 0 = all.
  Result<std::vector<Story>> Stories(int limit) const;
  int64_t CountArticles() const;
  int64_t CountEvents() const;
  int64_t CountStories() const;
  static int SchemaVersion();

  // Reads and writes still running at `deadline` are interrupted (SQLite's progress handler, checked
  // every few hundred steps of the virtual machine) and fail; DeadlinePassed() then tells a deadline
  // from other failures. The deadline stays until ClearDeadline().
  void SetDeadline(std::chrono::steady_clock::time_point deadline);
  void ClearDeadline();
  bool DeadlinePassed() const;

 private:
  friend class EventReader;  // event_reads.cpp: merged events a page at a time
  struct Deadline;
  struct StoryIndex;  // stored signatures in an LSH index, built on first use
  Store();
  // Inside a write transaction: adds the articles stored since the last call (by this or another
  // process) to the index, signing and grouping those that have no signature or story yet.
  Status SyncStories();
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unique_ptr<StoryIndex> stories_;
  std::unique_ptr<Deadline> deadline_;  // on the heap: SQLite's progress handler holds its address
};

}  // namespace eventcoder
