#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>

#include "dedup/minhash.h"
#include "dedup/respun.h"
#include "store/store.h"

namespace eventcoder {
namespace {
namespace fs = std::filesystem;

// A wire story (written for these tests) and two re-published copies of it.
const char* kWireBody =
    "NAIROBI (Wire) — Health authorities began a vaccination campaign on Wednesday in four districts hit by a "
    "cholera outbreak that has sickened more than two thousand people since the start of the rainy season, "
    "the health ministry said.\n\n"
    "Mobile teams will visit villages along the lake shore, where most cases were recorded, and clinics in the "
    "district towns will stay open in the evenings for three weeks, the ministry said in a statement. About "
    "four hundred thousand doses arrived at the airport on Monday and were taken north in refrigerated trucks.\n\n"
    "\"The next two weeks are decisive, because the water levels are still rising,\" a senior official told "
    "reporters at a briefing in the capital. She said that the number of new cases per day had fallen slightly "
    "but that several camps for displaced families had no clean water at all.\n\n"
    "Aid groups said they were trucking water to the largest camps and distributing purification tablets, but "
    "that flooded roads had cut off at least a dozen villages. A bridge on the main road to the border collapsed "
    "last week, and supplies now have to travel a longer route through the hills.\n\n"
    "The outbreak is the worst in the region for five years. Doctors said most patients recovered quickly when "
    "treated, but that people in remote areas often arrived at clinics too late.";

// The same story re-told (synonyms, sentences reordered and merged), and another day of the outbreak.
const char* kReSpunBody =
    "A vaccination drive against cholera started on Wednesday in four districts where an outbreak has "
    "made more than two thousand people ill since the rainy season began, according to the health "
    "ministry.\n\nMobile teams are to go from village to village along the lake shore, where most of the "
    "cases have been found, and clinics in the district towns will remain open in the evenings for three "
    "weeks, the ministry said. Some four hundred thousand vaccine doses landed at the airport on Monday "
    "and were driven north in refrigerated trucks.\n\nA senior official speaking at a briefing in the "
    "capital said the coming two weeks would be decisive as water levels were still rising. The number of "
    "new cases a day had dropped slightly, she said, but several camps for displaced families had no "
    "clean water at all.\n\nFlooded roads have cut off at least a dozen villages, aid groups said, "
    "although they were trucking water to the biggest camps and handing out purification tablets. "
    "Supplies must now take a longer route through the hills since a bridge on the main road to the "
    "border collapsed last week.\n\nIt is the region's worst outbreak in five years. Most patients "
    "recover quickly with treatment, doctors said, but people from remote areas often reach clinics too "
    "late.";

const char* kFollowUpBody =
    "NAIROBI (Wire) — Health authorities extended a cholera vaccination campaign to two more districts on "
    "Friday after new cases were found in camps for displaced families near the lake, the health ministry "
    "said.\n\nThe ministry said 140 new cases had been recorded in the past week, most of them among "
    "children, and that six people had died. Mobile teams that finished work in the first four districts "
    "will move south next week, and another three hundred thousand doses are expected at the airport on "
    "Tuesday.\n\n\"The campaign is working where we have reached people, but the floods keep moving "
    "them,\" a senior official told reporters in the capital. Aid groups said the water had started to "
    "fall in the north, and that a temporary bridge had reopened the main road to the border.\n\nDoctors "
    "warned that the rainy season was not over and that the outbreak, the worst in the region for five "
    "years, could spread to the towns.";

// The sentences and events tables of schema version 1, empty.
const char* kVersion1Events =
    "CREATE TABLE sentences (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, "
    "idx INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (article_id, idx));"
    "CREATE TABLE events (event_id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE "
    "CASCADE, sentence_index INTEGER NOT NULL, date TEXT, date_precision TEXT, cameo TEXT NOT NULL, root TEXT NOT NULL, "
    "quad_class INTEGER, goldstein REAL, plover_type TEXT, source_code TEXT, source_country TEXT, target_code TEXT, "
    "target_country TEXT, claimed_by_code TEXT, claimed_by_country TEXT, negated INTEGER NOT NULL, modality TEXT NOT "
    "NULL, location_name TEXT, location_country TEXT, lat REAL, lon REAL, confidence REAL, record TEXT NOT NULL);";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  return s.replace(s.find(from), from.size(), to);
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::temp_directory_path() / ("store_test_" + std::to_string(::getpid()) + ".db")).string();
    fs::remove(path_);
  }
  void TearDown() override {
    for (const char* sfx : {"", "-wal", "-shm"}) fs::remove(path_ + sfx);
  }
  static Document MakeDoc(const std::string& id, const std::string& country) {
    Document d;
    d.id = id;
    d.path = id + ".txt";
    d.text = "Sentence one about " + country + ".";
    d.published = PartialDate{2024, 3, 2};
    Sentence s;
    s.begin = 0;
    s.end = static_cast<uint32_t>(d.text.size());
    d.sentences.push_back(s);
    Event e;
    e.cameo = "195";
    ActorRef src;
    src.code = country + "MIL";
    src.country = country;
    e.source = src;
    e.date = PartialDate{2024, 3, 1};
    Location loc;
    loc.name = "Kharkiv";
    loc.lat = 49.98;
    loc.lon = 36.25;
    e.location = loc;
    d.events.push_back(e);
    return d;
  }
  static Document MakeTextDoc(const std::string& id, const std::string& text, const std::string& url) {
    Document d;
    d.id = id;
    d.path = id + ".html";
    d.url = url;
    d.title = "Title of " + id;
    d.text = text;
    return d;
  }
  static std::string CopyA() {
    return std::string("By Our Correspondent\n\n") + kWireBody + "\n\nAll rights reserved.";
  }
  static std::string CopyB() {
    return "World | Africa\n\n" + Replace(kWireBody, "told reporters", "said to reporters") +
           "\n\nThis article was published from a wire feed.";
  }
  static ArticleRecord Rec(const Document& d) {
    ArticleRecord r;
    r.doc = &d;
    r.coder_version = "0.1.0";
    r.dictionaries = "abc";
    r.event_json = {"{\"event_id\":\"" + d.id + "-e0\",\"x\":1}"};
    return r;
  }
  std::string path_;
};

TEST_F(StoreTest, StoresOnceAndQueriesByFilters) {
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  Document a = MakeDoc("a1", "RUS"), b = MakeDoc("b2", "UKR");
  ASSERT_TRUE(s->PutArticles({Rec(a), Rec(b)}).ok());
  ASSERT_TRUE(s->PutArticles({Rec(a)}).ok());  // same article again: stored once
  EXPECT_EQ(s->CountArticles(), 2);
  EXPECT_EQ(s->CountEvents(), 2);
  EXPECT_EQ(s->CountStories(), 2);
  EXPECT_TRUE(s->HasArticle("a1"));
  EventFilter f;
  f.source = "RUS";
  auto rows = s->Query(f);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows.value()[0].event_id, "a1-e0");
  EXPECT_EQ(rows.value()[0].sentence, "Sentence one about RUS.");
  EventFilter none;
  none.from = "2024-03-02";
  EXPECT_TRUE(s->Query(none)->empty());
  EventFilter root;
  root.root = "19";
  root.place = "kharkiv";
  EXPECT_EQ(s->Query(root)->size(), 2u);
}

TEST_F(StoreTest, ViewsListMentionsActorsAndPlaces) {
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok());
  Document a = MakeDoc("a1", "RUS");
  ASSERT_TRUE(s->PutArticles({Rec(a)}).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  auto one = [&](const char* sql) {
    sqlite3_stmt* st = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      out = t ? reinterpret_cast<const char*>(t) : "";
    }
    sqlite3_finalize(st);
    return out;
  };
  EXPECT_EQ(one("SELECT sentence FROM mentions"), "Sentence one about RUS.");
  EXPECT_EQ(one("SELECT code || ':' || as_source FROM actors"), "RUSMIL:1");
  EXPECT_EQ(one("SELECT name || ':' || mentions FROM places"), "Kharkiv:1");
  sqlite3_close(db);
}

TEST_F(StoreTest, ReopeningKeepsDataAndSchemaVersion) {
  {
    Result<Store> s = Store::Open(path_);
    ASSERT_TRUE(s.ok());
    Document a = MakeDoc("a1", "RUS");
    ASSERT_TRUE(s->PutArticles({Rec(a)}).ok());
  }
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->CountArticles(), 1);
}

TEST_F(StoreTest, NearDuplicatesInSeparateBatchesShareAStory) {
  ASSERT_GE(Similarity(Sign(CopyA()), Sign(CopyB())), 0.8);
  Document a = MakeTextDoc("wire-a", CopyA(), "https://a.example/cholera");
  Document b = MakeTextDoc("wire-b", CopyB(), "https://b.example/news/1");
  Document other = MakeDoc("x1", "RUS");
  {
    Result<Store> s = Store::Open(path_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    ASSERT_TRUE(s->PutArticles({Rec(a), Rec(other)}).ok());
    ASSERT_TRUE(s->PutArticles({Rec(b)}).ok());
    EXPECT_EQ(s->CountArticles(), 3);
    EXPECT_EQ(s->CountStories(), 2);
    Result<std::vector<Story>> stories = s->Stories(0);
    ASSERT_TRUE(stories.ok()) << stories.status().message();
    ASSERT_EQ(stories->size(), 2u);
    const Story& top = stories.value()[0];  // most articles first
    EXPECT_EQ(top.num_articles, 2);
    EXPECT_EQ(top.first_article, "wire-a");
    ASSERT_EQ(top.articles.size(), 2u);
    EXPECT_EQ(top.articles[0].id, "wire-a");
    EXPECT_EQ(top.articles[0].url, "https://a.example/cholera");
    EXPECT_EQ(top.articles[0].title, "Title of wire-a");
    EXPECT_EQ(top.articles[1].id, "wire-b");
    EXPECT_EQ(top.articles[1].url, "https://b.example/news/1");
    EXPECT_EQ(stories.value()[1].articles.size(), 1u);
    EXPECT_EQ(stories.value()[1].articles[0].id, "x1");
    EXPECT_EQ(s->Stories(1)->size(), 1u);
  }
  // A third copy in a later run joins the same story: the index is rebuilt from stored signatures.
  Document c = MakeTextDoc("wire-c", Replace(CopyB(), "Wednesday", "Wednesday morning"), "https://c.example/x");
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->PutArticles({Rec(c)}).ok());
  EXPECT_EQ(s->CountStories(), 2);
  Result<std::vector<Story>> stories = s->Stories(0);
  ASSERT_TRUE(stories.ok());
  EXPECT_EQ(stories.value()[0].num_articles, 3);
  ASSERT_EQ(stories.value()[0].articles.size(), 3u);
  EXPECT_EQ(stories.value()[0].articles[2].id, "wire-c");
}

TEST_F(StoreTest, UnrelatedArticlesStartTheirOwnStories) {
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok());
  Document a = MakeTextDoc("wire-a", CopyA(), "https://a.example/1");
  Document b = MakeTextDoc("council", "The city council voted on Thursday to extend the tram line to the northern "
                           "suburbs, ending years of debate over the cost of the project.", "https://b.example/2");
  Document empty = MakeTextDoc("empty", "", "https://b.example/3");
  Document empty2 = MakeTextDoc("empty2", "", "https://b.example/4");
  ASSERT_TRUE(s->PutArticles({Rec(a), Rec(b), Rec(empty), Rec(empty2)}).ok());
  EXPECT_EQ(s->CountStories(), 4);  // texts without words are similar to nothing
}

TEST_F(StoreTest, UsesTheCallersSignature) {
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok());
  Document a = MakeTextDoc("wire-a", CopyA(), "https://a.example/1");
  Document b = MakeTextDoc("other", "Some unrelated text about a football match that ended in a draw.", "");
  ArticleRecord rb = Rec(b);
  MinHashSignature sig = Sign(CopyA());
  rb.minhash.assign(sig.begin(), sig.end());
  ASSERT_TRUE(s->PutArticles({Rec(a), rb}).ok());
  EXPECT_EQ(s->CountStories(), 1);
}

TEST_F(StoreTest, MigratesVersion1AndGroupsItsArticles) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    std::string sql =
        "CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT, url TEXT, title TEXT, published TEXT, "
        "dateline_place TEXT, dateline_agency TEXT, text TEXT NOT NULL, coder_version TEXT NOT NULL, "
        "dictionaries TEXT NOT NULL, num_events INTEGER NOT NULL, ingested_at TEXT NOT NULL);"
        + std::string(kVersion1Events) +
        "INSERT INTO articles VALUES ('a', 'a.txt', NULL, NULL, NULL, NULL, NULL, '" + CopyA() +
        "', '0.1.0', 'd', 0, 'now');"
        "INSERT INTO articles VALUES ('b', 'b.txt', NULL, NULL, NULL, NULL, NULL, '" + CopyB() +
        "', '0.1.0', 'd', 0, 'now');"
        "INSERT INTO articles VALUES ('c', 'c.txt', NULL, NULL, NULL, NULL, NULL, 'Other words.', '0.1.0', 'd', 0, "
        "'now');"
        "PRAGMA user_version=1;";
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->CountStories(), 2);
  Result<std::vector<Story>> stories = s->Stories(0);
  ASSERT_TRUE(stories.ok());
  ASSERT_EQ(stories.value()[0].articles.size(), 2u);
  EXPECT_EQ(stories.value()[0].articles[1].id, "b");
}

// Version 2 by hand: the tables of version 1, stories, and articles with their story and MinHash.
void MakeVersion2(const std::string& path, const std::vector<std::pair<std::string, std::string>>& articles,
                  bool last_without_story) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const char* schema =
      "CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT, url TEXT, title TEXT, published TEXT, "
      "dateline_place TEXT, dateline_agency TEXT, text TEXT NOT NULL, coder_version TEXT NOT NULL, "
      "dictionaries TEXT NOT NULL, num_events INTEGER NOT NULL, ingested_at TEXT NOT NULL);"
      "CREATE TABLE sentences (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, "
      "idx INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (article_id, idx));"
      "CREATE TABLE events (event_id TEXT PRIMARY KEY, article_id TEXT NOT NULL, sentence_index INTEGER NOT NULL, "
      "date TEXT, date_precision TEXT, cameo TEXT NOT NULL, root TEXT NOT NULL, quad_class INTEGER, goldstein REAL, "
      "plover_type TEXT, source_code TEXT, source_country TEXT, target_code TEXT, target_country TEXT, "
      "claimed_by_code TEXT, claimed_by_country TEXT, negated INTEGER NOT NULL, modality TEXT NOT NULL, "
      "location_name TEXT, location_country TEXT, lat REAL, lon REAL, confidence REAL, record TEXT NOT NULL);"
      "CREATE TABLE stories (id INTEGER PRIMARY KEY, first_article TEXT, num_articles INTEGER NOT NULL DEFAULT 0);"
      "ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id);"
      "ALTER TABLE articles ADD COLUMN minhash BLOB;"
      "CREATE INDEX articles_story ON articles(story_id);"
      "PRAGMA user_version=2;";
  ASSERT_EQ(sqlite3_exec(db, schema, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_stmt* story = nullptr;
  sqlite3_stmt* article = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(db, "INSERT INTO stories (first_article, num_articles) VALUES (?, 1)", -1, &story, nullptr),
      SQLITE_OK);
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "INSERT INTO articles (id, path, text, coder_version, dictionaries, num_events, "
                               "ingested_at, story_id, minhash) VALUES (?, ?, ?, '0.1.0', 'd', 0, 'now', ?, ?)",
                               -1, &article, nullptr),
            SQLITE_OK);
  for (size_t i = 0; i < articles.size(); ++i) {
    const auto& [id, text] = articles[i];
    const bool grouped = !(last_without_story && i + 1 == articles.size());
    sqlite3_reset(article);
    sqlite3_bind_text(article, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(article, 2, (id + ".txt").c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(article, 3, text.c_str(), -1, SQLITE_TRANSIENT);
    if (grouped) {
      sqlite3_reset(story);
      sqlite3_bind_text(story, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(story), SQLITE_DONE);
      sqlite3_bind_int64(article, 4, sqlite3_last_insert_rowid(db));
      const std::string sig = EncodeSignature(Sign(text));
      sqlite3_bind_blob(article, 5, sig.data(), static_cast<int>(sig.size()), SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_null(article, 4);
      sqlite3_bind_null(article, 5);
    }
    ASSERT_EQ(sqlite3_step(article), SQLITE_DONE) << sqlite3_errmsg(db);
  }
  sqlite3_finalize(story);
  sqlite3_finalize(article);
  sqlite3_close(db);
}

// The re-spun signatures stored for each article, in rowid order, and the schema version.
std::vector<std::optional<RespunSignature>> StoredRespun(const std::string& path, int* version = nullptr) {
  std::vector<std::optional<RespunSignature>> out;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT respun FROM articles ORDER BY rowid", -1, &st, nullptr), SQLITE_OK);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    const void* b = sqlite3_column_blob(st, 0);
    out.push_back(b ? DecodeRespun(std::string_view(static_cast<const char*>(b),
                                                    static_cast<size_t>(sqlite3_column_bytes(st, 0))))
                    : std::nullopt);
  }
  sqlite3_finalize(st);
  if (version && sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, nullptr) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW) *version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

TEST_F(StoreTest, ReSpunArticleJoinsTheStoryAcrossRunsAndAFollowUpDoesNot) {
  const std::string respun = std::string("By a Staff Reporter\n\n") + kReSpunBody;
  ASSERT_LT(Similarity(Sign(CopyA()), Sign(respun)), 0.8);  // not a copy
  ASSERT_TRUE(IsRespun(SignRespun(CopyA()), SignRespun(respun)));
  ASSERT_FALSE(IsRespun(SignRespun(CopyA()), SignRespun(kFollowUpBody)));
  ASSERT_FALSE(IsRespun(SignRespun(respun), SignRespun(kFollowUpBody)));
  Document a = MakeTextDoc("wire-a", CopyA(), "https://a.example/cholera");
  Document other = MakeDoc("x1", "RUS");
  {
    Result<Store> s = Store::Open(path_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    ASSERT_TRUE(s->PutArticles({Rec(a), Rec(other)}).ok());
  }
  Document b = MakeTextDoc("respun", respun, "https://b.example/health/cholera-vaccines");
  Document c = MakeTextDoc("follow-up", kFollowUpBody, "https://a.example/cholera-2");
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->PutArticles({Rec(b), Rec(c)}).ok());
  EXPECT_EQ(s->CountStories(), 3);
  Result<std::vector<Story>> stories = s->Stories(0);
  ASSERT_TRUE(stories.ok());
  const Story& top = stories.value()[0];
  EXPECT_EQ(top.first_article, "wire-a");
  ASSERT_EQ(top.articles.size(), 2u);
  EXPECT_EQ(top.articles[1].id, "respun");
  EXPECT_EQ(top.articles[1].url, "https://b.example/health/cholera-vaccines");
  // Each article's re-spun signature is stored with it.
  std::vector<std::optional<RespunSignature>> stored = StoredRespun(path_);
  ASSERT_EQ(stored.size(), 4u);
  for (const auto& sig : stored) EXPECT_TRUE(sig.has_value());
  EXPECT_EQ(stored[2]->words, SignRespun(respun).words);
}

TEST_F(StoreTest, MigratesVersion2KeepingStoriesAndAddingRespunSignatures) {
  // Two stories at version 2, and an article that a version 2 program had not grouped yet.
  MakeVersion2(path_, {{"a", CopyA()}, {"c", "Other words."}, {"late", CopyB()}}, /*last_without_story=*/true);
  {
    Result<Store> s = Store::Open(path_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ(s->CountStories(), 2);  // "late" joined the story of its copy "a"
    Result<std::vector<Story>> stories = s->Stories(0);
    ASSERT_TRUE(stories.ok());
    ASSERT_EQ(stories.value()[0].articles.size(), 2u);
    EXPECT_EQ(stories.value()[0].articles[1].id, "late");
  }
  int version = 0;
  std::vector<std::optional<RespunSignature>> stored = StoredRespun(path_, &version);
  EXPECT_EQ(version, Store::SchemaVersion());  // migrated to the newest version
  ASSERT_EQ(stored.size(), 3u);
  for (const auto& sig : stored) EXPECT_TRUE(sig.has_value());
  EXPECT_TRUE(stored[1]->empty());  // "Other words." is too short to compare
  // A re-spin stored after the migration finds the migrated article.
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok());
  Document b = MakeTextDoc("respun", kReSpunBody, "https://b.example/1");
  ASSERT_TRUE(s->PutArticles({Rec(b)}).ok());
  EXPECT_EQ(s->CountStories(), 2);
  EXPECT_EQ(s->Stories(1).value()[0].num_articles, 3);
}

TEST_F(StoreTest, MigratesVersion1GroupingCopiesAndReSpins) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    std::string sql =
        "CREATE TABLE articles (id TEXT PRIMARY KEY, path TEXT, url TEXT, title TEXT, published TEXT, "
        "dateline_place TEXT, dateline_agency TEXT, text TEXT NOT NULL, coder_version TEXT NOT NULL, "
        "dictionaries TEXT NOT NULL, num_events INTEGER NOT NULL, ingested_at TEXT NOT NULL);"
        + std::string(kVersion1Events) +
        "PRAGMA user_version=1;";
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db,
                                 "INSERT INTO articles VALUES (?, ?, NULL, NULL, NULL, NULL, NULL, ?, '0.1.0', 'd', 0, "
                                 "'now')",
                                 -1, &st, nullptr),
              SQLITE_OK);
    for (const auto& [id, text] : std::vector<std::pair<std::string, std::string>>{
             {"follow-up", kFollowUpBody}, {"a", CopyA()}, {"respun", kReSpunBody}, {"b", CopyB()}}) {
      sqlite3_reset(st);
      sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, (id + ".txt").c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 3, text.c_str(), -1, SQLITE_TRANSIENT);
      ASSERT_EQ(sqlite3_step(st), SQLITE_DONE) << sqlite3_errmsg(db);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->CountStories(), 2);
  Result<std::vector<Story>> stories = s->Stories(0);
  ASSERT_TRUE(stories.ok());
  ASSERT_EQ(stories.value()[0].articles.size(), 3u);
  EXPECT_EQ(stories.value()[0].first_article, "a");
  EXPECT_EQ(stories.value()[0].articles[1].id, "respun");
  EXPECT_EQ(stories.value()[0].articles[2].id, "b");
  EXPECT_EQ(stories.value()[1].first_article, "follow-up");
}

TEST_F(StoreTest, ReSignsRespunSignaturesOfAnotherFormat) {
  {
    Result<Store> s = Store::Open(path_);
    ASSERT_TRUE(s.ok());
    Document a = MakeTextDoc("wire-a", CopyA(), "https://a.example/1");
    Document c = MakeTextDoc("follow-up", kFollowUpBody, "https://a.example/2");
    ASSERT_TRUE(s->PutArticles({Rec(a), Rec(c)}).ok());
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    // One from a future signing, one malformed with the right format byte.
    ASSERT_EQ(sqlite3_exec(db,
                           "UPDATE articles SET respun = X'FF00' WHERE id = 'wire-a';"
                           "UPDATE articles SET respun = X'0100' WHERE id = 'follow-up';",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  Result<Store> s = Store::Open(path_);
  ASSERT_TRUE(s.ok());
  Document b = MakeTextDoc("respun", kReSpunBody, "https://b.example/1");
  ASSERT_TRUE(s->PutArticles({Rec(b)}).ok());
  EXPECT_EQ(s->CountStories(), 2);  // stories kept; the re-spin found "wire-a" through its new signature
  EXPECT_EQ(s->Stories(1).value()[0].num_articles, 2);
  std::vector<std::optional<RespunSignature>> stored = StoredRespun(path_);
  ASSERT_EQ(stored.size(), 3u);
  ASSERT_TRUE(stored[0].has_value());
  ASSERT_TRUE(stored[1].has_value());
  EXPECT_EQ(stored[0]->words, SignRespun(CopyA()).words);
  EXPECT_EQ(stored[1]->words, SignRespun(kFollowUpBody).words);
}

TEST_F(StoreTest, UnwritablePathIsAnError) {
  Result<Store> s = Store::Open("/nonexistent-dir/x.db");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("/nonexistent-dir/x.db"), std::string::npos);
}

}  // namespace
}  // namespace eventcoder
