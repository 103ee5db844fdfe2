#include "serve/api.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include "output/event_writer.h"
#include "read/reader.h"
#include "serve/params.h"
#include "store/export.h"
#include "store/merge.h"

namespace eventcoder {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::json;

// Two short reports written for these tests: the same shelling told twice (one merged event with two
// mentions from two outlets), a denial, and events in Georgia.
const char* kFirst =
    "Russian troops shelled Kharkiv on Friday.\n\n"
    "The Ukrainian foreign minister condemned the attack on Saturday.\n\n"
    "Russia denied shelling the city.\n";
const char* kSecond =
    "Russian forces shelled Kharkiv on Friday, killing two people.\n\n"
    "Protesters rallied in Tbilisi on Monday against the government. Georgian police arrested dozens of "
    "demonstrators.\n\n"
    "The European Union criticized Georgia over the arrests.\n";
const char* kThird = "Turkish warplanes bombed Kurdish militants in northern Iraq on Tuesday, the Turkish army said.\n";

const Engine& SharedEngine() {
  static const Engine* engine = [] {
    Result<Engine> e = Engine::Load(EngineConfig::Defaults());
    if (!e.ok()) {
      ADD_FAILURE() << e.status().message();
      std::abort();
    }
    return new Engine(std::move(e).value());
  }();
  return *engine;
}

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (fs::temp_directory_path() / ("api_test_" + std::to_string(::getpid()) + ".db")).string();
    Remove();
    const Engine& engine = SharedEngine();
    std::vector<Document> docs;
    for (const auto& [text, url] :
         {std::pair{kFirst, "https://one.example/kharkiv"}, std::pair{kSecond, "https://two.example/news/1"}}) {
      Result<Document> d = ReadBytes(text, url, ReadOptions{}, InputFormat::kText);
      ASSERT_TRUE(d.ok()) << d.status().message();
      d->url = url;
      CodeOptions options;
      options.published = PartialDate{2024, 3, 2};
      engine.CodeDocument(d.value(), options);
      docs.push_back(std::move(d).value());
    }
    std::vector<ArticleRecord> batch;
    OutputOptions out;
    for (const Document& d : docs) {
      ArticleRecord rec;
      rec.doc = &d;
      rec.coder_version = out.version;
      rec.dictionaries = engine.lexicon().digest();
      rec.lexicon = &engine.lexicon();
      for (const Event& e : d.events) rec.event_json.push_back(EventJson(d, e, engine.lexicon(), out));
      batch.push_back(std::move(rec));
    }
    Result<Store> store = Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE(store->PutArticles(batch).ok());
    options_.token = "test-token-0123456789";
    std::ifstream openapi(std::string(EVENTCODER_SOURCE_DIR) + "/docs/openapi.json");
    std::stringstream text;
    text << openapi.rdbuf();
    options_.openapi = text.str();
  }
  void TearDown() override { Remove(); }
  void Remove() {
    for (const char* sfx : {"", "-wal", "-shm"}) fs::remove(db_ + sfx);
  }

  Api& api() {
    if (!api_) api_ = std::make_unique<Api>(db_, &SharedEngine(), options_);
    return *api_;
  }
  ApiResponse Get(const std::string& path, std::multimap<std::string, std::string> query = {},
                  std::map<std::string, std::string> headers = {}) {
    ApiRequest r;
    r.method = "GET";
    r.path = path;
    r.query = std::move(query);
    r.headers = std::move(headers);
    return api().Handle(r);
  }
  ApiResponse Post(const std::string& path, const std::string& body, const std::string& content_type,
                   const std::string& token) {
    ApiRequest r;
    r.method = "POST";
    r.path = path;
    r.body = body;
    r.headers["Content-Type"] = content_type;
    if (!token.empty()) r.headers["Authorization"] = "Bearer " + token;
    return api().Handle(r);
  }
  static Json Body(const ApiResponse& r) {
    Json j = Json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
  }
  // Every merged event, as `eventcoder query` computes them.
  std::vector<MergedEvent> QueryAll(const EventFilter& filter = {}) {
    Result<Store> store = Store::Open(db_);
    EXPECT_TRUE(store.ok());
    Result<std::vector<StoredEvent>> rows = store->Query(filter);
    EXPECT_TRUE(rows.ok());
    return MergeMentions(rows.value());
  }
  std::vector<Json> AllPages(int limit, std::multimap<std::string, std::string> filters = {}) {
    std::vector<Json> events;
    std::string cursor;
    for (int page = 0; page < 1000; ++page) {
      std::multimap<std::string, std::string> q = filters;
      q.emplace("limit", std::to_string(limit));
      if (!cursor.empty()) q.emplace("cursor", cursor);
      ApiResponse r = Get("/api/events", q);
      EXPECT_EQ(r.status, 200) << r.body;
      Json j = Body(r);
      EXPECT_LE(j["events"].size(), static_cast<size_t>(limit));
      for (const Json& e : j["events"]) events.push_back(e);
      if (j["next_cursor"].is_null()) return events;
      cursor = j["next_cursor"].get<std::string>();
    }
    ADD_FAILURE() << "pagination does not end";
    return events;
  }
  void ExpectError(const ApiResponse& r, int status, const std::string& what) {
    EXPECT_EQ(r.status, status) << what << ": " << r.body;
    EXPECT_EQ(r.content_type, "application/json") << what;
    Json j = Json::parse(r.body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << what << ": " << r.body;
    EXPECT_TRUE(j.contains("error") && j["error"].is_string() && !j["error"].get<std::string>().empty())
        << what << ": " << r.body;
  }

  std::string db_;
  ApiOptions options_;
  std::unique_ptr<Api> api_;
};

std::set<std::string> Ids(const std::vector<Json>& events) {
  std::set<std::string> ids;
  for (const Json& e : events) ids.insert(e["event_id"].get<std::string>());
  return ids;
}

TEST_F(ApiTest, HealthzSaysOk) {
  ApiResponse r = Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
  ExpectError(Post("/healthz", "", "text/plain", ""), 405, "POST /healthz");
}

TEST_F(ApiTest, EventsAreTheMergedRecordsQueryPrints) {
  ApiResponse r = Get("/api/events");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json");
  Json j = Body(r);
  ASSERT_TRUE(j["events"].is_array());
  EXPECT_TRUE(j["next_cursor"].is_null());
  // The same records, byte for byte, as `query --format jsonl`.
  std::ostringstream jsonl;
  WriteEvents(jsonl, QueryAll(), EventFormat::kJsonl);
  std::set<std::string> expected, got;
  std::istringstream lines(jsonl.str());
  for (std::string line; std::getline(lines, line);) expected.insert(line);
  for (const Json& e : j["events"]) got.insert(Json::parse(e.dump()).dump());
  std::set<std::string> expected_normalised;
  for (const std::string& line : expected) expected_normalised.insert(Json::parse(line).dump());
  EXPECT_EQ(got, expected_normalised);
  EXPECT_GE(j["events"].size(), 5u);
  bool merged = false;
  for (const Json& e : j["events"]) {
    EXPECT_TRUE(e["mentions"].is_array());
    EXPECT_EQ(e["num_mentions"].get<size_t>(), e["mentions"].size());
    if (e["num_mentions"] == 2) {
      merged = true;
      EXPECT_EQ(e["num_sources"], 2);  // two outlets
      EXPECT_EQ(e["num_articles"], 2);
      EXPECT_EQ(e["cameo_root"], "19");
    }
  }
  EXPECT_TRUE(merged) << "the shelling told by both articles is one event";
}

TEST_F(ApiTest, EventsAreOrderedByDateThenId) {
  Json j = Body(Get("/api/events"));
  for (size_t i = 1; i < j["events"].size(); ++i) {
    const Json& a = j["events"][i - 1];
    const Json& b = j["events"][i];
    auto key = [](const Json& e) {
      return std::make_pair(e["date"].is_string() ? e["date"].get<std::string>() : std::string(),
                            e["event_id"].get<std::string>());
    };
    EXPECT_LT(key(a), key(b));
  }
}

TEST_F(ApiTest, PaginationCoversEveryEventExactlyOnce) {
  const std::vector<Json> all = Body(Get("/api/events"))["events"].get<std::vector<Json>>();
  ASSERT_GE(all.size(), 5u);
  for (int limit : {1, 2, 3, 1000}) {
    std::vector<Json> paged = AllPages(limit);
    EXPECT_EQ(paged.size(), all.size()) << "limit " << limit;
    EXPECT_EQ(Ids(paged), Ids(all)) << "limit " << limit;
    for (size_t i = 0; i < paged.size() && i < all.size(); ++i) EXPECT_EQ(paged[i], all[i]) << "limit " << limit;
  }
  // With a filter too.
  std::vector<Json> russia = AllPages(1, {{"actor", "RUS"}});
  EXPECT_EQ(Ids(russia), Ids(Body(Get("/api/events", {{"actor", "RUS"}}))["events"].get<std::vector<Json>>()));
}

TEST_F(ApiTest, ANewEventAfterTheCursorIsOnALaterPage) {
  Json first = Body(Get("/api/events", {{"limit", "2"}}));
  ASSERT_TRUE(first["next_cursor"].is_string());
  // A new article with an event dated after everything: the next pages still hold every old event once.
  ApiResponse posted = Post("/api/articles", Json{{"text", kThird}, {"published", "2024-04-03"}}.dump(),
                            "application/json", options_.token);
  ASSERT_EQ(posted.status, 201) << posted.body;
  std::vector<Json> rest;
  std::string cursor = first["next_cursor"];
  while (!cursor.empty()) {
    Json page = Body(Get("/api/events", {{"limit", "2"}, {"cursor", cursor}}));
    for (const Json& e : page["events"]) rest.push_back(e);
    cursor = page["next_cursor"].is_string() ? page["next_cursor"].get<std::string>() : "";
  }
  std::vector<Json> seen = first["events"].get<std::vector<Json>>();
  seen.insert(seen.end(), rest.begin(), rest.end());
  EXPECT_EQ(Ids(seen).size(), seen.size()) << "an event was listed twice";
  EXPECT_EQ(Ids(seen), Ids(Body(Get("/api/events"))["events"].get<std::vector<Json>>()));
}

TEST_F(ApiTest, FiltersHaveTheNamesAndMeaningOfQuery) {
  struct Case {
    std::multimap<std::string, std::string> params;
    EventFilter filter;
  };
  std::vector<Case> cases(10);
  cases[0].params = {{"actor", "RUS"}};
  cases[0].filter.actor = "RUS";
  cases[1].params = {{"root", "19"}};
  cases[1].filter.root = "19";
  cases[2].params = {{"quad", "3"}};
  cases[2].filter.quad = 3;
  cases[3].params = {{"from", "2024-03-02"}, {"to", "2024-03-02"}};
  cases[3].filter.from = cases[3].filter.to = "2024-03-02";
  cases[4].params = {{"negated", "true"}};
  cases[4].filter.negated = true;
  cases[5].params = {{"text", "arrested"}};
  cases[5].filter.text = "arrested";
  cases[6].params = {{"source", "IGO"}, {"target", "GEO"}};
  cases[6].filter.source = "IGO";
  cases[6].filter.target = "GEO";
  cases[7].params = {{"code", "11"}};
  cases[7].filter.code = "11";
  cases[8].params = {{"place", "kharkiv"}};
  cases[8].filter.place = "kharkiv";
  cases[9].params = {{"claimed_by", "RUS"}, {"negated", "true"}};
  cases[9].filter.claimed_by = "RUS";
  cases[9].filter.negated = true;
  for (const Case& c : cases) {
    std::set<std::string> expected;
    for (const MergedEvent& e : QueryAll(c.filter)) expected.insert(e.record["event_id"].get<std::string>());
    ApiResponse r = Get("/api/events", c.params);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Ids(Body(r)["events"].get<std::vector<Json>>()), expected) << c.params.begin()->first;
    EXPECT_FALSE(expected.empty()) << c.params.begin()->first << " finds nothing: a weak test";
  }
}

TEST_F(ApiTest, BoundingBoxSelectsEventsByLocation) {
  // Kharkiv is at about 36.25 E, 49.98 N.
  Json inside = Body(Get("/api/events", {{"bbox", "35,49,37,51"}}));
  ASSERT_EQ(inside["events"].size(), 1u) << inside.dump();
  EXPECT_EQ(inside["events"][0]["location"]["name"], "Kharkiv");
  EXPECT_TRUE(Body(Get("/api/events", {{"bbox", "-10,35,5,45"}}))["events"].empty());
  // Across the antimeridian: 170 E to 40 E the long way round holds Kharkiv.
  EXPECT_EQ(Body(Get("/api/events", {{"bbox", "170,-90,40,90"}}))["events"].size(), 1u);
}

TEST_F(ApiTest, InvalidParametersAre400WithAMessage) {
  const std::vector<std::multimap<std::string, std::string>> bad = {
      {{"root", "99x"}},
      {{"root", "0"}},
      {{"root", "21"}},
      {{"quad", "7"}},
      {{"quad", "x"}},
      {{"quad", "0"}},
      {{"from", "2024-13-01"}},
      {{"to", "2024-02-30"}},
      {{"from", "March"}},
      {{"from", "2024-3-1"}},
      {{"limit", "-1"}},
      {{"limit", "0"}},
      {{"limit", "1001"}},
      {{"limit", "ten"}},
      {{"limit", "1e3"}},
      {{"cursor", "garbage!"}},
      {{"cursor", "Zm9v"}},
      {{"bbox", "1,2,3"}},
      {{"bbox", "a,b,c,d"}},
      {{"bbox", "0,10,5,5"}},
      {{"bbox", "0,0,200,10"}},
      {{"bbox", "1,2,3,4,5"}},
      {{"negated", "maybe"}},
      {{"code", "1a"}},
      {{"code", "12345"}},
      {{"unknown", "1"}},
      {{"actor", "RUS"}, {"actor", "UKR"}},
      {{"text", std::string(300, 'a')}},
  };
  for (const auto& params : bad) {
    std::string what = params.begin()->first + "=" + params.begin()->second.substr(0, 20);
    ExpectError(Get("/api/events", params), 400, what);
    ExpectError(Get("/api/stats", params), 400, "stats " + what);  // limit and cursor are unknown there
  }
  ExpectError(Get("/api/export", {{"format", "csv"}, {"cursor", "x"}}), 400, "export cursor");
}

TEST_F(ApiTest, InjectionLookingValuesAreMatchedAsPlainText) {
  const int64_t before = Store::Open(db_)->CountEvents();
  const std::vector<std::pair<std::string, std::string>> values = {
      {"source", "RUS' OR '1'='1"},
      {"actor", "%"},
      {"actor", "_US"},
      {"target", "' OR 1=1 --"},
      {"text", "%"},
      {"text", "_"},
      {"text", "'; DROP TABLE events; --"},
      {"place", "x\" OR \"1\"=\"1"},
      {"plover", "ASSAULT' --"},
      {"claimed_by", "%"},
  };
  for (const auto& [name, value] : values) {
    ApiResponse r = Get("/api/events", {{name, value}});
    ASSERT_EQ(r.status, 200) << name << "=" << value << ": " << r.body;
    EXPECT_TRUE(Body(r)["events"].empty()) << name << "=" << value << " matched: " << r.body.substr(0, 300);
    EXPECT_EQ(Body(Get("/api/stats", {{name, value}}))["events"], 0) << name << "=" << value;
  }
  EXPECT_EQ(Store::Open(db_)->CountEvents(), before);
  // A real value still works after all that.
  EXPECT_FALSE(Body(Get("/api/events", {{"actor", "RUS"}}))["events"].empty());
}

TEST_F(ApiTest, OneEventByItsIdOrAnyMentionsId) {
  Result<Store> store = Store::Open(db_);
  Result<std::vector<StoredEvent>> rows = store->Query(EventFilter{});
  ASSERT_TRUE(rows.ok());
  ASSERT_GE(rows->size(), 6u);
  for (const StoredEvent& row : rows.value()) {
    ApiResponse r = Get("/api/events/" + row.event_id);
    ASSERT_EQ(r.status, 200) << r.body;
    Json e = Body(r);
    const Json mention = Json::parse(row.record);
    bool found = false;
    for (const Json& m : e["mentions"]) {
      EXPECT_TRUE(m["sentence"].is_string() && !m["sentence"].get<std::string>().empty());
      found |= m["article"]["id"] == mention["article"]["id"] && m["sentence_index"] == mention["sentence_index"];
    }
    EXPECT_TRUE(found) << row.event_id << " is not among the mentions of " << e["event_id"];
    EXPECT_EQ(e["cameo_root"], mention["cameo_root"]);
  }
  // The merged record is the one the list gives.
  const Json list = Body(Get("/api/events"));
  for (const Json& listed : list["events"])
    EXPECT_EQ(Body(Get("/api/events/" + listed["event_id"].get<std::string>())), listed);
  ExpectError(Get("/api/events/0000000000000000"), 404, "unknown id");
  ExpectError(Get("/api/events/' OR 1=1"), 404, "injection-looking id");
  ExpectError(Get("/api/events/"), 404, "empty id");
  ExpectError(Get("/api/events/a/b"), 404, "nested path");
}

TEST_F(ApiTest, StatsCountMergedEvents) {
  ApiResponse r = Get("/api/stats");
  ASSERT_EQ(r.status, 200) << r.body;
  Json s = Body(r);
  const std::vector<MergedEvent> all = QueryAll();
  const EventStats expected = Summarize(all);
  EXPECT_EQ(s["events"], expected.events);
  EXPECT_EQ(s["mentions"], expected.mentions);
  EXPECT_EQ(s["articles"], 2);
  EXPECT_EQ(s["by_root"], Json(expected.by_root));
  EXPECT_EQ(s["by_day"], Json(expected.by_day));
  EXPECT_EQ(s["by_quad"], Json(expected.by_quad));
  EXPECT_EQ(s["by_pair"], Json(expected.by_pair));
  Json russia = Body(Get("/api/stats", {{"root", "19"}}));
  EXPECT_EQ(russia["by_root"].size(), 1u);
}

TEST_F(ApiTest, ReadsPastTheirDeadlineAre503AndTheServerGoesOn) {
  const std::string id = Body(Get("/api/events"))["events"][0]["event_id"].get<std::string>();
  options_.query_seconds = 1e-9;  // every read is late
  api_.reset();
  const std::vector<std::pair<std::string, std::multimap<std::string, std::string>>> reads = {
      {"/api/events", {}},
      {"/api/events", {{"root", "19"}, {"limit", "2"}}},
      {"/api/events/" + id, {}},
      {"/api/stats", {}},
      {"/api/actors", {}},
      {"/api/places", {}},
      {"/api/export", {{"format", "csv"}}},
      {"/api/export", {{"format", "csv"}, {"limit", "3"}}},
  };
  for (const auto& [path, query] : reads) {
    ApiResponse r = Get(path, query);
    EXPECT_EQ(r.status, 503) << path << " " << r.body;
    EXPECT_NE(Body(r).value("error", std::string()).find("took longer"), std::string::npos) << r.body;
    bool retry_after = false;
    for (const auto& [name, value] : r.headers) retry_after |= name == "Retry-After";
    EXPECT_TRUE(retry_after) << path;
  }
  // The connections a deadline stopped are not reused with it: with time to run, every read answers.
  options_.query_seconds = 30;
  api_.reset();
  for (const auto& [path, query] : reads) EXPECT_EQ(Get(path, query).status, 200) << path;
}

TEST_F(ApiTest, ActorsAndPlacesWithCounts) {
  Json actors = Body(Get("/api/actors"));
  ASSERT_TRUE(actors["actors"].is_array());
  std::map<std::string, Json> by_code;
  for (const Json& a : actors["actors"]) by_code[a["code"]] = a;
  ASSERT_TRUE(by_code.count("RUSMIL")) << actors.dump();
  EXPECT_EQ(by_code["RUSMIL"]["as_source"], 1);  // the two reports of the shelling are one event
  EXPECT_EQ(by_code["RUSMIL"]["country"], "RUS");
  ASSERT_TRUE(by_code.count("UKR"));
  EXPECT_GE(by_code["UKR"]["as_target"], 1);
  for (const Json& a : actors["actors"]) EXPECT_EQ(a["events"], a["as_source"].get<int>() + a["as_target"].get<int>());
  EXPECT_EQ(Body(Get("/api/actors", {{"limit", "1"}}))["actors"].size(), 1u);

  Json places = Body(Get("/api/places"));
  ASSERT_EQ(places["places"].size(), 1u) << places.dump();
  const Json& kharkiv = places["places"][0];
  EXPECT_EQ(kharkiv["name"], "Kharkiv");
  EXPECT_EQ(kharkiv["country"], "UKR");
  EXPECT_NEAR(kharkiv["lat"].get<double>(), 49.98, 0.05);
  EXPECT_NEAR(kharkiv["lon"].get<double>(), 36.25, 0.05);
  EXPECT_EQ(kharkiv["count"], 1);
  ExpectError(Get("/api/places", {{"root", "x"}}), 400, "places root");
}

TEST_F(ApiTest, ExportIsWhatQueryPrints) {
  const std::vector<MergedEvent> all = QueryAll();
  const std::vector<std::tuple<std::string, EventFormat, std::string>> formats = {
      {"csv", EventFormat::kCsv, "text/csv; charset=utf-8"},
      {"geojson", EventFormat::kGeoJson, "application/geo+json"},
      {"jsonl", EventFormat::kJsonl, "application/x-ndjson"},
      {"gdelt", EventFormat::kGdelt, "text/tab-separated-values; charset=utf-8"},
  };
  for (const auto& [name, format, type] : formats) {
    ApiResponse r = Get("/api/export", {{"format", name}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, type);
    std::ostringstream expected;
    WriteEvents(expected, all, format);
    EXPECT_EQ(r.body, expected.str()) << name;
    bool attachment = false;
    for (const auto& [k, v] : r.headers) attachment |= k == "Content-Disposition" && v.find("attachment") == 0;
    EXPECT_TRUE(attachment) << name;
  }
  // Filters and limit as query applies them.
  EventFilter rus;
  rus.actor = "RUS";
  std::vector<MergedEvent> some = QueryAll(rus);
  some.resize(1);
  std::ostringstream expected;
  WriteEvents(expected, some, EventFormat::kCsv);
  EXPECT_EQ(Get("/api/export", {{"format", "csv"}, {"actor", "RUS"}, {"limit", "1"}}).body, expected.str());
  ExpectError(Get("/api/export"), 400, "no format");
  ExpectError(Get("/api/export", {{"format", "table"}}), 400, "table");
  ExpectError(Get("/api/export", {{"format", "xml"}}), 400, "xml");
}

TEST_F(ApiTest, OpenApiDocumentDescribesEveryEndpoint) {
  ApiResponse r = Get("/api/openapi.json");
  ASSERT_EQ(r.status, 200) << r.body;
  Json doc = Body(r);
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* path : {"/healthz", "/api/events", "/api/events/{id}", "/api/stats", "/api/actors", "/api/places",
                           "/api/export", "/api/articles", "/api/openapi.json"})
    EXPECT_TRUE(doc["paths"].contains(path)) << path;
  // Every filter parameter is documented, and every $ref points at something.
  for (const std::string& name : FilterParameterNames())
    EXPECT_TRUE(doc["components"]["parameters"].contains(name)) << name;
  std::function<void(const Json&)> check = [&](const Json& j) {
    if (j.is_object()) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() == "$ref") {
          std::string ref = it.value().get<std::string>();
          ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
          EXPECT_TRUE(doc.contains(Json::json_pointer(ref.substr(1)))) << ref;
        } else {
          check(it.value());
        }
      }
    } else if (j.is_array()) {
      for (const Json& x : j) check(x);
    }
  };
  check(doc);
  options_.openapi.clear();
  api_.reset();
  ExpectError(Get("/api/openapi.json"), 404, "no document");
}

TEST_F(ApiTest, WrongMethodsAre405AndUnknownPaths404) {
  ApiRequest r;
  r.path = "/api/events";
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    r.method = method;
    ApiResponse res = api().Handle(r);
    ExpectError(res, 405, std::string(method) + " /api/events");
    bool allow = false;
    for (const auto& [k, v] : res.headers) allow |= k == "Allow" && v.find("GET") != std::string::npos;
    EXPECT_TRUE(allow);
  }
  r.path = "/api/articles";
  for (const char* method : {"GET", "PUT", "DELETE"}) {
    r.method = method;
    ExpectError(api().Handle(r), 405, std::string(method) + " /api/articles");
  }
  ExpectError(Get("/api/nothing"), 404, "/api/nothing");
  ExpectError(Get("/api"), 404, "/api");
  ExpectError(Get("/elsewhere"), 404, "/elsewhere");
  ExpectError(Get("/api/events/x", {{"limit", "1"}}), 400, "parameters on one event");
}

TEST_F(ApiTest, WritesNeedATokenFile) {
  options_.token.clear();
  ApiResponse r = Post("/api/articles", Json{{"text", kThird}}.dump(), "application/json", "anything");
  ExpectError(r, 403, "no token file");
  EXPECT_NE(r.body.find("--token-file"), std::string::npos);
}

TEST_F(ApiTest, WritesNeedTheRightBearerToken) {
  const std::string body = Json{{"text", kThird}}.dump();
  for (const std::string& auth :
       {std::string(), std::string("Bearer wrong"), std::string("Bearer "), "Basic " + options_.token,
        "Bearer " + options_.token + "x", "Bearer " + options_.token.substr(0, 5), options_.token}) {
    ApiRequest r;
    r.method = "POST";
    r.path = "/api/articles";
    r.body = body;
    r.headers["Content-Type"] = "application/json";
    if (!auth.empty()) r.headers["Authorization"] = auth;
    ApiResponse res = api().Handle(r);
    ExpectError(res, 401, "Authorization: " + auth);
    bool challenge = false;
    for (const auto& [k, v] : res.headers) challenge |= k == "WWW-Authenticate" && v.rfind("Bearer", 0) == 0;
    EXPECT_TRUE(challenge);
  }
  EXPECT_EQ(Store::Open(db_)->CountArticles(), 2);
  // Header names and the scheme are case-insensitive.
  ApiRequest r;
  r.method = "POST";
  r.path = "/api/articles";
  r.body = body;
  r.headers["content-type"] = "application/json; charset=utf-8";
  r.headers["authorization"] = "bearer " + options_.token;
  EXPECT_EQ(api().Handle(r).status, 201);
}

TEST_F(ApiTest, PostedArticleIsCodedStoredAndVisible) {
  EXPECT_TRUE(Body(Get("/api/events", {{"text", "warplanes"}}))["events"].empty());
  const std::string body =
      Json{{"text", kThird}, {"url", "https://three.example/a"}, {"title", "Strikes"}, {"published", "2024-04-03"}}
          .dump();
  ApiResponse r = Post("/api/articles", body, "application/json", options_.token);
  ASSERT_EQ(r.status, 201) << r.body;
  Json j = Body(r);
  EXPECT_EQ(j["stored"], true);
  EXPECT_GE(j["events"], 1);
  EXPECT_EQ(j["event_ids"].size(), j["events"].get<size_t>());
  EXPECT_EQ(j["article_id"].get<std::string>().size(), 16u);
  Json listed = Body(Get("/api/events", {{"text", "warplanes"}}));
  ASSERT_FALSE(listed["events"].empty());
  const Json& e = listed["events"][0];
  EXPECT_EQ(e["article"]["url"], "https://three.example/a");
  EXPECT_EQ(e["article"]["title"], "Strikes");
  EXPECT_EQ(e["date"], "2024-04-02");  // "on Tuesday" before the publication date
  EXPECT_EQ(Get("/api/events/" + j["event_ids"][0].get<std::string>()).status, 200);
  // The same article again: coded, not stored twice.
  ApiResponse again = Post("/api/articles", body, "application/json", options_.token);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Body(again)["stored"], false);
  EXPECT_EQ(Body(again)["article_id"], j["article_id"]);
  EXPECT_EQ(Store::Open(db_)->CountArticles(), 3);
}

TEST_F(ApiTest, PostTakesRawTextAndHtml) {
  ApiResponse text = Post("/api/articles", kThird, "text/plain; charset=utf-8", options_.token);
  ASSERT_EQ(text.status, 201) << text.body;
  EXPECT_GE(Body(text)["events"], 1);
  const std::string html = std::string("<html><head><title>Protest in Tbilisi</title></head><body><p>") +
                           "Georgian police arrested dozens of protesters in Tbilisi on Sunday.</p></body></html>";
  ApiResponse page = Post("/api/articles", html, "text/html", options_.token);
  ASSERT_EQ(page.status, 201) << page.body;
  Json listed = Body(Get("/api/events", {{"text", "dozens of protesters"}}));
  ASSERT_FALSE(listed["events"].empty());
  EXPECT_EQ(listed["events"][0]["article"]["title"], "Protest in Tbilisi");
  // JSON "html" is read as HTML too.
  ApiResponse json_html =
      Post("/api/articles", Json{{"html", "<p>The Turkish army shelled Kurdish rebels.</p>"}}.dump(),
           "application/json", options_.token);
  EXPECT_EQ(json_html.status, 201) << json_html.body;
}

TEST_F(ApiTest, ArticleInAnotherLanguageIsNotStored) {
  const char* french =
      "Les forces russes ont bombardé la ville de Kharkiv vendredi, selon les autorités ukrainiennes. Le ministère "
      "ukrainien des Affaires étrangères a condamné cette attaque et demandé une réunion du Conseil de sécurité.";
  ApiResponse r = Post("/api/articles", Json{{"text", french}}.dump(), "application/json", options_.token);
  ASSERT_EQ(r.status, 200) << r.body;
  Json j = Body(r);
  EXPECT_EQ(j["stored"], false);
  EXPECT_EQ(j["events"], 0);
  EXPECT_EQ(j["skipped"], "language fr");
  EXPECT_EQ(Store::Open(db_)->CountArticles(), 2);
}

TEST_F(ApiTest, BadArticleBodiesAreRefused) {
  const std::string t = options_.token;
  ExpectError(Post("/api/articles", "{not json", "application/json", t), 400, "bad JSON");
  ExpectError(Post("/api/articles", "[1,2]", "application/json", t), 400, "array");
  ExpectError(Post("/api/articles", "{}", "application/json", t), 400, "no text");
  ExpectError(Post("/api/articles", R"({"text": ""})", "application/json", t), 400, "empty text");
  ExpectError(Post("/api/articles", R"({"text": 42})", "application/json", t), 400, "text a number");
  ExpectError(
      Post("/api/articles", R"({"text": "Russia shelled Kharkiv.", "published": "yesterday"})", "application/json", t),
      400, "published not a date");
  ExpectError(Post("/api/articles", R"({"text": "Russia shelled Kharkiv.", "url": ["x"]})", "application/json", t), 400,
              "url a list");
  ExpectError(Post("/api/articles", std::string("\xff\xfe\x00\x01", 4), "application/json", t), 400, "binary JSON");
  ExpectError(Post("/api/articles", "text", "application/x-www-form-urlencoded", t), 415, "form");
  ExpectError(Post("/api/articles", "text", "", t), 415, "no content type");
  ExpectError(Post("/api/articles", std::string("abc\0def", 7), "text/plain", t), 400, "NUL byte");
  options_.max_body_bytes = 100;
  api_.reset();
  ExpectError(Post("/api/articles", std::string(101, 'a'), "text/plain", t), 413, "too large");
  EXPECT_EQ(Store::Open(db_)->CountArticles(), 2);
}

TEST_F(ApiTest, ProtectedReadsNeedTheToken) {
  options_.protect_reads = true;
  for (const char* path : {"/api/events", "/api/stats", "/api/actors", "/api/places", "/api/openapi.json",
                           "/api/events/0000000000000000", "/api/nothing"})
    ExpectError(Get(path), 401, path);
  ExpectError(Get("/api/events", {}, {{"Authorization", "Bearer nope"}}), 401, "wrong token");
  EXPECT_EQ(Get("/api/events", {}, {{"Authorization", "Bearer " + options_.token}}).status, 200);
  EXPECT_EQ(Get("/healthz").status, 200);
}

TEST_F(ApiTest, ReadsNeedNoTokenByDefault) {
  EXPECT_EQ(Get("/api/events").status, 200);
  EXPECT_EQ(Get("/api/events", {}, {{"Authorization", "Bearer wrong"}}).status, 200);
}

TEST_F(ApiTest, NeverThrowsOnArbitraryRequests) {
  std::mt19937 rng(20240302);
  const std::vector<std::string> methods = {"GET", "HEAD", "POST", "PUT", "DELETE", "", "G\xffT"};
  const std::vector<std::string> paths = {
      "/api/events", "/api/events/", "/api/stats", "/api/export", "/api/articles", "/api/actors",
      "/api/places", "/healthz",     "",           "/",           "/api/\x01\xfe"};
  const std::vector<std::string> names = {"from",   "to",   "root",    "quad", "limit", "cursor", "bbox",
                                          "format", "text", "negated", "code", "",      "\xc3"};
  auto junk = [&](size_t max) {
    std::string s(rng() % (max + 1), '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    return s;
  };
  for (int i = 0; i < 400; ++i) {
    ApiRequest r;
    r.method = methods[rng() % methods.size()];
    r.path = rng() % 4 ? paths[rng() % paths.size()] : "/api/" + junk(20);
    for (int k = rng() % 4; k > 0; --k) r.query.emplace(names[rng() % names.size()], junk(12));
    if (rng() % 2) r.headers["Content-Type"] = rng() % 2 ? "application/json" : junk(10);
    r.headers["Authorization"] = rng() % 2 ? "Bearer " + options_.token : junk(10);
    r.body = rng() % 3 ? junk(200) : Json{{"text", junk(100)}}.dump(-1, ' ', false, Json::error_handler_t::replace);
    ApiResponse res = api().Handle(r);
    EXPECT_TRUE(res.status == 200 || res.status == 201 || (res.status >= 400 && res.status <= 415))
        << res.status << " " << res.body;
    EXPECT_NE(res.status, 500) << res.body;
    if (res.status >= 400) {
      EXPECT_TRUE(Json::accept(res.body)) << res.body;
    }
  }
}

TEST(ApiParams, CursorRoundTripsAndRefusesForgeries) {
  PageCursor c{"2024-03-02", "2a087e716980a664"};
  std::optional<PageCursor> back = DecodeCursor(EncodeCursor(c));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->date, c.date);
  EXPECT_EQ(back->event_id, c.event_id);
  PageCursor undated{"", "00ff"};
  ASSERT_TRUE(DecodeCursor(EncodeCursor(undated)));
  EXPECT_EQ(DecodeCursor(EncodeCursor(undated))->date, "");
  EXPECT_FALSE(DecodeCursor(""));
  EXPECT_FALSE(DecodeCursor("Zm9v"));  // "foo"
  EXPECT_FALSE(DecodeCursor("a b"));
  EXPECT_FALSE(DecodeCursor(EncodeCursor(PageCursor{"2024-03-02", "x'--"})));
  EXPECT_FALSE(DecodeCursor(EncodeCursor(PageCursor{"2024' OR", "ab"})));
}

TEST(ApiParams, DatesMustBeReal) {
  for (const char* ok : {"2024", "2024-02", "2024-02-29", "2000-02-29", "1999-12-31"})
    EXPECT_TRUE(IsValidDate(ok)) << ok;
  for (const char* bad : {"", "24", "2023-02-29", "1900-02-29", "2024-00", "2024-13", "2024-04-31", "2024/04/01",
                          "2024-04-01T00:00", "２０２４"})
    EXPECT_FALSE(IsValidDate(bad)) << bad;
}

TEST(ApiParams, BoundingBoxAcrossTheAntimeridian) {
  BoundingBox pacific{170, -20, -170, 20};
  EXPECT_TRUE(pacific.Contains(175, 0));
  EXPECT_TRUE(pacific.Contains(-175, 0));
  EXPECT_FALSE(pacific.Contains(0, 0));
  EXPECT_FALSE(pacific.Contains(175, 30));
  BoundingBox europe{-10, 35, 40, 70};
  EXPECT_TRUE(europe.Contains(2.35, 48.85));
  EXPECT_FALSE(europe.Contains(-74, 40.7));
}

}  // namespace
}  // namespace eventcoder
