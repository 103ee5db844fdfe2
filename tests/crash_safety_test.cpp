// Crash safety, for real: `eventcoder ingest` is killed with SIGKILL at random points, run again, and the
// database must pass SQLite's integrity check and hold exactly the events of one uninterrupted run.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {
namespace fs = std::filesystem;

std::set<std::string> Column(const std::string& db, const char* sql) {
  std::set<std::string> out;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(h);  // a failed open still allocates the handle
    return out;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      out.insert(t ? reinterpret_cast<const char*>(t) : "");
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

pid_t Start(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  posix_spawn(&pid, args[0].c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(CrashSafety, KilledIngestsLeaveAConsistentDatabaseThatARerunCompletes) {
  fs::path dir = fs::temp_directory_path() / ("crash_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "corpus");
  // A corpus of distinct articles built from the project's samples: each sample with a numbered variant.
  std::vector<std::string> samples;
  for (const auto& e : fs::directory_iterator(fs::path(EVENTCODER_SOURCE_DIR) / "samples")) {
    std::ifstream in(e.path());
    samples.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_FALSE(samples.empty());
  for (int i = 0; i < 400; ++i) {
    std::ofstream(dir / "corpus" / ("a" + std::to_string(1000 + i) + ".txt"))
        << samples[i % samples.size()] << "\n\nEditor's note " << i << ": this copy was filed for archive " << i
        << ".\n";
  }
  const std::string bin = EVENTCODER_BINARY;
  const std::string corpus = (dir / "corpus").string();
  const std::string clean = (dir / "clean.db").string(), crashed = (dir / "crashed.db").string();
  ASSERT_EQ(Wait(Start({bin, "ingest", corpus, "--db", clean, "--date", "2024-03-02", "--threads", "2"})), 0);

  std::mt19937 rng(12345);
  // Kill points spread over the time one uninterrupted run takes.
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(Wait(Start({bin, "ingest", corpus, "--db", (dir / "timing.db").string(), "--date", "2024-03-02",
                        "--threads", "2"})), 0);
  int full_ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
  std::uniform_int_distribution<int> delay_ms(full_ms / 10, full_ms * 9 / 10);
  int partial = 0;
  const size_t total = Column(clean, "SELECT id FROM articles").size();
  // What each article holds after one clean run: its events and its number of sentences.
  const char* kEventsByArticle = "SELECT article_id || ' ' || event_id FROM events";
  const char* kSentencesByArticle = "SELECT article_id || ' ' || count(*) FROM sentences GROUP BY article_id";
  const std::set<std::string> clean_events = Column(clean, kEventsByArticle);
  const std::set<std::string> clean_sentences = Column(clean, kSentencesByArticle);
  // Rows of `all` that belong to the given articles (rows start with the article id and a space).
  auto of_articles = [](const std::set<std::string>& all, const std::set<std::string>& articles) {
    std::set<std::string> out;
    for (const std::string& row : all)
      if (articles.count(row.substr(0, row.find(' ')))) out.insert(row);
    return out;
  };
  const char* rounds_env = std::getenv("EVENTCODER_CRASH_ROUNDS");
  const int rounds = rounds_env ? std::max(1, std::atoi(rounds_env)) : 16;
  for (int round = 0; round < rounds; ++round) {
    // A round that finished before its kill leaves nothing to interrupt: start that database over.
    if (Column(crashed, "SELECT id FROM articles").size() == total) {
      for (const char* sfx : {"", "-wal", "-shm"}) fs::remove(crashed + sfx);
    }
    pid_t pid = Start({bin, "ingest", corpus, "--db", crashed, "--date", "2024-03-02", "--threads", "2"});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    kill(pid, SIGKILL);
    Wait(pid);
    if (Column(crashed, "SELECT id FROM articles").size() < total) ++partial;
    // After every kill the database must be intact (a kill before the file was created leaves none).
    if (fs::exists(crashed)) {
      EXPECT_EQ(Column(crashed, "PRAGMA integrity_check"), std::set<std::string>{"ok"}) << "after round " << round;
      // No article is half-written: each stored article has exactly the sentences and events it has
      // after a clean run.
      std::set<std::string> stored = Column(crashed, "SELECT id FROM articles");
      EXPECT_EQ(Column(crashed, kEventsByArticle), of_articles(clean_events, stored)) << "after round " << round;
      EXPECT_EQ(Column(crashed, kSentencesByArticle), of_articles(clean_sentences, stored)) << "after round " << round;
    }
  }
  EXPECT_GT(partial, 0) << "no kill landed in the middle of an ingest";
  ASSERT_EQ(Wait(Start({bin, "ingest", corpus, "--db", crashed, "--date", "2024-03-02", "--threads", "2"})), 0);
  EXPECT_EQ(Column(crashed, "PRAGMA integrity_check"), std::set<std::string>{"ok"});
  std::set<std::string> want = Column(clean, "SELECT event_id FROM events");
  std::set<std::string> got = Column(crashed, "SELECT event_id FROM events");
  EXPECT_FALSE(want.empty());
  EXPECT_EQ(got, want) << "nothing lost, nothing doubled";
  EXPECT_EQ(Column(crashed, "SELECT id FROM articles"), Column(clean, "SELECT id FROM articles"));
  EXPECT_EQ(Column(crashed, "SELECT count(*) FROM events"), Column(clean, "SELECT count(*) FROM events"));
  fs::remove_all(dir);
}

}  // namespace
