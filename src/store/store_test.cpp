#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>

#include "dedup/minhash.h"
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

TEST_F(StoreTest, UnwritablePathIsAnError) {
  Result<Store> s = Store::Open("/nonexistent-dir/x.db");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("/nonexistent-dir/x.db"), std::string::npos);
}

}  // namespace
}  // namespace eventcoder
