#include "dedup/minhash.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <random>

#include "base/hash.h"

namespace eventcoder {
namespace {

// An article body in wire style (written for these tests).
const char* kWireBody =
    "GENEVA (Wire) — Delegations from the two neighbouring governments agreed on Tuesday to reopen three "
    "border crossings that were closed after clashes in the spring, a joint statement said, in the first "
    "concrete step since talks resumed last month.\n\n"
    "The crossings will open to trucks carrying food and medicine from next Monday and to private cars two "
    "weeks later, the statement said. Customs officers from both sides will work in shared posts, and a "
    "hotline between the two defence ministries will be restored.\n\n"
    "\"This is a modest agreement, but it is the first one that people living along the border will feel in "
    "their daily lives,\" the mediator told reporters after the session, which lasted more than nine hours.\n\n"
    "Trade across the frontier fell by almost two thirds this year, according to figures from the regional "
    "chamber of commerce, and farmers on both sides have complained that harvests were left to rot because "
    "they could not reach markets in the larger towns.\n\n"
    "The talks did not settle the disputed status of the river islands at the centre of the spring clashes. "
    "Negotiators said a technical commission would map the river bed again and report by the end of the year. "
    "Opposition leaders in both capitals criticised the deal, saying it rewarded the other side without "
    "securing the return of people displaced by the fighting.\n\n"
    "A further round of talks is planned for next month, the mediator said, adding that both delegations had "
    "asked for observers to monitor the crossings during the first weeks.";

// Two re-published copies: other bylines, labels and footers (about a tenth of the words), one word
// changed and one added.
std::string CopyA() {
  return std::string("By Staff Writer\n\nUpdated 2 hours ago\n\nShare on social media\n\n") + kWireBody +
         "\n\nFollow our live coverage for the latest updates from the region.\n\nCopyright The Morning "
         "Courier. All rights reserved.";
}

std::string CopyB() {
  std::string body = kWireBody;
  const std::string from = "told reporters", to = "said to reporters";
  body.replace(body.find(from), from.size(), to);
  return std::string("World News | Europe\n\nPublished from the agency feed; this text was not edited by our "
                     "newsroom.\n\n") +
         body + "\n\nRead next: markets close higher as oil prices ease.\nSign up for the evening briefing.";
}

const char* kUnrelated =
    "The city council voted on Thursday to extend the tram line to the northern suburbs, ending years of "
    "debate over the cost of the project. Construction is expected to start in the autumn and take three "
    "years. The council also approved a new budget for school repairs, with most of the money going to "
    "buildings that failed fire inspections last winter. Residents of the northern districts welcomed the "
    "decision but said they feared long closures of the main road during the works.";

// Text of `n` words drawn from a fixed vocabulary by a seeded generator (about 6 bytes a word).
std::string RandomText(std::mt19937_64& rng, size_t n) {
  static const char* kSyllables[] = {"ka", "ro", "mi", "tan", "se", "lo", "vu", "ne", "dri", "pa", "sho", "le"};
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i) out += (i % 17 == 0) ? ". " : " ";
    size_t syllables = 1 + rng() % 3;
    for (size_t s = 0; s < syllables; ++s) out += kSyllables[rng() % 12];
  }
  return out;
}

// Text of the numbered words "w<first>" … "w<last - 1>".
std::string NumberedWords(int first, int last) {
  std::string out;
  for (int i = first; i < last; ++i) out += "w" + std::to_string(i) + " ";
  return out;
}

TEST(MinHash, IdenticalTextsHaveSimilarityOne) {
  EXPECT_EQ(Similarity(Sign(kWireBody), Sign(kWireBody)), 1.0);
  EXPECT_EQ(Sign(kWireBody), Sign(std::string(kWireBody)));
}

TEST(MinHash, CaseAndPunctuationAreIgnored) {
  EXPECT_EQ(Sign("Azerbaijan’s army SAID: \"the truce holds,\" on Sunday!"),
            Sign("azerbaijan's army said the truce holds -- on sunday"));
  EXPECT_EQ(Sign("Azerbaijan’s army said the truce holds"), Sign("Azerbaijans army said the truce holds"));
  EXPECT_EQ(Sign("ÉTAT du Québec annonce une trêve"), Sign("état du québec annonce une trêve"));
}

TEST(MinHash, WireCopyWithOtherBoilerplateAndOneChangedWordIsNearDuplicate) {
  double s = Similarity(Sign(CopyA()), Sign(CopyB()));
  std::cout << "wire copies: estimated Jaccard " << s << "\n";
  EXPECT_GE(s, 0.8);
  NearDuplicateIndex index;
  EXPECT_TRUE(index.Add(1, Sign(CopyA())).empty());
  EXPECT_EQ(index.Add(2, Sign(CopyB())), std::vector<int64_t>{1});
}

TEST(MinHash, ShortLinesAreLeftOut) {
  EXPECT_EQ(Sign(std::string("By Staff Writer\nUpdated 2 hours ago\n\n") + kWireBody),
            Sign(std::string("World | Europe\n\n") + kWireBody + "\n\nAll rights reserved."));
  // Unless they make up most of the text: then every line counts.
  EXPECT_NE(Sign("Results of the day\nTeam one 3 Team two 1\nTeam three 0 Team four 2"),
            Sign("Results of the day\nTeam one 3 Team two 1\nTeam three 0 Team four 3"));
}

TEST(MinHash, UnrelatedArticlesAreNotSimilar) {
  double s = Similarity(Sign(kWireBody), Sign(kUnrelated));
  EXPECT_LT(s, 0.05);
  NearDuplicateIndex index;
  EXPECT_TRUE(index.Add(1, Sign(kWireBody)).empty());
  EXPECT_TRUE(index.Add(2, Sign(kUnrelated)).empty());
}

// A changed hash function, seed or word splitter changes these values and makes stored signatures
// incomparable with new ones: docs/store.md says how to re-sign a database.
TEST(MinHash, SignatureIsStable) {
  MinHashSignature sig = Sign("The quick brown fox jumps over the lazy dog.");
  EXPECT_EQ(sig[0], 0x328a248eaa33ca77ULL);
  EXPECT_EQ(sig[1], 0x37f09fe887007ab7ULL);
  EXPECT_EQ(sig[127], 0x1b2db6ae7871494aULL);
  EXPECT_EQ(Hash64(EncodeSignature(sig)), 0xd7c12d022e479ba5ULL);  // all 128 values
}

TEST(MinHash, EstimateTracksExactJaccard) {
  // 1000 distinct words give 996 shingles; overlapping word ranges give a known shingle overlap.
  for (int shift : {50, 100, 200, 400}) {
    int common = 1000 - shift - 4;  // shingles lying wholly in the shared range
    double exact = static_cast<double>(common) / (2 * 996 - common);
    double estimate = Similarity(Sign(NumberedWords(0, 1000)), Sign(NumberedWords(shift, 1000 + shift)));
    EXPECT_NEAR(estimate, exact, 0.12) << "shift " << shift;
  }
}

TEST(MinHash, ShortTextsAreOneShingle) {
  EXPECT_EQ(Similarity(Sign("Ceasefire holds."), Sign("ceasefire holds")), 1.0);
  EXPECT_EQ(Similarity(Sign("Ceasefire holds."), Sign("Ceasefire broken.")), 0.0);
  EXPECT_FALSE(IsEmpty(Sign("Ceasefire")));
}

TEST(MinHash, TextWithoutWordsIsSimilarToNothing) {
  EXPECT_TRUE(IsEmpty(Sign("")));
  EXPECT_TRUE(IsEmpty(Sign(" -- ... !!! \n\n")));
  EXPECT_EQ(Similarity(Sign(""), Sign("")), 0.0);
  NearDuplicateIndex index;
  EXPECT_TRUE(index.Add(1, Sign("")).empty());
  EXPECT_TRUE(index.Add(2, Sign("")).empty());
  EXPECT_EQ(index.size(), 0u);
}

TEST(MinHash, SignHashesIgnoresOrderAndRepeats) {
  std::vector<uint64_t> hashes;
  for (int i = 0; i < 200; ++i) hashes.push_back(Hash64("element " + std::to_string(i)));
  MinHashSignature sig = SignHashes(hashes);
  std::vector<uint64_t> shuffled(hashes.rbegin(), hashes.rend());
  shuffled.insert(shuffled.end(), hashes.begin(), hashes.begin() + 50);
  EXPECT_EQ(SignHashes(shuffled), sig);
  EXPECT_TRUE(IsEmpty(SignHashes({})));
  // Half the elements shared: estimated Jaccard about 1/3.
  std::vector<uint64_t> other(hashes.begin() + 100, hashes.end());
  for (int i = 0; i < 100; ++i) other.push_back(Hash64("other " + std::to_string(i)));
  EXPECT_NEAR(Similarity(sig, SignHashes(other)), 1.0 / 3, 0.12);
}

TEST(MinHash, EncodingIsLittleEndianAndRoundTrips) {
  MinHashSignature sig = Sign(kWireBody);
  std::string bytes = EncodeSignature(sig);
  ASSERT_EQ(bytes.size(), kMinHashSize * 8);
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), sig[0] & 0xff);
  EXPECT_EQ(static_cast<unsigned char>(bytes[7]), sig[0] >> 56);
  EXPECT_EQ(DecodeSignature(bytes), sig);
  EXPECT_FALSE(DecodeSignature(bytes.substr(1)).has_value());
  EXPECT_EQ(SignatureFromValues(std::vector<uint64_t>(sig.begin(), sig.end())), sig);
  EXPECT_FALSE(SignatureFromValues({1, 2, 3}).has_value());
}

TEST(NearDuplicateIndex, ReportsEarlierMatchesMostSimilarFirstEachIdOnce) {
  std::string base = NumberedWords(0, 1000);
  NearDuplicateIndex index;
  index.Insert(7, Sign(NumberedWords(40, 1040)));  // J about 0.92
  index.Insert(8, Sign(base));                     // identical
  index.Insert(8, Sign(NumberedWords(10, 1010)));  // same id again
  index.Insert(9, Sign(NumberedWords(500, 1500))); // J about 0.33: below the threshold
  std::vector<NearDuplicateIndex::Match> m = index.Find(Sign(base));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].id, 8);
  EXPECT_EQ(m[0].similarity, 1.0);
  EXPECT_EQ(m[1].id, 7);
  EXPECT_EQ(index.Find(Sign(base), 1).size(), 1u);
  EXPECT_EQ(index.size(), 4u);  // Find added nothing
  EXPECT_EQ(index.Add(10, Sign(base)), (std::vector<int64_t>{8, 7}));
  EXPECT_EQ(index.size(), 5u);
}

TEST(NearDuplicateIndex, ExactCopiesAreAllReported) {
  NearDuplicateIndex index;
  for (int64_t id = 0; id < 50; ++id) EXPECT_EQ(index.Add(id, Sign(kWireBody)).size(), static_cast<size_t>(id));
  EXPECT_EQ(index.size(), 50u);
}

TEST(NearDuplicateIndex, ThresholdIsConfigurable) {
  MinHashSignature a = Sign(NumberedWords(0, 1000)), b = Sign(NumberedWords(40, 1040));  // J about 0.92
  NearDuplicateIndex strict(0.97);
  strict.Insert(1, a);
  EXPECT_TRUE(strict.Find(b).empty());
  NearDuplicateIndex usual;
  usual.Insert(1, a);
  ASSERT_EQ(usual.Find(b).size(), 1u);
  EXPECT_EQ(usual.Find(b)[0].similarity, Similarity(a, b));
}

// Speed check without a timing assertion: 1000 articles of about 4 KB, plus 100 re-published copies.
TEST(NearDuplicateIndex, GroupsAThousandArticlesAndTheirCopies) {
  std::mt19937_64 rng(42);
  std::vector<std::string> articles;
  size_t bytes = 0;
  for (int i = 0; i < 1000; ++i) {
    articles.push_back(RandomText(rng, 650));
    bytes += articles.back().size();
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<MinHashSignature> sigs;
  sigs.reserve(articles.size());
  for (const std::string& a : articles) sigs.push_back(Sign(a));
  auto signed_at = std::chrono::steady_clock::now();
  NearDuplicateIndex index;
  size_t false_matches = 0;
  for (size_t i = 0; i < sigs.size(); ++i) false_matches += index.Add(static_cast<int64_t>(i), sigs[i]).size();
  EXPECT_EQ(false_matches, 0u);
  size_t found = 0;
  for (size_t i = 0; i < 1000; i += 10) {
    std::string copy = "Published by a partner site.\n\n" + articles[i] + "\n\nAll rights reserved.";
    std::vector<int64_t> m = index.Add(static_cast<int64_t>(1000 + i), Sign(copy));
    found += (m.size() == 1 && m[0] == static_cast<int64_t>(i)) ? 1 : 0;
  }
  EXPECT_EQ(found, 100u);
  auto done = std::chrono::steady_clock::now();
  auto us = [](auto d) { return std::chrono::duration_cast<std::chrono::microseconds>(d).count(); };
  std::cout << "signed " << articles.size() << " articles (" << bytes / articles.size() << " bytes each) in "
            << us(signed_at - start) << " us (" << us(signed_at - start) / 1000.0 << " us each); indexed and "
            << "searched 1100 in " << us(done - signed_at) << " us\n";
}

}  // namespace
}  // namespace eventcoder
