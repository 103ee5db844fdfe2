#include <gtest/gtest.h>

#include <filesystem>

#include "store/store.h"

namespace eventcoder {
namespace {
namespace fs = std::filesystem;

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

TEST_F(StoreTest, UnwritablePathIsAnError) {
  Result<Store> s = Store::Open("/nonexistent-dir/x.db");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("/nonexistent-dir/x.db"), std::string::npos);
}

}  // namespace
}  // namespace eventcoder
