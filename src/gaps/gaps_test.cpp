#include "gaps/gaps.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "text/tokenizer.h"

namespace eventcoder {
namespace {
namespace fs = std::filesystem;

// A tiny lexicon and gazetteer written to a temp folder, so the gap rules are tested apart from the real
// dictionaries.
class Gaps : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("gaps_test_" + std::to_string(::getpid())));
    fs::create_directories(*dir_ / "verbs");
    auto write = [](const std::string& name, const std::string& text) { std::ofstream(*dir_ / name) << text; };
    write("countries.txt",
          "ARM | name: Armenia | adj: Armenian | capital: Yerevan\n"
          "AZE | name: Azerbaijan | adj: Azerbaijani\n"
          "RUS | name: Russia | adj: Russian\n"
          "TUR | name: Turkey | adj: Turkish\n");
    write("agents.txt", "MIL | army; forces; troops\nGOV | president; officials\n");
    write("people.txt", "Vladimir Putin | alias: Putin | role: RUS GOV 2012-05-07.. president\n");
    write("organisations.txt", "IGONAT | name: NATO | sectors: IGO\n");
    write("cues.txt",
          "intend | vow\nthreaten | threaten\nhypothetical | would; could; if\ncondition | if\n"
          "negator | not; never\nlocative | in; near; at; from\nfiller | top\ndeterminer | the; a; an\n"
          "clause-opener | which; but; while\nplace-noun | region\nkill | kill\nperson-noun | civilians\n");
    write("verbs/all.txt",
          "190 | attack TGT | place-target\n"
          "195 | shell TGT | place-target\n"
          "112 | accuse TGT of | claim\n"
          "010 | say | say\n");
    std::ofstream(*dir_ / "cameo.tsv")
        << "code\troot\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\tplover_context\n"
        << "010\t01\tMake statement\t0\t1\t\t\t\n112\t11\tAccuse\t-2\t3\tACCUSE\t\t\n"
        << "190\t19\tFight\t-10\t4\tASSAULT\t\t\n195\t19\tAerial\t-10\t4\tASSAULT\t\t\n";
    std::vector<std::string> problems;
    Result<Lexicon> lex = Lexicon::Load(dir_->string(), (*dir_ / "cameo.tsv").string(), &problems);
    ASSERT_TRUE(lex.ok()) << lex.status().message();
    for (const std::string& p : problems) ADD_FAILURE() << p;
    lexicon_ = new Lexicon(std::move(lex).value());
    lemmatizer_ = new VerbLemmatizer(VerbLemmatizer::FromData(
        {"accuse", "attack", "shell", "say", "befriend", "praise", "visit", "respond", "be"},
        {{"said", "say"}, {"were", "be"}, {"was", "be"}}));

    // GeoNames rows (19 tab-separated columns): Kapan, a small Armenian town.
    write("cities.txt",
          "174875\tKapan\tKapan\tKafan\t39.20754\t46.40576\tP\tPPLA\tAM\t\t08\t\t\t\t33160\t\t0\tAsia/Yerevan\t2013-10-04\n");
    write("iso.json", R"({"3166-1": [{"alpha_2": "AM", "alpha_3": "ARM", "name": "Armenia", "numeric": "051"},
                                     {"alpha_2": "AZ", "alpha_3": "AZE", "name": "Azerbaijan", "numeric": "031"}]})");
    Result<Gazetteer> gaz = Gazetteer::Load({.cities = (*dir_ / "cities.txt").string(),
                                             .iso3166 = (*dir_ / "iso.json").string(),
                                             .places = "",
                                             .countries = "",
                                             .cache_dir = ""});
    ASSERT_TRUE(gaz.ok()) << gaz.status().message();
    gazetteer_ = new Gazetteer(std::move(gaz).value());
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete gazetteer_;
    delete lexicon_;
    delete lemmatizer_;
    delete dir_;
  }

  // Codes each text as one article and collects its gaps.
  static GapReport Collect(const std::vector<std::string>& articles, size_t top = 0) {
    GapCollector gaps(*lexicon_, gazetteer_);
    for (size_t i = 0; i < articles.size(); ++i) gaps.Add(Coded(articles[i], "article" + std::to_string(i) + ".txt"));
    return gaps.Report(top);
  }
  static Document Coded(const std::string& text, const std::string& path = "a.txt") {
    Document d;
    d.path = path;
    d.text = text;
    d.published = PartialDate{2020, 10, 10};
    SentenceSplitter(lexicon_->abbreviations()).Split(d, lemmatizer_);
    Coder(*lexicon_, gazetteer_).Code(d, CoderOptions{});
    return d;
  }
  static const Gap* Find(const std::vector<Gap>& list, const std::string& text) {
    for (const Gap& g : list)
      if (g.text == text) return &g;
    return nullptr;
  }
  static std::string Texts(const std::vector<Gap>& list) {
    std::string out;
    for (const Gap& g : list) out += (out.empty() ? "" : ", ") + g.text + " " + std::to_string(g.count);
    return out;
  }

  static fs::path* dir_;
  static Lexicon* lexicon_;
  static VerbLemmatizer* lemmatizer_;
  static Gazetteer* gazetteer_;
};
fs::path* Gaps::dir_ = nullptr;
Lexicon* Gaps::lexicon_ = nullptr;
VerbLemmatizer* Gaps::lemmatizer_ = nullptr;
Gazetteer* Gaps::gazetteer_ = nullptr;

TEST_F(Gaps, UnknownNameAsSubjectAndAsObjectIsListedWithExamples) {
  GapReport r = Collect({"The Zorgan Liberation Front shelled Armenia.", "Azerbaijan attacked the Zorgan Liberation Front."});
  EXPECT_EQ(r.articles, 2);
  ASSERT_FALSE(r.unknown_actors.empty());
  const Gap& g = r.unknown_actors[0];
  EXPECT_EQ(g.text, "Zorgan Liberation Front") << Texts(r.unknown_actors);
  EXPECT_EQ(g.count, 2);
  EXPECT_EQ(g.articles, 2);
  ASSERT_EQ(g.examples.size(), 2u);
  EXPECT_EQ(g.examples[0].article, "article0.txt");
  EXPECT_EQ(g.examples[0].sentence, "The Zorgan Liberation Front shelled Armenia.");
  EXPECT_EQ(g.examples[1].sentence, "Azerbaijan attacked the Zorgan Liberation Front.");
}

TEST_F(Gaps, KnownActorsPlacesTitlesAndFunctionWordsAreNoGaps) {
  GapReport r = Collect({"In Kapan, Armenian forces attacked Azerbaijan on Monday.",
                         "Russian President Vladimir Putin praised NATO.", "On Monday, President Zaur Mammadli praised Russia."});
  EXPECT_EQ(Find(r.unknown_actors, "Kapan"), nullptr);
  EXPECT_EQ(Find(r.unknown_actors, "In"), nullptr);
  EXPECT_EQ(Find(r.unknown_actors, "Monday"), nullptr);
  // The title is a known agent word: the unknown part is the name.
  ASSERT_EQ(r.unknown_actors.size(), 1u) << Texts(r.unknown_actors);
  EXPECT_EQ(r.unknown_actors[0].text, "Zaur Mammadli");
}

TEST_F(Gaps, NamesKeepLinkWordsAndArabicArticles) {
  GapReport r = Collect({"Ahmed bin Khalid attacked Armenia.", "Armenia accused Abdel Fattah al-Burhan of shelling Yerevan.",
                         "Azerbaijan praised the Bank of Zorgania."});
  EXPECT_NE(Find(r.unknown_actors, "Ahmed bin Khalid"), nullptr) << Texts(r.unknown_actors);
  EXPECT_NE(Find(r.unknown_actors, "Abdel Fattah al-Burhan"), nullptr) << Texts(r.unknown_actors);
  EXPECT_NE(Find(r.unknown_actors, "Bank of Zorgania"), nullptr) << Texts(r.unknown_actors);
}

TEST_F(Gaps, AgentNounBeforeAnEventWithNoSource) {
  GapReport r = Collect({"Poachers attacked Armenia on Monday.", "Armed poachers attacked Azerbaijan.",
                         "Armenian forces attacked Azerbaijan."});
  const Gap* g = Find(r.unknown_actors, "poachers");
  ASSERT_NE(g, nullptr) << Texts(r.unknown_actors);
  EXPECT_EQ(g->count, 2);
  EXPECT_EQ(Find(r.unknown_actors, "Poachers"), nullptr);
  EXPECT_EQ(Find(r.unknown_actors, "forces"), nullptr);
}

TEST_F(Gaps, SentenceInitialCommonNounIsNoName) {
  // "Witnesses" starts its sentence; the corpus also writes it in lower case, so it is no name. "Hamas" is.
  GapReport r = Collect({"Witnesses praised Armenia. Hamas praised Turkey.", "The witnesses were calm."});
  EXPECT_EQ(Find(r.unknown_actors, "Witnesses"), nullptr) << Texts(r.unknown_actors);
  EXPECT_NE(Find(r.unknown_actors, "Hamas"), nullptr) << Texts(r.unknown_actors);
}

TEST_F(Gaps, VerbBetweenTwoActorsWithNoPatternIsListed) {
  GapReport r = Collect({"Russia befriended Armenia.", "Turkey befriended Azerbaijan on Monday.", "Russia attacked Armenia.",
                         "The Russian visit to Armenia ended."});
  const Gap* g = Find(r.unmatched_verbs, "befriend");
  ASSERT_NE(g, nullptr) << Texts(r.unmatched_verbs);
  EXPECT_EQ(g->count, 2);
  EXPECT_EQ(Find(r.unmatched_verbs, "attack"), nullptr);  // a pattern matched it
  EXPECT_EQ(Find(r.unmatched_verbs, "visit"), nullptr);   // a noun after "the"
}

TEST_F(Gaps, AMatchThatMadeNoEventStillCoversItsVerb) {
  // Hypothetical: no event is coded, but the pattern matched, so "attack" is no gap.
  Document d = Coded("If Turkey attacked Armenia, Russia would respond.");
  EXPECT_TRUE(d.events.empty());
  std::vector<PatternSpan> spans = Coder(*lexicon_, gazetteer_).MatchPatterns(d);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].sentence_index, 0);
  EXPECT_EQ(d.sentences[0].tokens[spans[0].begin].lower, "attacked");
  EXPECT_EQ(spans[0].end, spans[0].begin + 2);  // "attacked Armenia"
  GapReport r = Collect({"If Turkey attacked Armenia, Russia would respond."});
  EXPECT_EQ(Find(r.unmatched_verbs, "attack"), nullptr) << Texts(r.unmatched_verbs);
}

TEST_F(Gaps, UnresolvedPlacesAreThoseNoActorAndNoGazetteerKnows) {
  GapReport r = Collect({"Azerbaijan shelled Armenian troops near Zubrovka and in Kapan.",
                         "Armenia attacked Azerbaijan from Turkey.", "Russia praised Armenia at Zubrovka on Monday."});
  ASSERT_EQ(r.unresolved_places.size(), 1u) << Texts(r.unresolved_places);
  EXPECT_EQ(r.unresolved_places[0].text, "Zubrovka");
  EXPECT_EQ(r.unresolved_places[0].count, 2);
  EXPECT_EQ(Find(r.unknown_actors, "Zubrovka"), nullptr);
}

TEST_F(Gaps, RankedByFrequencyAndCutToTop) {
  GapReport all = Collect({"Zorgan attacked Armenia. Krell attacked Armenia. Zorgan attacked Azerbaijan.",
                           "Armenia praised Zorgan."});
  ASSERT_GE(all.unknown_actors.size(), 2u) << Texts(all.unknown_actors);
  EXPECT_EQ(all.unknown_actors[0].text, "Zorgan");
  EXPECT_EQ(all.unknown_actors[0].count, 3);
  EXPECT_EQ(all.unknown_actors[0].examples.size(), 2u);  // at most two
  EXPECT_EQ(all.unknown_actors[1].text, "Krell");
  GapReport top = Collect({"Zorgan attacked Armenia. Krell attacked Armenia. Zorgan attacked Azerbaijan."}, 1);
  ASSERT_EQ(top.unknown_actors.size(), 1u);
  EXPECT_EQ(top.unknown_actors[0].text, "Zorgan");
}

}  // namespace
}  // namespace eventcoder
