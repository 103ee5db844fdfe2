#include <gtest/gtest.h>

#include "store/merge.h"

namespace eventcoder {
namespace {

StoredEvent Row(const std::string& article, const std::string& url, const std::string& date, const std::string& src,
                const std::string& tgt, const std::string& claimed = "", bool negated = false) {
  nlohmann::ordered_json j;
  j["event_id"] = article + src + tgt + date;
  j["article"] = {{"id", article}, {"url", url.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(url)}};
  j["sentence_index"] = 0;
  j["sentence"] = "s";
  j["date"] = date;
  j["source"] = {{"code", src}, {"country", src}};
  j["target"] = {{"code", tgt}, {"country", tgt}};
  j["cameo"] = "190";
  j["cameo_root"] = "19";
  j["quad_class"] = 4;
  j["goldstein"] = -10.0;
  j["location"] = nullptr;
  j["claimed_by"] = claimed.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json{{"code", claimed}};
  j["negated"] = negated;
  StoredEvent r;
  r.record = j.dump();
  return r;
}

TEST(MergeMentions, SameEventFromSeveralOutletsIsOneEvent) {
  auto merged = MergeMentions({Row("a1", "https://www.apnews.com/x", "2020-10-10", "AZE", "ARM"),
                               Row("a2", "https://reuters.com/y", "2020-10-11", "AZE", "ARM"),
                               Row("a3", "https://apnews.com/z", "2020-10-10", "AZE", "ARM")});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].num_mentions, 3);
  EXPECT_EQ(merged[0].num_articles, 3);
  EXPECT_EQ(merged[0].num_sources, 2);
  EXPECT_EQ(merged[0].record["mentions"].size(), 3u);
}

TEST(MergeMentions, ClaimsDenialsAndDistantDaysStayApart) {
  auto merged = MergeMentions({Row("a1", "", "2020-10-10", "AZE", "ARM", "ARM"),
                               Row("a2", "", "2020-10-10", "AZE", "ARM", "ARM", true),
                               Row("a3", "", "2020-10-10", "AZE", "ARM", "AZE"),
                               Row("a4", "", "2020-10-14", "AZE", "ARM", "ARM")});
  EXPECT_EQ(merged.size(), 4u);
}

TEST(MergeMentions, SummaryAndGdeltRow) {
  auto merged = MergeMentions({Row("a1", "https://x.org/1", "2020-10-10", "AZE", "ARM")});
  EventStats st = Summarize(merged);
  EXPECT_EQ(st.by_pair["AZE > ARM"], 1);
  EXPECT_EQ(st.by_root["19"], 1);
  std::string row = GdeltRow(merged[0]);
  EXPECT_NE(row.find("\t20201010\tAZE\tAZE\tARM\tARM\t190\t19\t4\t-10.0\t1\t1\t1\t"), std::string::npos) << row;
}

}  // namespace
}  // namespace eventcoder
