#include "read/records.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/hash.h"

namespace eventcoder {
namespace {

namespace fs = std::filesystem;

// A directory of its own under the test temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::path(testing::TempDir()) / ("eventcoder_records_" + std::to_string(::getpid()) + "_" +
                                            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  std::string Write(const std::string& name, std::string_view bytes) const {
    const std::string file = (path_ / name).string();
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
  }
  // Writes `members` as concatenated gzip members, one per element, as crawlers write WARC files.
  std::string WriteGzip(const std::string& name, const std::vector<std::string>& members) const {
    const std::string file = (path_ / name).string();
    std::remove(file.c_str());
    for (const std::string& member : members) {
      gzFile gz = gzopen(file.c_str(), "ab");
      EXPECT_NE(gz, nullptr);
      EXPECT_EQ(gzwrite(gz, member.data(), static_cast<unsigned>(member.size())), static_cast<int>(member.size()));
      gzclose(gz);
    }
    return file;
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

// What ReadRecords gave: the documents and the error messages, in order.
struct Records {
  size_t seen = 0;
  std::vector<Document> docs;
  std::vector<std::string> errors;
  std::vector<std::string> order;  // "doc" or "error", record by record
};

Records Read(const std::string& path, const RecordOptions& options = {}) {
  Records r;
  r.seen = ReadRecords(path, options, [&](Result<Document> doc) {
    if (doc.ok()) {
      r.docs.push_back(std::move(doc).value());
      r.order.push_back("doc");
    } else {
      r.errors.push_back(doc.status().message());
      r.order.push_back("error");
    }
  });
  return r;
}

std::string WarcRecord(const std::string& type, const std::string& fields, const std::string& block) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\n" + fields + "Content-Length: " + std::to_string(block.size()) +
         "\r\n\r\n" + block + "\r\n\r\n";
}

std::string Response(const std::string& uri, const std::string& http_head, const std::string& body,
                     const std::string& date = "2020-10-11T09:00:00Z") {
  return WarcRecord(
      "response",
      "WARC-Target-URI: " + uri + "\r\nWARC-Date: " + date + "\r\nContent-Type: application/http; msgtype=response\r\n",
      http_head + "\r\n\r\n" + body);
}

const char* kPage =
    "<html><head><title>Truce agreed</title>"
    "<meta property=\"article:published_time\" content=\"2020-10-10T08:15:00+04:00\"></head>"
    "<body><article><p>Armenia and Azerbaijan agreed to a truce.</p></article></body></html>";

std::string Warcinfo() {
  return WarcRecord("warcinfo", "WARC-Date: 2020-10-11T09:00:00Z\r\nContent-Type: application/warc-fields\r\n",
                    "software: test\r\nformat: WARC File Format 1.1\r\n");
}

std::string Request(const std::string& uri) {
  return WarcRecord("request", "WARC-Target-URI: " + uri + "\r\nContent-Type: application/http; msgtype=request\r\n",
                    "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n");
}

// ---------------------------------------------------------------------------------------------
// File names.

TEST(Records, RecognisesRecordFilesByName) {
  for (const char* name : {"a.jsonl", "a.ndjson", "A.JSONL.GZ", "x/crawl.warc", "crawl.warc.gz", "b.ndjson.gz"}) {
    EXPECT_TRUE(IsRecordFile(name)) << name;
  }
  for (const char* name : {"a.txt", "a.html", "a.gz", "a.json", "warc", "a.warc.bz2", "-"}) {
    EXPECT_FALSE(IsRecordFile(name)) << name;
  }
}

// ---------------------------------------------------------------------------------------------
// JSON Lines.

TEST(Records, JsonLinesGiveOneDocumentPerLineWithTheirMetadata) {
  TempDir dir;
  const std::string line1 =
      R"({"url": "https://example.org/a", "title": "Truce agreed", "published": "2020-10-10T08:15:00Z", )"
      R"("text": "Armenia and Azerbaijan agreed to a truce.\n\nThe talks were held in Moscow."})";
  const std::string line2 = R"({"text": "Second article.", "published": "October 11, 2020"})";
  const std::string line3 = R"({"text": "Third article.", "published": "Sat, 10 Oct 2020 08:15:00 GMT"})";
  const std::string path = dir.Write("news.jsonl", line1 + "\n\n" + line2 + "\r\n" + line3);
  Records r = Read(path);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.seen, 3u);
  EXPECT_EQ(r.docs[2].published, (PartialDate{2020, 10, 10}));
  const Document& a = r.docs[0];
  EXPECT_EQ(a.path, path + ":1");
  EXPECT_EQ(a.id, HashHex(line1));
  EXPECT_EQ(a.url, "https://example.org/a");
  EXPECT_EQ(a.title, "Truce agreed");
  EXPECT_EQ(a.published, (PartialDate{2020, 10, 10}));
  EXPECT_EQ(a.text, "Armenia and Azerbaijan agreed to a truce.\n\nThe talks were held in Moscow.");
  const Document& b = r.docs[1];
  EXPECT_EQ(b.path, path + ":3");   // the blank line still counts
  EXPECT_EQ(b.id, HashHex(line2));  // without the CR
  EXPECT_EQ(b.published, (PartialDate{2020, 10, 11}));
  EXPECT_FALSE(b.url);
}

TEST(Records, JsonLinesBadLineIsReportedAndTheOthersStillComeOut) {
  TempDir dir;
  const std::string path = dir.Write("news.jsonl",
                                     "{\"text\": \"First article.\"}\n"
                                     "{\"text\": \"broken\n"
                                     "[1, 2, 3]\n"
                                     "{\"title\": \"no text here\"}\n"
                                     "{\"text\": \"caf\xE9\"}\n"
                                     "{\"text\": \"Last article.\"}");  // no final line end
  Records r = Read(path);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].text, "First article.");
  EXPECT_EQ(r.docs[1].text, "Last article.");
  EXPECT_EQ(r.docs[1].path, path + ":6");
  EXPECT_EQ(r.seen, 6u);
  EXPECT_EQ(r.errors, (std::vector<std::string>{
                          path + ":2: not JSON",
                          path + ":3: not a JSON object",
                          path + ":4: no text (\"text\" or \"html\" missing or empty)",
                          path + ":5: not JSON (invalid UTF-8 at byte offset 13)",
                      }));
  EXPECT_EQ(r.order, (std::vector<std::string>{"doc", "error", "error", "error", "error", "doc"}));
}

TEST(Records, JsonLinesFieldNamesAreConfigurable) {
  TempDir dir;
  const std::string path =
      dir.Write("feed.ndjson", R"({"link": "https://example.org/b", "headline": "Talks resume", "date": "2021-03-04", )"
                               R"("body": "Talks resumed in Geneva.", "text": "not this one"})"
                               "\n");
  RecordOptions options;
  options.text_field = "body";
  options.url_field = "link";
  options.title_field = "headline";
  options.published_field = "date";
  Records r = Read(path, options);
  ASSERT_EQ(r.docs.size(), 1u) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.docs[0].text, "Talks resumed in Geneva.");
  EXPECT_EQ(r.docs[0].url, "https://example.org/b");
  EXPECT_EQ(r.docs[0].title, "Talks resume");
  EXPECT_EQ(r.docs[0].published, (PartialDate{2021, 3, 4}));
}

TEST(Records, JsonLinesHtmlFieldIsReadAsHtmlWhateverItsMetaCharset) {
  TempDir dir;
  nlohmann::json line = {{"html",
                          "<html><head><meta charset=\"windows-1252\"><title>Caf\u00e9 talks</title>"
                          "<meta property=\"article:published_time\" content=\"2020-10-10\"></head>"
                          "<body><p>Ministers met at the caf\u00e9 \u201cLe Monde\u201d.</p></body></html>"},
                         {"url", "https://example.org/c"}};
  const std::string path = dir.Write("pages.jsonl", line.dump() + "\n");
  Records r = Read(path);
  ASSERT_EQ(r.docs.size(), 1u) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.docs[0].text, "Ministers met at the caf\u00e9 \u201cLe Monde\u201d.");
  EXPECT_EQ(r.docs[0].title, "Caf\u00e9 talks");
  EXPECT_EQ(r.docs[0].published, (PartialDate{2020, 10, 10}));
  EXPECT_EQ(r.docs[0].url, "https://example.org/c");  // the record's url wins over the page's
}

TEST(Records, JsonLinesFieldsWinOverThePageAndBadDatesBecomeDiagnostics) {
  TempDir dir;
  nlohmann::json line = {{"html", kPage}, {"title", "  Own\n title "}, {"published", "last Tuesday"}};
  const std::string path = dir.Write("pages.jsonl", line.dump() + "\n");
  Records r = Read(path);
  ASSERT_EQ(r.docs.size(), 1u) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.docs[0].title, "Own title");
  EXPECT_EQ(r.docs[0].published, (PartialDate{2020, 10, 10}));  // from the page: the field is no date
  ASSERT_EQ(r.docs[0].diagnostics.size(), 1u);
  EXPECT_EQ(r.docs[0].diagnostics[0].message, "\"published\" is not a date: \"last Tuesday\"");
}

TEST(Records, JsonLinesOverLongLineIsSkippedWithoutStoppingTheFile) {
  TempDir dir;
  const std::string long_line = "{\"text\": \"" + std::string(5000, 'a') + "\"}";
  const std::string path =
      dir.Write("big.jsonl", "{\"text\": \"Before.\"}\n" + long_line + "\n{\"text\": \"After.\"}\n");
  RecordOptions options;
  options.read.max_bytes = 1024;
  Records r = Read(path, options);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].text, "Before.");
  EXPECT_EQ(r.docs[1].text, "After.");
  EXPECT_EQ(r.docs[1].path, path + ":3");
  EXPECT_EQ(r.errors, (std::vector<std::string>{path + ":2: longer than the 1 KB limit"}));
}

TEST(Records, JsonLinesGzippedAndDeeplyNested) {
  TempDir dir;
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::string path =
      dir.WriteGzip("news.jsonl.gz", {"\xEF\xBB\xBF{\"text\": \"One.\"}\n" + deep + "\n", "{\"text\": \"Two.\"}\n"});
  Records r = Read(path);
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].text, "One.");
  EXPECT_EQ(r.docs[1].text, "Two.");
  EXPECT_EQ(r.errors, (std::vector<std::string>{path + ":2: not a JSON object"}));
}

TEST(Records, UnreadableFileIsOneError) {
  TempDir dir;
  Records missing = Read(dir.path() + "/none.jsonl");
  EXPECT_EQ(missing.errors,
            (std::vector<std::string>{dir.path() + "/none.jsonl: cannot open: No such file or directory"}));
  EXPECT_EQ(missing.seen, 0u);
  fs::create_directories(dir.path() + "/folder.jsonl");
  Records folder = Read(dir.path() + "/folder.jsonl");
  EXPECT_EQ(folder.errors, (std::vector<std::string>{dir.path() + "/folder.jsonl: is a directory"}));
}

// ---------------------------------------------------------------------------------------------
// WARC.

TEST(Records, WarcTakesHtmlResponsesAndPassesOverOtherRecords) {
  TempDir dir;
  const std::string warc =
      Warcinfo() + Request("https://example.org/truce") +
      Response("https://example.org/truce", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8", kPage) +
      WarcRecord("metadata", "WARC-Target-URI: https://example.org/truce\r\n", "fetchTimeMs: 12\r\n") +
      Response("https://example.org/logo.png", "HTTP/1.1 200 OK\r\nContent-Type: image/png", "\x89PNG") +
      Response("https://example.org/old", "HTTP/1.1 301 Moved Permanently\r\nContent-Type: text/html",
               "<html><body><p>Moved.</p></body></html>") +
      Response("<https://example.org/second>", "HTTP/1.0 200 OK",
               "<!doctype html><html><body><p>A second page without a date.</p></body></html>", "2021-01-02T03:04:05Z");
  const std::string resource = WarcRecord(
      "resource", "WARC-Target-URI: https://example.org/saved\r\nContent-Type: text/html; charset=koi8-r\r\n",
      "<html><body><p>\xED\xC9\xD2.</p></body></html>");
  const std::string path = dir.Write("crawl.warc", warc + resource);
  Records r = Read(path);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  EXPECT_EQ(r.seen, 8u);
  ASSERT_EQ(r.docs.size(), 3u);
  EXPECT_EQ(r.docs[2].text, "\u041c\u0438\u0440.");  // a resource record holds the page itself
  EXPECT_EQ(r.docs[2].url, "https://example.org/saved");
  const Document& a = r.docs[0];
  EXPECT_EQ(a.path, path + "#3");
  EXPECT_EQ(a.url, "https://example.org/truce");
  EXPECT_EQ(a.title, "Truce agreed");
  EXPECT_EQ(a.published, (PartialDate{2020, 10, 10}));  // the page's date, not the crawl's
  EXPECT_EQ(a.text, "Armenia and Azerbaijan agreed to a truce.");
  EXPECT_EQ(a.id, HashHex(kPage));
  const Document& b = r.docs[1];
  EXPECT_EQ(b.path, path + "#7");
  EXPECT_EQ(b.url, "https://example.org/second");     // WARC/1.0 angle brackets removed
  EXPECT_EQ(b.published, (PartialDate{2021, 1, 2}));  // no date in the page: WARC-Date
}

TEST(Records, WarcHonoursTheHttpCharset) {
  TempDir dir;
  const std::string page1252 = "<html><body><p>Caf\xE9 talks: \x93truce\x94 \x80 5 million.</p></body></html>";
  // KOI8-R: "Мир" (peace). Without the HTTP charset this would be read as windows-1252.
  const std::string page_koi8 = "<html><body><p>\xED\xC9\xD2 talks.</p></body></html>";
  // The HTTP header wins over the page's own <meta>, as in browsers.
  const std::string page_meta = "<html><head><meta charset=\"utf-8\"></head><body><p>Caf\xE9.</p></body></html>";
  const std::string warc =
      Response("https://example.org/1", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252", page1252) +
      Response("https://example.org/2", "HTTP/1.1 200 OK\r\nContent-Type: text/html;charset=\"KOI8-R\"", page_koi8) +
      Response("https://example.org/3", "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=iso-8859-1", page_meta) +
      Response("https://example.org/4", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=x-unknown", page1252);
  const std::string path = dir.Write("charsets.warc", warc);
  Records r = Read(path);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  ASSERT_EQ(r.docs.size(), 4u);
  EXPECT_EQ(r.docs[0].text, "Caf\u00e9 talks: \u201ctruce\u201d \u20ac 5 million.");
  EXPECT_EQ(r.docs[0].id, HashHex(page1252));  // the bytes as crawled
  EXPECT_EQ(r.docs[1].text, "\u041c\u0438\u0440 talks.");
  EXPECT_EQ(r.docs[2].text, "Caf\u00e9.");
  EXPECT_EQ(r.docs[3].text, r.docs[0].text);  // an unknown label is ignored: the page is sniffed
}

TEST(Records, WarcDecodesChunkedAndGzipHttpBodies) {
  TempDir dir;
  const std::string page = "<html><body><p>Compressed and chunked page.</p></body></html>";
  std::string gzipped;
  {
    z_stream z{};
    ASSERT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    gzipped.resize(deflateBound(&z, page.size()) + 32);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(page.data()));
    z.avail_in = static_cast<uInt>(page.size());
    z.next_out = reinterpret_cast<Bytef*>(gzipped.data());
    z.avail_out = static_cast<uInt>(gzipped.size());
    ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
    gzipped.resize(z.total_out);
    deflateEnd(&z);
  }
  auto hex = [](size_t n) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%zx", n);
    return std::string(buffer);
  };
  const std::string chunked = hex(10) + "\r\n" + gzipped.substr(0, 10) + "\r\n" + hex(gzipped.size() - 10) +
                              ";ext=1\r\n" + gzipped.substr(10) + "\r\n0\r\n\r\n";
  const std::string warc = Response("https://example.org/z",
                                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
                                    "Transfer-Encoding: chunked",
                                    chunked) +
                           Response("https://example.org/br",
                                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br", "\x1b\x2a");
  const std::string path = dir.Write("coded.warc", warc);
  Records r = Read(path);
  ASSERT_EQ(r.docs.size(), 1u) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.docs[0].text, "Compressed and chunked page.");
  EXPECT_EQ(r.errors, (std::vector<std::string>{path + ": record 2: unsupported HTTP Content-Encoding \"br\""}));
}

TEST(Records, WarcBadPageIsReportedAndTheFileGoesOn) {
  TempDir dir;
  const std::string warc = Response("https://example.org/js", "HTTP/1.1 200 OK\r\nContent-Type: text/html",
                                    "<html><body><script>render()</script></body></html>") +
                           Response("https://example.org/ok", "HTTP/1.1 200 OK\r\nContent-Type: text/html", kPage);
  const std::string path = dir.Write("mixed.warc", warc);
  Records r = Read(path);
  EXPECT_EQ(r.errors, (std::vector<std::string>{path + ": record 1: no text found in the HTML"}));
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].path, path + "#2");
}

TEST(Records, WarcTruncatedLastRecordIsReportedAfterTheGoodOnes) {
  TempDir dir;
  const std::string good = Response("https://example.org/a", "HTTP/1.1 200 OK\r\nContent-Type: text/html", kPage);
  const std::string last = Response("https://example.org/b", "HTTP/1.1 200 OK\r\nContent-Type: text/html", kPage);
  const std::string path = dir.Write("cut.warc", Warcinfo() + good + last.substr(0, last.size() - 60));
  Records r = Read(path);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.seen, 3u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(r.errors[0].starts_with(path + ": record 3: truncated WARC record (Content-Length ")) << r.errors[0];

  // The same cut inside a gzip member: the stream itself ends early.
  const std::string gz = dir.WriteGzip("cut.warc.gz", {Warcinfo(), good, last});
  const auto size = fs::file_size(gz);
  fs::resize_file(gz, size - 40);
  Records z = Read(gz);
  ASSERT_EQ(z.docs.size(), 1u);
  EXPECT_EQ(z.errors, (std::vector<std::string>{gz + ": record 3: truncated gzip data"}));
}

TEST(Records, WarcLyingContentLengthStopsTheFile) {
  TempDir dir;
  const std::string huge =
      "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x</p>";
  const std::string bad = "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12abc\r\n\r\n";
  const std::string after = Response("https://example.org/a", "HTTP/1.1 200 OK", kPage);
  Records r = Read(dir.Write("huge.warc", huge + after));
  EXPECT_EQ(r.docs.size(), 0u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find(": record 1: truncated WARC record (Content-Length 999999999999999, "), std::string::npos);
  Records z = Read(dir.WriteGzip("huge.warc.gz", {huge, after}));
  ASSERT_EQ(z.errors.size(), 1u);
  EXPECT_NE(z.errors[0].find(": record 1: truncated WARC record"), std::string::npos) << z.errors[0];
  Records b = Read(dir.Write("bad.warc", after + bad + after));
  EXPECT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.errors, (std::vector<std::string>{dir.path() + "/bad.warc: record 2: bad Content-Length \"12abc\""}));
  Records n = Read(dir.Write("notwarc.warc", "just some text\n"));
  EXPECT_EQ(n.errors, (std::vector<std::string>{
                          dir.path() + "/notwarc.warc: record 1: not a WARC record (no WARC/1.0 or WARC/1.1 line)"}));
}

TEST(Records, WarcGzipMembersPerRecord) {
  TempDir dir;
  const std::string path = dir.WriteGzip(
      "crawl.warc.gz", {Warcinfo(), Request("https://example.org/a"),
                        Response("https://example.org/a", "HTTP/1.1 200 OK\r\nContent-Type: text/html", kPage),
                        Response("https://example.org/b", "HTTP/1.1 200 OK\r\nContent-Type: text/html",
                                 "<html><body><p>Second page.</p></body></html>")});
  Records r = Read(path);
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  ASSERT_EQ(r.docs.size(), 2u);
  EXPECT_EQ(r.docs[0].path, path + "#3");
  EXPECT_EQ(r.docs[1].path, path + "#4");
  EXPECT_EQ(r.docs[1].text, "Second page.");
}

TEST(Records, CorruptGzipIsOneErrorThatEndsTheFile) {
  TempDir dir;
  Records notgz = Read(dir.Write("plain.warc.gz", "WARC/1.1\r\n"));
  EXPECT_EQ(notgz.errors,
            (std::vector<std::string>{dir.path() + "/plain.warc.gz: corrupt gzip data (incorrect header check)"}));

  // Good first member, then garbage where the second member should be.
  const std::string page = Response("https://example.org/a", "HTTP/1.1 200 OK\r\nContent-Type: text/html", kPage);
  const std::string path = dir.WriteGzip("bad.warc.gz", {page, page});
  const std::string first_only = dir.WriteGzip("one.warc.gz", {page});
  const auto first_size = fs::file_size(first_only);
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(first_size) + 12);
    f.write("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
  }
  Records r = Read(path);
  ASSERT_EQ(r.docs.size(), 1u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(r.errors[0].starts_with(path + ": record 2: corrupt gzip data (")) << r.errors[0];
}

TEST(Records, WarcOversizedPageIsReportedAndSkipped) {
  TempDir dir;
  const std::string big = "<html><body><p>" + std::string(3000, 'x') + "</p></body></html>";
  // Past the limit and the room kept for HTTP headers: only the record's start is read.
  const std::string huge = "<html><body><p>" + std::string(100000, 'y') + "</p></body></html>";
  const std::string warc =
      Response("https://example.org/big", "HTTP/1.1 200 OK\r\nContent-Type: text/html", big) +
      Response("https://example.org/img", "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg", std::string(3000, 'j')) +
      Response("https://example.org/huge", "HTTP/1.1 200 OK\r\nContent-Type: text/html", huge) +
      Response("https://example.org/hugeimg", "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg", std::string(100000, 'j')) +
      Response("https://example.org/ok", "HTTP/1.1 200 OK\r\nContent-Type: text/html", kPage);
  const std::string path = dir.Write("big.warc", warc);
  RecordOptions options;
  options.read.max_bytes = 1024;
  Records r = Read(path, options);
  ASSERT_EQ(r.docs.size(), 1u);
  EXPECT_EQ(r.docs[0].path, path + "#5");
  EXPECT_EQ(r.errors, (std::vector<std::string>{
                          path + ": record 1: larger than the 1 KB limit (3033 bytes)",
                          path + ": record 3: larger than the 1 KB limit (100077 bytes with the HTTP headers)",
                      }));
}

}  // namespace
}  // namespace eventcoder
