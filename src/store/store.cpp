#include "store/store.h"

#include "output/event_writer.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <limits>

#include "dedup/minhash.h"
#include "dedup/respun.h"
#include "store/event_reads.h"

namespace eventcoder {
namespace {

constexpr int kSchemaVersion = 5;

const char* kMigrations[] = {
    // version 1
    R"SQL(
CREATE TABLE articles (
  id TEXT PRIMARY KEY,          -- hash of the article's bytes
  path TEXT, url TEXT, title TEXT, published TEXT,
  dateline_place TEXT, dateline_agency TEXT,
  text TEXT NOT NULL,           -- cleaned text the sentences index into
  coder_version TEXT NOT NULL, dictionaries TEXT NOT NULL,
  num_events INTEGER NOT NULL, ingested_at TEXT NOT NULL);
CREATE TABLE sentences (
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY (article_id, idx));
CREATE TABLE events (
  event_id TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  sentence_index INTEGER NOT NULL,
  date TEXT, date_precision TEXT,
  cameo TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER, goldstein REAL, plover_type TEXT,
  source_code TEXT, source_country TEXT, target_code TEXT, target_country TEXT,
  claimed_by_code TEXT, claimed_by_country TEXT,
  negated INTEGER NOT NULL, modality TEXT NOT NULL,
  location_name TEXT, location_country TEXT, lat REAL, lon REAL,
  confidence REAL, record TEXT NOT NULL);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_root ON events(root);
CREATE INDEX events_source ON events(source_country);
CREATE INDEX events_target ON events(target_country);
CREATE INDEX events_article ON events(article_id);
)SQL",
    // version 2: stories of near-duplicate articles. Existing articles are signed and grouped by
    // Store::SyncStories() in the same transaction.
    R"SQL(
CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  first_article TEXT,           -- id of the article that started the story
  num_articles INTEGER NOT NULL DEFAULT 0);
ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id);
ALTER TABLE articles ADD COLUMN minhash BLOB;   -- MinHash signature of text: 128 x 8 bytes, little-endian
CREATE INDEX articles_story ON articles(story_id);
)SQL",
    // version 3: the re-spun signature (dedup/respun.h), a second way into a story for paraphrases.
    // Store::SyncStories() fills it in the same transaction; stored articles keep their stories.
    R"SQL(
ALTER TABLE articles ADD COLUMN respun BLOB;    -- content-word and name signature: EncodeRespun()
)SQL",
    // version 4: views for analysts working in SQL: every mention, every actor, every place.
    R"SQL(
CREATE VIEW mentions AS
  SELECT e.event_id, e.article_id, a.url, a.title, e.sentence_index, s.text AS sentence, e.date, e.cameo, e.root,
         e.source_code, e.target_code, e.claimed_by_code, e.negated, e.modality, e.confidence
  FROM events e JOIN articles a ON a.id = e.article_id
       JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_index;
CREATE VIEW actors AS
  SELECT code, country, sum(as_source) AS as_source, sum(as_target) AS as_target, count(*) AS mentions
  FROM (SELECT source_code AS code, source_country AS country, 1 AS as_source, 0 AS as_target FROM events
        WHERE source_code IS NOT NULL
        UNION ALL
        SELECT target_code, target_country, 0, 1 FROM events WHERE target_code IS NOT NULL)
  GROUP BY code, country;
CREATE VIEW places AS
  SELECT location_name AS name, location_country AS country, lat, lon, count(*) AS mentions
  FROM events WHERE location_name IS NOT NULL GROUP BY location_name, location_country, lat, lon;
)SQL",
    // version 5: indexes for reading merged events a page at a time (event_reads.h). events_order walks
    // the mentions in the order the reads merge them; events_merge finds the mentions of one merge key
    // (MergeKey: source, target, root, place, claimant, negation) by date. Both also hold every column
    // the reads and filters use but the record and the sentence, so that SQLite reads the index alone
    // (a covering index) instead of looking up each row in the table, whose rows are large. The
    // expressions must stay exactly those of the queries in event_reads.cpp, or SQLite does not use
    // the indexes.
    R"SQL(
CREATE INDEX events_order ON events(coalesce(date, ''), article_id, sentence_index, event_id,
  date, source_code, source_country, target_code, target_country, root, cameo, quad_class, plover_type,
  location_name, lat, lon, claimed_by_code, claimed_by_country, negated);
CREATE INDEX events_merge ON events(coalesce(source_code, ''), coalesce(target_code, ''), root,
  coalesce(location_name, ''), coalesce(claimed_by_code, ''), negated, coalesce(date, ''), article_id,
  sentence_index, event_id, date, source_code, source_country, target_code, target_country, cameo, quad_class,
  plover_type, location_name, lat, lon, claimed_by_code, claimed_by_country);
)SQL",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion);

Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown error";
    sqlite3_free(err);
    return IoError("sqlite: " + m);
  }
  return Status::Ok();
}

class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& sql) { ok_ = sqlite3_prepare_v2(db, sql.c_str(), -1, &s_, nullptr) == SQLITE_OK; }
  ~Stmt() { sqlite3_finalize(s_); }
  bool ok() const { return ok_; }
  sqlite3_stmt* get() { return s_; }
  void Text(int i, const std::string& v) { sqlite3_bind_text(s_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
  void TextOrNull(int i, const std::string& v) {
    if (v.empty()) sqlite3_bind_null(s_, i);
    else Text(i, v);
  }
  void Int(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void Blob(int i, const std::string& v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Real(int i, double v) { sqlite3_bind_double(s_, i, v); }
  void Null(int i) { sqlite3_bind_null(s_, i); }

 private:
  sqlite3_stmt* s_ = nullptr;
  bool ok_ = false;
};

std::string Col(sqlite3_stmt* s, int i) {
  const unsigned char* t = sqlite3_column_text(s, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

std::string_view BlobCol(sqlite3_stmt* s, int i) {
  const void* b = sqlite3_column_blob(s, i);
  return b ? std::string_view(static_cast<const char*>(b), static_cast<size_t>(sqlite3_column_bytes(s, i)))
           : std::string_view();
}

// The two signatures of an article, and which of them the articles row still lacks.
struct ArticleSignatures {
  MinHashSignature minhash;
  RespunSignature respun;
  bool write_minhash = false, write_respun = false;
};

// Puts stored articles into stories: the story of the most similar earlier copy (MinHash), else of an
// earlier article it re-tells (re-spun signature), else a new one.
class StoryWriter {
 public:
  StoryWriter(sqlite3* db, NearDuplicateIndex& copies, RespunIndex& respun)
      : db_(db),
        copies_(copies),
        respun_(respun),
        join_(db, "UPDATE stories SET num_articles = num_articles + 1 WHERE id = ?"),
        start_(db, "INSERT INTO stories (first_article, num_articles) VALUES (?, 1)"),
        link_(db,
              "UPDATE articles SET story_id = ?, minhash = coalesce(?, minhash), respun = coalesce(?, respun) "
              "WHERE rowid = ?") {}
  bool ok() const { return join_.ok() && start_.ok() && link_.ok(); }

  // Assigns the article at `rowid` to a story and adds its signatures to the indexes; writes those
  // the row lacks.
  Status Join(int64_t rowid, const std::string& article_id, const ArticleSignatures& sig) {
    int64_t story = 0;
    // Joins `candidate` unless its story row was deleted by hand.
    auto try_join = [&](int64_t candidate) {
      sqlite3_reset(join_.get());
      join_.Int(1, candidate);
      if (sqlite3_step(join_.get()) != SQLITE_DONE) return false;
      if (sqlite3_changes(db_) == 1) story = candidate;
      return true;
    };
    for (const NearDuplicateIndex::Match& m : copies_.Find(sig.minhash, 1))
      if (!try_join(m.id)) return Error("story");
    if (story == 0)
      for (const RespunIndex::Match& m : respun_.Find(sig.respun, 1))
        if (!try_join(m.id)) return Error("story");
    if (story == 0) {
      sqlite3_reset(start_.get());
      start_.Text(1, article_id);
      if (sqlite3_step(start_.get()) != SQLITE_DONE) return Error("story");
      story = sqlite3_last_insert_rowid(db_);
    }
    return Link(rowid, story, sig, /*always=*/true);
  }

  // Keeps the article's story; writes the signatures the row lacks and indexes them.
  Status Keep(int64_t rowid, int64_t story, const ArticleSignatures& sig) {
    return Link(rowid, story, sig, /*always=*/false);
  }

 private:
  Status Link(int64_t rowid, int64_t story, const ArticleSignatures& sig, bool always) {
    if (always || sig.write_minhash || sig.write_respun) {
      sqlite3_reset(link_.get());
      link_.Int(1, story);
      if (sig.write_minhash) link_.Blob(2, EncodeSignature(sig.minhash));
      else link_.Null(2);
      if (sig.write_respun) link_.Blob(3, EncodeRespun(sig.respun));
      else link_.Null(3);
      link_.Int(4, rowid);
      if (sqlite3_step(link_.get()) != SQLITE_DONE) return Error("article story");
    }
    copies_.Insert(story, sig.minhash);
    respun_.Insert(story, sig.respun);
    return Status::Ok();
  }
  Status Error(const std::string& what) const { return IoError(what + ": " + sqlite3_errmsg(db_)); }

  sqlite3* db_;
  NearDuplicateIndex& copies_;
  RespunIndex& respun_;
  Stmt join_, start_, link_;
};

}  // namespace

struct Store::Deadline {
  // steady_clock nanoseconds; the maximum: none.
  std::atomic<int64_t> at{std::numeric_limits<int64_t>::max()};
  static int Check(void* self) {
    const int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::steady_clock::now().time_since_epoch())
                            .count();
    return now > static_cast<Deadline*>(self)->at.load(std::memory_order_relaxed) ? 1 : 0;
  }
};

// Every stored signature of both kinds, under its article's story id; articles up to `last_rowid` are in
// them.
struct Store::StoryIndex {
  NearDuplicateIndex index;
  RespunIndex respun;
  int64_t last_rowid = 0;
};

ArticleRecord MakeArticleRecord(const Document& doc, const Lexicon& lexicon) {
  OutputOptions out;
  ArticleRecord rec;
  rec.doc = &doc;
  rec.coder_version = out.version;
  rec.dictionaries = lexicon.digest();
  rec.lexicon = &lexicon;
  rec.event_json.reserve(doc.events.size());
  for (const Event& e : doc.events) rec.event_json.push_back(EventJson(doc, e, lexicon, out));
  return rec;
}

int Store::SchemaVersion() { return kSchemaVersion; }

Store::Store() = default;
Store::Store(Store&& o) noexcept
    : db_(o.db_), path_(std::move(o.path_)), stories_(std::move(o.stories_)), deadline_(std::move(o.deadline_)) {
  o.db_ = nullptr;
}
Store& Store::operator=(Store&& o) noexcept {
  if (this != &o) {
    if (db_) sqlite3_close(db_);
    db_ = o.db_;
    path_ = std::move(o.path_);
    stories_ = std::move(o.stories_);
    deadline_ = std::move(o.deadline_);
    o.db_ = nullptr;
  }
  return *this;
}
Store::~Store() {
  if (db_) sqlite3_close(db_);
}

Result<Store> Store::Open(const std::string& path) {
  Store s;
  s.path_ = path;
  if (sqlite3_open_v2(path.c_str(), &s.db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string m = s.db_ ? sqlite3_errmsg(s.db_) : "cannot open";
    return IoError(path + ": " + m);
  }
  sqlite3_busy_timeout(s.db_, 10000);
  s.deadline_ = std::make_unique<Deadline>();
  // Every 200 virtual machine steps: a few microseconds apart, so a deadline is kept to well under a
  // millisecond at the cost of a clock read.
  sqlite3_progress_handler(s.db_, 200, &Deadline::Check, s.deadline_.get());
  EVENTCODER_RETURN_IF_ERROR(Exec(s.db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
  int version = 0;
  {
    Stmt st(s.db_, "PRAGMA user_version");
    if (st.ok() && sqlite3_step(st.get()) == SQLITE_ROW) version = sqlite3_column_int(st.get(), 0);
  }
  if (version > kSchemaVersion)
    return Unsupported(path + ": database schema version " + std::to_string(version) + " is newer than this program's " +
                       std::to_string(kSchemaVersion));
  for (int v = version; v < kSchemaVersion; ++v) {
    EVENTCODER_RETURN_IF_ERROR(Exec(s.db_, "BEGIN IMMEDIATE"));
    Status st = Exec(s.db_, kMigrations[v]);
    // The last step signs and groups the articles already stored (from version 2 on, the stories).
    if (st.ok() && v + 1 == kSchemaVersion) st = s.SyncStories();
    if (st.ok()) st = Exec(s.db_, ("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
    if (!st.ok()) {
      (void)Exec(s.db_, "ROLLBACK");
      return Status(st.code(), path + ": migration to version " + std::to_string(v + 1) + " failed: " + st.message());
    }
    EVENTCODER_RETURN_IF_ERROR(Exec(s.db_, "COMMIT"));
  }
  return s;
}

Status Store::SyncStories() {
  if (!stories_) stories_ = std::make_unique<StoryIndex>();
  StoryWriter writer(db_, stories_->index, stories_->respun);
  // The text is read only where a signature must be computed: none stored, or one of another size or
  // format (after a change of the signing: docs/store.md, "Re-signing").
  char format[8];
  std::snprintf(format, sizeof format, "%02X", static_cast<unsigned>(kRespunFormat));
  Stmt scan(db_,
            "SELECT rowid, id, story_id, minhash, respun, CASE WHEN minhash IS NULL OR length(minhash) != " +
                std::to_string(kMinHashSize * 8) + " OR respun IS NULL OR hex(substr(respun, 1, 1)) != '" + format +
                "' THEN text END FROM articles WHERE rowid > ? ORDER BY rowid");
  Stmt text(db_, "SELECT text FROM articles WHERE rowid = ?");
  if (!scan.ok() || !text.ok() || !writer.ok()) return IoError(std::string("stories: ") + sqlite3_errmsg(db_));
  scan.Int(1, stories_->last_rowid);
  // Rows to write are collected first and written after the scan.
  struct Pending {
    int64_t rowid, story;  // story 0: none yet
    std::string id;
    ArticleSignatures sig;
  };
  std::vector<Pending> pending;
  int rc;
  while ((rc = sqlite3_step(scan.get())) == SQLITE_ROW) {
    const int64_t rowid = sqlite3_column_int64(scan.get(), 0);
    const int64_t story = sqlite3_column_int64(scan.get(), 2);  // 0 for NULL
    std::optional<MinHashSignature> minhash = DecodeSignature(BlobCol(scan.get(), 3));
    std::optional<RespunSignature> respun = DecodeRespun(BlobCol(scan.get(), 4));
    std::string body;
    if (!minhash || !respun) {
      body = Col(scan.get(), 5);
      if (sqlite3_column_type(scan.get(), 5) == SQLITE_NULL) {  // a malformed re-spun signature
        sqlite3_reset(text.get());
        text.Int(1, rowid);
        if (sqlite3_step(text.get()) == SQLITE_ROW) body = Col(text.get(), 0);
      }
    }
    ArticleSignatures sig;
    sig.write_minhash = !minhash;
    sig.write_respun = !respun;
    sig.minhash = minhash ? *minhash : Sign(body);
    sig.respun = respun ? std::move(*respun) : SignRespun(body);
    if (story != 0 && !sig.write_minhash && !sig.write_respun) {
      stories_->index.Insert(story, sig.minhash);
      stories_->respun.Insert(story, sig.respun);
    } else {
      pending.push_back(Pending{rowid, story, Col(scan.get(), 1), std::move(sig)});
    }
    stories_->last_rowid = rowid;
  }
  if (rc != SQLITE_DONE) return IoError(std::string("stories: ") + sqlite3_errmsg(db_));
  for (const Pending& p : pending) {
    Status st = p.story != 0 ? writer.Keep(p.rowid, p.story, p.sig) : writer.Join(p.rowid, p.id, p.sig);
    EVENTCODER_RETURN_IF_ERROR(st);
  }
  return Status::Ok();
}

void Store::SetDeadline(std::chrono::steady_clock::time_point deadline) {
  deadline_->at.store(std::chrono::duration_cast<std::chrono::nanoseconds>(deadline.time_since_epoch()).count(),
                      std::memory_order_relaxed);
}

void Store::ClearDeadline() { deadline_->at.store(std::numeric_limits<int64_t>::max(), std::memory_order_relaxed); }

bool Store::DeadlinePassed() const { return Deadline::Check(deadline_.get()) != 0; }

bool Store::HasArticle(const std::string& id) const {
  Stmt st(db_, "SELECT 1 FROM articles WHERE id = ?");
  st.Text(1, id);
  return st.ok() && sqlite3_step(st.get()) == SQLITE_ROW;
}

Status Store::PutArticles(const std::vector<ArticleRecord>& batch) {
  EVENTCODER_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
  // On failure nothing of the batch stays; the story index is dropped too (it may hold stories that
  // were rolled back) and rebuilt by the next call.
  auto abort = [&](const Status& st) {
    (void)Exec(db_, "ROLLBACK");
    stories_.reset();
    return IoError(path_ + ": " + st.message());
  };
  auto fail = [&](const std::string& what) { return abort(IoError(what + ": " + sqlite3_errmsg(db_))); };
  if (Status st = SyncStories(); !st.ok()) return abort(st);
  StoryWriter stories(db_, stories_->index, stories_->respun);
  Stmt art(db_,
           "INSERT OR IGNORE INTO articles (id, path, url, title, published, dateline_place, dateline_agency, text, "
           "coder_version, dictionaries, num_events, ingested_at, minhash, respun) "
           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt sen(db_, "INSERT OR IGNORE INTO sentences (article_id, idx, text) VALUES (?,?,?)");
  Stmt ev(db_,
          "INSERT OR IGNORE INTO events (event_id, article_id, sentence_index, date, date_precision, cameo, root, "
          "quad_class, goldstein, plover_type, source_code, source_country, target_code, target_country, "
          "claimed_by_code, claimed_by_country, negated, modality, location_name, location_country, lat, lon, "
          "confidence, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!art.ok() || !sen.ok() || !ev.ok() || !stories.ok()) return fail("prepare");
  char now[32];
  std::time_t t = std::time(nullptr);
  std::strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  for (const ArticleRecord& rec : batch) {
    const Document& d = *rec.doc;
    sqlite3_reset(art.get());
    art.Text(1, d.id);
    art.Text(2, d.path);
    art.TextOrNull(3, d.url.value_or(""));
    art.TextOrNull(4, d.title.value_or(""));
    art.TextOrNull(5, d.published ? d.published->ToString() : "");
    art.TextOrNull(6, d.dateline_place);
    art.TextOrNull(7, d.dateline_agency);
    art.Text(8, d.text);
    art.Text(9, rec.coder_version);
    art.Text(10, rec.dictionaries);
    art.Int(11, static_cast<int64_t>(d.events.size()));
    art.Text(12, now);
    ArticleSignatures sig;  // both stored with the row
    if (std::optional<MinHashSignature> given = SignatureFromValues(rec.minhash)) sig.minhash = *given;
    else sig.minhash = Sign(d.text);
    sig.respun = SignRespun(d.text);
    art.Blob(13, EncodeSignature(sig.minhash));
    art.Blob(14, EncodeRespun(sig.respun));
    if (sqlite3_step(art.get()) != SQLITE_DONE) return fail("article " + d.path);
    if (sqlite3_changes(db_) == 0) {
      if (!rec.replace) continue;  // stored before: idempotent
      // Recode: the article stays (and stays in its story); its sentences and events are replaced.
      for (const char* sql : {"DELETE FROM events WHERE article_id = ?", "DELETE FROM sentences WHERE article_id = ?"}) {
        Stmt del(db_, sql);
        del.Text(1, d.id);
        if (!del.ok() || sqlite3_step(del.get()) != SQLITE_DONE) return fail("recode " + d.path);
      }
      Stmt upd(db_, "UPDATE articles SET coder_version = ?, dictionaries = ?, num_events = ? WHERE id = ?");
      upd.Text(1, rec.coder_version);
      upd.Text(2, rec.dictionaries);
      upd.Int(3, static_cast<int64_t>(d.events.size()));
      upd.Text(4, d.id);
      if (!upd.ok() || sqlite3_step(upd.get()) != SQLITE_DONE) return fail("recode " + d.path);
    } else {
      const int64_t rowid = sqlite3_last_insert_rowid(db_);
      if (Status st = stories.Join(rowid, d.id, sig); !st.ok()) return abort(st);
      stories_->last_rowid = std::max(stories_->last_rowid, rowid);
    }
    for (size_t i = 0; i < d.sentences.size(); ++i) {
      sqlite3_reset(sen.get());
      sen.Text(1, d.id);
      sen.Int(2, static_cast<int64_t>(i));
      sen.Text(3, std::string(d.SentenceText(i)));
      if (sqlite3_step(sen.get()) != SQLITE_DONE) return fail("sentence");
    }
    for (size_t i = 0; i < d.events.size() && i < rec.event_json.size(); ++i) {
      const Event& e = d.events[i];
      sqlite3_reset(ev.get());
      // The id is the first field of the record: {"event_id":"…"
      const std::string& json = rec.event_json[i];
      size_t q1 = json.find(':'), q2 = json.find('"', q1 + 2);
      ev.Text(1, json.substr(q1 + 2, q2 - q1 - 2));
      ev.Text(2, d.id);
      ev.Int(3, e.sentence_index);
      ev.TextOrNull(4, e.date.valid() ? e.date.ToString() : "");
      ev.TextOrNull(5, e.date.valid() ? e.date.Precision() : "");
      ev.Text(6, e.cameo);
      ev.Text(7, e.cameo.substr(0, 2));
      const CameoCode* cc = rec.lexicon ? rec.lexicon->Cameo(e.cameo) : nullptr;
      if (cc) {
        ev.Int(8, cc->quad_class);
        ev.Real(9, cc->goldstein);
        ev.TextOrNull(10, cc->plover_type);
      } else {
        ev.Null(8);
        ev.Null(9);
        ev.Null(10);
      }
      ev.TextOrNull(11, e.source ? e.source->code : "");
      ev.TextOrNull(12, e.source ? e.source->country : "");
      ev.TextOrNull(13, e.target ? e.target->code : "");
      ev.TextOrNull(14, e.target ? e.target->country : "");
      ev.TextOrNull(15, e.claimed_by ? e.claimed_by->code : "");
      ev.TextOrNull(16, e.claimed_by ? e.claimed_by->country : "");
      ev.Int(17, e.negated ? 1 : 0);
      ev.Text(18, ModalityName(e.modality));
      if (e.location) {
        ev.Text(19, e.location->name);
        ev.TextOrNull(20, e.location->country);
        ev.Real(21, e.location->lat);
        ev.Real(22, e.location->lon);
      } else {
        ev.Null(19);
        ev.Null(20);
        ev.Null(21);
        ev.Null(22);
      }
      ev.Real(23, e.confidence);
      ev.Text(24, json);
      if (sqlite3_step(ev.get()) != SQLITE_DONE) return fail("event");
    }
  }
  if (Status st = Exec(db_, "COMMIT"); !st.ok()) return abort(st);
  return Status::Ok();
}

Result<std::vector<Document>> Store::ArticlesToRecode(const std::string& coder_version, const std::string& dictionaries,
                                                      int limit) const {
  Stmt st(db_,
          "SELECT id, path, coalesce(url, ''), coalesce(title, ''), coalesce(published, ''), text FROM articles "
          "WHERE coder_version <> ? OR dictionaries <> ? ORDER BY rowid LIMIT ?");
  if (!st.ok()) return IoError(path_ + ": " + sqlite3_errmsg(db_));
  st.Text(1, coder_version);
  st.Text(2, dictionaries);
  st.Int(3, limit);
  std::vector<Document> out;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    Document d;
    d.id = Col(st.get(), 0);
    d.path = Col(st.get(), 1);
    if (std::string url = Col(st.get(), 2); !url.empty()) d.url = url;
    if (std::string title = Col(st.get(), 3); !title.empty()) d.title = title;
    if (std::string pub = Col(st.get(), 4); !pub.empty()) d.published = PartialDate::Parse(pub);
    d.text = Col(st.get(), 5);
    out.push_back(std::move(d));
  }
  if (rc != SQLITE_DONE) return IoError(path_ + ": " + sqlite3_errmsg(db_));
  return out;
}

Result<std::vector<StoredEvent>> Store::Query(const EventFilter& f) const {
  std::string sql =
      "SELECT e.event_id, e.article_id, e.record, coalesce(e.date,''), coalesce(e.source_code,''), "
      "coalesce(e.target_code,''), e.cameo, coalesce(e.location_name,''), coalesce(e.claimed_by_code,''), s.text, "
      "e.lat, e.lon FROM events e JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_index WHERE 1";
  std::vector<std::string> args;
  sql += EventFilterSql(f, &args);
  sql += " ORDER BY coalesce(e.date, ''), e.article_id, e.sentence_index, e.event_id";
  if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit);
  Stmt st(db_, sql);
  if (!st.ok()) return IoError(path_ + ": query: " + sqlite3_errmsg(db_));
  for (size_t i = 0; i < args.size(); ++i) st.Text(static_cast<int>(i + 1), args[i]);
  std::vector<StoredEvent> out;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    StoredEvent e;
    e.event_id = Col(st.get(), 0);
    e.article_id = Col(st.get(), 1);
    e.record = Col(st.get(), 2);
    e.date = Col(st.get(), 3);
    e.source = Col(st.get(), 4);
    e.target = Col(st.get(), 5);
    e.cameo = Col(st.get(), 6);
    e.place = Col(st.get(), 7);
    e.claimed_by = Col(st.get(), 8);
    e.sentence = Col(st.get(), 9);
    e.has_location = sqlite3_column_type(st.get(), 10) != SQLITE_NULL;
    e.lat = sqlite3_column_double(st.get(), 10);
    e.lon = sqlite3_column_double(st.get(), 11);
    out.push_back(std::move(e));
  }
  if (rc != SQLITE_DONE) {
    if (DeadlinePassed()) return IoError(path_ + ": query: interrupted: the query ran past its deadline");
    return IoError(path_ + ": query: " + sqlite3_errmsg(db_));
  }
  return out;
}

int64_t Store::CountArticles() const {
  Stmt st(db_, "SELECT count(*) FROM articles");
  return st.ok() && sqlite3_step(st.get()) == SQLITE_ROW ? sqlite3_column_int64(st.get(), 0) : -1;
}

int64_t Store::CountEvents() const {
  Stmt st(db_, "SELECT count(*) FROM events");
  return st.ok() && sqlite3_step(st.get()) == SQLITE_ROW ? sqlite3_column_int64(st.get(), 0) : -1;
}

int64_t Store::CountStories() const {
  Stmt st(db_, "SELECT count(*) FROM stories");
  return st.ok() && sqlite3_step(st.get()) == SQLITE_ROW ? sqlite3_column_int64(st.get(), 0) : -1;
}

Result<std::vector<Story>> Store::Stories(int limit) const {
  Stmt st(db_,
          "SELECT s.id, coalesce(s.first_article, ''), s.num_articles, a.id, coalesce(a.path, ''), "
          "coalesce(a.url, ''), coalesce(a.title, ''), coalesce(a.published, '') "
          "FROM (SELECT id, first_article, num_articles FROM stories ORDER BY num_articles DESC, id LIMIT ?) s "
          "LEFT JOIN articles a ON a.story_id = s.id ORDER BY s.num_articles DESC, s.id, a.rowid");
  if (!st.ok()) return IoError(path_ + ": stories: " + sqlite3_errmsg(db_));
  st.Int(1, limit > 0 ? limit : -1);
  std::vector<Story> out;
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    const int64_t id = sqlite3_column_int64(st.get(), 0);
    if (out.empty() || out.back().id != id) {
      Story s;
      s.id = id;
      s.first_article = Col(st.get(), 1);
      s.num_articles = sqlite3_column_int64(st.get(), 2);
      out.push_back(std::move(s));
    }
    if (sqlite3_column_type(st.get(), 3) == SQLITE_NULL) continue;  // a story whose articles were deleted
    out.back().articles.push_back(Story::Article{Col(st.get(), 3), Col(st.get(), 4), Col(st.get(), 5),
                                                 Col(st.get(), 6), Col(st.get(), 7)});
  }
  if (rc != SQLITE_DONE) return IoError(path_ + ": stories: " + sqlite3_errmsg(db_));
  return out;
}

}  // namespace eventcoder
