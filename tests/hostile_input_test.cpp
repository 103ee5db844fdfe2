// Hostile input: what a crawler, a broken scraper or an attacker can hand the program. Each case makes
// its input at test time in a temporary folder (a 1 GB input is a sparse file or a gzip bomb of ~1 MB,
// never held in the test's memory), runs `eventcoder code` as a child process under an address-space
// limit, and checks that the run ends with one clear error line per bad input (file, line or record,
// cause) or with a bounded result, in bounded memory. The time guard only catches hangs.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "clean/cleaner.h"
#include "pipeline/engine.h"
#include "read/reader.h"
#include "read/records.h"
#include "text/tokenizer.h"

namespace eventcoder {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

constexpr uint64_t kMb = 1024 * 1024;
constexpr uint64_t kGb = 1024 * kMb;
// The program codes a normal article in about 100 MB. A sanitizer build reserves terabytes of address
// space and uses several times the memory, so it gets no address-space limit and a larger RSS bound.
constexpr rlim_t kAddressSpaceLimit = 3 * kGb;
constexpr long kMaxRssKb = (kSanitized ? 3 : 1) * 1024 * 1024;
constexpr auto kHangGuard = std::chrono::seconds(kSanitized ? 600 : 120);

struct ChildRun {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  bool hung = false;
  long max_rss_kb = 0;
  std::string out, err;
};

std::string ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream s(text);
  for (std::string line; std::getline(s, line);) lines.push_back(line);
  return lines;
}

void WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  ASSERT_TRUE(out.good()) << path;
}

// A file of `prefix`, `hole` zero bytes that take no disk space, and `suffix`.
void WriteSparse(const fs::path& path, const std::string& prefix, uint64_t hole, const std::string& suffix) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0) << path;
  ASSERT_EQ(::write(fd, prefix.data(), prefix.size()), static_cast<ssize_t>(prefix.size()));
  ASSERT_GE(::lseek(fd, static_cast<off_t>(prefix.size() + hole), SEEK_SET), 0);
  ASSERT_EQ(::write(fd, suffix.data(), suffix.size()), static_cast<ssize_t>(suffix.size()));
  ::close(fd);
}

// `bytes` as one gzip member.
std::string Gzip(const std::string& bytes) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// One gzip member that inflates to `megabytes` MB of zero bytes, in ~1 KB per MB. A fully flushed
// deflate block of 1 MB of zeros is the same bytes every time, so it is made once and repeated; the
// CRC-32 of the whole is combined from the CRC of one block.
std::string ZeroBomb(uint64_t megabytes) {
  const std::string zeros(kMb, '\0');
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string block(deflateBound(&z, kMb) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
  z.avail_in = static_cast<uInt>(zeros.size());
  z.next_out = reinterpret_cast<Bytef*>(block.data());
  z.avail_out = static_cast<uInt>(block.size());
  EXPECT_EQ(deflate(&z, Z_FULL_FLUSH), Z_OK);
  block.resize(block.size() - z.avail_out);
  char tail[64];
  z.next_out = reinterpret_cast<Bytef*>(tail);
  z.avail_out = sizeof tail;
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  const std::string last(tail, sizeof tail - z.avail_out);
  deflateEnd(&z);

  const uLong block_crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(zeros.data()), kMb);
  uLong crc = crc32(0L, Z_NULL, 0);
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", 10);  // gzip header: deflate, no name
  out.reserve(10 + block.size() * megabytes + last.size() + 8);
  for (uint64_t i = 0; i < megabytes; ++i) {
    out += block;
    crc = crc32_combine(crc, block_crc, static_cast<z_off_t>(kMb));
  }
  out += last;
  const uint64_t size = megabytes * kMb;
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((crc >> (8 * i)) & 0xff));
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
  return out;
}

// A WARC record; `length` overrides the true Content-Length.
std::string WarcRecord(const std::string& type, const std::string& block, const std::string& length = "") {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: https://example.org/" + type +
         "\r\nWARC-Date: 2024-03-02T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
         (length.empty() ? std::to_string(block.size()) : length) + "\r\n\r\n" + block + "\r\n\r\n";
}

const std::string kPage =
    "<html><head><title>Strike</title></head><body><p>Russia shelled Kharkiv on Friday, officials said.</p>"
    "</body></html>";
const std::string kHttpPage = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + kPage;
const std::string kJsonArticle = R"({"url": "https://example.org/a", "text": "Russia shelled Kharkiv on Friday."})";

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "eventcoder-hostile-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Runs `eventcoder code ARGS --date 2024-03-02 --threads 2`, standard input from `stdin_path` (or
  // /dev/null), under the address-space limit; kills it after the hang guard.
  ChildRun Code(std::vector<std::string> args, const std::string& stdin_path = "/dev/null") const {
    args.insert(args.begin(), {EVENTCODER_BINARY, "code"});
    for (const char* a : {"--date", "2024-03-02", "--threads", "2"}) args.push_back(a);
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    ChildRun run;
    // Everything the child needs is made before fork: between fork and exec it only makes system calls.
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
      const int in = ::open(stdin_path.c_str(), O_RDONLY);
      const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (in < 0 || o < 0 || e < 0) ::_exit(126);
      ::dup2(in, 0);
      ::dup2(o, 1);
      ::dup2(e, 2);
      if (!kSanitized) {
        const rlimit limit{kAddressSpaceLimit, kAddressSpaceLimit};
        ::setrlimit(RLIMIT_AS, &limit);
      }
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    EXPECT_GT(pid, 0);
    const auto deadline = std::chrono::steady_clock::now() + kHangGuard;
    int status = 0;
    rusage usage{};
    while (true) {
      const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
      if (done == pid) break;
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        ::wait4(pid, &status, 0, &usage);
        run.hung = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
    run.max_rss_kb = usage.ru_maxrss;
    run.out = ReadWhole(out);
    run.err = ReadWhole(err);
    return run;
  }

  // The run ended by itself, in bounded memory; `exit_code` 0 (all coded) or 1 (some input refused).
  static void ExpectBounded(const ChildRun& run, int exit_code) {
    EXPECT_FALSE(run.hung) << "no result within the hang guard";
    EXPECT_EQ(run.signal, 0) << "killed by signal " << run.signal << "\n" << run.err;
    EXPECT_EQ(run.exit_code, exit_code) << run.err;
    EXPECT_LT(run.max_rss_kb, kMaxRssKb) << "peak RSS " << run.max_rss_kb / 1024 << " MB";
  }

  // stderr is exactly one line per expected error, in order: "eventcoder: WHERE: …CAUSE…".
  static void ExpectErrors(const ChildRun& run, const std::vector<std::pair<std::string, std::string>>& expected) {
    const std::vector<std::string> lines = Lines(run.err);
    ASSERT_EQ(lines.size(), expected.size()) << run.err;
    for (size_t i = 0; i < expected.size(); ++i) {
      const auto& [where, cause] = expected[i];
      EXPECT_EQ(lines[i].rfind("eventcoder: " + where + ": ", 0), 0u) << lines[i] << "\nshould name " << where;
      EXPECT_NE(lines[i].find(cause), std::string::npos) << lines[i] << "\nshould say " << cause;
      EXPECT_LT(lines[i].size(), 400u) << lines[i];
    }
  }

  // Events printed, one JSON line each, for the article about Kharkiv.
  static size_t KharkivEvents(const ChildRun& run) {
    size_t n = 0;
    for (const std::string& line : Lines(run.out)) n += line.find("Kharkiv") != std::string::npos;
    return n;
  }

  fs::path dir_;
};

TEST_F(HostileInput, InvalidUtf8IsOneErrorLinePerFileWithItsOffset) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"stray.txt", "Troops crossed \x80 the border."},
      {"overlong.txt", "Troops crossed \xC0\xAF the border."},
      {"surrogate.txt", "Troops crossed \xED\xA0\x80 the border."},
      {"beyond.txt", "Troops crossed \xF4\x90\x80\x80 the border."},
      {"cut.txt", "Troops crossed the border \xE2\x82"}};
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> errors;
  for (const auto& [name, bytes] : bad) {
    WriteFile(Path(name), bytes);
    args.push_back(Path(name));
    const size_t offset = name == "cut.txt" ? 26 : 15;
    errors.push_back({Path(name), "invalid UTF-8 at byte offset " + std::to_string(offset)});
  }
  // In JSON Lines the line is named; the next line is still read.
  WriteFile(Path("bad.jsonl"), "{\"text\": \"Troops \xFF\xFE crossed.\"}\n" + kJsonArticle + "\n");
  args.push_back(Path("bad.jsonl"));
  errors.push_back({Path("bad.jsonl") + ":1", "not JSON (invalid UTF-8 at byte offset 17)"});
  // HTML declared UTF-8 is decoded as browsers do: ill-formed bytes become U+FFFD and the page is coded.
  WriteFile(Path("page.html"), "<html><head><meta charset=\"utf-8\"></head><body><p>\xFF\xC0 Russia shelled "
                               "Kharkiv on Friday.</p></body></html>");
  args.push_back(Path("page.html"));

  const ChildRun run = Code(args);
  ExpectBounded(run, 1);
  ExpectErrors(run, errors);
  EXPECT_EQ(KharkivEvents(run), 2u) << run.out;
}

TEST_F(HostileInput, NulBytesAreABinaryFileError) {
  WriteFile(Path("nul.txt"), "Police\0 arrested protesters."s);
  WriteFile(Path("nul.html"), "<html><body><p>Police\0 arrested protesters.</p></body></html>"s);
  // A NUL escaped in JSON is refused like a NUL in a file; a raw NUL makes the line no JSON.
  WriteFile(Path("nul.jsonl"),
            "{\"text\": \"Police\\u0000 arrested.\"}\n{\"text\": \"Police\0 arrested.\"}\n"s + kJsonArticle + "\n");
  const ChildRun run = Code({Path("nul.txt"), Path("nul.html"), Path("nul.jsonl")});
  ExpectBounded(run, 1);
  ExpectErrors(run, {{Path("nul.txt"), "binary file (NUL byte at offset 6)"},
                     {Path("nul.html"), "binary file (NUL byte at offset 21)"},
                     {Path("nul.jsonl") + ":1", "binary file (NUL byte at offset 6)"},
                     {Path("nul.jsonl") + ":2", "not JSON"}});
  EXPECT_EQ(KharkivEvents(run), 1u) << run.out;
}

TEST_F(HostileInput, GzipBombsStopAtTheSizeLimit) {
  const std::string bomb = ZeroBomb(1024);  // 1 GB of zero bytes in about 1 MB
  ASSERT_LT(bomb.size(), 2 * kMb);

  // JSON Lines: a 1 GB line, then an article (concatenated gzip members are one stream).
  WriteFile(Path("bomb.jsonl.gz"), bomb + Gzip("\n" + kJsonArticle + "\n"));
  // WARC: a response whose body is 1 GB, then a good record.
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
  WriteFile(Path("bomb.warc.gz"),
            Gzip("WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\n"
                 "Content-Length: " + std::to_string(head.size() + kGb) + "\r\n\r\n" + head) +
                bomb + Gzip("\r\n\r\n" + WarcRecord("response", kHttpPage)));
  // WARC: an HTTP body sent with Content-Encoding: gzip that inflates to 1 GB.
  const std::string zipped_body =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + bomb;
  WriteFile(Path("body-bomb.warc"), WarcRecord("response", zipped_body) + WarcRecord("response", kHttpPage));

  const ChildRun run = Code({Path("bomb.jsonl.gz"), Path("bomb.warc.gz"), Path("body-bomb.warc")});
  ExpectBounded(run, 1);
  ExpectErrors(run, {{Path("bomb.jsonl.gz") + ":1", "longer than the 10 MB limit"},
                     {Path("bomb.warc.gz") + ": record 1", "larger than the 10 MB limit"},
                     {Path("body-bomb.warc") + ": record 1", "more than 10485760 bytes once decompressed"}});
  EXPECT_EQ(KharkivEvents(run), 3u) << run.out;
}

TEST_F(HostileInput, GigabyteLineIsRefusedWithoutBeingHeld) {
  // 1 GB of zero bytes inside a line, as sparse files: the reader still reads every byte.
  WriteSparse(Path("long.jsonl"), "{\"text\": \"", kGb, "\"}\n" + kJsonArticle + "\n");
  const std::string start = "Russia", end = " shelled Kharkiv.\n";
  WriteSparse(Path("long.txt"), start, kGb, end);
  // The same text on standard input, whose size is not known in advance.
  const ChildRun run = Code({Path("long.jsonl"), Path("long.txt"), "-"}, Path("long.txt"));
  ExpectBounded(run, 1);
  ExpectErrors(run, {{Path("long.jsonl") + ":1", "longer than the 10 MB limit"},
                     {Path("long.txt"), "larger than the 10 MB limit (" + std::to_string(start.size() + kGb + end.size()) + " bytes)"},
                     {"<stdin>", "larger than the 10 MB limit (more than 10485760 bytes)"}});
  EXPECT_EQ(KharkivEvents(run), 1u) << run.out;
}

TEST_F(HostileInput, DeeplyNestedHtmlIsCoded) {
  constexpr int kDepth = 100000;
  std::string divs, spans, tables;
  for (int i = 0; i < kDepth; ++i) divs += "<div>";
  divs += "<p>Russia shelled Kharkiv on Friday.</p>";
  for (int i = 0; i < kDepth; ++i) divs += "</div>";
  // Formatting elements and tables left open, the worst cases of the HTML5 tree builder.
  for (int i = 0; i < kDepth; ++i) spans += i % 2 ? "<b>" : "<span>";
  spans += "<p>Russia shelled Kharkiv on Friday.</p>";
  for (int i = 0; i < kDepth / 10; ++i) tables += "<table><tr><td>";
  tables += "<p>Russia shelled Kharkiv on Friday.</p>";
  WriteFile(Path("divs.html"), "<html><body>" + divs + "</body></html>");
  WriteFile(Path("open.html"), "<html><body>" + spans);
  WriteFile(Path("tables.html"), "<html><body>" + tables);
  const ChildRun run = Code({Path("divs.html"), Path("open.html"), Path("tables.html")});
  ExpectBounded(run, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(KharkivEvents(run), 3u) << run.out;
}

TEST_F(HostileInput, MillionNamedEntitiesInOneSentence) {
  // About 9 MB: one sentence naming a million countries and people, then an ordinary one.
  const char* names[] = {"Russia", "France", "Iran", "Vladimir Putin", "China", "Armenia", "Ukraine", "Israel"};
  std::string text = "Officials said that ";
  for (int i = 0; i < 1000000; ++i) {
    text += names[i % 8];
    text += ", ";
  }
  text += "and Iran met in Geneva.\n\nRussia shelled Kharkiv on Friday.\n";
  ASSERT_LT(text.size(), 10 * kMb);
  WriteFile(Path("names.txt"), text);
  const ChildRun run = Code({Path("names.txt")});
  ExpectBounded(run, 0);
  EXPECT_EQ(run.err, "");  // coded, not skipped as another language
  EXPECT_GE(KharkivEvents(run), 1u);
}

TEST_F(HostileInput, ManyAndHugeParagraphsAreCleanedInBoundedTime) {
  // The cleaner compares paragraphs for near copies; 20,000 distinct paragraphs and two of 200,000 words
  // each used to take hours (every pair compared, word by word).
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    text += "Witness " + std::to_string(i) + " saw " + std::to_string(i * 7) + " trucks near post " +
            std::to_string(i * 13) + ".\n\n";
  }
  for (int copy = 0; copy < 2; ++copy) {
    for (int i = 0; i < 200000; ++i) text += "w" + std::to_string((i * 7919 + copy) % 100003) + " ";
    text += "\n\n";
  }
  text += "Russia shelled Kharkiv on Friday.\n";
  ASSERT_LT(text.size(), 10 * kMb);
  WriteFile(Path("paragraphs.txt"), text);
  const ChildRun run = Code({Path("paragraphs.txt")});
  ExpectBounded(run, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(KharkivEvents(run), 1u);
}

TEST_F(HostileInput, WarcHeadersThatLieAboutLengthsNameTheRecord) {
  const std::string good = WarcRecord("response", kHttpPage);
  const std::string size = std::to_string(kHttpPage.size());
  const std::string lie = std::to_string(kHttpPage.size() + 1000), left = std::to_string(kHttpPage.size() + 4);
  WriteFile(Path("too-large.warc"), good + WarcRecord("response", kHttpPage, lie));
  WriteFile(Path("too-large.warc.gz"), Gzip(good + WarcRecord("response", kHttpPage, "999999999999999999")));
  WriteFile(Path("too-small.warc"), WarcRecord("response", kHttpPage, "20") + good);
  WriteFile(Path("negative.warc"), WarcRecord("response", kHttpPage, "-" + size) + good);
  WriteFile(Path("not-a-number.warc"), WarcRecord("response", kHttpPage, size + "abc") + good);
  WriteFile(Path("overflow.warc"), WarcRecord("response", kHttpPage, "184467440737095516160") + good);
  WriteFile(Path("no-length.warc"), "WARC/1.1\r\nWARC-Type: response\r\n\r\n" + kHttpPage + "\r\n\r\n" + good);
  const ChildRun run = Code({Path("too-large.warc"), Path("too-large.warc.gz"), Path("too-small.warc"),
                        Path("negative.warc"), Path("not-a-number.warc"), Path("overflow.warc"),
                        Path("no-length.warc")});
  ExpectBounded(run, 1);
  ExpectErrors(run,
               {{Path("too-large.warc") + ": record 2", "truncated WARC record (Content-Length " + lie + ", " + left + " bytes left)"},
                {Path("too-large.warc.gz") + ": record 2", "truncated WARC record (Content-Length 999999999999999999"},
                {Path("too-small.warc") + ": record 2", "not a WARC record (no WARC/1.0 or WARC/1.1 line; is the Content-Length of record 1 too small?)"},
                {Path("negative.warc") + ": record 1", "bad Content-Length \"-" + size + "\""},
                {Path("not-a-number.warc") + ": record 1", "bad Content-Length \"" + size + "abc\""},
                {Path("overflow.warc") + ": record 1", "bad Content-Length \"184467440737095516160\""},
                {Path("no-length.warc") + ": record 1", "no Content-Length"}});
  // The good records before each fault are coded: too-large.warc and too-large.warc.gz.
  EXPECT_EQ(KharkivEvents(run), 2u) << run.out;
}

// Regression tests of fuzzing findings (the inputs themselves are replayed from tests/fuzz/crashes/).

TEST(HostileText, SentenceEdgesNeverCutACharacter) {
  // The last byte of "х" (D1 85) and of "Р" (D0 A0) is no NEXT LINE or NO-BREAK SPACE to trim.
  Document doc;
  doc.text = "Удар по Харкову Р. Вчера х";
  SentenceSplitter().Split(doc, nullptr);
  ASSERT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.SentenceText(0), "Удар по Харкову Р.");
  EXPECT_EQ(doc.SentenceText(1), "Вчера х");
  EXPECT_EQ(doc.sentences[1].tokens.back().lower, "х");
}

TEST(HostileText, TokenizerDoesNotReadPastTheEndOfItsText) {
  // The text ends with the three bytes of "’"; the tokenizer used to look at the byte after them, and
  // took the "x" behind the view for a letter that makes "’" part of the word.
  const std::string text = "Kharkiv\xE2\x80\x99x";
  const std::vector<Token> tokens = Tokenize(std::string_view(text).substr(0, text.size() - 1), nullptr);
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].lower, "kharkiv");
  EXPECT_EQ(tokens[1].lower, "'");
}

TEST(HostileText, OverlongSentenceIsCutIntoPiecesOfAtMostTheCap) {
  Document doc;
  for (int i = 0; i < 1000; ++i) doc.text += "Iran, ";
  doc.text += "and Iraq met.";  // 2004 tokens
  SentenceSplitter().Split(doc, nullptr);
  ASSERT_EQ(doc.sentences.size(), 6u);
  size_t tokens = 0;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    EXPECT_LE(s.tokens.size(), kMaxSentenceTokens);
    tokens += s.tokens.size();
    const std::string_view text = doc.SentenceText(i);
    for (const Token& t : s.tokens) EXPECT_EQ(FoldLower(text.substr(t.begin, t.end - t.begin)), t.lower);
  }
  EXPECT_EQ(tokens, 2004u);
  EXPECT_EQ(doc.SentenceText(5), "and Iraq met.");
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_EQ(doc.diagnostics[0].message, "1 sentence(s) longer than 400 tokens cut (longest 2004 tokens)");
}

TEST(HostileRead, UnknownCharsetLabelIsShownOnOneLine) {
  const Result<Document> doc =
      ReadBytes("<html><head><meta charset=\"bogus\x01label\"></head><body><p>Text.</p></body></html>", "p.html",
                ReadOptions{}, InputFormat::kHtml);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "p.html: unsupported charset \"bogus?label\"");
}

TEST(HostileRead, NumericCharacterReferencePast2To31IsAReplacementCharacter) {
  // The HTML parser wrote the low byte of the wrapped number, an ill-formed byte, into the text.
  const Result<Document> doc = ReadBytes("<html><body><p>Kharkiv &#180308476349; was shelled.</p></body></html>",
                                         "p.html", ReadOptions{}, InputFormat::kHtml);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "Kharkiv \xEF\xBF\xBD was shelled.");
}

TEST_F(HostileInput, WarcTargetUriThatIsNotUtf8IsPercentEncoded) {
  WriteFile(Path("uri.warc"), "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/\xFF\x01" "a\r\n"
                              "Content-Length: " + std::to_string(kHttpPage.size()) + "\r\n\r\n" + kHttpPage + "\r\n\r\n");
  std::vector<Result<Document>> docs;
  ReadRecords(Path("uri.warc"), RecordOptions{}, [&](Result<Document> doc) { docs.push_back(std::move(doc)); });
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_TRUE(docs[0].ok()) << docs[0].status().message();
  EXPECT_EQ(docs[0]->url.value_or(""), "https://example.org/%FF%01a");
}

TEST(HostileCoder, PronounSourceSpanIsThePronounInItsOwnSentence) {
  // "he" is resolved to the last person named, in an earlier sentence; the source's span used to be that
  // person's span there, past the end of this shorter sentence.
  EngineConfig config = EngineConfig::Defaults();
  config.require_gazetteer = false;
  Result<Engine> engine = Engine::Load(config);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  Result<Document> doc = ReadBytes(
      "Israeli Prime Minister Benjamin Netanyahu met the envoys in Jerusalem on Monday.\n\n"
      "Later he accused Iran of arming Hamas.\n",
      "pronoun.txt", ReadOptions{}, InputFormat::kText);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  engine->CodeDocument(doc.value(), CodeOptions{});
  bool found = false;
  for (const Event& e : doc->events) {
    if (e.cameo != "112") continue;
    found = true;
    ASSERT_EQ(e.sentence_index, 1);
    ASSERT_TRUE(e.source.has_value());
    EXPECT_EQ(doc->SentenceText(1).substr(e.source->begin, e.source->end - e.source->begin), "he");
  }
  EXPECT_TRUE(found) << "no 'accuse' event";
}

TEST(HostileClean, LongAndManyParagraphsKeepExactCopiesOut) {
  // Paragraphs past the near-copy word limit are compared whole; copies far apart are still found.
  Document doc;
  std::string huge;
  for (int i = 0; i < 5000; ++i) huge += "word" + std::to_string(i) + " ";
  doc.text = huge + "\n\n";
  auto paragraph = [](int i) {
    return "Paragraph " + std::to_string(i) + " tells of " + std::to_string(i + 1) + " things, said witness " +
           std::to_string(i + 2) + ".";
  };
  for (int i = 0; i < 300; ++i) doc.text += paragraph(i) + "\n\n";
  doc.text += huge + "\n\n" + paragraph(7);
  const CleanReport report = CleanDocument(doc);
  EXPECT_EQ(report.duplicates, 2);
}

}  // namespace
}  // namespace eventcoder
