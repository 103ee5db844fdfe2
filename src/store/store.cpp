#include "store/store.h"

#include <sqlite3.h>

#include <ctime>

namespace eventcoder {
namespace {

constexpr int kSchemaVersion = 1;

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
};

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

}  // namespace

int Store::SchemaVersion() { return kSchemaVersion; }

Store::Store(Store&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }
Store& Store::operator=(Store&& o) noexcept {
  if (this != &o) {
    if (db_) sqlite3_close(db_);
    db_ = o.db_;
    path_ = std::move(o.path_);
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
    if (st.ok()) st = Exec(s.db_, ("PRAGMA user_version=" + std::to_string(v + 1)).c_str());
    if (!st.ok()) {
      (void)Exec(s.db_, "ROLLBACK");
      return Status(st.code(), path + ": migration to version " + std::to_string(v + 1) + " failed: " + st.message());
    }
    EVENTCODER_RETURN_IF_ERROR(Exec(s.db_, "COMMIT"));
  }
  return s;
}

bool Store::HasArticle(const std::string& id) const {
  Stmt st(db_, "SELECT 1 FROM articles WHERE id = ?");
  st.Text(1, id);
  return st.ok() && sqlite3_step(st.get()) == SQLITE_ROW;
}

Status Store::PutArticles(const std::vector<ArticleRecord>& batch) {
  EVENTCODER_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
  auto fail = [&](const std::string& what) {
    std::string m = what + ": " + sqlite3_errmsg(db_);
    (void)Exec(db_, "ROLLBACK");
    return IoError(path_ + ": " + m);
  };
  Stmt art(db_,
           "INSERT OR IGNORE INTO articles (id, path, url, title, published, dateline_place, dateline_agency, text, "
           "coder_version, dictionaries, num_events, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  Stmt sen(db_, "INSERT OR IGNORE INTO sentences (article_id, idx, text) VALUES (?,?,?)");
  Stmt ev(db_,
          "INSERT OR IGNORE INTO events (event_id, article_id, sentence_index, date, date_precision, cameo, root, "
          "quad_class, goldstein, plover_type, source_code, source_country, target_code, target_country, "
          "claimed_by_code, claimed_by_country, negated, modality, location_name, location_country, lat, lon, "
          "confidence, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  if (!art.ok() || !sen.ok() || !ev.ok()) return fail("prepare");
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
    if (sqlite3_step(art.get()) != SQLITE_DONE) return fail("article " + d.path);
    if (sqlite3_changes(db_) == 0) continue;  // stored before: idempotent
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
  EVENTCODER_RETURN_IF_ERROR(Exec(db_, "COMMIT"));
  return Status::Ok();
}

Result<std::vector<StoredEvent>> Store::Query(const EventFilter& f) const {
  std::string sql =
      "SELECT e.event_id, e.article_id, e.record, coalesce(e.date,''), coalesce(e.source_code,''), "
      "coalesce(e.target_code,''), e.cameo, coalesce(e.location_name,''), coalesce(e.claimed_by_code,''), s.text, "
      "e.lat, e.lon FROM events e JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_index WHERE 1=1";
  std::vector<std::string> args;
  auto add = [&](const std::string& clause, const std::string& value) {
    sql += " AND " + clause;
    args.push_back(value);
  };
  if (!f.from.empty()) add("e.date >= ?", f.from);
  if (!f.to.empty()) {
    add("substr(e.date, 1, length(?)) <= ?", f.to);
    args.push_back(f.to);
  }
  if (!f.source.empty()) {
    add("(e.source_code LIKE ? || '%' OR e.source_country = ?)", f.source);
    args.push_back(f.source);
  }
  if (!f.target.empty()) {
    add("(e.target_code LIKE ? || '%' OR e.target_country = ?)", f.target);
    args.push_back(f.target);
  }
  if (!f.actor.empty()) {
    sql += " AND (e.source_code LIKE ? || '%' OR e.source_country = ? OR e.target_code LIKE ? || '%' OR e.target_country = ?)";
    for (int i = 0; i < 4; ++i) args.push_back(f.actor);
  }
  if (!f.code.empty()) add("e.cameo LIKE ? || '%'", f.code);
  if (!f.root.empty()) add("e.root = ?", f.root.size() == 1 ? "0" + f.root : f.root);
  if (f.quad) add("e.quad_class = ?", std::to_string(f.quad));
  if (!f.plover.empty()) add("e.plover_type = ? COLLATE NOCASE", f.plover);
  if (!f.place.empty()) add("e.location_name = ? COLLATE NOCASE", f.place);
  if (!f.claimed_by.empty()) {
    add("(e.claimed_by_code LIKE ? || '%' OR e.claimed_by_country = ?)", f.claimed_by);
    args.push_back(f.claimed_by);
  }
  if (f.negated) add("e.negated = ?", *f.negated ? "1" : "0");
  if (!f.text.empty()) add("s.text LIKE '%' || ? || '%'", f.text);
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
  if (rc != SQLITE_DONE) return IoError(path_ + ": query: " + sqlite3_errmsg(db_));
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

}  // namespace eventcoder
