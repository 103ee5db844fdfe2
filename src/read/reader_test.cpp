#include "read/reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/hash.h"
#include "read/internal/date_line.h"
#include "read/internal/markup.h"

namespace eventcoder {
namespace {

namespace fs = std::filesystem;
using read_internal::DateLineKind;
using read_internal::ParseDateLine;
using read_internal::ParseDateText;

Document ReadTextOk(std::string_view bytes) {
  Result<Document> doc = ReadBytes(bytes, "story.txt", ReadOptions{}, InputFormat::kText);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : Document{};
}

Document ReadHtmlOk(std::string_view bytes) {
  Result<Document> doc = ReadBytes(bytes, "page.html", ReadOptions{}, InputFormat::kHtml);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : Document{};
}

std::string ErrorOf(std::string_view bytes, const std::string& path = "story.txt",
                    InputFormat format = InputFormat::kAuto, ReadOptions options = {}) {
  Result<Document> doc = ReadBytes(bytes, path, options, format);
  return doc.ok() ? std::string("(no error)") : doc.status().message();
}

// A directory of its own under the test temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::path(testing::TempDir()) /
            ("eventcoder_read_" + std::to_string(::getpid()) + "_" +
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
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

// ---------------------------------------------------------------------------------------------
// Errors

TEST(ReadText, EmptyInputIsAnError) {
  Result<Document> doc = ReadBytes("", "story.txt", ReadOptions{});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "story.txt: empty file");
  EXPECT_EQ(doc.status().code(), StatusCode::kInvalidInput);
}

TEST(ReadText, WhiteSpaceOnlyIsAnError) {
  EXPECT_EQ(ErrorOf(" \n\t\r\n  \n"), "story.txt: no text (only white space)");
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF"), "story.txt: no text (only white space)");
}

TEST(ReadText, BinaryInputNamesNulOffset) {
  EXPECT_EQ(ErrorOf(std::string_view("abc\0def", 7)), "story.txt: binary file (NUL byte at offset 3)");
  EXPECT_EQ(ErrorOf(std::string_view("<html>\0", 7), "page.html"), "page.html: binary file (NUL byte at offset 6)");
}

TEST(ReadText, InvalidUtf8NamesByteOffset) {
  Result<Document> doc = ReadBytes("caf\xC3 au lait", "story.txt", ReadOptions{});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "story.txt: invalid UTF-8 at byte offset 3");
  EXPECT_EQ(doc.status().code(), StatusCode::kInvalidInput);
}

TEST(ReadText, InvalidUtf8OffsetCountsTheByteOrderMark) {
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF" "ab\xFF"), "story.txt: invalid UTF-8 at byte offset 5");
}

TEST(ReadText, OverlongSurrogateAndOutOfRangeSequencesAreInvalid) {
  EXPECT_EQ(ErrorOf("x\xC0\xAF"), "story.txt: invalid UTF-8 at byte offset 1");          // overlong '/'
  EXPECT_EQ(ErrorOf("xy\xED\xA0\x80"), "story.txt: invalid UTF-8 at byte offset 2");     // U+D800
  EXPECT_EQ(ErrorOf("\xF4\x90\x80\x80"), "story.txt: invalid UTF-8 at byte offset 0");   // > U+10FFFF
  EXPECT_EQ(ErrorOf("ok \xE2\x82"), "story.txt: invalid UTF-8 at byte offset 3");        // cut short
}

TEST(ReadText, LargerThanLimitNamesSize) {
  ReadOptions small;
  small.max_bytes = 10;
  Result<Document> doc = ReadBytes("eleven byte", "story.txt", small);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "story.txt: larger than the 10 bytes limit (11 bytes)");
  EXPECT_EQ(doc.status().code(), StatusCode::kTooLarge);
}

TEST(ReadText, DefaultLimitIsTenMegabytes) {
  EXPECT_EQ(ReadOptions{}.max_bytes, size_t{10} * 1024 * 1024);
  const std::string big(ReadOptions{}.max_bytes + 1, 'a');
  EXPECT_EQ(ErrorOf(big), "story.txt: larger than the 10 MB limit (10485761 bytes)");
}

// ---------------------------------------------------------------------------------------------
// Plain text

TEST(ReadText, StripsUtf8ByteOrderMark) {
  EXPECT_EQ(ReadTextOk("\xEF\xBB\xBFThe talks ended.").text, "The talks ended.");
}

TEST(ReadText, NormalisesCrlfAndCrToLf) {
  EXPECT_EQ(ReadTextOk("One.\r\nTwo.\rThree.\r\n\r\nFour.\r\n").text, "One.\nTwo.\nThree.\n\nFour.");
}

TEST(ReadText, KeepsParagraphsAndCollapsesLongerGaps) {
  EXPECT_EQ(ReadTextOk("\n\nFirst line.\nSecond line.\n\n\n\n  \t\nNext paragraph.   \n\n\n").text,
            "First line.\nSecond line.\n\nNext paragraph.");
}

TEST(ReadText, NormalisesToNfc) {
  // "e" + COMBINING ACUTE ACCENT becomes "é" (U+00E9).
  EXPECT_EQ(ReadTextOk("Cafe\xCC\x81 talks.").text, "Caf\xC3\xA9 talks.");
}

TEST(ReadText, ReplacesNoBreakSpacesAndDropsInvisibleCharacters) {
  EXPECT_EQ(ReadTextOk("10\xC2\xA0km from Stepana\xC2\xADkert\xE2\x80\x8B.").text, "10 km from Stepanakert.");
}

TEST(ReadText, DecodesUtf16WithByteOrderMark) {
  const std::string le("\xFF\xFEH\0i\0.\0", 8);
  EXPECT_EQ(ReadTextOk(le).text, "Hi.");
  const std::string be("\xFE\xFF\0O\0k\0.", 8);
  EXPECT_EQ(ReadTextOk(be).text, "Ok.");
}

TEST(ReadText, ShortFirstLineBeforeBlankLineIsTheTitle) {
  Document doc = ReadTextOk("Armenia and Azerbaijan say truce does not hold\n\n\n\nThe two sides traded blame.\n");
  ASSERT_TRUE(doc.title.has_value());
  EXPECT_EQ(*doc.title, "Armenia and Azerbaijan say truce does not hold");
  EXPECT_EQ(doc.text, "The two sides traded blame.");
}

TEST(ReadText, FirstLineEndingLikeASentenceIsNotATitle) {
  for (const char* first : {"The talks ended.", "Will the truce hold?", "Stop the shelling!", "He said \"no.\""}) {
    Document doc = ReadTextOk(std::string(first) + "\n\nMore text here.");
    EXPECT_FALSE(doc.title.has_value()) << first;
    EXPECT_EQ(doc.text, std::string(first) + "\n\nMore text here.");
  }
}

TEST(ReadText, FirstLineNotFollowedByBlankLineIsNotATitle) {
  Document doc = ReadTextOk("Truce talks in Moscow\nThe two sides met for ten hours.");
  EXPECT_FALSE(doc.title.has_value());
}

TEST(ReadText, LongFirstLineIsNotATitle) {
  const std::string long_line(200, 'x');
  Document doc = ReadTextOk(long_line + "\n\nBody.");
  EXPECT_FALSE(doc.title.has_value());
}

TEST(ReadText, LoneLineIsTextNotTitle) {
  Document doc = ReadTextOk("Truce talks in Moscow\n\n");
  EXPECT_FALSE(doc.title.has_value());
  EXPECT_EQ(doc.text, "Truce talks in Moscow");
}

TEST(ReadText, PublishedLineSetsDateAndIsRemoved) {
  Document doc = ReadTextOk("Truce agreed in Moscow\n\nPublished: March 3, 2024\n\nThe two sides agreed.");
  ASSERT_TRUE(doc.published.has_value());
  EXPECT_EQ(doc.published->ToString(), "2024-03-03");
  ASSERT_TRUE(doc.title.has_value());
  EXPECT_EQ(*doc.title, "Truce agreed in Moscow");
  EXPECT_EQ(doc.text, "The two sides agreed.");
}

TEST(ReadText, BareDateLineUnderTitleIsRemoved) {
  Document doc = ReadTextOk("Truce agreed in Moscow\nSunday, 3 March 2024 10:42 GMT\n\nThe two sides agreed.");
  ASSERT_TRUE(doc.published.has_value());
  EXPECT_EQ(doc.published->ToString(), "2024-03-03");
  EXPECT_EQ(doc.title.value_or(""), "Truce agreed in Moscow");
  EXPECT_EQ(doc.text, "The two sides agreed.");
}

TEST(ReadText, PublishedWinsOverEarlierUpdated) {
  Document doc = ReadTextOk("Updated: March 5, 2024\nPublished: 2024-03-03\n\nThe two sides agreed.");
  ASSERT_TRUE(doc.published.has_value());
  EXPECT_EQ(doc.published->ToString(), "2024-03-03");
  EXPECT_EQ(doc.text, "The two sides agreed.");
}

TEST(ReadText, UpdatedLineAloneGivesTheDate) {
  Document doc = ReadTextOk("Last updated 4 Mar. 2024\n\nThe two sides agreed.");
  ASSERT_TRUE(doc.published.has_value());
  EXPECT_EQ(doc.published->ToString(), "2024-03-04");
}

TEST(ReadText, AmbiguousNumericDateIsLeftAlone) {
  Document doc = ReadTextOk("03/03/2024\n\nThe two sides agreed.");
  EXPECT_FALSE(doc.published.has_value());
  EXPECT_EQ(doc.text, "03/03/2024\n\nThe two sides agreed.");
}

TEST(ReadText, BodyLineThatMerelyContainsADateIsKept) {
  Document doc = ReadTextOk("Truce agreed in Moscow\n\nTalks began on March 3, 2024 in Moscow.\n\nMore.");
  EXPECT_FALSE(doc.published.has_value());
  EXPECT_EQ(doc.text, "Talks began on March 3, 2024 in Moscow.\n\nMore.");
}

TEST(ReadText, DateLineAfterTheSixthLineIsKept) {
  Document doc = ReadTextOk("One.\nTwo.\nThree.\nFour.\nFive.\nSix.\nMarch 3, 2024\nEight.");
  EXPECT_FALSE(doc.published.has_value());
  EXPECT_NE(doc.text.find("March 3, 2024"), std::string::npos);
}

TEST(ReadDateLine, AcceptsTheUsualWrittenForms) {
  const std::pair<const char*, const char*> cases[] = {
      {"March 3, 2024", "2024-03-03"},
      {"3 March 2024", "2024-03-03"},
      {"2024-03-03", "2024-03-03"},
      {"Mar. 3, 2024", "2024-03-03"},
      {"Sunday, 3 March 2024 10:42 GMT", "2024-03-03"},
      {"Sun, 3 Mar 2024 10:42:07 +0000", "2024-03-03"},
      {"September 27th, 2020", "2020-09-27"},
      {"Sept. 27 2020, 9.30am", "2020-09-27"},
      {"2020-10-10T08:15:00Z", "2020-10-10"},
      {"2020-10-10 08:15 (UTC+4)", "2020-10-10"},
      {"29 February 2024", "2024-02-29"},
  };
  for (const auto& [text, expected] : cases) {
    std::optional<PartialDate> date = ParseDateText(text);
    ASSERT_TRUE(date.has_value()) << text;
    EXPECT_EQ(date->ToString(), expected) << text;
  }
}

TEST(ReadDateLine, RejectsAmbiguousImpossibleAndNonDates) {
  for (const char* text : {"03/03/2024", "29 February 2023", "March 32, 2024", "May 2024", "March 3",
                           "2024-13-01", "March 3, 2024 in Moscow", "Sunday", "Published 3 hours ago", ""}) {
    EXPECT_FALSE(ParseDateLine(text).has_value()) << text;
  }
}

TEST(ReadDateLine, KnowsPublishedFromUpdated) {
  EXPECT_EQ(ParseDateLine("Published: March 3, 2024")->kind, DateLineKind::kPublished);
  EXPECT_EQ(ParseDateLine("Posted on 3 March 2024")->kind, DateLineKind::kPublished);
  EXPECT_EQ(ParseDateLine("Published March 3, 2024")->kind, DateLineKind::kPublished);
  EXPECT_EQ(ParseDateLine("March 3, 2024")->kind, DateLineKind::kPublished);
  EXPECT_EQ(ParseDateLine("Updated: March 3, 2024")->kind, DateLineKind::kUpdated);
  EXPECT_EQ(ParseDateLine("Last updated: 2024-03-03 18:00")->kind, DateLineKind::kUpdated);
}

// ---------------------------------------------------------------------------------------------
// Format detection

TEST(ReadFormat, ExtensionOrOpeningMarkupMeansHtml) {
  EXPECT_EQ(DetectFormat("plain words", "a.HTML"), InputFormat::kHtml);
  EXPECT_EQ(DetectFormat("plain words", "dir.d/a.htm"), InputFormat::kHtml);
  EXPECT_EQ(DetectFormat("plain words", "a.xhtml"), InputFormat::kHtml);
  EXPECT_EQ(DetectFormat("  \n<!DOCTYPE html><p>x", "a.txt"), InputFormat::kHtml);
  EXPECT_EQ(DetectFormat("\xEF\xBB\xBF<HTML lang=en>", "-"), InputFormat::kHtml);
  EXPECT_EQ(DetectFormat("<?xml version=\"1.0\"?>\n<!-- c --><html>", "-"), InputFormat::kHtml);
  EXPECT_EQ(DetectFormat("<body>", "-"), InputFormat::kHtml);
  EXPECT_EQ(DetectFormat(std::string("\xFF\xFE<\0h\0e\0a\0d\0>\0", 14), "-"), InputFormat::kHtml);
  EXPECT_EQ(DetectFormat("<b>Bold</b> claims in a text file", "a.txt"), InputFormat::kText);
  EXPECT_EQ(DetectFormat("<htmlish>", "a.txt"), InputFormat::kText);
  EXPECT_EQ(DetectFormat("Story about <html> tags", "notes.html.txt"), InputFormat::kText);
}

TEST(ReadFormat, AutoReadsHtmlContentFromATextName) {
  Result<Document> doc = ReadBytes("<!doctype html><title>T</title><p>Body text.</p>", "-", ReadOptions{});
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "Body text.");
  EXPECT_EQ(doc->title.value_or(""), "T");
  EXPECT_EQ(doc->path, "-");
}

// ---------------------------------------------------------------------------------------------
// HTML

TEST(ReadHtml, Windows1252MetaCharsetIsConverted) {
  const std::string page =
      "<html><head><meta charset=\"windows-1252\"><title>Caf\xE9</title></head>"
      "<body><p>The caf\xE9 said \x93no\x94 \x96 it costs \x80" "5.</p></body></html>";
  Document doc = ReadHtmlOk(page);
  EXPECT_EQ(doc.title.value_or(""), "Caf\xC3\xA9");
  EXPECT_EQ(doc.text, "The caf\xC3\xA9 said \xE2\x80\x9Cno\xE2\x80\x9D \xE2\x80\x93 it costs \xE2\x82\xAC" "5.");
}

TEST(ReadHtml, Iso88591HttpEquivCharsetIsReadAsWindows1252) {
  // As browsers do (WHATWG Encoding): ISO-8859-1 labels mean windows-1252, so 0x93/0x94 are quotes.
  const std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
      "</head><body><p>Se\xF1or \x93Jos\xE9\x94 est\xE1 aqu\xED.</p></body></html>";
  Document doc = ReadHtmlOk(page);
  EXPECT_EQ(doc.text, "Se\xC3\xB1or \xE2\x80\x9CJos\xC3\xA9\xE2\x80\x9D est\xC3\xA1 aqu\xC3\xAD.");
}

TEST(ReadHtml, UndeclaredInvalidUtf8FallsBackToWindows1252) {
  Document doc = ReadHtmlOk("<p>Caf\xE9 cr\xE8me.</p>");
  EXPECT_EQ(doc.text, "Caf\xC3\xA9 cr\xC3\xA8me.");
}

TEST(ReadHtml, UndeclaredValidUtf8IsKept) {
  Document doc = ReadHtmlOk("<p>Caf\xC3\xA9 \xD0\x90\xD0\xB3\xD0\xB4\xD0\xB0\xD0\xBC.</p>");
  EXPECT_EQ(doc.text, "Caf\xC3\xA9 \xD0\x90\xD0\xB3\xD0\xB4\xD0\xB0\xD0\xBC.");
}

TEST(ReadHtml, OtherCharsetsGoThroughIcu) {
  // KOI8-R "Мир" is 0xED 0xC9 0xD2.
  Document doc = ReadHtmlOk("<meta charset=koi8-r><p>\xED\xC9\xD2.</p>");
  EXPECT_EQ(doc.text, "\xD0\x9C\xD0\xB8\xD1\x80.");
}

TEST(ReadHtml, CommentedOutMetaCharsetIsIgnored) {
  EXPECT_EQ(read_internal::FindMetaCharset("<!-- <meta charset=koi8-r> --><meta charset='UTF-8'>"), "utf-8");
  EXPECT_EQ(read_internal::FindMetaCharset(std::string(3000, ' ') + "<meta charset=koi8-r>"), "");
}

TEST(ReadHtml, UnsupportedCharsetIsAnError) {
  Result<Document> doc = ReadBytes("<meta charset=\"x-no-such-charset\"><p>Hi.</p>", "page.html", ReadOptions{});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "page.html: unsupported charset \"x-no-such-charset\"");
  EXPECT_EQ(doc.status().code(), StatusCode::kUnsupported);
}

TEST(ReadHtml, DecodesEntities) {
  Document doc = ReadHtmlOk("<p>Tom &amp; Jerry &eacute;t&eacute; &#8212; &lt;b&gt; 5&nbsp;km &#x41;</p>");
  EXPECT_EQ(doc.text, "Tom & Jerry \xC3\xA9t\xC3\xA9 \xE2\x80\x94 <b> 5 km A");
}

TEST(ReadHtml, DropsScriptStyleNavigationAndChrome) {
  Document doc = ReadHtmlOk(
      "<html><head><style>p{color:red}</style><script>var x = 'head';</script></head><body>"
      "<header>Site header</header><nav><a href=/>Home</a> <a href=/world>World</a></nav>"
      "<p>Story text.</p><script>document.write('ad')</script><noscript>Enable JS</noscript>"
      "<form><input name=q><button>Search</button></form><aside>Related stories</aside>"
      "<iframe src=x>frame</iframe><svg><text>chart</text></svg><template><p>tpl</p></template>"
      "<div hidden>Hidden text</div><footer>Copyright</footer></body></html>");
  EXPECT_EQ(doc.text, "Story text.");
}

TEST(ReadHtml, BlocksSeparateParagraphsAndInlineTextIsJoined) {
  Document doc = ReadHtmlOk(
      "<body><h2>Heading</h2><p>One <b>two</b>\n   three<span>four</span></p><div>Five</div>"
      "<ul><li>a</li><li>b</li></ul><table><tr><td>c1</td><td>c2</td></tr></table>"
      "<blockquote>Quote</blockquote></body>");
  EXPECT_EQ(doc.text, "Heading\n\nOne two threefour\n\nFive\n\na\n\nb\n\nc1 c2\n\nQuote");
}

TEST(ReadHtml, BrIsALineBreakAndTwoAreAParagraph) {
  Document doc = ReadHtmlOk("<p>Line one<br>line two<br><br>New paragraph</p>");
  EXPECT_EQ(doc.text, "Line one\nline two\n\nNew paragraph");
}

TEST(ReadHtml, FigureCaptionIsKept) {
  Document doc = ReadHtmlOk(
      "<article><p>Text.</p><figure><img src=a.jpg alt=x><figcaption>Soldiers on a road.</figcaption>"
      "</figure></article>");
  EXPECT_EQ(doc.text, "Text.\n\nSoldiers on a road.");
}

TEST(ReadHtml, SingleArticleIsPreferredOverTheRestOfThePage) {
  Document doc = ReadHtmlOk(
      "<body><div class=promo>Subscribe now</div><article><p>The story.</p>"
      "<article><p>A comment.</p></article></article>"
      "<aside><article><p>Another story.</p></article></aside><div>Cookie notice</div></body>");
  EXPECT_EQ(doc.text, "The story.\n\nA comment.");
}

TEST(ReadHtml, MainIsUsedWhenThereAreSeveralArticles) {
  Document doc = ReadHtmlOk(
      "<body><div>Promo</div><main><article><p>First.</p></article><article><p>Second.</p></article></main>"
      "<div>Cookie notice</div></body>");
  EXPECT_EQ(doc.text, "First.\n\nSecond.");
}

TEST(ReadHtml, AriaRolesCountLikeTheirElements) {
  Document doc = ReadHtmlOk(
      "<body><div role=navigation>Menu</div><div role=banner>Site</div><div role=\"main\">"
      "<p>Story.</p><div role=complementary>Related</div><div role=search>Search</div></div>"
      "<div role=contentinfo>Copyright</div><p>Outside.</p></body>");
  EXPECT_EQ(doc.text, "Story.");
}

TEST(ReadHtml, BodyIsUsedWithoutArticleOrMain) {
  Document doc = ReadHtmlOk("<body><div>One.</div><div>Two.</div></body>");
  EXPECT_EQ(doc.text, "One.\n\nTwo.");
}

TEST(ReadHtml, EmptyArticleFallsBackToBody) {
  Document doc = ReadHtmlOk("<body><article><script>render()</script></article><p>Server text.</p></body>");
  EXPECT_EQ(doc.text, "Server text.");
}

TEST(ReadHtml, CanonicalLinkGivesTheUrl) {
  Document doc = ReadHtmlOk(
      "<head><meta property=\"og:url\" content=\"https://example.org/og\">"
      "<link rel=\"alternate canonical\" href=\" https://example.org/news/truce \"></head><p>Text.</p>");
  EXPECT_EQ(doc.url.value_or(""), "https://example.org/news/truce");
}

TEST(ReadHtml, OgUrlIsTheFallbackUrl) {
  Document doc = ReadHtmlOk("<meta property=\"og:url\" content=\"https://example.org/og\"><p>Text.</p>");
  EXPECT_EQ(doc.url.value_or(""), "https://example.org/og");
  EXPECT_FALSE(ReadHtmlOk("<p>Text.</p>").url.has_value());
}

TEST(ReadHtml, OgTitleWinsOverTitleElement) {
  Document doc = ReadHtmlOk(
      "<head><title>Truce agreed | Example News</title>"
      "<meta property=\"og:title\" content=\"  Truce   agreed &amp; broken \"></head><p>Text.</p>");
  EXPECT_EQ(doc.title.value_or(""), "Truce agreed & broken");
  EXPECT_EQ(ReadHtmlOk("<title> Truce agreed | Example News </title><p>Text.</p>").title.value_or(""),
            "Truce agreed | Example News");
}

TEST(ReadHtml, HeadlineRepeatingTheTitleIsNotRepeatedInText) {
  Document doc = ReadHtmlOk("<title>Truce agreed</title><article><h1>Truce agreed</h1><p>Text.</p></article>");
  EXPECT_EQ(doc.title.value_or(""), "Truce agreed");
  EXPECT_EQ(doc.text, "Text.");
}

TEST(ReadHtml, PublishedTimeMetaGivesTheDate) {
  Document doc = ReadHtmlOk(
      "<head><meta name=\"date\" content=\"2020-01-01\">"
      "<meta property=\"article:published_time\" content=\"2020-10-10T08:15:00+04:00\"></head>"
      "<body><time datetime=\"2019-05-05\">5 May</time><p>Text.</p></body>");
  ASSERT_TRUE(doc.published.has_value());
  EXPECT_EQ(doc.published->ToString(), "2020-10-10");
}

TEST(ReadHtml, OtherDateSourcesInOrder) {
  EXPECT_EQ(ReadHtmlOk("<meta name=DC.date content=2021-02-03><p>T.</p>").published->ToString(), "2021-02-03");
  EXPECT_EQ(ReadHtmlOk("<p>By <span itemprop=datePublished content=2021-04-05>today</span>.</p>")
                .published->ToString(),
            "2021-04-05");
  EXPECT_EQ(ReadHtmlOk("<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\","
                       "\"datePublished\":\"2021-06-07T10:00:00Z\"}]}</script><p>T.</p>")
                .published->ToString(),
            "2021-06-07");
  EXPECT_EQ(ReadHtmlOk("<aside><time datetime=2020-01-01>old</time></aside>"
                       "<article><time datetime=\"2021-08-09T10:00\">9 Aug</time><p>T.</p></article>")
                .published->ToString(),
            "2021-08-09");
  EXPECT_EQ(ReadHtmlOk("<p>Published: 10 October 2020</p><p>Text.</p>").published->ToString(), "2020-10-10");
}

TEST(ReadHtml, PageWithoutTextIsAnError) {
  EXPECT_EQ(ErrorOf("<html><body><script>app()</script><nav>Menu</nav></body></html>", "page.html"),
            "page.html: no text found in the HTML");
}

TEST(ReadHtml, MinifiedOneLinePageIsRead) {
  std::string page = "<!doctype html><html><head><title>Big</title></head><body><article>";
  int paragraphs = 0;
  while (page.size() < 8 * 1024 * 1024) {
    page += "<p class=\"x\">Paragraph <a href=\"/l\">number</a> " + std::to_string(paragraphs++) + ".</p>";
  }
  page += "</article></body></html>";
  ASSERT_EQ(page.find('\n'), std::string::npos);
  Document doc = ReadHtmlOk(page);
  EXPECT_EQ(doc.text.substr(0, 36), "Paragraph number 0.\n\nParagraph numbe");
  size_t count = 1;
  for (size_t at = doc.text.find("\n\n"); at != std::string::npos; at = doc.text.find("\n\n", at + 2)) ++count;
  EXPECT_EQ(count, static_cast<size_t>(paragraphs));
}

TEST(ReadHtml, PageNested100000LevelsDeepIsReadWithoutCrashing) {
  for (const std::string tag : {"div", "span", "b", "section", "table"}) {
    std::string page = "<html><body>";
    for (int i = 0; i < 100000; ++i) page += "<" + tag + ">";
    page += "Deep text.";
    for (int i = 0; i < 100000; ++i) page += "</" + tag + ">";
    page += "<p>After.</p></body></html>";
    const auto start = std::chrono::steady_clock::now();
    Document doc = ReadHtmlOk(page);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_NE(doc.text.find("After."), std::string::npos) << tag;
    EXPECT_NE(doc.text.find("Deep text."), std::string::npos) << tag;
    EXPECT_LT(seconds, 20.0) << tag;
  }
}

TEST(ReadHtml, UnclosedNestingIsReadWithoutCrashing) {
  std::string page = "<body>";
  for (int i = 0; i < 100000; ++i) page += "<div><x-item>";
  page += "Bottom.";
  Document doc = ReadHtmlOk(page);
  EXPECT_EQ(doc.text, "Bottom.");
}

TEST(ReadHtml, ReopenedFormattingElementsStaySmall) {
  // Without care the parser re-creates all 500 open <b> elements inside each of the 20000 paragraphs.
  std::string page = "<body><p>";
  for (int i = 0; i < 500; ++i) page += "<b id=" + std::to_string(i) + ">";
  for (int i = 0; i < 20000; ++i) page += "<p>x";
  Document doc = ReadHtmlOk(page);
  EXPECT_EQ(doc.text.size(), 20000 * 3 - 2);
}

TEST(ReadHtml, SimplifyMarkupCapsDepthAndDropsFormattingTags) {
  using read_internal::SimplifyMarkup;
  EXPECT_EQ(SimplifyMarkup("<p>a <b>bold</b> <A HREF='/x>y'>link</A></p>", 10), "<p>a bold link</p>");
  EXPECT_EQ(SimplifyMarkup("<div><div><div>x</div></div></div>", 2), "<div><div>x</div></div>");
  EXPECT_EQ(SimplifyMarkup("<div><div><div>x</div>y</div></div><div>z</div>", 1), "<div>xy</div><div>z</div>");
  EXPECT_EQ(SimplifyMarkup("<div><script>if (a<b) { '<b>' }</script></div>", 1),
            "<div><script>if (a<b) { '<b>' }</script></div>");
  EXPECT_EQ(SimplifyMarkup("<div><!-- <b> --><br><img src=x><p>x<p>y</div>", 1),
            "<div><!-- <b> --><br><img src=x><p>x<p>y</div>");
  EXPECT_EQ(SimplifyMarkup("<div></x><div>y</div></div>", 1), "<div></x>y</div>");
  EXPECT_EQ(SimplifyMarkup("<svg><path/><path/><g>t</g></svg>", 2), "<svg><path/><path/><g>t</g></svg>");
}

TEST(ReadHtml, ManyAttributesAndRepeatedBodyTagsStayFast) {
  std::string page = "<body><p";
  for (int i = 0; i < 200000; ++i) page += " a" + std::to_string(i);
  page += ">Text.</p>";
  for (int i = 0; i < 50000; ++i) page += "<body b" + std::to_string(i) + "=1>";
  const auto start = std::chrono::steady_clock::now();
  Document doc = ReadHtmlOk(page);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(doc.text, "Text.");
  EXPECT_LT(seconds, 20.0);
  EXPECT_EQ(read_internal::SimplifyMarkup("<body a=1><p>x<body b=2>", 10), "<body a=1><p>x");
}

TEST(ReadHtml, IdIsTheHashOfTheOriginalBytes) {
  const std::string page = "<meta charset=windows-1252><p>Caf\xE9.</p>";
  Document doc = ReadHtmlOk(page);
  EXPECT_EQ(doc.id, HashHex(page));
  EXPECT_EQ(doc.path, "page.html");
}

// ---------------------------------------------------------------------------------------------
// Files and standard input

TEST(ReadPath, MissingFileNamesTheCause) {
  Result<Document> doc = ReadPath("/nonexistent-dir/story.txt", ReadOptions{});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), "/nonexistent-dir/story.txt: cannot open: No such file or directory");
  EXPECT_EQ(doc.status().code(), StatusCode::kNotFound);
}

TEST(ReadPath, DirectoryIsAnError) {
  TempDir dir;
  Result<Document> doc = ReadPath(dir.path(), ReadOptions{});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), dir.path() + ": is a directory");
}

TEST(ReadPath, ReadsATextFileFromDisk) {
  TempDir dir;
  const std::string bytes = "Truce agreed in Moscow\r\n\r\nPublished: 10 October 2020\r\n\r\nThe sides agreed.\r\n";
  const std::string path = dir.Write("story.txt", bytes);
  Result<Document> doc = ReadPath(path, ReadOptions{});
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->id, HashHex(bytes));
  EXPECT_EQ(doc->path, path);
  EXPECT_EQ(doc->title.value_or(""), "Truce agreed in Moscow");
  EXPECT_EQ(doc->published->ToString(), "2020-10-10");
  EXPECT_EQ(doc->text, "The sides agreed.");
  EXPECT_FALSE(doc->url.has_value());
}

TEST(ReadPath, ReadsAnHtmlFileByItsExtension) {
  TempDir dir;
  const std::string path = dir.Write("page.htm", "<title>T</title><p>Body.</p>");
  Result<Document> doc = ReadPath(path, ReadOptions{});
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->text, "Body.");
  Result<Document> as_text = ReadPath(path, ReadOptions{}, InputFormat::kText);
  ASSERT_TRUE(as_text.ok());
  EXPECT_EQ(as_text->text, "<title>T</title><p>Body.</p>");
}

TEST(ReadPath, EmptyFileIsAnError) {
  TempDir dir;
  const std::string path = dir.Write("empty.txt", "");
  Result<Document> doc = ReadPath(path, ReadOptions{});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), path + ": empty file");
}

TEST(ReadPath, OversizedFileIsRefusedWithItsSize) {
  TempDir dir;
  const std::string path = dir.Write("big.txt", std::string(2048, 'a'));
  ReadOptions options;
  options.max_bytes = 1024;
  Result<Document> doc = ReadPath(path, options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), path + ": larger than the 1 KB limit (2048 bytes)");
  EXPECT_EQ(doc.status().code(), StatusCode::kTooLarge);
}

// Runs `body` with standard input reading from `file`.
template <typename Body>
void WithStdin(const std::string& file, Body body) {
  const int saved = ::dup(STDIN_FILENO);
  ASSERT_GE(saved, 0);
  const int fd = ::open(file.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::dup2(fd, STDIN_FILENO), STDIN_FILENO);
  ::close(fd);
  body();
  ::dup2(saved, STDIN_FILENO);
  ::close(saved);
}

TEST(ReadPath, DashReadsStandardInput) {
  TempDir dir;
  const std::string file = dir.Write("in.txt", "From a pipe.");
  WithStdin(file, [] {
    Result<Document> doc = ReadPath("-", ReadOptions{});
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    EXPECT_EQ(doc->text, "From a pipe.");
    EXPECT_EQ(doc->path, "-");
  });
}

TEST(ReadPath, StandardInputStopsPastTheLimit) {
  TempDir dir;
  const std::string file = dir.Write("in.txt", std::string(200000, 'a'));
  ReadOptions options;
  options.max_bytes = 1024;
  WithStdin(file, [&] {
    Result<Document> doc = ReadPath("-", options);
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.status().message(), "<stdin>: larger than the 1 KB limit (more than 1024 bytes)");
  });
}

}  // namespace
}  // namespace eventcoder
