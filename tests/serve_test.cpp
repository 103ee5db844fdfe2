// `eventcoder serve` for real: the binary is started on a free loopback port with a temporary database
// and token file, and spoken to over HTTP with cpp-httplib's client.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {
namespace fs = std::filesystem;
using Json = nlohmann::json;

const char* kToken = "serve-test-token-7f3a9c";
const char* kArticle =
    "Turkish warplanes bombed Kurdish militants in northern Iraq on Tuesday, the Turkish army said.\n";

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("serve_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "web");
    std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>dashboard</title>";
    std::ofstream(dir_ / "secret.txt") << "TOP-SECRET-CONTENT";
    std::ofstream(dir_ / "token") << kToken << "\n";
  }
  void TearDown() override {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    fs::remove_all(dir_);
  }

  // Starts `eventcoder serve` with `extra` flags on port 0 and waits for /healthz.
  void Start(std::vector<std::string> extra) {
    std::vector<std::string> args = {
        EVENTCODER_BINARY, "serve",     "--db",  (dir_ / "events.db").string(), "--port", "0",
        "--host",          "127.0.0.1", "--web", (dir_ / "web").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const std::string err = (dir_ / "stderr").string();
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      int fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int null = ::open("/dev/null", O_RDWR);
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
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (port_ == 0 && std::chrono::steady_clock::now() < deadline) {
      std::smatch m;
      const std::string text = ReadAll(err);
      if (std::regex_search(text, m, listening))
        port_ = std::stoi(m[1]);
      else if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL() << "serve exited at start: " << text;
      } else
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_GT(port_, 0) << "serve did not say where it listens: " << ReadAll(err);
    httplib::Client cli = Client();
    for (int i = 0; i < 500; ++i) {
      auto r = cli.Get("/healthz");
      if (r && r->status == 200) {
        EXPECT_EQ(r->body, "ok");
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL() << "/healthz never answered";
  }

  httplib::Client Client() {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_connection_timeout(5, 0);
    cli.set_read_timeout(30, 0);
    return cli;
  }

  // Sends `signal` and returns the exit status (-1: did not exit within 15 s, or killed by a signal).
  int StopWith(int signal) {
    ::kill(pid_, signal);
    int status = 0;
    for (int i = 0; i < 1500; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }

  fs::path dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

TEST_F(ServeTest, GetsPostsAndTheNewEventsOverRealHttp) {
  Start({"--token-file", (dir_ / "token").string()});
  httplib::Client cli = Client();
  auto events = cli.Get("/api/events");
  ASSERT_TRUE(events) << httplib::to_string(events.error());
  EXPECT_EQ(events->status, 200);
  EXPECT_EQ(events->get_header_value("Content-Type"), "application/json");
  Json page = Json::parse(events->body);
  EXPECT_TRUE(page["events"].empty());  // a new database
  EXPECT_TRUE(page["next_cursor"].is_null());

  const std::string body = Json{{"text", kArticle}, {"published", "2024-04-03"}, {"url", "https://x.example/1"}}.dump();
  auto anonymous = cli.Post("/api/articles", body, "application/json");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_TRUE(Json::parse(anonymous->body).contains("error"));
  EXPECT_EQ(anonymous->get_header_value("WWW-Authenticate").rfind("Bearer", 0), 0u);

  httplib::Client wrong = Client();
  wrong.set_bearer_token_auth("not-the-token");
  auto refused = wrong.Post("/api/articles", body, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);

  httplib::Client author = Client();
  author.set_bearer_token_auth(kToken);
  auto created = author.Post("/api/articles", body, "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  Json result = Json::parse(created->body);
  EXPECT_EQ(result["stored"], true);
  ASSERT_GE(result["events"], 1);

  auto listed = cli.Get("/api/events?text=warplanes");
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->status, 200);
  Json now = Json::parse(listed->body);
  ASSERT_EQ(now["events"].size(), result["events"].get<size_t>());
  EXPECT_EQ(now["events"][0]["article"]["url"], "https://x.example/1");
  auto one = cli.Get("/api/events/" + result["event_ids"][0].get<std::string>());
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200);

  auto geojson = cli.Get("/api/export?format=geojson");
  ASSERT_TRUE(geojson);
  EXPECT_EQ(geojson->status, 200);
  EXPECT_EQ(geojson->get_header_value("Content-Type"), "application/geo+json");
  EXPECT_EQ(Json::parse(geojson->body)["type"], "FeatureCollection");

  auto bad = cli.Get("/api/events?root=99x");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_TRUE(Json::parse(bad->body).contains("error"));
  auto method = cli.Delete("/api/events");
  ASSERT_TRUE(method);
  EXPECT_EQ(method->status, 405);

  EXPECT_EQ(StopWith(SIGTERM), 0);
  EXPECT_NE(ReadAll(dir_ / "stderr").find("serve: stopped"), std::string::npos);
}

TEST_F(ServeTest, ServesTheWebFolderAndRefusesPathTraversal) {
  Start({});
  httplib::Client cli = Client();
  cli.set_url_encode(false);  // send the paths exactly as written
  auto index = cli.Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("dashboard"), std::string::npos);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html");
  auto file = cli.Get("/index.html");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->status, 200);
  for (const char* path : {"/../secret.txt", "/../../etc/passwd", "/../../../../../../etc/passwd", "/%2e%2e/secret.txt",
                           "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/secret.txt", "/..%2fsecret.txt",
                           "/%2e%2e%2fsecret.txt", "/./../secret.txt", "/web/../../secret.txt", "//etc/passwd",
                           "/..\\secret.txt", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"}) {
    auto r = cli.Get(path);
    if (!r) continue;  // refused before an answer is fine too
    EXPECT_NE(r->status, 200) << path;
    EXPECT_EQ(r->body.find("TOP-SECRET"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
  EXPECT_EQ(StopWith(SIGINT), 0);
}

TEST_F(ServeTest, ReadOnlyWithoutATokenFile) {
  Start({});
  httplib::Client cli = Client();
  cli.set_bearer_token_auth(kToken);
  auto r = cli.Post("/api/articles", Json{{"text", kArticle}}.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(r->body.find("--token-file"), std::string::npos);
  EXPECT_EQ(StopWith(SIGTERM), 0);
}

TEST_F(ServeTest, ProtectedReadsAndTheBodyLimit) {
  Start({"--token-file", (dir_ / "token").string(), "--protect-reads"});
  httplib::Client anonymous = Client();
  auto refused = anonymous.Get("/api/stats");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  auto health = anonymous.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  httplib::Client cli = Client();
  cli.set_bearer_token_auth(kToken);
  auto stats = cli.Get("/api/stats");
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->status, 200);
  EXPECT_EQ(Json::parse(stats->body)["events"], 0);
  auto huge = cli.Post("/api/articles", std::string(1536 * 1024, 'a'), "text/plain");
  if (huge) {  // the server may also close the connection before the client has sent everything
    EXPECT_EQ(huge->status, 413);
  }
  auto after = cli.Get("/api/stats");  // still serving
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
  EXPECT_EQ(StopWith(SIGTERM), 0);
}

TEST_F(ServeTest, BadFlagsAreUsageErrors) {
  auto run = [&](const std::string& args) {
    const std::string cmd =
        std::string(EVENTCODER_BINARY) + " serve " + args + " >/dev/null 2>" + (dir_ / "flags.err").string();
    const int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  const std::string db = (dir_ / "events.db").string();
  EXPECT_EQ(run(""), 2);
  EXPECT_EQ(run("--db " + db + " --port 70000"), 2);
  EXPECT_EQ(run("--db " + db + " --port x"), 2);
  EXPECT_EQ(run("--db " + db + " --protect-reads"), 2);
  EXPECT_EQ(run("--db " + db + " --token-file " + (dir_ / "missing").string()), 1);
  EXPECT_EQ(run("--db " + db + " --web " + (dir_ / "missing").string()), 1);
}

}  // namespace
