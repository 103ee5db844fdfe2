#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "coder/coder.h"
#include "text/tokenizer.h"

namespace eventcoder {
namespace {
namespace fs = std::filesystem;

// A tiny lexicon written to a temp folder, so the coder's rules are tested apart from the real dictionaries.
class CoderRules : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("coder_test_" + std::to_string(::getpid())));
    fs::create_directories(*dir_ / "verbs");
    auto write = [](const std::string& name, const std::string& text) { std::ofstream(*dir_ / name) << text; };
    write("countries.txt",
          "ARM | name: Armenia | adj: Armenian | capital: Yerevan\n"
          "AZE | name: Azerbaijan | adj: Azerbaijani\n"
          "RUS | name: Russia | adj: Russian | capital: Moscow | seat: Kremlin\n"
          "TUR | name: Turkey | adj: Turkish\n");
    write("agents.txt",
          "MIL | army; forces; troops\nMIL GOV | defense ministry\nGOV | foreign ministers; president\n"
          "UAF | gunmen\nREB | rebels\n");
    write("people.txt", "Vladimir Putin | alias: Putin | role: RUS GOV 2012-05-07.. president\n");
    write("organisations.txt", "IGONAT | name: NATO | sectors: IGO\n");
    write("cues.txt",
          "intend | vow; plan\nthreaten | threaten\nhypothetical | would; could; if\ncondition | if\n"
          "negator | not; never\nlocative | in; near; of\nfiller | top\ndeterminer | the; a; an\n"
          "clause-opener | which; but; while\nplace-noun | region\nkill | kill\nperson-noun | civilian; civilians\n"
          "dyad | the two sides\nquantity-of | thousands\n");
    write("verbs/all.txt",
          "112 | accuse TGT of | claim\n"
          "016 | deny | deny\n"
          "0871 | agree to * {ceasefire|truce} | mutual\n"
          "190 | attack TGT | place-target\n"
          "195 | shell TGT | place-target\n"
          "196 | noun: violation of * {truce|ceasefire}\n"
          "190 | noun: fighting between SRC and TGT | mutual\n"
          "040 | talk with TGT\n"
          "010 | say | say\n"
          "111 | condemn TGT\n"
          "030 | agree to | mutual\n"
          "020 | urge\n"
          "045 | mediate\n"
          "057 | sign * {agreement|statement}\n"
          "015 | claim * responsibility\n"
          "1124 | accuse TGT of * violation | claim\n");
    std::ofstream(*dir_ / "cameo.tsv")
        << "code\troot\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\tplover_context\n"
        << "010\t01\tMake statement\t0\t1\t\t\t\n016\t01\tDeny responsibility\t-5\t1\t\t\t\n"
        << "040\t04\tConsult\t1\t1\tCONSULT\t\t\n0871\t08\tDeclare truce\t9\t2\tRETREAT\tceasefire\t\n"
        << "112\t11\tAccuse\t-2\t3\tACCUSE\t\t\n190\t19\tFight\t-10\t4\tASSAULT\t\t\n"
        << "195\t19\tAerial\t-10\t4\tASSAULT\t\t\n196\t19\tViolate ceasefire\t-10\t4\tASSAULT\t\t\n"
        << "111\t11\tCondemn\t-2\t3\tACCUSE\t\t\n030\t03\tIntend to cooperate\t4\t1\tAGREE\t\t\n"
        << "020\t02\tAppeal\t3\t1\tREQUEST\t\t\n045\t04\tMediate\t5\t1\tCONSULT\t\t\n"
        << "1384\t13\tThreaten conventional attack\t-7\t3\tTHREATEN\t\t\n"
        << "057\t05\tSign formal agreement\t8\t1\tAGREE\t\t\n"
        << "015\t01\tClaim responsibility\t0\t1\t\t\t\n"
        << "1124\t11\tAccuse of war crimes\t-2\t3\tACCUSE\t\t\n";
    std::vector<std::string> problems;
    Result<Lexicon> lex = Lexicon::Load(dir_->string(), (*dir_ / "cameo.tsv").string(), &problems);
    ASSERT_TRUE(lex.ok()) << lex.status().message();
    for (const std::string& p : problems) ADD_FAILURE() << p;
    lexicon_ = new Lexicon(std::move(lex).value());
    // A gazetteer of one town, Kapan in Armenia (a GeoNames row: 19 tab-separated columns).
    write("cities1000.txt",
          "174875\tKapan\tKapan\t\t39.20754\t46.40576\tP\tPPLA\tAM\t\t08\t\t\t\t33160\t\t0\tEtc/UTC\t2013-10-04\n");
    write("iso_3166-1.json", R"({"3166-1": [{"alpha_2": "AM", "alpha_3": "ARM", "name": "Armenia", "numeric": "051"}]})");
    GazetteerPaths paths;
    paths.cities = (*dir_ / "cities1000.txt").string();
    paths.iso3166 = (*dir_ / "iso_3166-1.json").string();
    Result<Gazetteer> gaz = Gazetteer::Load(paths);
    ASSERT_TRUE(gaz.ok()) << gaz.status().ToString();
    gazetteer_ = new Gazetteer(std::move(gaz).value());
    lemmatizer_ = new VerbLemmatizer(VerbLemmatizer::FromData(
        {"accuse", "deny", "agree", "attack", "shell", "talk", "say", "fight", "kill", "vow", "plan", "threaten",
         "condemn", "urge", "mediate", "wait", "sign", "publish", "launch", "claim"}, {{"said", "say"}}));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete lexicon_;
    delete gazetteer_;
    delete lemmatizer_;
    delete dir_;
  }

  std::vector<Event> Code(const std::string& text, bool places = false) {
    Document d;
    d.text = text;
    d.published = PartialDate{2020, 10, 10};
    SentenceSplitter(lexicon_->abbreviations()).Split(d, lemmatizer_);
    Coder(*lexicon_, places ? gazetteer_ : nullptr).Code(d, CoderOptions{});
    return d.events;
  }
  static std::string Src(const Event& e) { return e.source ? e.source->code : "-"; }
  static std::string Tgt(const Event& e) { return e.target ? e.target->code : "-"; }

  static fs::path* dir_;
  static Lexicon* lexicon_;
  static Gazetteer* gazetteer_;
  static VerbLemmatizer* lemmatizer_;
};
fs::path* CoderRules::dir_ = nullptr;
Lexicon* CoderRules::lexicon_ = nullptr;
Gazetteer* CoderRules::gazetteer_ = nullptr;
VerbLemmatizer* CoderRules::lemmatizer_ = nullptr;

TEST_F(CoderRules, AccusationGivesTheAccusationAndTheClaimedAct) {
  auto ev = Code("The Armenian army accused Azerbaijan of shelling the city.");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(Src(ev[0]), "ARMMIL");
  EXPECT_EQ(Tgt(ev[0]), "AZE");
  EXPECT_EQ(ev[0].cameo, "112");
  EXPECT_FALSE(ev[0].claimed_by);
  EXPECT_EQ(Src(ev[1]), "AZE");
  EXPECT_EQ(ev[1].cameo, "195");
  ASSERT_TRUE(ev[1].claimed_by);
  EXPECT_EQ(ev[1].claimed_by->code, "ARMMIL");
}

TEST_F(CoderRules, CompoundSubjectWithMutualVerbGivesBothDirections) {
  auto ev = Code("Armenia and Azerbaijan agreed to a Russian-brokered ceasefire.");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "ARM>AZE");
  EXPECT_EQ(Src(ev[1]) + ">" + Tgt(ev[1]), "AZE>ARM");
  EXPECT_EQ(ev[0].cameo, "0871");
}

TEST_F(CoderRules, CoordinatedVerbSharesSubjectAndEachOtherIsReciprocal) {
  auto ev = Code("Armenia and Azerbaijan agreed to a truce but accused each other of violations.");
  int accusations = 0;
  for (const Event& e : ev)
    if (e.cameo == "112") ++accusations;
  EXPECT_EQ(accusations, 2);
}

TEST_F(CoderRules, DenialCodesTheDenialAndTheNegatedAct) {
  auto ev = Code("The Armenian defense ministry denied any violation of the truce by the Armenian forces.");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].cameo, "016");
  EXPECT_EQ(Src(ev[0]), "ARMMILGOV");
  EXPECT_FALSE(ev[0].target);
  EXPECT_EQ(ev[1].cameo, "196");
  EXPECT_EQ(Src(ev[1]), "ARMMIL");
  EXPECT_TRUE(ev[1].negated);
  ASSERT_TRUE(ev[1].claimed_by);
  EXPECT_EQ(ev[1].claimed_by->country, "ARM");
}

TEST_F(CoderRules, PassiveVoiceFindsAgentInByPhrase) {
  auto ev = Code("Armenia was attacked by Azerbaijani forces.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Src(ev[0]), "AZEMIL");
  EXPECT_EQ(Tgt(ev[0]), "ARM");
}

TEST_F(CoderRules, NounPatternBetweenDistributedAdjectives) {
  auto ev = Code("Fighting between Azerbaijani and Armenian forces began on September 27.");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].date.ToString(), "2020-09-27");
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "AZEMIL>ARMMIL");
}

TEST_F(CoderRules, HypotheticalsAreLeftOutAndIntentsMarked) {
  EXPECT_TRUE(Code("If Turkey attacked Armenia, Russia would respond.").empty());
  auto ev = Code("Turkey vowed to attack Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].modality, Modality::kIntended);
}

TEST_F(CoderRules, NegationBeforeTheVerb) {
  auto ev = Code("Turkey did not attack Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_TRUE(ev[0].negated);
}

TEST_F(CoderRules, ReportedSpeechMarksTheClaim) {
  auto ev = Code("Russia said Turkey attacked Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Src(ev[0]), "TUR");
  ASSERT_TRUE(ev[0].claimed_by);
  EXPECT_EQ(ev[0].claimed_by->code, "RUS");
  auto post = Code("Turkey attacked Armenia, the Kremlin said.");
  ASSERT_EQ(post.size(), 1u);
  ASSERT_TRUE(post[0].claimed_by);
  EXPECT_EQ(post[0].claimed_by->code, "RUSGOV");
}

TEST_F(CoderRules, TitlesAndPeople) {
  auto ev = Code("Russian President Vladimir Putin talked with the Armenian and Azerbaijani foreign ministers.");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(Src(ev[0]), "RUSGOV");
  EXPECT_EQ(Tgt(ev[0]), "ARMGOV");
  EXPECT_EQ(Tgt(ev[1]), "AZEGOV");
}

TEST_F(CoderRules, HistoricalDatesAreMarked) {
  auto ev = Code("In 1994 Armenia attacked Azerbaijan.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].date.ToString(), "1994");
  EXPECT_EQ(ev[0].modality, Modality::kHistorical);
}

TEST_F(CoderRules, MagnitudeFromParticiple) {
  auto ev = Code("Azerbaijan attacked Armenia, killing three civilians.");
  ASSERT_EQ(ev.size(), 1u);
  ASSERT_TRUE(ev[0].magnitude.killed);
  EXPECT_EQ(*ev[0].magnitude.killed, 3);
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, TheTwoSidesAreTheArticlesMainCountries) {
  auto ev = Code("Armenia and Azerbaijan agreed to a truce. Armenia thanked Russia. The two sides accused each other of violations.");
  int accusations = 0;
  for (const Event& e : ev)
    if (e.cameo == "112" && e.source && e.target) {
      ++accusations;
      EXPECT_NE(e.source->country, e.target->country);
    }
  EXPECT_EQ(accusations, 2);
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, OrganisationWithoutCountryIsAKnownActor) {
  auto ev = Code("NATO attacked Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Src(ev[0]), "IGONAT");
  auto agents_only = Code("Soldiers attacked troops.");
  EXPECT_TRUE(agents_only.empty());
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, AnActWithNoNamedTargetIsAgainstTheOnlyCountryNamed) {
  // "shelled the city": no actor after the verb, and the sentence names Armenia only.
  auto ev = Code("The Armenian army shelled the city.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Src(ev[0]), "ARMMIL");
  EXPECT_EQ(Tgt(ev[0]), "ARM");
  // With two countries named and no place, the target stays unknown.
  auto two = Code("The Armenian army shelled the city, Russia said.");
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(Tgt(two[0]), "-");
}

TEST_F(CoderRules, TimeAdverbialInsideAPatternIsPassedOver) {
  auto ev = Code("Turkey talked on Monday with Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "040");
  EXPECT_EQ(Tgt(ev[0]), "ARM");
}

TEST_F(CoderRules, ThreatenedAttackIsCodedAsAThreat) {
  auto ev = Code("Turkey threatened on Sunday to attack Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "1384");
  EXPECT_EQ(ev[0].modality, Modality::kAsserted);
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "TUR>ARM");
}

TEST_F(CoderRules, ObjectPronounIsTheTargetBeforeIt) {
  auto ev = Code("Turkey attacked Armenia, accusing it of violations.");
  bool accusation = false;
  for (const Event& e : ev)
    if (e.cameo == "112") {
      accusation = true;
      EXPECT_EQ(Src(e) + ">" + Tgt(e), "TUR>ARM");
    }
  EXPECT_TRUE(accusation);
}

TEST_F(CoderRules, AMoveSomeoneCondemnedTargetsTheDoerOfTheAct) {
  auto ev = Code("Turkey attacked Armenia, a move Russia condemned as reckless.");
  bool condemned = false;
  for (const Event& e : ev)
    if (e.cameo == "111") {
      condemned = true;
      EXPECT_EQ(Src(e) + ">" + Tgt(e), "RUS>TUR");
    }
  EXPECT_TRUE(condemned);
}

TEST_F(CoderRules, PluralNounAfterDuringIsNotAVerb) {
  EXPECT_TRUE(Code("Turkey waited during attacks on Armenia.").empty());
}

TEST_F(CoderRules, ActAgreedToTakesTheSubjectOfTheAgreement) {
  // "agreed to attack": done by the subject; the act agreed to replaces the bare intent (03).
  auto agreed = Code("Russia agreed to attack Armenia.");
  ASSERT_EQ(agreed.size(), 1u);
  EXPECT_EQ(agreed[0].cameo, "190");
  EXPECT_EQ(Src(agreed[0]) + ">" + Tgt(agreed[0]), "RUS>ARM");
}

TEST_F(CoderRules, ParticipleWithByPhraseIsPassive) {
  auto ev = Code("Armenia and Azerbaijan agreed to a truce during talks mediated by Russia.");
  std::vector<std::string> mediation;
  for (const Event& e : ev)
    if (e.cameo == "045") mediation.push_back(Src(e) + ">" + Tgt(e));
  EXPECT_EQ(mediation, (std::vector<std::string>{"RUS>ARM", "RUS>AZE"}));
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, ItAfterAVerbOfSayingIsTheSpeaker) {
  auto ev = Code("Russia said it had attacked Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "190");
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "RUS>ARM");
  auto planned = Code("Russia said it plans to attack Armenia.");
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(Src(planned[0]) + ">" + Tgt(planned[0]), "RUS>ARM");
  EXPECT_EQ(planned[0].modality, Modality::kIntended);
}

TEST_F(CoderRules, ForceTheSpeakersSideWouldUseIsAThreat) {
  auto ev = Code("Russia said it would attack Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "1384");
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "RUS>ARM");
  // Someone else's act predicted by the speaker stays hypothetical.
  EXPECT_TRUE(Code("Russia said Turkey would attack Armenia.").empty());
}

TEST_F(CoderRules, AnActTheSpeakersSideWouldDoIsAnnounced) {
  auto ev = Code("Russia said it would talk with Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "036");  // the intent to meet (CAMEO 03x)
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "RUS>ARM");
}

TEST_F(CoderRules, AnActAskedForHasNotHappened) {
  auto ev = Code("Russia urged Turkey to attack Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "020");
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "RUS>TUR");
}

TEST_F(CoderRules, TimeAdverbialBeforeAnInfinitive) {
  auto ev = Code("Russia agreed on Monday to attack Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].cameo, "190");
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "RUS>ARM");
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, UnnamedArmedMenAreCodedWithoutACountry) {
  // "gunmen" near Kapan are not Armenian; the attack is on the country where it happened.
  auto ev = Code("Gunmen attacked a village near Kapan.", true);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Src(ev[0]), "UAF");
  EXPECT_TRUE(ev[0].source->country.empty());
  EXPECT_EQ(Tgt(ev[0]), "ARM");
  // Unnamed soldiers are still no known doer.
  EXPECT_TRUE(Code("Soldiers attacked a village near Kapan.", true).empty());
}

TEST_F(CoderRules, UnnamedRebelsAreOfTheCountryWhereTheyAct) {
  auto ev = Code("Rebels attacked a village near Kapan.", true);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Src(ev[0]), "ARMREB");
  EXPECT_EQ(Tgt(ev[0]), "ARM");
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, CooperationByAGroupWithNoOneElseNamedIsMutual) {
  auto ev = Code("Armenia and Azerbaijan signed a statement.");
  std::vector<std::string> pairs;
  for (const Event& e : ev) pairs.push_back(Src(e) + ">" + Tgt(e));
  EXPECT_EQ(pairs, (std::vector<std::string>{"ARM>AZE", "AZE>ARM"}));
}

TEST_F(CoderRules, CapitalAfterThroughIsAPlaceNotAnActor) {
  // "through Moscow" is where the convoy went; Moscow is not a second Russian actor beside Armenia.
  auto ev = Code("Armenia and Azerbaijan signed a statement after a convoy drove through Moscow.");
  std::vector<std::string> pairs;
  for (const Event& e : ev) pairs.push_back(Src(e) + ">" + Tgt(e));
  EXPECT_EQ(pairs, (std::vector<std::string>{"ARM>AZE", "AZE>ARM"}));
}

TEST_F(CoderRules, PossessiveAfterInNamesAPlaceNotATarget) {
  auto ev = Code("Armenia and Azerbaijan signed a statement in Russia's capital.");
  std::vector<std::string> pairs;
  for (const Event& e : ev) pairs.push_back(Src(e) + ">" + Tgt(e));
  EXPECT_EQ(pairs, (std::vector<std::string>{"ARM>AZE", "AZE>ARM"}));
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, AgentOfAParticipleInTheObjectIsTheTarget) {
  auto ev = Code("Russia condemned a report published by Turkey.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "RUS>TUR");
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, NounEventAsSubjectOfAModalHasNotHappened) {
  EXPECT_TRUE(Code("An Armenian violation of the truce would end the talks.").empty());
  EXPECT_EQ(Code("An Armenian violation of the truce ended the talks.").size(), 1u);
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, AgentOfAParticipleInTheSubjectIsTheDoer) {
  auto ev = Code("A drone launched by Russia attacked Armenia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "RUS>ARM");
}

TEST_F(CoderRules, AfterWithASubjectOfItsOwnStartsANewClause) {
  // The drone's attack is not Turkey's.
  auto ev = Code("Turkey attacked Armenia after a drone attacked Russia.");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "TUR>ARM");
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, ClaimingResponsibilityNamesTheDoerOfTheAct) {
  auto ev = Code("Turkey claimed responsibility for the violation of the truce.");
  bool violation = false;
  for (const Event& e : ev)
    if (e.cameo == "196") {
      violation = true;
      EXPECT_EQ(Src(e), "TUR");
      ASSERT_TRUE(e.claimed_by);
      EXPECT_EQ(e.claimed_by->code, "TUR");
    }
  EXPECT_TRUE(violation);
}

}  // namespace
}  // namespace eventcoder

namespace eventcoder {
namespace {

TEST_F(CoderRules, AnAccusationThatNamesTheActAlsoGivesTheClaimedAct) {
  auto ev = Code("Armenia accused Azerbaijan of a violation of the truce.");
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].cameo, "1124");
  EXPECT_EQ(Src(ev[0]) + ">" + Tgt(ev[0]), "ARM>AZE");
  EXPECT_EQ(ev[1].cameo, "196");
  EXPECT_EQ(Src(ev[1]), "AZE");
  ASSERT_TRUE(ev[1].claimed_by);
  EXPECT_EQ(ev[1].claimed_by->code, "ARM");
}

}  // namespace
}  // namespace eventcoder
