// `eventcoder serve` under attack: the real binary on a loopback port over a small database (samples/
// ingested), spoken to with cpp-httplib's client and with raw sockets where a client library would
// refuse to send what an attacker sends. Limits and guarantees: docs/api.md, "Limits" and "Security".
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "serve/params.h"

namespace {
namespace fs = std::filesystem;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

const char* kToken = "security-test-token-51c0e2";

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every byte but the unreserved ones as %XX, so that the server decodes exactly `s`.
std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The schema (every table, index, view and trigger by name) and the row count of every table.
std::map<std::string, long> DatabaseCensus(const fs::path& db_path) {
  std::map<std::string, long> census;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    census["<cannot open>"] = -1;
    return census;
  }
  sqlite3_busy_timeout(db, 10000);
  std::vector<std::string> tables;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT type, name FROM sqlite_master ORDER BY name", -1, &st, nullptr);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    const std::string type = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    census[type + " " + name] = 0;
    if (type == "table") tables.push_back(name);
  }
  sqlite3_finalize(st);
  for (const std::string& t : tables) {
    st = nullptr;
    sqlite3_prepare_v2(db, ("SELECT count(*) FROM \"" + t + "\"").c_str(), -1, &st, nullptr);
    if (st && sqlite3_step(st) == SQLITE_ROW) census["rows " + t] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
  if (st && sqlite3_step(st) == SQLITE_ROW)
    census[std::string("integrity ") + reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = 1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return census;
}

// A raw TCP connection to the server, for requests no HTTP client library would send.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool ok() const { return fd_ >= 0; }
  // False once the server has closed the connection (or it broke).
  bool Send(const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      pollfd p{fd_, POLLOUT, 0};
      if (::poll(&p, 1, 30000) <= 0) return false;
      const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  // True when something (or the end of the stream) can be read now.
  bool Readable(int wait_ms = 0) const {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, wait_ms) > 0;
  }
  // Reads until the server closes the connection, or `wait` passes.
  std::string ReadUntilClosed(std::chrono::seconds wait) {
    std::string out;
    const Clock::time_point until = Clock::now() + wait;
    char buf[65536];
    while (Clock::now() < until) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(std::max<int64_t>(left, 1))) <= 0) break;
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  // Sends `request` and reads the whole answer (the request should ask for Connection: close).
  std::string Exchange(const std::string& request) {
    if (!Send(request)) return ReadUntilClosed(std::chrono::seconds(30));
    return ReadUntilClosed(std::chrono::seconds(30));
  }

 private:
  int fd_ = -1;
};

int StatusOf(const std::string& answer) {
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
  return std::atoi(answer.substr(9, 3).c_str());
}

std::string BodyOf(const std::string& answer) {
  const size_t end = answer.find("\r\n\r\n");
  return end == std::string::npos ? "" : answer.substr(end + 4);
}

bool IsJsonError(const std::string& body) {
  const Json j = Json::parse(body, nullptr, false);
  return j.is_object() && j.contains("error") && j["error"].is_string();
}

class ServeSecurity : public ::testing::Test {
 protected:
  void SetUp() override {
    ::signal(SIGPIPE, SIG_IGN);
    dir_ = fs::temp_directory_path() / ("serve_security_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "web" / "css");
    fs::create_directories(dir_ / "outside");
    std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>dashboard</title>";
    std::ofstream(dir_ / "web" / "css" / "site.css") << "body{}";
    std::ofstream(dir_ / "secret.txt") << "TOP-SECRET-CONTENT";
    std::ofstream(dir_ / "outside" / "secret.txt") << "TOP-SECRET-CONTENT";
    std::ofstream(dir_ / "token") << kToken << "\n";
    db_ = dir_ / "events.db";
    const std::string cmd = std::string(EVENTCODER_BINARY) + " ingest " + EVENTCODER_SOURCE_DIR + "/samples --db " +
                            db_.string() + " >/dev/null 2>" + (dir_ / "ingest.err").string();
    ASSERT_EQ(std::system(cmd.c_str()), 0) << ReadAll(dir_ / "ingest.err");
  }

  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    fs::remove_all(dir_);
  }

  // Starts `eventcoder serve` on a free port with `extra` flags and waits until /healthz answers.
  void Start(std::vector<std::string> extra) {
    std::vector<std::string> args = {EVENTCODER_BINARY, "serve",     "--db",  db_.string(),          "--port",
                                     "0",               "--host",    "127.0.0.1", "--web", (dir_ / "web").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const std::string err = (dir_ / "serve.err").string();
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      const int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int null = ::open("/dev/null", O_RDWR);
      ::dup2(fd, 2);
      ::dup2(null, 1);
      ::dup2(null, 0);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+)/)");
    const Clock::time_point deadline = Clock::now() + std::chrono::seconds(90);
    while (port_ == 0 && Clock::now() < deadline) {
      std::smatch m;
      const std::string text = ReadAll(err);
      if (std::regex_search(text, m, listening)) {
        port_ = std::stoi(m[1]);
      } else if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL() << "serve exited at start: " << text;
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
    ASSERT_GT(port_, 0) << "serve did not say where it listens: " << ReadAll(err);
    ASSERT_TRUE(Healthy(std::chrono::seconds(30)));
  }

  httplib::Client Client() {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_connection_timeout(10, 0);
    cli.set_read_timeout(60, 0);
    cli.set_write_timeout(30, 0);
    cli.set_url_encode(false);  // paths are sent exactly as written
    return cli;
  }

  // True when /healthz answers 200 within `wait`.
  bool Healthy(std::chrono::seconds wait) {
    const Clock::time_point until = Clock::now() + wait;
    while (Clock::now() < until) {
      httplib::Client cli = Client();
      cli.set_read_timeout(5, 0);
      auto r = cli.Get("/healthz");
      if (r && r->status == 200 && r->body == "ok") return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  bool Running() { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

  fs::path dir_, db_;
  pid_t pid_ = -1;
  int port_ = 0;
};

const std::string kArticle =
    "Turkish warplanes bombed Kurdish militants in northern Iraq on Tuesday, the Turkish army said.\n";

TEST_F(ServeSecurity, WritesNeedTheTokenInTheAuthorizationHeader) {
  Start({"--token-file", (dir_ / "token").string()});
  const std::map<std::string, long> before = DatabaseCensus(db_);
  const std::string body = Json{{"text", kArticle}, {"published", "2024-04-03"}}.dump();
  const std::string token(kToken);
  struct Attempt {
    std::string what, path;
    httplib::Headers headers;
    std::string body;
  };
  const std::vector<Attempt> attempts = {
      {"no token", "/api/articles", {}, body},
      {"wrong token", "/api/articles", {{"Authorization", "Bearer not-the-token"}}, body},
      {"token prefix", "/api/articles", {{"Authorization", "Bearer " + token.substr(0, token.size() - 1)}}, body},
      {"token plus a byte", "/api/articles", {{"Authorization", "Bearer " + token + "x"}}, body},
      {"empty bearer", "/api/articles", {{"Authorization", "Bearer "}}, body},
      {"token without scheme", "/api/articles", {{"Authorization", token}}, body},
      {"basic scheme", "/api/articles", {{"Authorization", "Basic " + token}}, body},
      {"token in another header", "/api/articles", {{"X-Token", token}, {"X-Api-Key", token}}, body},
      {"token in a cookie", "/api/articles", {{"Cookie", "token=" + token}}, body},
      {"token in the query string", "/api/articles?token=" + token, {}, body},
      {"access_token in the query string", "/api/articles?access_token=" + token, {}, body},
      {"token in the body", "/api/articles", {}, Json{{"text", kArticle}, {"token", token}}.dump()},
  };
  httplib::Client cli = Client();
  for (const Attempt& a : attempts) {
    auto r = cli.Post(a.path, a.headers, a.body, "application/json");
    ASSERT_TRUE(r) << a.what << ": " << httplib::to_string(r.error());
    EXPECT_EQ(r->status, 401) << a.what;
    EXPECT_TRUE(IsJsonError(r->body)) << a.what;
    EXPECT_EQ(r->get_header_value("WWW-Authenticate").rfind("Bearer", 0), 0u) << a.what;
  }
  // Other methods write nothing either.
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};
  for (const char* path : {"/api/articles", "/api/events", "/api/events/abc"}) {
    auto put = cli.Put(path, auth, body, "application/json");
    ASSERT_TRUE(put);
    EXPECT_EQ(put->status, 405) << path;
    auto del = cli.Delete(path, auth);
    ASSERT_TRUE(del);
    EXPECT_EQ(del->status, 405) << path;
  }
  EXPECT_EQ(DatabaseCensus(db_), before) << "a refused write changed the database";

  // The header alone is enough, and the census sees a write.
  auto created = cli.Post("/api/articles", auth, body, "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(DatabaseCensus(db_)["rows articles"], before.at("rows articles") + 1);
}

TEST_F(ServeSecurity, ReadOnlyServerRefusesEveryWrite) {
  Start({});
  const std::map<std::string, long> before = DatabaseCensus(db_);
  httplib::Client cli = Client();
  auto r = cli.Post("/api/articles", {{"Authorization", std::string("Bearer ") + kToken}},
                    Json{{"text", kArticle}}.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_TRUE(IsJsonError(r->body));
  EXPECT_EQ(DatabaseCensus(db_), before);
}

// The query parameters of each GET endpoint, written out here so that the test fails when the API or
// its OpenAPI description gains one that the test does not try.
const std::set<std::string> kFilters = {"from", "to",     "source", "target", "actor",      "code",    "root",
                                        "quad", "plover", "place",  "bbox",   "claimed_by", "negated", "text"};
std::map<std::string, std::set<std::string>> TestedParameters() {
  auto with = [](std::set<std::string> extra) {
    extra.insert(kFilters.begin(), kFilters.end());
    return extra;
  };
  return {{"/api/events", with({"limit", "cursor"})},
          {"/api/stats", with({})},
          {"/api/actors", with({"limit"})},
          {"/api/places", with({"limit"})},
          {"/api/export", with({"format", "limit"})}};
}

TEST_F(ServeSecurity, TestedParametersAreExactlyThoseOfTheOpenApiDescription) {
  const Json spec = Json::parse(ReadAll(fs::path(EVENTCODER_SOURCE_DIR) / "docs" / "openapi.json"));
  std::map<std::string, std::set<std::string>> described;
  for (const auto& [path, item] : spec["paths"].items()) {
    if (!item.contains("get")) continue;
    std::set<std::string>& names = described[path];
    for (Json p : item["get"].value("parameters", Json::array())) {
      if (p.contains("$ref")) {
        const std::string ref = p["$ref"];
        ASSERT_EQ(ref.rfind("#/components/parameters/", 0), 0u) << ref;
        p = spec["components"]["parameters"][ref.substr(24)];
      }
      if (p.value("in", "") == "query") names.insert(p["name"].get<std::string>());
    }
    if (names.empty()) described.erase(path);  // /healthz, /api/openapi.json, /api/events/{id}: none
  }
  EXPECT_EQ(described, TestedParameters());
  EXPECT_EQ(eventcoder::FilterParameterNames(), kFilters);
}

TEST_F(ServeSecurity, InjectionInEveryParameterIsRefusedOrInert) {
  Start({});
  httplib::Client cli = Client();
  auto get = [&](const std::string& path) {
    auto r = cli.Get(path);
    if (!r) {  // a connection the server closed after an error answer: once more on a new one
      cli.stop();
      r = cli.Get(path);
    }
    return r;
  };
  {  // the database has rows to leak
    auto all = get("/api/events?limit=1000");
    ASSERT_TRUE(all);
    ASSERT_EQ(all->status, 200);
    ASSERT_GT(Json::parse(all->body)["events"].size(), 20u);
  }
  const std::map<std::string, long> before = DatabaseCensus(db_);
  ASSERT_EQ(before.count("integrity ok"), 1u);

  // A valid value of each parameter that matches nothing, or as little as possible.
  const std::map<std::string, std::string> harmless = {
      {"from", "2999"},      {"to", "1900"},         {"source", "ZZZ"},    {"target", "ZZZ"},
      {"actor", "ZZZ"},      {"code", "0999"},       {"root", "20"},       {"quad", "4"},
      {"plover", "NOSUCH"},  {"place", "Nowhere"},   {"bbox", "0,0,0.001,0.001"}, {"claimed_by", "ZZZ"},
      {"negated", "true"},   {"text", "zzqxnomatch"}, {"limit", "1"},
      {"cursor", eventcoder::EncodeCursor({"2999-12-31", "ffffffff"})},   {"format", "csv"}};
  const std::string big(100 * 1024, 'A');
  const std::vector<std::string> payloads = {
      "' OR 1=1 --",
      "' OR '1'='1",
      "\"; DROP TABLE events; --",
      "'; DROP TABLE events; --",
      "1 UNION SELECT event_id, record FROM events --",
      "1) UNION SELECT name FROM sqlite_master --",
      "RUS' --",
      "RUS\" OR \"\"=\"",
      "%27",
      "%2527",
      "%",
      "%%",
      "_",
      "RUS%",
      "*",
      "\\",
      "\\' OR 1=1 --",
      std::string("RUS\0' OR 1=1 --", 15),
      std::string("\0", 1),
      std::string("RUS\0", 4),
      "\t\r\n",
      "\xff\xfe",
      "\xc0\xa7 OR 1=1",  // an overlong quote
      "\xed\xa0\x80",     // a UTF-16 surrogate
      "\xe2\x80\xae",     // right-to-left override (valid UTF-8)
      std::string(300, 'A'),
      big,
      "../../etc/passwd",
      "<script>alert(1)</script>",
      "$(id)",
      "{\"$ne\": null}",
      "RUS;SELECT 1",
  };
  // Numbers out of range, for the parameters that take numbers, dates or codes (in a free-text filter a
  // number is a value like any other, and may well match).
  const std::vector<std::string> numbers = {"-1",  "-0",   "-99999999999999999999", "99999999999999999999",
                                            "2147483648", "1e308", "NaN", "0x10", "1,2,3,4,5", "-180,-90,180,91"};
  const std::set<std::string> free_text = {"source", "target", "actor", "claimed_by", "plover", "place", "text"};

  for (const auto& [endpoint, names] : TestedParameters()) {
    for (const std::string& name : names) {
      // Export needs a format; every other parameter is left out, so only `name` decides the answer.
      const std::string fixed = endpoint == "/api/export" && name != "format" ? "format=csv&" : "";
      const std::string base = endpoint + "?" + fixed + name + "=";
      auto reference = get(base + PercentEncode(harmless.at(name)));
      ASSERT_TRUE(reference) << endpoint << " " << name;
      ASSERT_EQ(reference->status, 200) << base << harmless.at(name) << ": " << reference->body;
      std::vector<std::string> tried = payloads;
      if (!free_text.count(name)) tried.insert(tried.end(), numbers.begin(), numbers.end());
      for (const std::string& payload : tried) {
        const std::string path = base + PercentEncode(payload);
        const std::string shown = endpoint + "?" + name + "=" + PercentEncode(payload.substr(0, 40));
        auto r = get(path);
        ASSERT_TRUE(r) << shown << ": " << httplib::to_string(r.error());
        EXPECT_LT(r->status, 500) << shown;
        if (r->status == 200) {
          EXPECT_EQ(r->body, reference->body) << shown << " answered other rows than a value matching nothing";
        } else {
          EXPECT_TRUE(r->status == 400 || r->status == 414) << shown << ": " << r->status;
          EXPECT_TRUE(IsJsonError(r->body)) << shown << ": " << r->body.substr(0, 200);
        }
      }
    }
  }

  // Query strings no client library writes: raw bytes, broken escapes, odd separators, repeats. Each is
  // refused, or answered as the query given beside it (empty: no filter at all).
  const std::vector<std::pair<std::string, std::string>> raw = {
      {"actor=%27%20OR%201%3D1%20--", "actor=ZZZ"}, {"actor=' OR 1=1 --", "actor=ZZZ"},
      {"actor=RUS%00", "actor=ZZZ"},                {"actor=%zz", "actor=ZZZ"},
      {"actor=%", "actor=ZZZ"},                     {"actor=%2", "actor=ZZZ"},
      {"actor=RUS;root=19", "actor=ZZZ"},           {"=RUS", "actor=ZZZ"},
      {"%zz=1", "actor=ZZZ"},                       {"actor[]=RUS", "actor=ZZZ"},
      {"actor=RUS&actor=UKR", "actor=ZZZ"},         {"root=19%00", "actor=ZZZ"},
      {"limit=10%00", "actor=ZZZ"},                 {"text=%C0%AF", "actor=ZZZ"},
      {"cursor=MQoyMDI0CmFi%27--", "actor=ZZZ"},    {"format=csv%00.html", "actor=ZZZ"},
      {"actor", ""},                                {"&&&", ""}};
  for (const auto& [query, same_as] : raw) {
    for (const std::string endpoint : {"/api/events?", "/api/stats?", "/api/export?format=csv&"}) {
      const std::string path = endpoint + query;
      auto r = get(path);
      ASSERT_TRUE(r) << path;
      EXPECT_LT(r->status, 500) << path;
      if (r->status != 200) {
        EXPECT_TRUE(IsJsonError(r->body)) << path;
        continue;
      }
      auto reference = get(endpoint + same_as);
      ASSERT_TRUE(reference);
      EXPECT_EQ(r->body, reference->body) << path << " answered other rows than " << endpoint << same_as;
    }
  }

  // The event id in the path.
  for (const std::string& id : {std::string("' OR 1=1 --"), std::string("1 UNION SELECT record FROM events"),
                                std::string("%27"), std::string("\0", 1), big.substr(0, 5000), std::string("*"),
                                std::string("..")}) {
    auto r = get("/api/events/" + PercentEncode(id));
    ASSERT_TRUE(r) << id.substr(0, 40);
    EXPECT_TRUE(r->status == 404 || r->status == 400) << id.substr(0, 40) << ": " << r->status;
    EXPECT_TRUE(IsJsonError(r->body));
  }
  auto with_query = get("/api/events/abc?actor=%27%20OR%201%3D1--");
  ASSERT_TRUE(with_query);
  EXPECT_EQ(with_query->status, 400);

  EXPECT_EQ(DatabaseCensus(db_), before) << "the database changed under GET requests";
  EXPECT_TRUE(Running());
}

TEST_F(ServeSecurity, PostedFieldsAreStoredAsData) {
  Start({"--token-file", (dir_ / "token").string()});
  const std::map<std::string, long> before = DatabaseCensus(db_);
  httplib::Client cli = Client();
  const Json body = {{"text", kArticle + "'); DROP TABLE events; --"},
                     {"title", "'); DELETE FROM articles; --"},
                     {"url", "https://x.example/?q=' OR 1=1 --"},
                     {"published", "2024-04-03"}};
  auto r = cli.Post("/api/articles", {{"Authorization", std::string("Bearer ") + kToken}}, body.dump(),
                    "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  std::map<std::string, long> after = DatabaseCensus(db_);
  EXPECT_EQ(after["rows articles"], before.at("rows articles") + 1);
  EXPECT_GT(after["rows events"], before.at("rows events"));
  for (const auto& [key, value] : before) {  // the same schema
    if (key.rfind("rows ", 0) != 0) {
      EXPECT_EQ(after.count(key), 1u) << key;
    }
  }
  auto listed = cli.Get("/api/events?text=" + PercentEncode("DROP TABLE"));
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 200);
}

TEST_F(ServeSecurity, PathTraversalNeverLeavesTheWebFolder) {
  // Links inside the web folder: to a file and a folder outside it (refused), to a file inside (served).
  fs::create_symlink(dir_ / "secret.txt", dir_ / "web" / "leak.txt");
  fs::create_directory_symlink(dir_ / "outside", dir_ / "web" / "outside");
  fs::create_symlink(dir_ / "web" / "css" / "site.css", dir_ / "web" / "alias.css");
  Start({});
  httplib::Client cli = Client();
  for (const char* path : {"/", "/index.html", "/css/site.css", "/alias.css", "/css/../index.html"}) {
    auto r = cli.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
  }
  const std::string secret_abs = (dir_ / "secret.txt").string();
  std::vector<std::string> paths = {"/../secret.txt",
                                    "/../../../../../../etc/passwd",
                                    "/%2e%2e/secret.txt",
                                    "/%2E%2E/secret.txt",
                                    "/.%2e/secret.txt",
                                    "/..%2fsecret.txt",
                                    "/..%2Fsecret.txt",
                                    "/%2e%2e%2fsecret.txt",
                                    "/%252e%252e/secret.txt",
                                    "/%252e%252e%252fsecret.txt",
                                    "/..%252fsecret.txt",
                                    "/%c0%ae%c0%ae/secret.txt",
                                    "/..\\secret.txt",
                                    "/..%5csecret.txt",
                                    "/css/..\\..\\secret.txt",
                                    "/css/../../secret.txt",
                                    "/./../secret.txt",
                                    "//etc/passwd",
                                    "/etc/passwd",
                                    "/" + secret_abs,
                                    "/%2F" + PercentEncode(secret_abs.substr(1)),
                                    "/leak.txt",
                                    "/outside/secret.txt",
                                    "/outside/",
                                    "/outside",
                                    "/index.html%00.txt",
                                    "/api/../secret.txt",
                                    "/api/%2e%2e/%2e%2e/secret.txt",
                                    "/api/events/..%2f..%2f..%2fsecret.txt",
                                    "/api/events/%2e%2e%2f%2e%2e%2fsecret.txt",
                                    "/api/..%2f..%2fsecret.txt",
                                    "/healthz/../../secret.txt"};
  for (const std::string& path : paths) {
    auto r = cli.Get(path);
    ASSERT_TRUE(r) << path << ": " << httplib::to_string(r.error());
    EXPECT_TRUE(r->status == 404 || r->status == 400) << path << ": " << r->status;
    EXPECT_EQ(r->body.find("TOP-SECRET"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
  // Request targets no client library sends: absolute URLs and paths not starting with '/'.
  for (const std::string& target : {std::string("http://127.0.0.1/../secret.txt"), std::string("file:///etc/passwd"),
                                    std::string("../secret.txt"), std::string("*"), secret_abs}) {
    RawConnection c(port_);
    ASSERT_TRUE(c.ok());
    const std::string answer = c.Exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const int status = StatusOf(answer);
    EXPECT_TRUE(status == 400 || status == 404) << target << ": " << answer.substr(0, 100);
    EXPECT_EQ(answer.find("TOP-SECRET"), std::string::npos) << target;
  }
  EXPECT_TRUE(Running());
}

TEST_F(ServeSecurity, BodyOverTheLimitIsRefusedWithoutReadingIt) {
  Start({"--token-file", (dir_ / "token").string()});
  const std::map<std::string, long> before = DatabaseCensus(db_);
  const std::string auth = std::string("Authorization: Bearer ") + kToken + "\r\n";
  {  // 64 MB announced, 1 KB sent: the answer comes without the rest
    RawConnection c(port_);
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE(c.Send("POST /api/articles HTTP/1.1\r\nHost: x\r\n" + auth +
                       "Content-Type: text/plain\r\nContent-Length: 67108864\r\n\r\n" + std::string(1024, 'a')));
    const std::string answer = c.ReadUntilClosed(std::chrono::seconds(60));
    EXPECT_EQ(StatusOf(answer), 413) << answer.substr(0, 200);
    EXPECT_TRUE(IsJsonError(BodyOf(answer))) << answer;
  }
  {  // a chunked body that never ends: cut off once it passes the limit
    RawConnection c(port_);
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE(c.Send("POST /api/articles HTTP/1.1\r\nHost: x\r\n" + auth +
                       "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"));
    const std::string chunk = "10000\r\n" + std::string(0x10000, 'b') + "\r\n";
    size_t sent = 0;
    while (sent < 64u * 1024 * 1024 && !c.Readable() && c.Send(chunk)) sent += 0x10000;
    const std::string answer = c.ReadUntilClosed(std::chrono::seconds(60));
    EXPECT_EQ(StatusOf(answer), 413) << answer.substr(0, 200);
    EXPECT_LT(sent, 8u * 1024 * 1024) << "the server read far past its limit";
  }
  {  // the same with an HTTP client: 413 (or a connection closed before the client has sent it all)
    httplib::Client cli = Client();
    cli.set_bearer_token_auth(kToken);
    auto r = cli.Post("/api/articles", std::string(3 * 1024 * 1024, 'a'), "text/plain");
    if (r) {
      EXPECT_EQ(r->status, 413);
    }
  }
  {  // a request line, and headers, over their limits
    RawConnection url(port_);
    ASSERT_TRUE(url.ok());
    const std::string long_line = url.Exchange("GET /api/events?text=" + std::string(20000, 'a') +
                                               " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(StatusOf(long_line), 414) << long_line.substr(0, 200);
    RawConnection head(port_);
    ASSERT_TRUE(head.ok());
    std::string many = "GET /api/stats HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 20000; ++i) many += "X-Filler-" + std::to_string(i) + ": some value\r\n";
    const std::string headers = head.Exchange(many + "\r\n");
    EXPECT_EQ(StatusOf(headers), 431) << headers.substr(0, 200);
  }
  EXPECT_EQ(DatabaseCensus(db_), before);
  EXPECT_TRUE(Healthy(std::chrono::seconds(30)));
}

TEST_F(ServeSecurity, SlowClientIsCutOffWhileOthersAreServed) {
  Start({});
  // Each slow client sends a request a byte a second: whole, it would take a minute and a half.
  std::string request = "GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Pad: ";
  request += std::string(90 - request.size(), 'p') + "\r\n\r\n";
  constexpr int kSlow = 3;
  std::vector<double> cut_after(kSlow, -1);
  std::vector<std::string> answers(kSlow);
  std::atomic<int> done{0};
  std::vector<std::thread> slow;
  for (int i = 0; i < kSlow; ++i) {
    slow.emplace_back([&, i] {
      RawConnection c(port_);
      const Clock::time_point start = Clock::now();
      for (char byte : request) {
        if (!c.ok() || !c.Send(std::string(1, byte)) || c.Readable(1000)) break;
      }
      answers[i] = c.ReadUntilClosed(std::chrono::seconds(30));
      cut_after[i] = std::chrono::duration<double>(Clock::now() - start).count();
      ++done;
    });
  }
  // Meanwhile the server answers others.
  int served = 0;
  while (done < kSlow) {
    httplib::Client cli = Client();
    auto r = cli.Get("/api/stats?root=19");
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->status, 200);
    ++served;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  for (std::thread& t : slow) t.join();
  EXPECT_GE(served, 5);
  for (int i = 0; i < kSlow; ++i) {
    // The request timeout is 10 s from the first byte; a loaded machine may add some.
    EXPECT_GE(cut_after[i], 9.0) << i;
    EXPECT_LT(cut_after[i], 60.0) << i;
    EXPECT_EQ(StatusOf(answers[i]), 408) << answers[i].substr(0, 200);
    EXPECT_TRUE(IsJsonError(BodyOf(answers[i])));
  }
  EXPECT_TRUE(Running());
}

TEST_F(ServeSecurity, ConnectionFloodDoesNotCrashItAndItRecovers) {
  Start({});
  // Far more connections than worker threads, sending nothing at first.
  constexpr int kFlood = 300;
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < kFlood; ++i) idle.push_back(std::make_unique<RawConnection>(port_));
  int connected = 0;
  for (auto& c : idle) connected += c->ok() ? 1 : 0;
  EXPECT_GT(connected, 8);
  // Half of them send a request and hang up without reading; the others just hang up.
  for (int i = 0; i < kFlood; i += 2)
    if (idle[i]->ok()) idle[i]->Send("GET /api/events?limit=1000 HTTP/1.1\r\nHost: x\r\n\r\n");
  idle.clear();
  ASSERT_TRUE(Healthy(std::chrono::seconds(120))) << "the server did not recover after the flood";

  // Many clients at once, each with a whole request: every one is answered.
  constexpr int kClients = 64;
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&] {
      httplib::Client cli = Client();
      cli.set_read_timeout(120, 0);
      for (int k = 0; k < 3; ++k) {
        auto r = cli.Get("/api/stats");
        (r && r->status == 200 ? ok : failed)++;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(ok, kClients * 3);
  EXPECT_TRUE(Running());
  EXPECT_TRUE(Healthy(std::chrono::seconds(30)));
}

}  // namespace
