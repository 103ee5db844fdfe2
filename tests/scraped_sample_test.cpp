// The project's reference scraped article (beside the checkout in ../shared, never copied into the
// repository): reading and cleaning must remove every scraper addition and keep the story.
#include <gtest/gtest.h>

#include <filesystem>

#include "clean/cleaner.h"
#include "read/reader.h"

namespace eventcoder {
namespace {

const char* kSample = EVENTCODER_SOURCE_DIR "/../shared/samples/karabakh-truce.txt";

TEST(ScrapedSample, CleaningRemovesScraperAdditionsAndKeepsTheStory) {
  if (!std::filesystem::exists(kSample)) GTEST_SKIP() << "no shared sample beside the checkout";
  Result<Document> doc = ReadPath(kSample, ReadOptions{});
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_TRUE(doc->title.has_value());
  EXPECT_EQ(*doc->title, "Armenia and Azerbaijan say Nagorno Karabakh truce does not hold");
  CleanReport report = CleanDocument(doc.value());
  const std::string& t = doc->text;
  EXPECT_EQ(t.find("[ad_"), std::string::npos);
  EXPECT_EQ(t.find("Uncredited / AP"), std::string::npos);
  EXPECT_EQ(t.find("READ MORE"), std::string::npos);
  EXPECT_EQ(t.find("mercenary wars"), std::string::npos);
  EXPECT_EQ(t.find("room. century."), std::string::npos);
  // Each doubled caption once.
  auto count = [&](const std::string& s) {
    size_t n = 0;
    for (size_t p = t.find(s); p != std::string::npos; p = t.find(s, p + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("soldiers walk in formation"), 1u);
  EXPECT_EQ(count("Smoke rises after the Azerbaijan artillery"), 1u);
  EXPECT_EQ(count("reads a statement after leading talks"), 1u);
  EXPECT_EQ(count("A man throws debris"), 1u);
  EXPECT_EQ(count("attack armored vehicles"), 1u);
  EXPECT_EQ(report.duplicates, 5);  // five captions, each printed twice
  // The story itself is intact.
  EXPECT_NE(t.find("Minutes after the truce took effect, the Armenian army accused Azerbaijan"), std::string::npos);
  EXPECT_NE(t.find("The French Foreign Ministry praised the announcement of the truce"), std::string::npos);
}

}  // namespace
}  // namespace eventcoder
