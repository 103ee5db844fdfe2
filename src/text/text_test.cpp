#include <gtest/gtest.h>

#include "text/lemmatizer.h"
#include "text/tokenizer.h"

namespace eventcoder {
namespace {

std::vector<std::string> Lowers(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(s, nullptr)) out.push_back(t.lower);
  return out;
}

TEST(Tokenizer, SplitsPossessiveAndKeepsHyphenatedWords) {
  EXPECT_EQ(Lowers("Azerbaijan\xE2\x80\x99s Russian-brokered truce"),
            (std::vector<std::string>{"azerbaijan", "'s", "russian-brokered", "truce"}));
}

TEST(Tokenizer, KeepsDottedAcronymsAndNumbers) {
  EXPECT_EQ(Lowers("U.S. troops: 1.5 million, 10,000 S-400"),
            (std::vector<std::string>{"u.s.", "troops", ":", "1.5", "million", ",", "10,000", "s-400"}));
}

TEST(Tokenizer, OffsetsPointIntoTheSentence) {
  std::string s = "\xE2\x80\x9CNo,\xE2\x80\x9D he said.";
  std::vector<Token> t = Tokenize(s, nullptr);
  ASSERT_GE(t.size(), 3u);
  EXPECT_EQ(t[0].lower, "\"");
  EXPECT_EQ(s.substr(t[1].begin, t[1].end - t[1].begin), "No");
  EXPECT_TRUE(t[1].capitalised);
}

TEST(Tokenizer, FoldsUnicodeCase) { EXPECT_EQ(FoldLower("ÇAVUŞOĞLU"), "çavuşoğlu"); }

TEST(SentenceSplitter, SurvivesTitlesAndAcronyms) {
  SentenceSplitter s({"Mr.", "Gen.", "U.S.", "Dr."});
  std::string text = "Gen. Smith met Mr. Jones in the U.S. Army base. The talks ended. J. Doe left.";
  std::vector<Sentence> out = s.SplitSentences(text);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(text.substr(out[0].begin, out[0].end - out[0].begin), "Gen. Smith met Mr. Jones in the U.S. Army base.");
  EXPECT_EQ(text.substr(out[2].begin, out[2].end - out[2].begin), "J. Doe left.");
}

TEST(SentenceSplitter, AcronymEndsSentenceBeforeTypicalOpener) {
  SentenceSplitter s({"U.S."});
  std::vector<Sentence> out = s.SplitSentences("Aid came from the U.S. The army said so.");
  EXPECT_EQ(out.size(), 2u);
}

TEST(SentenceSplitter, QuotesAndParagraphs) {
  SentenceSplitter s;
  std::string text = "He said \xE2\x80\x9Cit is over.\xE2\x80\x9D Then he left.\n\nNew paragraph here";
  std::vector<Sentence> out = s.SplitSentences(text);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(text.substr(out[0].begin, out[0].end - out[0].begin), "He said \xE2\x80\x9Cit is over.\xE2\x80\x9D");
  EXPECT_EQ(out[0].paragraph, 0);
  EXPECT_EQ(out[2].paragraph, 1);
}

TEST(SentenceSplitter, LowerCaseAfterQuestionMarkDoesNotSplit) {
  SentenceSplitter s;
  EXPECT_EQ(s.SplitSentences("\"Why now?\" he asked.").size(), 1u);
}

TEST(VerbLemmatizer, RegularIrregularAndDoubledForms) {
  VerbLemmatizer lem = VerbLemmatizer::FromData({"shell", "fight", "stop", "accuse", "agree", "plan", "deny"},
                                                {{"fought", "fight"}});
  EXPECT_EQ(lem.Lemma("shelling"), "shell");
  EXPECT_EQ(lem.Lemma("fought"), "fight");
  EXPECT_EQ(lem.Lemma("accused"), "accuse");
  EXPECT_EQ(lem.Lemma("agreed"), "agree");
  EXPECT_EQ(lem.Lemma("planned"), "plan");
  EXPECT_EQ(lem.Lemma("denies"), "deny");
  EXPECT_EQ(lem.Lemma("table"), "");
}

TEST(VerbLemmatizer, OverlongWordsHaveNoLemmaAndLemmasOfLongFormsAreFound) {
  VerbLemmatizer lem = VerbLemmatizer::FromData({"internationalize", "shell"}, {});
  EXPECT_EQ(lem.Lemma(std::string(5000, 'a') + "ing"), "");
  EXPECT_EQ(lem.Lemma(std::string(62, 'l') + "ed"), "");
  EXPECT_EQ(lem.Lemma("internationalizing"), "internationalize");
  EXPECT_EQ(lem.Lemma("internationalising"), "internationalize");
  EXPECT_TRUE(lem.IsVerbLemma("shell"));
  EXPECT_FALSE(lem.IsVerbLemma("shells"));
}

TEST(VerbLemmatizer, BritishSpellingsFindAmericanLemmas) {
  VerbLemmatizer lem = VerbLemmatizer::FromData({"recognize", "analyze", "cancel", "honor", "mobilize"}, {});
  EXPECT_EQ(lem.Lemma("recognised"), "recognize");
  EXPECT_EQ(lem.Lemma("recognise"), "recognize");
  EXPECT_EQ(lem.Lemma("analysed"), "analyze");
  EXPECT_EQ(lem.Lemma("cancelled"), "cancel");
  EXPECT_EQ(lem.Lemma("honoured"), "honor");
  EXPECT_EQ(lem.Lemma("mobilising"), "mobilize");
}

TEST(VerbLemmatizer, LoadsWordNetWhenInstalled) {
  Result<VerbLemmatizer> lem = VerbLemmatizer::Load("/usr/share/wordnet");
  if (!lem.ok()) GTEST_SKIP() << lem.status().message();
  EXPECT_EQ(lem->Lemma("began"), "begin");
  EXPECT_EQ(lem->Lemma("sent"), "send");
  EXPECT_EQ(lem->Lemma("bombarded"), "bombard");
  EXPECT_GT(lem->size(), 5000u);
}

TEST(VerbLemmatizer, MissingDataIsAnError) {
  Result<VerbLemmatizer> lem = VerbLemmatizer::Load("/nonexistent");
  ASSERT_FALSE(lem.ok());
  EXPECT_NE(lem.status().message().find("/nonexistent/index.verb"), std::string::npos);
}

}  // namespace
}  // namespace eventcoder
