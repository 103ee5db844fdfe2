// End-to-end tests of the eventcoder command line, as a user runs it.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

namespace {
namespace fs = std::filesystem;

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

CliRun Exec(const std::string& args, const std::string& stdin_text = "", const std::string& env = "") {
  fs::path dir = fs::temp_directory_path() / ("cli_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "in") << stdin_text;
  std::string cmd = env + std::string(EVENTCODER_BINARY) + " " + args + " <" + (dir / "in").string() + " >" +
                    (dir / "out").string() + " 2>" + (dir / "err").string();
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::stringstream o, e;
  o << std::ifstream(dir / "out").rdbuf();
  e << std::ifstream(dir / "err").rdbuf();
  r.out = o.str();
  r.err = e.str();
  return r;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cli_files_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string File(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return (dir_ / name).string();
  }
  fs::path dir_;
};

const char* kArticle =
    "Russian forces shelled the city of Kharkiv on Friday, Ukrainian officials said.\n\n"
    "The Ukrainian Foreign Ministry condemned the attack.\n";

TEST_F(Cli, CodesAFileToJsonLinesWithTheSchemaFields) {
  CliRun r = Exec("code " + File("a.txt", kArticle) + " --date 2024-03-02");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  int n = 0;
  bool shelling = false;
  while (std::getline(lines, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    ++n;
    for (const char* key : {"event_id", "article", "sentence_index", "sentence", "date", "date_precision", "source",
                            "target", "cameo", "cameo_root", "quad_class", "goldstein", "plover", "location",
                            "claimed_by", "negated", "modality", "trigger", "spans", "magnitude", "confidence", "coder"})
      EXPECT_TRUE(j.contains(key)) << key << " missing in " << line;
    if (j["cameo_root"] == "19" && j["source"]["country"] == "RUS") {
      shelling = true;
      EXPECT_EQ(j["date"], "2024-03-01");
      EXPECT_EQ(j["target"]["country"], "UKR");
    }
  }
  EXPECT_GE(n, 1);
  EXPECT_TRUE(shelling) << r.out;
}

TEST_F(Cli, SameInputGivesByteIdenticalOutput) {
  std::string f = File("a.txt", kArticle);
  CliRun a = Exec("code " + f + " --date 2024-03-02"), b = Exec("code " + f + " --date 2024-03-02");
  EXPECT_EQ(a.out, b.out);
}

TEST_F(Cli, ReadsStandardInputAndPrintsATable) {
  CliRun r = Exec("code - --date 2024-03-02 --format table", kArticle);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("source"), std::string::npos);
  EXPECT_NE(r.out.find("RUS"), std::string::npos) << r.out;
}

TEST_F(Cli, ExplainNamesDictionaryFilesAndLines) {
  CliRun r = Exec("code " + File("a.txt", kArticle) + " --date 2024-03-02 --format table --explain");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("dictionaries/verbs/"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("countries.txt:"), std::string::npos) << r.out;
}

TEST_F(Cli, BadInputsAreReportedOneLineEachAndTheRestIsCoded) {
  std::string good = File("good.txt", kArticle);
  std::string empty = File("empty.txt", "");
  std::string binary = File("bin.txt", std::string("abc\0def", 7));
  std::string bad_utf8 = File("bad.txt", "Caf\xC3 ok");
  std::string big = File("big.txt", std::string(2 * 1024 * 1024, 'a'));
  std::string missing = (dir_ / "missing.txt").string();
  CliRun r = Exec("code " + empty + " " + binary + " " + bad_utf8 + " " + missing + " " + big + " " + good +
               " --max-mb 1 --date 2024-03-02");
  EXPECT_EQ(r.exit_code, 1);
  int lines = 0;
  for (char c : r.err) lines += c == '\n';
  EXPECT_EQ(lines, 5) << r.err;
  EXPECT_NE(r.err.find(empty + ": empty file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(binary + ": binary file"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad_utf8 + ": invalid UTF-8 at byte offset 3"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(missing + ": cannot open"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(big + ": larger than"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("\"RUS\""), std::string::npos) << "the good file must still be coded";
}

TEST_F(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(Exec("code").exit_code, 2);
  EXPECT_EQ(Exec("code x --format xml").exit_code, 2);
  EXPECT_EQ(Exec("code x --date 10/10/2020").exit_code, 2);
  EXPECT_EQ(Exec("frobnicate").exit_code, 2);
}

TEST_F(Cli, CheckDictionariesPassesOnTheProjectsOwnFiles) {
  CliRun r = Exec("check-dictionaries");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("event patterns"), std::string::npos);
}

TEST_F(Cli, EvalReportsPerRootAndFailsBelowTheFloor) {
  std::string gold = File("gold.jsonl",
                          "{\"id\":\"g1\",\"date\":\"2024-03-02\",\"text\":\"Russian forces shelled Kharkiv on Friday.\","
                          "\"events\":[{\"source\":\"RUS\",\"target\":\"UKR\",\"code\":\"195\"}]}\n"
                          "{\"id\":\"g2\",\"date\":\"2024-03-02\",\"text\":\"It rained in Paris.\",\"events\":[]}\n");
  CliRun ok = Exec("eval " + gold + " --min-f1 0.5");
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("root-level overall"), std::string::npos);
  std::string hard = File("hard.jsonl",
                          "{\"id\":\"h1\",\"text\":\"Nothing at all happens here.\","
                          "\"events\":[{\"source\":\"FRA\",\"target\":\"DEU\",\"code\":\"042\"}]}\n");
  EXPECT_EQ(Exec("eval " + hard + " --min-f1 0.5").exit_code, 1);
}

TEST_F(Cli, OutputIsTheSameForAnyThreadCount) {
  std::string files;
  for (const auto& entry : fs::directory_iterator(fs::path(EVENTCODER_SOURCE_DIR) / "samples"))
    files += " " + entry.path().string();
  CliRun one = Exec("code" + files + " --threads 1"), two = Exec("code" + files + " --threads 2");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_FALSE(one.out.empty());
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(Exec("code x --threads 0").exit_code, 2);
}

TEST_F(Cli, JsonLinesRecordsAreCodedAndABadLineIsSkipped) {
  std::string file = File("feed.jsonl",
                          "{\"url\":\"https://example.org/a\",\"title\":\"Strikes\",\"published\":\"2024-03-02\","
                          "\"text\":\"Russian forces shelled the city of Kharkiv on Friday.\"}\n"
                          "this line is not JSON\n"
                          "{\"url\":\"https://example.org/b\",\"published\":\"2024-03-03T10:00:00Z\","
                          "\"text\":\"Ukrainian drones struck a refinery in Russia's Ryazan region on Saturday.\"}\n");
  std::string db = (dir_ / "feed.db").string();
  CliRun r = Exec("ingest " + file + " --db " + db);
  EXPECT_EQ(r.exit_code, 1) << r.err;  // one record failed
  EXPECT_NE(r.err.find(file + ":2: not JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("stored 2"), std::string::npos) << r.err;
  CliRun q = Exec("query --db " + db + " --format jsonl");
  EXPECT_NE(q.out.find("\"url\":\"https://example.org/a\""), std::string::npos) << q.out;
  EXPECT_NE(q.out.find("\"date\":\"2024-03-01\""), std::string::npos) << q.out;
}

TEST_F(Cli, RecodeAppliesADictionaryEditToTheStoredArticles) {
  fs::create_directories(dir_ / "corpus");
  File("corpus/a.txt", "Zorblat Quux accused Russia of shelling the city of Kharkiv.\n");
  std::string db = (dir_ / "recode.db").string();
  ASSERT_EQ(Exec("ingest " + (dir_ / "corpus").string() + " --db " + db + " --date 2024-03-02").exit_code, 0);
  EXPECT_EQ(Exec("query --db " + db + " --source UKR --format jsonl").out, "");
  // A copy of the project's data with one more person in people.txt.
  fs::path home = dir_ / "home";
  fs::path src(EVENTCODER_SOURCE_DIR);
  fs::create_directories(home);
  fs::copy(src / "dictionaries", home / "dictionaries", fs::copy_options::recursive);
  fs::create_directory_symlink(src / "ontology", home / "ontology");
  fs::create_directory_symlink(src / "data", home / "data");
  std::ofstream(home / "dictionaries" / "people.txt", std::ios::app)
      << "\nZorblat Quux | role: UKR GOV 2020-01-01.. president\n";
  std::string env = "EVENTCODER_HOME=" + home.string() + " ";
  CliRun r = Exec("recode --db " + db, "", env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 articles recoded"), std::string::npos) << r.err;
  CliRun q = Exec("query --db " + db + " --source UKR --format jsonl");
  EXPECT_NE(q.out.find("\"cameo_root\":\"11\""), std::string::npos) << q.out;
  EXPECT_NE(Exec("recode --db " + db, "", env).err.find("0 articles recoded"), std::string::npos);
}

TEST_F(Cli, IngestStoresTheSameEventsForAnyThreadCount) {
  std::string samples = (fs::path(EVENTCODER_SOURCE_DIR) / "samples").string();
  std::string one = (dir_ / "one.db").string(), two = (dir_ / "two.db").string();
  ASSERT_EQ(Exec("ingest " + samples + " --db " + one + " --threads 1").exit_code, 0);
  ASSERT_EQ(Exec("ingest " + samples + " --db " + two + " --threads 2").exit_code, 0);
  CliRun a = Exec("query --db " + one + " --format jsonl"), b = Exec("query --db " + two + " --format jsonl");
  EXPECT_FALSE(a.out.empty());
  EXPECT_EQ(a.out, b.out);
}

TEST_F(Cli, ADemandAboutOnesOwnCountryIsStillAnEvent) {
  CliRun r = Exec("code - --date 2020-10-10",
                  "Speaking on Friday, President Ilham Aliyev insisted on Azerbaijan's right to defend its borders.\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
  EXPECT_EQ(j["source"]["code"], "AZEGOV");
  EXPECT_EQ(j["date"], "2020-10-09");
}

TEST_F(Cli, IngestIsIdempotentAndQueryFilters) {
  fs::create_directories(dir_ / "corpus" / "sub");
  File("corpus/one.txt", kArticle);
  File("corpus/sub/two.txt", "Turkey sent drones to Azerbaijan on Monday, officials said.\n");
  File("corpus/copy.txt", kArticle);  // the same bytes as one.txt: stored once
  std::string db = (dir_ / "events.db").string();
  CliRun first = Exec("ingest " + (dir_ / "corpus").string() + " --db " + db + " --date 2024-03-02");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("stored 2, already stored 1"), std::string::npos) << first.err;
  CliRun again = Exec("ingest " + (dir_ / "corpus").string() + " --db " + db + " --date 2024-03-02");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("stored 0, already stored 3"), std::string::npos) << again.err;
  CliRun q = Exec("query --db " + db + " --source RUS --format jsonl");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  ASSERT_FALSE(q.out.empty());
  std::istringstream lines(q.out);
  std::string line;
  while (std::getline(lines, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_EQ(j["source"]["country"], "RUS") << line;
    EXPECT_GE(j["num_mentions"].get<int>(), 1);
    EXPECT_EQ(j["mentions"].size(), j["num_mentions"].get<size_t>());
  }
  CliRun csv = Exec("query --db " + db + " --format csv --root 19");
  EXPECT_EQ(csv.out.rfind("event_id,date,source", 0), 0u) << csv.out;
  CliRun geo = Exec("query --db " + db + " --format geojson");
  nlohmann::json fc = nlohmann::json::parse(geo.out);
  EXPECT_EQ(fc["type"], "FeatureCollection");
  CliRun gdelt = Exec("query --db " + db + " --format gdelt");
  EXPECT_EQ(gdelt.out.rfind("GLOBALEVENTID\tSQLDATE", 0), 0u) << gdelt.out;
  CliRun stats = Exec("stats --db " + db);
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("per CAMEO root"), std::string::npos);
  EXPECT_NE(stats.out.find("RUS > UKR"), std::string::npos) << stats.out;
  CliRun kharkiv = Exec("query --db " + db + " --bbox 35,49,37,51 --format jsonl");
  EXPECT_NE(kharkiv.out.find("Kharkiv"), std::string::npos) << kharkiv.out;
  EXPECT_EQ(Exec("query --db " + db + " --bbox -10,-10,-9,-9 --format jsonl").out, "");
  EXPECT_EQ(Exec("query --db " + db + " --bbox 1,2,3").exit_code, 2);
  CliRun bad = Exec("query --db " + db + " --quad 9");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(Exec("query --db " + (dir_ / "nope.db").string()).exit_code, 1);
}

TEST_F(Cli, GapsListsAnUnknownNameWithItsSentence) {
  fs::create_directories(dir_ / "gaps" / "sub");
  File("gaps/one.txt", kArticle);
  File("gaps/sub/two.txt",
       "The Zorvani Liberation Front shelled the town on Monday, Ukrainian officials said.\n\n"
       "Russian forces attacked the Zorvani Liberation Front near Kharkiv.\n");
  CliRun r = Exec("gaps " + (dir_ / "gaps").string() + " --date 2024-03-02 --top 5");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("gaps in 2 articles"), std::string::npos) << r.out;
  size_t actors = r.out.find("Unknown actors"), verbs = r.out.find("Unmatched verbs"),
         places = r.out.find("Unresolved places");
  ASSERT_NE(actors, std::string::npos) << r.out;
  ASSERT_NE(verbs, std::string::npos) << r.out;
  ASSERT_NE(places, std::string::npos) << r.out;
  size_t name = r.out.find("2  Zorvani Liberation Front");
  EXPECT_TRUE(name > actors && name < verbs) << r.out;
  EXPECT_NE(r.out.find("two.txt:1: The Zorvani Liberation Front shelled the town"), std::string::npos) << r.out;
  EXPECT_EQ(Exec("gaps").exit_code, 2);
  EXPECT_EQ(Exec("gaps " + (dir_ / "gaps").string() + " --top x").exit_code, 2);
}

TEST_F(Cli, ArticlesInAnotherLanguageAreSkippedByReasonAndNotCoded) {
  fs::create_directories(dir_ / "mixed");
  File("mixed/en.txt",
       "Russian forces shelled the city of Kharkiv on Friday, Ukrainian officials said.\n\n"
       "The Ukrainian Foreign Ministry condemned the attack and called on its partners to send more air "
       "defence systems to protect the city.\n");
  File("mixed/fr.txt",
       "Les forces russes ont bombardé la ville de Kharkiv vendredi, ont déclaré des responsables ukrainiens.\n\n"
       "Le ministère ukrainien des Affaires étrangères a condamné l'attaque et a appelé ses partenaires à "
       "envoyer davantage de systèmes de défense aérienne pour protéger la ville.\n");
  std::string db = (dir_ / "mixed.db").string();
  CliRun r = Exec("ingest " + (dir_ / "mixed").string() + " --db " + db + " --date 2024-03-02");
  ASSERT_EQ(r.exit_code, 0) << r.err;  // another language is no failure
  EXPECT_NE(r.err.find("read 2, stored 1, already stored 0, skipped 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("skipped: language fr 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(db + ": 1 articles"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << "no terminal, no status line";
  CliRun q = Exec("query --db " + db + " --format jsonl");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_NE(q.out.find("Russian forces shelled"), std::string::npos) << q.out;
  EXPECT_EQ(q.out.find("Les forces russes"), std::string::npos) << q.out;
  CliRun code = Exec("code " + (dir_ / "mixed" / "fr.txt").string() + " " + (dir_ / "mixed" / "en.txt").string() +
                     " --date 2024-03-02");
  ASSERT_EQ(code.exit_code, 0) << code.err;
  EXPECT_EQ(code.err, "eventcoder: skipped " + (dir_ / "mixed" / "fr.txt").string() + ": language fr\n");
  EXPECT_NE(code.out.find("Russian forces shelled"), std::string::npos) << code.out;
  EXPECT_EQ(code.out.find("Les forces russes"), std::string::npos) << code.out;
}

}  // namespace
