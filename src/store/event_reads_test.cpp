#include "store/event_reads.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "output/event_writer.h"
#include "pipeline/engine.h"

namespace eventcoder {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const Lexicon& SharedLexicon() {
  static const Engine* engine = [] {
    Result<Engine> e = Engine::Load(EngineConfig::Defaults());
    if (!e.ok()) {
      ADD_FAILURE() << e.status().message();
      std::abort();
    }
    return new Engine(std::move(e).value());
  }();
  return engine->lexicon();
}

std::optional<ActorRef> Actor(const std::string& code, uint32_t begin) {
  if (code.empty()) return std::nullopt;
  ActorRef a;
  a.code = code;
  a.country = code.substr(0, 3) == "IGO" ? "" : code.substr(0, 3);
  a.begin = begin;
  a.end = begin + 3;
  return a;
}

// Articles whose events share merge keys across articles and days: chains of consecutive days, gaps,
// partial and missing dates, claims and denials, places with and without coordinates. Fixed seed.
std::vector<Document> GeneratedArticles(int count) {
  std::mt19937 rng(20240301);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* sources[] = {"RUS", "RUSMIL", "UKR", "UKRGOV", "IGOUNO", ""};
  const char* targets[] = {"UKR", "UKRCVL", "RUS", ""};
  const char* cameos[] = {"190", "193", "195", "111", "112", "042", "051", "0831"};
  const char* hosts[] = {"https://www.one.example/a/", "https://two.example/b/", "https://one.example/c/", ""};
  std::vector<Document> docs;
  for (int i = 0; i < count; ++i) {
    Document d;
    d.id = "article" + std::to_string(1000 + i);
    d.path = d.id + ".txt";
    if (std::string host = hosts[pick(4)]; !host.empty()) d.url = host + std::to_string(i);
    const int sentences = 1 + pick(3);
    for (int s = 0; s < sentences; ++s) {
      Sentence sen;
      sen.begin = static_cast<uint32_t>(d.text.size());
      const bool odd = pick(5) == 0;  // words with LIKE's wildcard characters in them
      d.text += "Sentence " + std::to_string(s) + (odd ? " with 50% of the_city shelled" : " of a report") + ".";
      sen.end = static_cast<uint32_t>(d.text.size());
      d.text += " ";
      d.sentences.push_back(sen);
      const int events = pick(4);
      for (int k = 0; k < events; ++k) {
        Event e;
        e.sentence_index = s;
        e.source = Actor(sources[pick(6)], static_cast<uint32_t>(k));
        e.target = Actor(targets[pick(4)], static_cast<uint32_t>(10 + k));
        e.cameo = cameos[pick(8)];
        e.trigger = "shelled";
        e.trigger_begin = static_cast<uint32_t>(k);
        e.trigger_end = static_cast<uint32_t>(k + 2);
        if (pick(6) == 0) e.claimed_by = Actor(pick(2) ? "UKR" : "RUS", 20);
        e.negated = pick(8) == 0;
        const int when = pick(20);
        if (when < 16) e.date = PartialDate{2024, 3, 1 + pick(9) * (pick(4) == 0 ? 3 : 1)};
        else if (when < 18) e.date = PartialDate{2024, 3, 0};
        // else: no date
        if (const int where = pick(4); where > 0) {
          Location loc;
          loc.name = where == 1 ? "Kharkiv" : where == 2 ? "Kyiv" : "Odesa";
          loc.country = "UKR";
          loc.lat = where == 1 ? 49.98 : where == 2 ? 50.45 : 46.48;
          loc.lon = where == 1 ? 36.25 : where == 2 ? 30.52 : 30.72;
          loc.precision = "city";
          e.location = loc;
        }
        e.confidence = 0.5 + 0.1 * pick(5);
        d.events.push_back(e);
      }
    }
    docs.push_back(std::move(d));
  }
  return docs;
}

class EventReadsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = new std::string(
        (fs::temp_directory_path() / ("event_reads_test_" + std::to_string(::getpid()) + ".db")).string());
    Remove();
    docs_ = new std::vector<Document>(GeneratedArticles(160));
    Result<Store> s = Store::Open(*path_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    std::vector<ArticleRecord> batch;
    for (const Document& d : *docs_) batch.push_back(MakeArticleRecord(d, SharedLexicon()));
    ASSERT_TRUE(s->PutArticles(batch).ok());
  }
  static void TearDownTestSuite() {
    Remove();
    delete docs_;
    delete path_;
  }
  static void Remove() {
    for (const char* sfx : {"", "-wal", "-shm"}) fs::remove(*path_ + sfx);
  }
  static Store Open() {
    Result<Store> s = Store::Open(*path_);
    EXPECT_TRUE(s.ok()) << s.status().message();
    return std::move(s).value();
  }

  // What the reads replace: every matching mention merged in memory (MergeMentions order).
  static std::vector<MergedEvent> Reference(const Store& s, const EventFilter& f,
                                            const std::function<bool(double, double)>& within) {
    Result<std::vector<StoredEvent>> rows = s.Query(f);
    EXPECT_TRUE(rows.ok());
    std::vector<MergedEvent> all = MergeMentions(rows.value());
    std::erase_if(all, [&](const MergedEvent& e) { return within && (!e.has_location || !within(e.lon, e.lat)); });
    return all;
  }
  static std::string Id(const MergedEvent& e) { return e.record.value("event_id", std::string()); }
  static std::vector<std::string> Dumps(const std::vector<MergedEvent>& events) {
    std::vector<std::string> out;
    for (const MergedEvent& e : events) out.push_back(e.record.dump());
    return out;
  }

  struct Case {
    std::string name;
    EventFilter filter;
    std::function<bool(double, double)> within;
  };
  static std::vector<Case> Cases() {
    std::vector<Case> cases;
    auto add = [&](const std::string& name, auto set) {
      Case c;
      c.name = name;
      set(c);
      cases.push_back(std::move(c));
    };
    add("all", [](Case&) {});
    add("root 19", [](Case& c) { c.filter.root = "19"; });
    add("code 19", [](Case& c) { c.filter.code = "19"; });  // a code filter splits merged events
    add("code 193", [](Case& c) { c.filter.code = "193"; });
    add("quad 4", [](Case& c) { c.filter.quad = 4; });
    add("source RUS", [](Case& c) { c.filter.source = "RUS"; });
    add("target UKR", [](Case& c) { c.filter.target = "UKR"; });
    add("actor IGO", [](Case& c) { c.filter.actor = "IGO"; });
    add("claimed_by UKR", [](Case& c) { c.filter.claimed_by = "UKR"; });
    add("negated", [](Case& c) { c.filter.negated = true; });
    add("asserted", [](Case& c) { c.filter.negated = false; });
    add("place kyiv", [](Case& c) { c.filter.place = "kyiv"; });
    add("from 03-04", [](Case& c) { c.filter.from = "2024-03-04"; });  // cuts chains at the first day
    add("to 03-05", [](Case& c) { c.filter.to = "2024-03-05"; });
    add("month", [](Case& c) { c.filter.from = "2024-03"; c.filter.to = "2024-03"; });
    add("text wildcard", [](Case& c) { c.filter.text = "50%"; });
    add("text literal", [](Case& c) { c.filter.text = "50% of the_"; c.filter.literal = true; });
    add("text literal no match", [](Case& c) { c.filter.text = "Sentence_0"; c.filter.literal = true; });
    add("source literal %", [](Case& c) { c.filter.source = "%"; c.filter.literal = true; });
    add("source wildcard %", [](Case& c) { c.filter.source = "R%"; });
    add("bbox kharkiv", [](Case& c) { c.within = [](double lon, double lat) { return lon > 36 && lat > 49; }; });
    add("root 19 near kyiv", [](Case& c) {
      c.filter.root = "19";
      c.within = [](double lon, double) { return lon < 31; };
    });
    return cases;
  }

  static std::string* path_;
  static std::vector<Document>* docs_;
};
std::string* EventReadsTest::path_ = nullptr;
std::vector<Document>* EventReadsTest::docs_ = nullptr;

TEST_F(EventReadsTest, TheDataMergesMentionsAcrossArticlesAndDays) {
  Store s = Open();
  const std::vector<MergedEvent> all = Reference(s, {}, nullptr);
  int merged = 0, across_articles = 0;
  for (const MergedEvent& e : all) {
    merged += e.num_mentions > 1;
    across_articles += e.num_articles > 1;
  }
  EXPECT_GT(s.CountEvents(), 300);
  EXPECT_GT(merged, 10) << "the test data must exercise merging";
  EXPECT_GT(across_articles, 10);
  // Events span days: filtering mentions by date is not filtering the merged events by date.
  EventFilter from;
  from.from = "2024-03-04";
  std::vector<std::string> later, cut;
  for (const MergedEvent& e : all)
    if (e.date >= "2024-03-04") later.push_back(e.record.dump());
  for (const MergedEvent& e : Reference(s, from, nullptr)) cut.push_back(e.record.dump());
  EXPECT_NE(later, cut);
}

TEST_F(EventReadsTest, PagesByDateThenIdAreTheInMemoryMergeSortedAndCut) {
  Store s = Open();
  for (const Case& c : Cases()) {
    std::vector<MergedEvent> want = Reference(s, c.filter, c.within);
    std::stable_sort(want.begin(), want.end(), [](const MergedEvent& a, const MergedEvent& b) {
      return std::make_pair(a.date, Id(a)) < std::make_pair(b.date, Id(b));
    });
    for (int limit : {1, 3, 7, 50, 1000, 0}) {
      EventPageRequest req;
      req.filter = c.filter;
      req.within = c.within;
      req.order = EventOrder::kDateThenId;
      req.limit = limit;
      std::vector<MergedEvent> got;
      for (int pages = 0; pages < 1000; ++pages) {
        Result<EventPage> page = ReadEventPage(s, req);
        ASSERT_TRUE(page.ok()) << page.status().message();
        if (limit > 0) {
          ASSERT_LE(page->events.size(), static_cast<size_t>(limit));
        }
        for (MergedEvent& e : page->events) got.push_back(std::move(e));
        if (!page->more) break;
        ASSERT_FALSE(got.empty());
        req.after = PageAfter{got.back().date, Id(got.back())};
      }
      EXPECT_EQ(Dumps(got), Dumps(want)) << c.name << ", limit " << limit;
    }
  }
}

TEST_F(EventReadsTest, FirstEventsInMergeOrderAreTheInMemoryMergeCut) {
  Store s = Open();
  for (const Case& c : Cases()) {
    const std::vector<MergedEvent> all = Reference(s, c.filter, c.within);
    for (int limit : {1, 5, 40, 100000}) {
      EventPageRequest req;
      req.filter = c.filter;
      req.within = c.within;
      req.order = EventOrder::kDateThenKey;
      req.limit = limit;
      Result<EventPage> page = ReadEventPage(s, req);
      ASSERT_TRUE(page.ok()) << page.status().message();
      std::vector<MergedEvent> want(all.begin(), all.begin() + std::min(all.size(), static_cast<size_t>(limit)));
      EXPECT_EQ(Dumps(page->events), Dumps(want)) << c.name << ", limit " << limit;
      EXPECT_EQ(page->more, all.size() > static_cast<size_t>(limit)) << c.name;
    }
  }
}

TEST_F(EventReadsTest, StatsAreTheSummaryOfTheInMemoryMerge) {
  Store s = Open();
  for (const Case& c : Cases()) {
    const EventStats want = Summarize(Reference(s, c.filter, c.within));
    Result<EventStats> got = ReadEventStats(s, c.filter, c.within);
    ASSERT_TRUE(got.ok()) << got.status().message();
    EXPECT_EQ(got->events, want.events) << c.name;
    EXPECT_EQ(got->mentions, want.mentions) << c.name;
    EXPECT_EQ(got->by_day, want.by_day) << c.name;
    EXPECT_EQ(got->by_root, want.by_root) << c.name;
    EXPECT_EQ(got->by_quad, want.by_quad) << c.name;
    EXPECT_EQ(got->by_pair, want.by_pair) << c.name;
  }
}

TEST_F(EventReadsTest, EveryMentionsIdFindsTheMergedEventHoldingIt) {
  Store s = Open();
  std::map<std::string, std::string> merged;  // dump → itself, to look events up
  for (const MergedEvent& e : Reference(s, {}, nullptr)) merged[e.record.dump()] = Id(e);
  Result<std::vector<StoredEvent>> rows = s.Query({});
  ASSERT_TRUE(rows.ok());
  ASSERT_FALSE(rows->empty());
  for (const StoredEvent& row : rows.value()) {
    Result<std::optional<MergedEvent>> e = ReadEvent(s, row.event_id);
    ASSERT_TRUE(e.ok()) << e.status().message();
    ASSERT_TRUE(e.value().has_value()) << row.event_id;
    const Json& got = e.value()->record;
    EXPECT_TRUE(merged.count(got.dump())) << "not an event of the whole merge: " << row.event_id;
    // The mention is one of the event's.
    const Json mention = Json::parse(row.record);
    bool found = false;
    for (const Json& m : got["mentions"])
      found |= m["article"]["id"] == mention["article"]["id"] && m["sentence_index"] == mention["sentence_index"] &&
               m["spans"] == mention["spans"];
    EXPECT_TRUE(found) << row.event_id;
  }
  Result<std::optional<MergedEvent>> none = ReadEvent(s, "0123456789abcdef");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none.value().has_value());
}

TEST_F(EventReadsTest, ANewArticleJoinsAnEarlierEventOnTheNextRead) {
  // A copy of an earlier article's events one day later, from another outlet: the same merged events.
  const std::string copy = *path_ + ".copy";
  for (const char* sfx : {"", "-wal", "-shm"}) fs::remove(copy + sfx);
  { Store closed = Open(); }  // the last connection to close checkpoints the WAL into the file
  fs::copy_file(*path_, copy);
  {
    Result<Store> s = Store::Open(copy);
    ASSERT_TRUE(s.ok());
    auto with_events = std::find_if(docs_->begin(), docs_->end(), [](const Document& d) { return !d.events.empty(); });
    ASSERT_NE(with_events, docs_->end());
    Document later = *with_events;
    later.id = "later-article";
    later.url = "https://three.example/later";
    for (Event& e : later.events)
      if (e.date.day > 0) e.date.day += 1;
    ASSERT_TRUE(s->PutArticles({MakeArticleRecord(later, SharedLexicon())}).ok());
    EventPageRequest req;
    req.limit = 5;
    std::vector<MergedEvent> got;
    for (;;) {
      Result<EventPage> page = ReadEventPage(s.value(), req);
      ASSERT_TRUE(page.ok());
      for (MergedEvent& e : page->events) got.push_back(std::move(e));
      if (!page->more) break;
      req.after = PageAfter{got.back().date, Id(got.back())};
    }
    std::vector<MergedEvent> want = Reference(s.value(), {}, nullptr);
    std::stable_sort(want.begin(), want.end(), [](const MergedEvent& a, const MergedEvent& b) {
      return std::make_pair(a.date, Id(a)) < std::make_pair(b.date, Id(b));
    });
    EXPECT_EQ(Dumps(got), Dumps(want));
    bool joined = false;
    for (const MergedEvent& e : got)
      for (const Json& m : e.record["mentions"]) joined |= m["article"]["id"] == "later-article" && e.num_articles > 1;
    EXPECT_TRUE(joined);
  }
  for (const char* sfx : {"", "-wal", "-shm"}) fs::remove(copy + sfx);
}

TEST_F(EventReadsTest, MigrationFromVersion4AddsTheIndexes) {
  fs::path copy = fs::path(*path_ + ".v4");
  for (const char* sfx : {"", "-wal", "-shm"}) fs::remove(copy.string() + sfx);
  { Store closed = Open(); }  // the last connection to close checkpoints the WAL into the file
  fs::copy_file(*path_, copy);
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(copy.string().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "DROP INDEX events_order; DROP INDEX events_merge; PRAGMA user_version=4;", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  {
    Result<Store> s = Store::Open(copy.string());
    ASSERT_TRUE(s.ok()) << s.status().message();
    EventPageRequest req;
    req.limit = 10;
    Store original = Open();
    Result<EventPage> a = ReadEventPage(s.value(), req), b = ReadEventPage(original, req);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(Dumps(a->events), Dumps(b->events));
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(copy.string().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN "
                               "('events_order', 'events_merge')), (SELECT user_version FROM pragma_user_version)",
                               -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 2);
  EXPECT_EQ(sqlite3_column_int(st, 1), 5);
  sqlite3_finalize(st);
  sqlite3_close(db);
  for (const char* sfx : {"", "-wal", "-shm"}) fs::remove(copy.string() + sfx);
}

TEST_F(EventReadsTest, PageReadsUseTheIndexes) {
  // The expressions of the queries must be those of the indexes, or every page scans the table.
  Store s = Open();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_->c_str(), &db), SQLITE_OK);
  auto plan = [&](const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    std::string out;
    while (sqlite3_step(st) == SQLITE_ROW)
      out += std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 3))) + "\n";
    sqlite3_finalize(st);
    return out;
  };
  const std::string from =
      " FROM events e JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_index WHERE 1";
  const std::string from_by_date =
      " FROM events e INDEXED BY events_order JOIN sentences s ON s.article_id = e.article_id AND s.idx = "
      "e.sentence_index WHERE 1";
  const std::string key =
      " AND coalesce(e.source_code, '') = ? AND coalesce(e.target_code, '') = ? AND e.root = ?"
      " AND coalesce(e.location_name, '') = ? AND coalesce(e.claimed_by_code, '') = ? AND e.negated = ?";
  const std::string light =
      "SELECT e.rowid, coalesce(e.date, ''), e.event_id, coalesce(e.source_code, ''), coalesce(e.target_code, ''), "
      "e.root, coalesce(e.location_name, ''), coalesce(e.claimed_by_code, ''), e.negated, e.lat, e.lon";
  // A page walks events_order alone, with any filter but text.
  std::string p = plan(light + from_by_date +
                       " AND e.root = ? AND e.quad_class = ? AND (e.source_code LIKE ? || '%' OR e.source_country = ?)"
                       " ORDER BY coalesce(e.date, ''), e.article_id, e.sentence_index, e.event_id");
  EXPECT_NE(p.find("COVERING INDEX events_order"), std::string::npos) << p;
  EXPECT_EQ(p.find("TEMP B-TREE"), std::string::npos) << p;
  // The mention before another of its key is one seek.
  const std::string from_by_key =
      " FROM events e INDEXED BY events_merge JOIN sentences s ON s.article_id = e.article_id AND s.idx = "
      "e.sentence_index WHERE 1";
  p = plan("SELECT coalesce(e.date, '')" + from_by_key + " AND e.quad_class = ?" + key +
           " AND coalesce(e.date, '') < ? ORDER BY coalesce(e.date, '') DESC LIMIT 1");
  EXPECT_NE(p.find("COVERING INDEX events_merge"), std::string::npos) << p;
  // Stats read events_merge alone, in its order (at most sorting within runs of one key).
  p = plan(light +
           ", coalesce(e.quad_class, 0), coalesce(nullif(e.source_country, ''), nullif(e.source_code, ''), '-'), "
           "coalesce(nullif(e.target_country, ''), nullif(e.target_code, ''), '-')" +
           from + " AND e.negated = ? AND e.cameo LIKE ? || '%'" +
           " ORDER BY coalesce(e.source_code, ''), coalesce(e.target_code, ''), e.root, "
           "coalesce(e.location_name, ''), coalesce(e.claimed_by_code, ''), e.negated, coalesce(e.date, ''), "
           "e.article_id, e.sentence_index, e.event_id");
  EXPECT_NE(p.find("COVERING INDEX events_merge"), std::string::npos) << p;
  EXPECT_EQ(p.find("TEMP B-TREE FOR ORDER BY"), std::string::npos) << p;
  p = plan("SELECT e.rowid" + from + " AND e.event_id = ?");
  EXPECT_NE(p.find("sqlite_autoindex_events_1"), std::string::npos) << p;
  sqlite3_close(db);
}

TEST_F(EventReadsTest, ReadsPastTheirDeadlineFailAndSayWhy) {
  Store s = Open();
  s.SetDeadline(std::chrono::steady_clock::now() - std::chrono::seconds(1));
  EXPECT_TRUE(s.DeadlinePassed());
  // The progress handler stops a statement already running (Query checks nothing itself).
  Result<std::vector<StoredEvent>> rows = s.Query({});
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("deadline"), std::string::npos) << rows.status().message();
  EventPageRequest req;
  req.limit = 10;
  Result<EventPage> page = ReadEventPage(s, req);
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.status().message().find("deadline"), std::string::npos);
  EXPECT_FALSE(ReadEventStats(s, {}).ok());
  EXPECT_FALSE(ReadEvent(s, "0123").ok());
  // A deadline far ahead lets them run; clearing it too.
  s.SetDeadline(std::chrono::steady_clock::now() + std::chrono::hours(1));
  EXPECT_FALSE(s.DeadlinePassed());
  EXPECT_TRUE(ReadEventPage(s, req).ok());
  s.ClearDeadline();
  EXPECT_TRUE(s.Query({}).ok());
}

}  // namespace
}  // namespace eventcoder
