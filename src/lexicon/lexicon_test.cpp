#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lexicon/lexicon.h"
#include "text/tokenizer.h"

namespace eventcoder {
namespace {
namespace fs = std::filesystem;

TEST(DictionaryFile, ParsesPositionalAndKeyedFields) {
  std::vector<std::string> problems;
  auto lines = ParseDictionaryText("# comment\n\nARM | name: Armenia; Republic of Armenia | adj: Armenian  # tail\n"
                                   "190 | fight {with|against} TGT | mutual, place-target\n",
                                   "t.txt", &problems);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(lines[0].first, "ARM");
  EXPECT_EQ(lines[0].line, 3);
  EXPECT_EQ(lines[0].Values("name"), (std::vector<std::string>{"Armenia", "Republic of Armenia"}));
  EXPECT_EQ(lines[1].fields[0].values[0], "fight {with|against} TGT");
  EXPECT_EQ(lines[1].Where(), "t.txt:4");
}

TEST(DictionaryFile, EmptyKeyedFieldIsAProblem) {
  std::vector<std::string> problems;
  ParseDictionaryText("ARM | name:\n", "c.txt", &problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "c.txt:1: field 'name' has no value");
}

TEST(PhraseIndex, CaseRulesForNamesAndAcronyms) {
  PhraseIndex idx;
  idx.Add("Turkey", 1);
  idx.Add("US", 2);
  idx.Add("defense ministry", 3);
  auto match = [&](std::string_view s, size_t i) {
    std::vector<Token> t = Tokenize(s, nullptr);
    std::vector<uint32_t> p;
    int n = idx.LongestAt(s, t, i, &p);
    return n ? static_cast<int>(p[0]) * 10 + n : 0;
  };
  EXPECT_EQ(match("Turkey said", 0), 11);
  EXPECT_EQ(match("roast turkey", 1), 0);
  EXPECT_EQ(match("the US army", 1), 21);
  EXPECT_EQ(match("told us", 1), 0);
  EXPECT_EQ(match("the Defense Ministry said", 1), 32);
}

TEST(DateRange, OpenSidesAndPartialDates) {
  auto r = ParseDateRange("2018-05-08..");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->Contains(PartialDate{2020, 10, 10}));
  EXPECT_FALSE(r->Contains(PartialDate{2018, 5, 7}));
  auto y = ParseDateRange("..2008");
  ASSERT_TRUE(y);
  EXPECT_TRUE(y->Contains(PartialDate{2008, 12, 31}));
  EXPECT_FALSE(ParseDateRange("2018-05-08"));
  EXPECT_FALSE(ParseDateRange("20x..2020"));
}

class LexiconFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("lexicon_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "verbs");
    Write("countries.txt", "ARM | name: Armenia | adj: Armenian | capital: Yerevan\nXNK | name: Artsakh | country: ARM | sectors: REB\nbad | name: X\n");
    Write("agents.txt", "MIL | army; troops\nZZZ | nobody\n");
    Write("people.txt", "Nikol Pashinyan | alias: Pashinyan | role: ARM GOV 2018-05-08.. prime minister\nNo Range | role: ARM GOV\n");
    Write("organisations.txt", "IGOUNO | name: United Nations; UN | sectors: IGO\n");
    Write("cues.txt", "negator | not; never\nnonsense | x\n");
    Write("verbs/19.txt", "190 | attack TGT | place-target\n999 | nothing\n195 | noun: shelling of TGT\n196 | violate {truce|ceasefire\n");
    std::ofstream(dir_ / "cameo.tsv") << "code\troot\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\tplover_context\n"
                                      << "190\t19\tUse conventional military force\t-10\t4\tASSAULT\t\t\n"
                                      << "195\t19\tEmploy aerial weapons\t-10\t4\tASSAULT\taerial\t\n"
                                      << "196\t19\tViolate ceasefire\t-10\t4\tASSAULT\t\t\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  fs::path dir_;
};

TEST_F(LexiconFiles, LoadsEntriesAndReportsEveryProblemByLine) {
  std::vector<std::string> problems;
  Result<Lexicon> lex = Lexicon::Load(dir_.string(), (dir_ / "cameo.tsv").string(), &problems);
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  std::string all;
  for (const std::string& p : problems) all += p + "\n";
  EXPECT_NE(all.find("countries.txt:3: 'bad' is not a three-letter code"), std::string::npos) << all;
  EXPECT_NE(all.find("agents.txt:2: unknown sector 'ZZZ'"), std::string::npos) << all;
  EXPECT_NE(all.find("people.txt:2: role 'ARM GOV' has no FROM..TO range"), std::string::npos) << all;
  EXPECT_NE(all.find("cues.txt:2: unknown cue list 'nonsense'"), std::string::npos) << all;
  EXPECT_NE(all.find("19.txt:2: unknown CAMEO code '999'"), std::string::npos) << all;
  EXPECT_NE(all.find("19.txt:4: unclosed '{'"), std::string::npos) << all;
  EXPECT_EQ(lex->patterns().size(), 2u);
  EXPECT_TRUE(lex->pattern(0).place_target);
  EXPECT_TRUE(lex->pattern(1).noun);
  EXPECT_NE(lex->VerbPatternsFor("attack"), nullptr);
  EXPECT_NE(lex->NounPatternsFor("shelling"), nullptr);
  EXPECT_EQ(lex->StateOf("XNK"), "ARM");
  EXPECT_EQ(lex->digest().size(), 16u);
  EXPECT_TRUE(lex->cues().negators.count("never"));
}

TEST_F(LexiconFiles, MissingOntologyIsAnError) {
  Result<Lexicon> lex = Lexicon::Load(dir_.string(), "/nonexistent/cameo.tsv", nullptr);
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().message(), "/nonexistent/cameo.tsv: cannot open");
}

}  // namespace
}  // namespace eventcoder
