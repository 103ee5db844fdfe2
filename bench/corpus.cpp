#include "corpus.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <set>

#include "geo/gazetteer.h"
#include "lexicon/dictionary_file.h"

namespace eventcoder::bench {
namespace {

constexpr size_t kRecentStories = 256;  // near copies are drawn from the last stories
constexpr size_t kRecentTitles = 64;

// ---------------------------------------------------------------- word lists written for the corpus

struct Irregular {
  const char* lemma;
  const char* past;
  const char* participle;
};

// Verbs of the event patterns whose past forms are not lemma + "ed" (WordNet's verb.exc lists them the
// other way round, form -> lemma, without telling past from participle).
constexpr Irregular kIrregular[] = {
    {"be", "was", "been"},           {"beat", "beat", "beaten"},         {"begin", "began", "begun"},
    {"blow", "blew", "blown"},       {"break", "broke", "broken"},       {"bring", "brought", "brought"},
    {"build", "built", "built"},     {"buy", "bought", "bought"},        {"cast", "cast", "cast"},
    {"come", "came", "come"},        {"cut", "cut", "cut"},              {"draw", "drew", "drawn"},
    {"drive", "drove", "driven"},    {"fight", "fought", "fought"},      {"find", "found", "found"},
    {"fly", "flew", "flown"},        {"forgive", "forgave", "forgiven"}, {"freeze", "froze", "frozen"},
    {"get", "got", "got"},           {"give", "gave", "given"},          {"go", "went", "gone"},
    {"have", "had", "had"},          {"hide", "hid", "hidden"},          {"hit", "hit", "hit"},
    {"hold", "held", "held"},        {"lay", "laid", "laid"},            {"lead", "led", "led"},
    {"leave", "left", "left"},       {"lend", "lent", "lent"},           {"let", "let", "let"},
    {"light", "lit", "lit"},         {"make", "made", "made"},           {"meet", "met", "met"},
    {"overrun", "overran", "overrun"}, {"pay", "paid", "paid"},          {"put", "put", "put"},
    {"quit", "quit", "quit"},        {"retake", "retook", "retaken"},    {"rethink", "rethought", "rethought"},
    {"rise", "rose", "risen"},       {"run", "ran", "run"},              {"say", "said", "said"},
    {"see", "saw", "seen"},          {"seek", "sought", "sought"},       {"sell", "sold", "sold"},
    {"send", "sent", "sent"},        {"set", "set", "set"},              {"shoot", "shot", "shot"},
    {"show", "showed", "shown"},     {"shut", "shut", "shut"},           {"sink", "sank", "sunk"},
    {"sit", "sat", "sat"},           {"speak", "spoke", "spoken"},       {"stand", "stood", "stood"},
    {"strike", "struck", "struck"},  {"take", "took", "taken"},          {"tear", "tore", "torn"},
    {"tell", "told", "told"},        {"throw", "threw", "thrown"},       {"unfreeze", "unfroze", "unfrozen"},
    {"uphold", "upheld", "upheld"},  {"win", "won", "won"},              {"withdraw", "withdrew", "withdrawn"},
    {"withhold", "withheld", "withheld"}, {"write", "wrote", "written"},  {"undertake", "undertook", "undertaken"},
    {"overthrow", "overthrew", "overthrown"}, {"forbid", "forbade", "forbidden"}, {"upset", "upset", "upset"},
    {"flee", "fled", "fled"},        {"keep", "kept", "kept"},           {"lose", "lost", "lost"},
    {"spread", "spread", "spread"},  {"bid", "bid", "bid"},              {"broadcast", "broadcast", "broadcast"},
    {"shed", "shed", "shed"},        {"swear", "swore", "sworn"},        {"steal", "stole", "stolen"},
    {"plead", "pleaded", "pleaded"}, {"wind", "wound", "wound"},         {"bear", "bore", "borne"},
};

const std::vector<std::string> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
const std::vector<std::string> kWeekdays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                            "Thursday", "Friday", "Saturday"};
const std::vector<std::string> kTimes = {
    "on {weekday}", "on {weekday}", "on {weekday}", "late on {weekday}", "early on {weekday}",
    "on {weekday} night", "on {weekday} morning", "overnight", "overnight into {weekday}", "on {month} {day}",
    "earlier this week", "last week", "earlier this month", "in the early hours of {weekday}",
    "for the second day in a row", "on {weekday} afternoon"};
const std::vector<std::string> kGapFillers = {"a", "the", "new", "further", "its", "their", "a new", "more"};
const std::vector<std::string> kAgencies = {"AP", "Reuters", "AFP"};
const std::vector<std::string> kCreditAgencies = {"AFP", "AP", "Reuters", "EPA-EFE", "Getty Images",
                                                  "AFP via Getty Images", "Anadolu"};
// Photographers' names are made up from common given names and surnames.
const std::vector<std::string> kGivenNames = {"Maria", "Anna", "David", "Sarah", "Ahmed", "Elena", "Tomas", "Leila",
                                              "Jonas", "Nadia", "Peter", "Ines", "Omar", "Katya", "Luis", "Mei"};
const std::vector<std::string> kSurnames = {"Novak", "Haddad", "Petrov", "Silva", "Kovacs", "Moreau", "Okafor",
                                            "Lindqvist", "Rahimi", "Costa", "Weber", "Tanaka", "Mensah", "Ortiz"};
const std::vector<std::string> kCaptionScenes = {
    "Rescue workers search the rubble of a damaged building", "Soldiers stand guard at a checkpoint",
    "Residents queue for bread and water", "Protesters wave flags during a rally",
    "Delegates arrive for talks", "Smoke rises over the outskirts of the city",
    "A woman walks past a destroyed house", "Police officers block a street",
    "Aid workers unload boxes of supplies from a truck", "Firefighters put out a fire after shelling"};
const std::vector<std::string> kQuotes = {
    "We will respond firmly to any provocation",
    "The door to dialogue remains open, but our patience is not unlimited",
    "This is a blatant violation of international law",
    "Our forces acted only in self-defence",
    "There can be no military solution to this conflict",
    "We call on all sides to exercise maximum restraint",
    "The humanitarian situation is getting worse by the hour",
    "Nobody in this region wants a wider war",
    "We are ready to sign an agreement as soon as the other side is",
    "Families here have not had electricity for three days",
    "History will judge those who stayed silent",
    "We did not start this and we will not be the ones to escalate it"};
// Clauses that lengthen a sentence the way news prose does, mostly without another event.
const std::vector<std::string> kTails = {
    ", despite a ceasefire agreed {time}",
    ", the latest in a series of incidents along the border",
    ", in a move that {C} described as a provocation",
    ", according to a statement posted on the ministry's website",
    " after weeks of rising tension between the two countries",
    ", a day after {A} and {B} traded accusations at the United Nations",
    ", according to local officials who spoke on condition of anonymity",
    " in response to what it called repeated violations of the agreement",
    ", the state news agency reported, citing a senior official",
    ", raising fears of a wider escalation in the region",
    ", although the details of the arrangement were not made public",
    " as part of efforts to revive the stalled negotiations",
    ", the first such step since {year}",
    " while international mediators urged both sides to show restraint",
    ", in one of the most serious incidents this year",
    ", according to people familiar with the matter",
    ", weeks before a planned meeting of the two countries' leaders in {Ccap}",
    " amid growing pressure at home to take a tougher line"};

// Openings of a sentence before its subject.
const std::vector<std::string> kLeads = {
    "In a statement released {time}, ", "Speaking at a news conference in {Acap}, ", "In a televised address, ",
    "Earlier, ", "Meanwhile, ", "In a separate development, ", "Separately, ", "At the same time, ",
    "In a post on social media, ", "Later in the day, ", "Hours later, ", "In a sign of the growing tension, "};

const std::vector<std::string> kBackground = {
    "The conflict has killed more than {n000} people since {year}.",
    "{A} and {B} have been at odds for decades over borders drawn at the end of the last century.",
    "Analysts said the two sides remained far apart on the central issues.",
    "Prices of bread and fuel have risen sharply this year.",
    "It was not possible to verify the claims independently.",
    "{A}'s economy shrank by {n} percent last year, according to official figures.",
    "Elections are due to be held next year.",
    "The statement did not say how many people were involved.",
    "Neither side provided evidence for its claims.",
    "{P} lies about {n0} kilometres from the border.",
    "Satellite images published by a private company showed damage to several buildings.",
    "The figures could not be independently confirmed.",
    "The region is home to about {n} million people, many of whom depend on farming.",
    "Schools in the area have been closed since the start of the month.",
    "The previous round of negotiations collapsed in {year} without a deal.",
    "More than {n000} people have fled their homes, according to local authorities.",
    "The road between the two towns remains closed to civilian traffic.",
    "Officials have given differing accounts of what happened.",
    "The government has declared three days of mourning.",
    "Both sides have traded blame for the breakdown of earlier agreements.",
    "{A} has a population of about {n} million.",
    "Reporters were not allowed into the area."};

struct ThemeWeights {
  const char* name;
  std::array<std::pair<const char*, int>, 12> roots;
  std::vector<std::string> sentences;  // theme sentences with {A} {B} {C} {P} {cap} {people} {n} slots
};

const std::vector<ThemeWeights>& Themes() {
  static const std::vector<ThemeWeights> kThemes = {
      {"conflict",
       {{{"19", 30}, {"18", 10}, {"17", 8}, {"11", 10}, {"12", 5}, {"13", 8}, {"16", 5}, {"15", 5},
         {"20", 2}, {"04", 5}, {"08", 4}, {"07", 3}}},
       {"At least {n} soldiers were killed in the fighting, according to the {Aadj} defence ministry.",
        "Shelling damaged houses, a school and a power line in {P}, local officials said.",
        "Air raid sirens sounded across {P} for more than two hours.",
        "The {Aadj} army said it had shot down {n} drones over {P}.",
        "Residents of {P} spent the night in basements as explosions shook the town.",
        "Hospitals in {P} said they were treating dozens of wounded.",
        "Military analysts said neither side had made significant gains along the front line.",
        "Power was cut to several districts of {P} after a strike on a substation."}},
      {"diplomacy",
       {{{"04", 25}, {"03", 15}, {"05", 10}, {"06", 8}, {"08", 10}, {"02", 8}, {"01", 5}, {"10", 5},
         {"11", 5}, {"12", 3}, {"13", 3}, {"16", 3}}},
       {"The foreign ministers of {A} and {B} met in {Ccap} {time} for talks hosted by {C}.",
        "{C} offered to host a new round of negotiations between {A} and {B}.",
        "The two leaders spoke by phone for more than an hour, the {Aadj} presidency said.",
        "A joint statement after the meeting called for the reopening of transport links.",
        "Diplomats said a draft agreement could be ready before the end of the month.",
        "The talks in {Ccap} were the first face-to-face meeting between the two sides this year.",
        "{C}'s foreign minister is expected to travel to {Acap} next week.",
        "The two delegations agreed to set up working groups on trade and border issues."}},
      {"aid",
       {{{"07", 25}, {"02", 10}, {"04", 8}, {"03", 8}, {"08", 5}, {"11", 6}, {"18", 6}, {"19", 6},
         {"14", 5}, {"17", 5}, {"10", 4}, {"05", 4}}},
       {"A convoy of {n} trucks carrying food and medicine reached {P} {time}.",
        "{C} pledged ${n} million in humanitarian aid to {B}.",
        "The World Food Programme said it had delivered {n0} tonnes of food to the region this month.",
        "Aid agencies said the shipments covered only a fraction of what was needed.",
        "Doctors in {P} said hospitals were running short of fuel for their generators.",
        "The UN says about {n} million people in the region need food assistance.",
        "Trucks waited for days at the crossing before they were allowed through.",
        "Families queued for hours outside distribution points in {P}."}},
      {"unrest",
       {{{"14", 25}, {"17", 20}, {"11", 8}, {"12", 6}, {"13", 6}, {"18", 6}, {"10", 5}, {"09", 4},
         {"08", 4}, {"16", 5}, {"04", 3}, {"01", 3}}},
       {"Thousands of {Apeople} rallied in {Acap} {time}, demanding the resignation of the government.",
        "Police used tear gas and water cannon to disperse protesters outside parliament in {Acap}.",
        "Police in {Acap} arrested {n} people during the protests, the interior ministry said.",
        "Protesters marched through the centre of {Acap} chanting slogans against the authorities.",
        "Opposition leaders called for a general strike on {weekday}.",
        "Riot police blocked the roads leading to the presidential palace in {Acap}.",
        "Rights groups said at least {n} demonstrators had been detained since the protests began.",
        "The protests were the largest in {Acap} in more than a decade."}},
      {"sanctions",
       {{{"16", 20}, {"17", 10}, {"11", 10}, {"12", 8}, {"13", 10}, {"03", 5}, {"04", 8}, {"10", 5},
         {"06", 5}, {"08", 5}, {"05", 4}, {"02", 4}}},
       {"{C} imposed new sanctions on {B} {time}, targeting {n} officials and {n} companies.",
        "{C} froze the assets of {n} {Badj} individuals accused of supporting the military.",
        "{B} called the sanctions illegal and promised to respond.",
        "The measures add to export bans imposed on {B} last year.",
        "Officials said the new measures would target banks that help {B} evade earlier restrictions.",
        "{B}'s currency fell {n} percent against the dollar after the announcement.",
        "The sanctions list now includes more than {n0} people and entities.",
        "Trade between {B} and {C} has fallen by a third since the first round of sanctions."}},
  };
  return kThemes;
}

// ---------------------------------------------------------------- small helpers

std::string Capitalise(std::string s) {
  for (char& c : s) {
    if (c == ' ' || c == '"' || c == '\'') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    break;
  }
  return s;
}

std::string TitleCase(const std::string& s) {
  static const std::set<std::string> kSmall = {"of", "and", "for", "the", "on", "in", "to", "at"};
  std::string out, word;
  auto flush = [&]() {
    if (!word.empty() && !(kSmall.count(word) && !out.empty()) && word[0] >= 'a' && word[0] <= 'z')
      word[0] = static_cast<char>(word[0] - 'a' + 'A');
    out += word;
    word.clear();
  };
  for (char c : s) {
    if (c == ' ' || c == '-') {
      flush();
      out.push_back(c);
    } else {
      word.push_back(c);
    }
  }
  flush();
  return out;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool AllAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string Upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

void ReplaceAll(std::string& s, std::string_view from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
}

bool PluralLike(std::string_view phrase) {
  return phrase.size() > 2 && phrase.back() == 's' && phrase[phrase.size() - 2] != 's';
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// 0 = Sunday (Sakamoto's method).
int Weekday(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

// A role in force on `date`, else the latest one.
const Role* RoleOn(const CorpusPerson& p, const PartialDate& date) {
  for (const Role& r : p.roles)
    if (r.when.Contains(date)) return &r;
  return p.roles.empty() ? nullptr : &p.roles.back();
}

}  // namespace

uint64_t Rng::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// ---------------------------------------------------------------- loading

struct CorpusGenerator::Cast {
  std::array<size_t, 3> side{};                 // countries: A, B, and a third state (mediator, donor, sanctioner)
  std::array<std::vector<size_t>, 3> people;    // people holding an office of that side's state on `date`
  std::set<size_t> introduced;                  // people already named in full
  std::set<const std::string*> used;            // fixed sentences already printed (each at most once)
  const ThemeWeights* theme = nullptr;
  PartialDate date;
  bool headline = false;                        // plain names only
};

Result<CorpusGenerator> CorpusGenerator::Load(const EngineConfig& config, uint64_t seed) {
  Result<Lexicon> lex = Lexicon::Load(config.dictionaries, config.ontology, nullptr);
  if (!lex.ok()) return lex.status();
  CorpusGenerator gen(std::make_unique<Lexicon>(std::move(lex).value()), seed);
  EVENTCODER_RETURN_IF_ERROR(gen.LoadResources(config));
  return gen;
}

Status CorpusGenerator::LoadResources(const EngineConfig& config) {
  const Lexicon& lex = *lexicon_;
  // Surface forms the Lexicon compiles away (adjectives, capitals, aliases) come from the files themselves.
  Result<std::vector<DictLine>> countries = ParseDictionaryFile(config.dictionaries + "/countries.txt", nullptr);
  if (!countries.ok()) return countries.status();
  Result<std::vector<DictLine>> people = ParseDictionaryFile(config.dictionaries + "/people.txt", nullptr);
  if (!people.ok()) return people.status();
  Result<std::vector<DictLine>> places = ParseDictionaryFile(config.dictionaries + "/places.txt", nullptr);
  if (!places.ok()) return places.status();

  for (const DictLine& l : countries.value()) {
    if (lex.CountryName(l.first).empty()) continue;  // the Lexicon rejected the line
    auto first = [&](const char* key) {
      std::vector<std::string> v = l.Values(key);
      return v.empty() ? std::string() : v[0];
    };
    CorpusCountry c;
    c.code = l.first;
    c.name = first("name");
    c.adj = first("adj");
    if (c.adj.empty()) c.adj = c.name;
    c.people = first("people");
    c.capital = first("capital");
    const std::string& n = c.name;
    c.needs_article = n.rfind("United ", 0) == 0 || n.rfind("Republic ", 0) == 0 || n.find(" Republic") != std::string::npos ||
                      n.find(" Islands") != std::string::npos || n == "Netherlands" || n == "Philippines" ||
                      n == "Gambia" || n == "Bahamas" || n == "Maldives" || n == "Comoros" || n == "Seychelles";
    country_by_code_[c.code] = countries_.size();
    countries_.push_back(std::move(c));
  }
  if (countries_.size() < 3) return InvalidInput(config.dictionaries + "/countries.txt: fewer than three countries");

  std::map<std::string, std::string> surname;
  for (const DictLine& l : people.value()) {
    for (const std::string& a : l.Values("alias")) {
      if (a.find(' ') == std::string::npos && !a.empty() && std::isupper(static_cast<unsigned char>(a[0]))) {
        surname[l.first] = a;
        break;
      }
    }
  }
  for (const ActorEntry& e : lex.actor_entries()) {
    if (e.kind == ActorKind::kPerson) {
      CorpusPerson p;
      p.full = e.name;
      auto it = surname.find(e.name);
      p.surname = it != surname.end() ? it->second : e.name;
      p.roles = e.roles;
      std::set<std::string> seen;
      for (const Role& r : p.roles) {
        std::string code = lex.StateOf(r.country);
        if (!country_by_code_.count(code) || !seen.insert(code).second) continue;
        people_by_country_[code].push_back(people_.size());
        countries_[country_by_code_[code]].weight++;
      }
      people_.push_back(std::move(p));
    } else if (e.kind == ActorKind::kAgent) {
      agents_.push_back(e.name);
    } else if (e.kind == ActorKind::kOrganisation) {
      std::string name = e.name;
      int words = static_cast<int>(std::count(name.begin(), name.end(), ' ')) + 1;
      bool own_article = name.rfind("The ", 0) == 0 || name.rfind("Le ", 0) == 0 || name.rfind("La ", 0) == 0 ||
                         name.rfind("Al ", 0) == 0 || name.rfind("Al-", 0) == 0 || name.rfind("El ", 0) == 0;
      if (words >= 2 && !own_article) name = "the " + name;
      // Actors that act in politics; the media and companies are named less often as doers.
      bool acts = std::find(e.sectors.begin(), e.sectors.end(), "MED") == e.sectors.end() &&
                  std::find(e.sectors.begin(), e.sectors.end(), "BUS") == e.sectors.end();
      if (!acts) continue;
      if (e.country.empty()) organisations_.push_back(name);
      else organisations_by_country_[e.country].push_back(name);
    }
  }
  for (size_t i = 0; i < countries_.size(); ++i)
    for (int k = 0; k < countries_[i].weight; ++k) country_draw_.push_back(i);

  for (const DictLine& l : places.value()) {
    std::vector<std::string> c = l.Values("country");
    if (c.empty()) continue;
    CorpusPlace p{l.first, lex.StateOf(c[0])};
    places_by_country_[p.country].push_back(p.name);
    places_.push_back(std::move(p));
  }
  // Larger GeoNames towns (administrative seats of 50,000 people or more), when the gazetteer is installed.
  // No cache: this gazetteer (GeoNames alone) differs from the engine's, whose cache it would replace.
  GazetteerPaths gp{config.cities, config.iso3166, "", "", ""};
  Result<Gazetteer> gaz = Gazetteer::Load(gp);
  if (gaz.ok()) {
    for (uint32_t id = 0; id < gaz->size(); ++id) {
      const eventcoder::Place& pl = gaz->place(id);
      if (pl.population < 50000 || pl.feature_code.rfind("PPLA", 0) != 0 || pl.country.empty()) continue;
      if (!AllAscii(pl.name) && pl.population < 500000) continue;
      places_by_country_[pl.country].push_back(pl.name);
      places_.push_back({pl.name, pl.country});
    }
  }

  for (uint32_t id = 0; id < lex.patterns().size(); ++id) {
    const VerbPattern& p = lex.pattern(id);
    if (p.noun) {
      noun_patterns_.push_back(id);
      continue;
    }
    const PatternElement& last = p.elements.back();
    if (p.say) {
      if (p.elements.size() == 1) say_patterns_.push_back(id);
      continue;
    }
    if (p.claim) {
      claim_patterns_.push_back(id);
      continue;
    }
    if (p.deny) {
      deny_patterns_.push_back(id);
      continue;
    }
    if (last.kind == PatternElement::Kind::kGap) continue;
    static const std::set<std::string> kDangling = {"of", "for", "with", "to", "in", "on", "that", "from",
                                                    "against", "by", "at", "as", "into", "over", "about"};
    if (last.kind == PatternElement::Kind::kWord && kDangling.count(last.words[0])) continue;
    patterns_by_root_[p.code.substr(0, 2)].push_back(id);
  }
  if (patterns_by_root_.empty()) return InvalidInput(config.dictionaries + "/verbs: no event patterns");

  // Doubled final consonants ("ban" -> "banned") from WordNet's exception list.
  std::ifstream exc(config.wordnet + "/verb.exc");
  std::string form, lemma;
  while (exc >> form >> lemma) {
    if (!lemma.empty() && form == lemma + lemma.back() + "ed") doubled_[lemma] = form.substr(0, form.size() - 2);
    exc.ignore(1 << 16, '\n');
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- phrases

std::string CorpusGenerator::Verb(const std::string& lemma, Form form) const {
  for (const Irregular& irr : kIrregular) {
    if (lemma != irr.lemma) continue;
    if (form == Form::kPast) return irr.past;
    if (form == Form::kParticiple) return irr.participle;
    if (lemma == "be") return form == Form::kPresent ? "is" : "being";
    break;
  }
  if (lemma.empty()) return lemma;
  char last = lemma.back();
  char before = lemma.size() > 1 ? lemma[lemma.size() - 2] : ' ';
  auto doubled = doubled_.find(lemma);
  switch (form) {
    case Form::kPresent:
      if (last == 's' || last == 'x' || last == 'z' || last == 'o' || lemma.ends_with("sh") || lemma.ends_with("ch"))
        return lemma + "es";
      if (last == 'y' && !IsVowel(before)) return lemma.substr(0, lemma.size() - 1) + "ies";
      return lemma + "s";
    case Form::kGerund:
      if (doubled != doubled_.end()) return doubled->second + "ing";
      if (lemma.ends_with("ie")) return lemma.substr(0, lemma.size() - 2) + "ying";
      if (last == 'e' && before != 'e' && before != 'y' && before != 'o' && lemma.size() > 2)
        return lemma.substr(0, lemma.size() - 1) + "ing";
      return lemma + "ing";
    case Form::kPast:
    case Form::kParticiple:
      if (doubled != doubled_.end()) return doubled->second + "ed";
      if (last == 'e') return lemma + "d";
      if (last == 'y' && !IsVowel(before)) return lemma.substr(0, lemma.size() - 1) + "ied";
      return lemma + "ed";
  }
  return lemma;
}

std::string CorpusGenerator::CountryName(const CorpusCountry& c, bool sentence_start) {
  if (!c.needs_article) return c.name;
  return (sentence_start ? "The " : "the ") + c.name;
}

std::string CorpusGenerator::PersonMention(Cast& cast, size_t person) {
  const CorpusPerson& p = people_[person];
  if (cast.headline) return p.surname;
  if (cast.introduced.count(person)) return p.surname;
  cast.introduced.insert(person);
  const Role* r = RoleOn(p, cast.date);
  if (!r || r->title.empty()) return p.full;
  std::string title = TitleCase(r->title);
  auto it = country_by_code_.find(lexicon_->StateOf(r->country));
  if (it != country_by_code_.end() && rng_.Percent(80)) {
    const CorpusCountry& c = countries_[it->second];
    if (rng_.Percent(25)) return p.full + ", " + CountryName(c) + "'s " + r->title + ",";
    return c.adj + " " + title + " " + p.full;
  }
  return title + " " + p.full;
}

std::string CorpusGenerator::Actor(Cast& cast, int side) {
  const CorpusCountry& c = countries_[cast.side[side]];
  if (cast.headline) {
    if (!cast.people[side].empty() && rng_.Percent(25)) return PersonMention(cast, rng_.Pick(cast.people[side]));
    return CountryName(c);
  }
  int r = rng_.Between(0, 99);
  if (r < 20) return CountryName(c);
  if (r < 45 && !agents_.empty()) {
    const std::string& agent = rng_.Pick(agents_);
    if (rng_.Percent(65)) return (PluralLike(agent) && rng_.Percent(50) ? "" : "the ") + c.adj + " " + agent;
    return CountryName(c) + "'s " + agent;
  }
  if (r < 72 && !cast.people[side].empty()) return PersonMention(cast, rng_.Pick(cast.people[side]));
  if (r < 82 && !c.capital.empty()) return c.capital;
  if (r < 90) {
    auto it = organisations_by_country_.find(c.code);
    if (it != organisations_by_country_.end()) return rng_.Pick(it->second);
    if (side == 2 && !organisations_.empty()) return rng_.Pick(organisations_);
  }
  if (r < 95 && !c.people.empty()) return c.people;
  return CountryName(c);
}

std::string CorpusGenerator::Place(const Cast& cast) {
  const CorpusCountry& c = countries_[cast.side[rng_.Below(2)]];
  auto it = places_by_country_.find(c.code);
  if (it != places_by_country_.end() && rng_.Percent(75)) return rng_.Pick(it->second);
  if (!c.capital.empty() && rng_.Percent(70)) return c.capital;
  return CountryName(c);
}

std::string CorpusGenerator::When() {
  std::string t = rng_.Pick(kTimes);
  ReplaceAll(t, "{weekday}", rng_.Pick(kWeekdays));
  ReplaceAll(t, "{month}", rng_.Pick(kMonths));
  ReplaceAll(t, "{day}", std::to_string(rng_.Between(1, 28)));
  return t;
}

std::string CorpusGenerator::Tail(Cast& cast, int percent) {
  if (!rng_.Percent(percent)) return "";
  const std::string* pick = &rng_.Pick(kTails);
  for (int attempt = 0; attempt < 6 && cast.used.count(pick); ++attempt) pick = &rng_.Pick(kTails);
  if (cast.used.count(pick)) return "";  // prose does not repeat itself
  cast.used.insert(pick);
  std::string t = *pick;
  const CorpusCountry& c = countries_[cast.side[2]];
  if (t.find("{time}") != std::string::npos) ReplaceAll(t, "{time}", When());
  ReplaceAll(t, "{A}", CountryName(countries_[cast.side[0]]));
  ReplaceAll(t, "{B}", CountryName(countries_[cast.side[1]]));
  ReplaceAll(t, "{C}", CountryName(c));
  ReplaceAll(t, "{Ccap}", c.capital.empty() ? c.name : c.capital);
  ReplaceAll(t, "{year}", std::to_string(rng_.Between(1995, 2017)));
  return t;
}

std::string CorpusGenerator::Lead(Cast& cast, int percent) {
  if (!rng_.Percent(percent)) return "";
  const std::string* pick = &rng_.Pick(kLeads);
  for (int attempt = 0; attempt < 6 && cast.used.count(pick); ++attempt) pick = &rng_.Pick(kLeads);
  if (cast.used.count(pick)) return "";
  cast.used.insert(pick);
  std::string t = *pick;
  const CorpusCountry& a = countries_[cast.side[0]];
  if (t.find("{time}") != std::string::npos) ReplaceAll(t, "{time}", When());
  ReplaceAll(t, "{Acap}", a.capital.empty() ? a.name : a.capital);
  return t;
}

std::string CorpusGenerator::Speaker(Cast& cast, int side) {
  const CorpusCountry& c = countries_[cast.side[side]];
  switch (rng_.Below(6)) {
    case 0:
    case 1:
      if (!cast.people[side].empty()) return PersonMention(cast, rng_.Pick(cast.people[side]));
      [[fallthrough]];
    case 2: return "the " + c.adj + " defence ministry";
    case 3: return "a spokesperson for the " + c.adj + " foreign ministry";
    case 4: return "officials in " + (c.capital.empty() ? c.name : c.capital);
    default: return "the " + c.adj + " government";
  }
}

// ---------------------------------------------------------------- event patterns

std::string CorpusGenerator::RenderPattern(const VerbPattern& p, Form form, Cast& cast, int target_side,
                                           bool* had_target) {
  std::string out;
  const std::vector<PatternElement>& el = p.elements;
  for (size_t i = 0; i < el.size(); ++i) {
    const PatternElement& e = el[i];
    std::string w;
    switch (e.kind) {
      case PatternElement::Kind::kWord: w = e.words[0]; break;
      case PatternElement::Kind::kAlternatives: w = rng_.Pick(e.words); break;
      case PatternElement::Kind::kGap:
        if (rng_.Percent(55)) continue;
        w = rng_.Pick(kGapFillers);
        break;
      case PatternElement::Kind::kSource: w = Actor(cast, target_side == 0 ? 1 : 0); break;
      case PatternElement::Kind::kTarget: {
        if (had_target) *had_target = true;
        bool modifier = i + 1 < el.size() && (el[i + 1].kind == PatternElement::Kind::kAlternatives ||
                                              el[i + 1].kind == PatternElement::Kind::kGap);
        if (modifier) {  // "attack TGT {positions|...}" -> "attacked Armenian positions"
          const CorpusCountry& c = countries_[cast.side[target_side]];
          w = rng_.Percent(60) ? c.adj : CountryName(c) + "'s";
          if (el[i + 1].kind == PatternElement::Kind::kGap) ++i;
        } else {
          w = Actor(cast, target_side);
        }
        break;
      }
    }
    if (i == 0 && !p.noun) {
      size_t space = w.find(' ');
      w = Verb(w.substr(0, space), form) + (space == std::string::npos ? "" : w.substr(space));
    }
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

const VerbPattern& CorpusGenerator::PickEventPattern(const Cast& cast) {
  int total = 0;
  for (const auto& [root, w] : cast.theme->roots) total += patterns_by_root_.count(root) ? w : 0;
  if (total > 0) {
    int x = static_cast<int>(rng_.Below(static_cast<size_t>(total)));
    for (const auto& [root, w] : cast.theme->roots) {
      if (!patterns_by_root_.count(root)) continue;
      if (x < w) return lexicon_->pattern(rng_.Pick(patterns_by_root_.at(root)));
      x -= w;
    }
  }
  auto it = patterns_by_root_.begin();
  std::advance(it, static_cast<long>(rng_.Below(patterns_by_root_.size())));
  return lexicon_->pattern(rng_.Pick(it->second));
}

// ---------------------------------------------------------------- sentences

std::string CorpusGenerator::EventSentence(Cast& cast) {
  int s = rng_.Percent(50) ? 0 : 1;
  int t = rng_.Percent(85) ? 1 - s : 2;
  const VerbPattern& p = PickEventPattern(cast);
  std::string subject = Actor(cast, s);
  bool had_target = false;
  std::string verb = RenderPattern(p, Form::kPast, cast, t, &had_target);
  bool violent = p.code >= "17";
  if (!had_target && p.elements.size() == 1 && rng_.Percent(85))
    verb += " " + (violent && rng_.Percent(40) ? Place(cast) : Actor(cast, t));
  std::string when = rng_.Percent(60) ? When() : "";
  std::string where = rng_.Percent(violent ? 50 : 25) ? (rng_.Percent(70) ? " in " : " near ") + Place(cast) : "";
  std::string tail;
  if (violent && rng_.Percent(30))
    tail = rng_.Percent(50) ? ", killing at least " + std::to_string(rng_.Between(2, 40)) + " people"
                            : ", wounding " + std::to_string(rng_.Between(2, 60)) + " civilians";
  if (tail.empty()) tail = Tail(cast, 70);
  if (!when.empty() && rng_.Percent(30)) return Capitalise(when) + ", " + subject + " " + verb + where + tail + ".";
  std::string sentence = subject + " " + verb + (when.empty() ? "" : " " + when) + where + tail + ".";
  std::string lead = Lead(cast, 30);
  return lead.empty() ? Capitalise(sentence) : lead + sentence;
}

std::string CorpusGenerator::ReportedSentence(Cast& cast) {
  int s = rng_.Percent(50) ? 0 : 1;
  int speaker_side = rng_.Percent(60) ? 1 - s : s;
  const VerbPattern& p = PickEventPattern(cast);
  std::string say = say_patterns_.empty() || rng_.Percent(60)
                        ? "said"
                        : Verb(lexicon_->pattern(rng_.Pick(say_patterns_)).elements[0].words[0], Form::kPast);
  std::string when = rng_.Percent(50) ? " " + When() : "";
  // Phrases are made in reading order, so a person is named in full before the surname alone.
  switch (rng_.Below(4)) {
    case 0: {
      std::string speaker = Speaker(cast, speaker_side);
      std::string subject = Actor(cast, s);
      return Capitalise(speaker + " " + say + " " + subject + " had " +
                        RenderPattern(p, Form::kParticiple, cast, 1 - s, nullptr) + when + Tail(cast, 60) + ".");
    }
    case 1: {
      std::string subject = Actor(cast, s);
      std::string verb = RenderPattern(p, Form::kPast, cast, 1 - s, nullptr);
      std::string speaker = Speaker(cast, speaker_side);
      return Capitalise(subject + " " + verb + when + ", " + speaker + " " + say +
                        (rng_.Percent(40) ? " in a statement." : "."));
    }
    case 2: {
      std::string speaker = Speaker(cast, speaker_side);
      std::string subject = Actor(cast, s);
      return "According to " + speaker + ", " + subject + " " + RenderPattern(p, Form::kPast, cast, 1 - s, nullptr) +
             when + Tail(cast, 60) + ".";
    }
    default: {
      std::string speaker = Speaker(cast, speaker_side);
      std::string subject = Actor(cast, s);
      return Capitalise(speaker + " " + say + " that " + subject + " " +
                        RenderPattern(p, Form::kPast, cast, 1 - s, nullptr) + when + Tail(cast, 60) + ".");
    }
  }
}

std::string CorpusGenerator::QuoteSentence(Cast& cast) {
  int side = static_cast<int>(rng_.Below(3));
  std::string speaker = Speaker(cast, side);
  const std::string* pick = &rng_.Pick(kQuotes);
  for (int attempt = 0; attempt < 4 && cast.used.count(pick); ++attempt) pick = &rng_.Pick(kQuotes);
  cast.used.insert(pick);
  std::string q = *pick;
  if (rng_.Percent(25)) {
    const VerbPattern& p = PickEventPattern(cast);
    q = CountryName(countries_[cast.side[1 - std::min(side, 1)]], true) + " must stop " +
        RenderPattern(p, Form::kGerund, cast, std::min(side, 1), nullptr);
  }
  bool curly = rng_.Percent(50);
  std::string open = curly ? "\xE2\x80\x9C" : "\"", close = curly ? "\xE2\x80\x9D" : "\"";
  switch (rng_.Below(3)) {
    case 0: return open + q + "," + close + " " + speaker + " said.";
    case 1: return open + q + "," + close + " " + speaker + " told reporters" + (rng_.Percent(50) ? " " + When() : "") + ".";
    default: return Capitalise(speaker + " said: " + open + q + "." + close);
  }
}

std::string CorpusGenerator::ClaimSentence(Cast& cast) {
  if (claim_patterns_.empty()) return EventSentence(cast);
  int s = rng_.Percent(50) ? 0 : 1;
  const VerbPattern& claim = lexicon_->pattern(rng_.Pick(claim_patterns_));
  const VerbPattern& act = PickEventPattern(cast);
  std::string accuser = Actor(cast, s);
  std::string out = accuser + " " + RenderPattern(claim, Form::kPast, cast, 1 - s, nullptr);
  const PatternElement& last = claim.elements.back();
  std::string last_word = last.kind == PatternElement::Kind::kWord ? last.words[0] : "";
  int victim = rng_.Percent(70) ? s : 2;
  if (last_word == "that") {
    out += " " + Actor(cast, 1 - s) + " had " + RenderPattern(act, Form::kParticiple, cast, victim, nullptr);
  } else if (last_word == "of" || last_word == "for" || last_word == "with" || last_word == "in") {
    out += " " + RenderPattern(act, Form::kGerund, cast, victim, nullptr);
  } else if (last.kind == PatternElement::Kind::kTarget || claim.elements.size() == 1) {
    out += " of " + RenderPattern(act, Form::kGerund, cast, victim, nullptr);
  }
  if (rng_.Percent(50)) out += " " + When();
  return Capitalise(out + Tail(cast, 60) + ".");
}

std::string CorpusGenerator::DenialSentence(Cast& cast) {
  int s = rng_.Percent(50) ? 0 : 1;
  std::string denier = Actor(cast, s);
  const VerbPattern& act = PickEventPattern(cast);
  if (deny_patterns_.empty() || rng_.Percent(40)) {
    if (rng_.Percent(50))
      return Capitalise(denier + " denied " + RenderPattern(act, Form::kGerund, cast, 1 - s, nullptr) + ".");
    return Capitalise(denier + " denied that its forces had " +
                      RenderPattern(act, Form::kParticiple, cast, 1 - s, nullptr) + ".");
  }
  const VerbPattern& deny = lexicon_->pattern(rng_.Pick(deny_patterns_));
  std::string out = denier + " " + RenderPattern(deny, Form::kPast, cast, 1 - s, nullptr);
  if (deny.elements.size() == 1) out += rng_.Percent(50) ? " the accusations" : " the reports";
  return Capitalise(out + (rng_.Percent(40) ? " " + When() : "") + ".");
}

std::string CorpusGenerator::PassiveSentence(Cast& cast) {
  int s = rng_.Percent(50) ? 0 : 1;
  for (int attempt = 0; attempt < 8; ++attempt) {
    const VerbPattern& p = PickEventPattern(cast);
    if (p.elements.size() < 2 || p.elements[1].kind != PatternElement::Kind::kTarget) continue;
    if (p.elements.size() > 2 && p.elements[2].kind != PatternElement::Kind::kWord) continue;
    bool place = p.code >= "17" && rng_.Percent(40);
    std::string target = place ? Place(cast) : Actor(cast, 1 - s);
    std::string verb = Verb(p.elements[0].words[0], Form::kParticiple);
    std::string rest;
    for (size_t i = 2; i < p.elements.size(); ++i) {
      const PatternElement& e = p.elements[i];
      if (e.kind == PatternElement::Kind::kGap) continue;
      rest += ' ';
      if (e.kind == PatternElement::Kind::kWord) rest += e.words[0];
      else if (e.kind == PatternElement::Kind::kAlternatives) rest += rng_.Pick(e.words);
      else if (e.kind == PatternElement::Kind::kTarget || e.kind == PatternElement::Kind::kSource) rest += Actor(cast, 2);
    }
    std::string be = PluralLike(target) ? " were " : " was ";
    std::string out = target + be + verb + rest + " by " + Actor(cast, s);
    if (rng_.Percent(50)) {
      out += ' ';
      out += When();
    }
    return Capitalise(out + Tail(cast, 60) + ".");
  }
  return EventSentence(cast);
}

std::string CorpusGenerator::NounSentence(Cast& cast) {
  if (noun_patterns_.empty()) return EventSentence(cast);
  const VerbPattern& p = lexicon_->pattern(rng_.Pick(noun_patterns_));
  bool has_source = false;
  for (const PatternElement& e : p.elements) has_source = has_source || e.kind == PatternElement::Kind::kSource;
  std::string np = RenderPattern(p, Form::kPast, cast, 1, nullptr);
  if (has_source) np = "the " + np;
  else np = CountryName(countries_[cast.side[0]]) + "'s " + np;
  static const std::vector<std::string> kOutcomes = {"took place", "ended without a breakthrough", "went ahead",
                                                     "drew sharp criticism", "was announced", "is expected to resume"};
  std::string when = rng_.Percent(60) ? " " + When() : "";
  std::string where = rng_.Percent(40) ? " in " + Place(cast) : "";
  std::string tail = Tail(cast, 60);
  if (rng_.Percent(30)) return Capitalise("Officials said " + np + " " + rng_.Pick(kOutcomes) + when + where + tail + ".");
  return Capitalise(np + " " + rng_.Pick(kOutcomes) + when + where + tail + ".");
}

std::string CorpusGenerator::ThemeSentence(Cast& cast) {
  const ThemeWeights& theme = rng_.Percent(75) ? *cast.theme : rng_.Pick(Themes());
  const std::string* pick = &rng_.Pick(theme.sentences);
  for (int attempt = 0; attempt < 4 && cast.used.count(pick); ++attempt) pick = &rng_.Pick(theme.sentences);
  if (cast.used.count(pick)) return BackgroundSentence(cast);
  cast.used.insert(pick);
  std::string s = *pick;
  const CorpusCountry& a = countries_[cast.side[0]];
  const CorpusCountry& b = countries_[cast.side[1]];
  const CorpusCountry& c = countries_[cast.side[2]];
  ReplaceAll(s, "{Aadj}", a.adj);
  ReplaceAll(s, "{Badj}", b.adj);
  ReplaceAll(s, "{Apeople}", a.people.empty() ? "people" : a.people);
  ReplaceAll(s, "{Acap}", a.capital.empty() ? a.name : a.capital);
  ReplaceAll(s, "{Ccap}", c.capital.empty() ? c.name : c.capital);
  ReplaceAll(s, "{C}'s", CountryName(c, true) + "'s");
  ReplaceAll(s, "{B}'s", CountryName(b, true) + "'s");
  ReplaceAll(s, "{A}", CountryName(a));
  ReplaceAll(s, "{B}", CountryName(b));
  ReplaceAll(s, "{C}", CountryName(c));
  if (s.find("{P}") != std::string::npos) ReplaceAll(s, "{P}", Place(cast));
  if (s.find("{time}") != std::string::npos) ReplaceAll(s, "{time}", When());
  ReplaceAll(s, "{weekday}", rng_.Pick(kWeekdays));
  while (s.find("{n}") != std::string::npos) s.replace(s.find("{n}"), 3, std::to_string(rng_.Between(2, 90)));
  ReplaceAll(s, "{n0}", std::to_string(rng_.Between(2, 90) * 10));
  return Capitalise(s);
}

std::string CorpusGenerator::BackgroundSentence(Cast& cast) {
  const std::string* pick = &rng_.Pick(kBackground);
  for (int attempt = 0; attempt < 6 && cast.used.count(pick); ++attempt) pick = &rng_.Pick(kBackground);
  cast.used.insert(pick);
  std::string s = *pick;
  ReplaceAll(s, "{A}", CountryName(countries_[cast.side[0]]));
  ReplaceAll(s, "{B}", CountryName(countries_[cast.side[1]]));
  if (s.find("{P}") != std::string::npos) ReplaceAll(s, "{P}", Place(cast));
  ReplaceAll(s, "{n000}", std::to_string(rng_.Between(2, 90) * 1000));
  ReplaceAll(s, "{n0}", std::to_string(rng_.Between(2, 90) * 10));
  ReplaceAll(s, "{n}", std::to_string(rng_.Between(2, 30)));
  ReplaceAll(s, "{year}", std::to_string(rng_.Between(1992, 2017)));
  return Capitalise(s);
}

std::string CorpusGenerator::Headline(Cast& cast) {
  cast.headline = true;
  std::string h;
  if (!claim_patterns_.empty() && rng_.Percent(25)) {
    h = Actor(cast, 0) + " accuses " + Actor(cast, 1) + " of " +
        RenderPattern(PickEventPattern(cast), Form::kGerund, cast, 2, nullptr);
  } else {
    const VerbPattern& p = PickEventPattern(cast);
    bool had_target = false;
    h = Actor(cast, 0) + " " + RenderPattern(p, Form::kPresent, cast, 1, &had_target);
    if (!had_target && p.elements.size() == 1) h += " " + Actor(cast, 1);
  }
  cast.headline = false;
  static const std::vector<std::string> kTails = {"", "", "", " as tensions rise", " amid fresh fighting",
                                                  " after talks stall", ": officials", " in {P}"};
  std::string tail = rng_.Pick(kTails);
  if (tail == " in {P}") tail = " in " + Place(cast);
  return Capitalise(h + tail);
}

// ---------------------------------------------------------------- articles

Story CorpusGenerator::MakeStory() {
  Cast cast;
  cast.side[0] = rng_.Pick(country_draw_);
  do cast.side[1] = rng_.Pick(country_draw_);
  while (cast.side[1] == cast.side[0]);
  do cast.side[2] = rng_.Pick(country_draw_);
  while (cast.side[2] == cast.side[0] || cast.side[2] == cast.side[1]);
  cast.theme = &rng_.Pick(Themes());
  cast.date.year = rng_.Between(2018, 2025);
  cast.date.month = rng_.Between(1, cast.date.year == 2025 ? 6 : 12);
  cast.date.day = rng_.Between(1, DaysInMonth(cast.date.year, cast.date.month));
  for (int side = 0; side < 3; ++side) {
    const std::string& code = countries_[cast.side[side]].code;
    auto it = people_by_country_.find(code);
    if (it == people_by_country_.end()) continue;
    for (size_t id : it->second) {
      const Role* r = RoleOn(people_[id], cast.date);
      if (r && r->when.Contains(cast.date) && lexicon_->StateOf(r->country) == code) cast.people[side].push_back(id);
    }
  }

  Story story;
  story.title = Headline(cast);
  story.year = cast.date.year;
  const PartialDate& d = cast.date;
  std::string month = kMonths[d.month - 1];
  switch (rng_.Below(5)) {
    case 0: story.published = std::to_string(d.day) + " " + month + " " + std::to_string(d.year); break;
    case 1: story.published = PartialDate(d).ToString(); break;
    case 2:
      story.published = kWeekdays[Weekday(d.year, d.month, d.day)] + ", " + std::to_string(d.day) + " " + month + " " +
                        std::to_string(d.year) + " " + std::to_string(rng_.Between(10, 23)) + ":" +
                        std::to_string(rng_.Between(10, 59)) + " GMT";
      break;
    default: story.published = month + " " + std::to_string(d.day) + ", " + std::to_string(d.year); break;
  }
  const CorpusCountry& a = countries_[cast.side[0]];
  if (rng_.Percent(45) && !a.capital.empty() && AllAscii(a.capital)) {
    story.dateline = Upper(a.capital) + (rng_.Percent(35) ? ", " + a.name : "") + " (" + rng_.Pick(kAgencies) +
                     ") \xE2\x80\x94 ";
  }
  int captions = rng_.Between(0, 2);
  for (int i = 0; i < captions; ++i) {
    story.captions.push_back(rng_.Pick(kCaptionScenes) + " in " + Place(cast) + ", " + a.name + ", on " +
                             kWeekdays[Weekday(d.year, d.month, d.day)] + ", " + month + " " + std::to_string(d.day) +
                             ", " + std::to_string(d.year) + ".");
  }

  // Body length: mostly 2-5.5 KB, sometimes a long feature.
  size_t target = rng_.Percent(10) ? static_cast<size_t>(rng_.Between(6000, 9500))
                                   : static_cast<size_t>(rng_.Between(1700, 4700));
  size_t size = 0;
  while (size < target) {
    int sentences = story.paragraphs.empty() ? 1 + static_cast<int>(rng_.Below(2)) : 1 + static_cast<int>(rng_.Below(3));
    std::string para;
    for (int k = 0; k < sentences; ++k) {
      std::string s;
      if (story.paragraphs.empty() && k == 0) {
        s = rng_.Percent(70) ? EventSentence(cast) : ReportedSentence(cast);
      } else {
        int r = rng_.Between(0, 99);
        if (r < 26) s = EventSentence(cast);
        else if (r < 42) s = ReportedSentence(cast);
        else if (r < 50) s = QuoteSentence(cast);
        else if (r < 59) s = ClaimSentence(cast);
        else if (r < 64) s = DenialSentence(cast);
        else if (r < 71) s = PassiveSentence(cast);
        else if (r < 78) s = NounSentence(cast);
        else if (r < 88) s = ThemeSentence(cast);
        else s = BackgroundSentence(cast);
      }
      para += (para.empty() ? "" : " ") + s;
    }
    size += para.size() + 2;
    story.paragraphs.push_back(std::move(para));
  }
  return story;
}

std::string CorpusGenerator::Print(const Story& story, bool boilerplate) {
  auto credit = [&]() -> std::string {
    std::string person = rng_.Pick(kGivenNames) + " " + rng_.Pick(kSurnames);
    switch (rng_.Below(4)) {
      case 0: return "Photo: " + person + "/" + rng_.Pick(kCreditAgencies);
      case 1: return person + " / " + rng_.Pick(kCreditAgencies);
      case 2: return "Uncredited / AP";
      default: return "(AP Photo/" + person + ")";
    }
  };
  std::vector<std::string> blocks;
  blocks.push_back(story.title);
  static const std::vector<std::string> kDateLabels = {"Published on ", "Posted: ", "First published: "};
  std::string prefix = rng_.Percent(80) ? "Published: " : rng_.Pick(kDateLabels);
  blocks.push_back(prefix + story.published);
  if (boilerplate && rng_.Percent(60)) blocks.push_back("[ad_1]");
  for (size_t i = 0; i < story.paragraphs.size(); ++i) {
    blocks.push_back(i == 0 ? story.dateline + story.paragraphs[i] : story.paragraphs[i]);
    if (i + 1 == story.paragraphs.size()) break;
    // Captions after the first and a later paragraph; with boilerplate they come back twice.
    for (size_t c = 0; c < story.captions.size(); ++c) {
      size_t at = 1 + c * 3;
      if (i == at) {
        if (boilerplate && rng_.Percent(50)) {
          blocks.push_back("[caption id=\"attachment_" + std::to_string(rng_.Between(10000, 99999)) +
                           "\" align=\"aligncenter\" width=\"" + std::to_string(rng_.Between(6, 12) * 100) + "\"]" +
                           story.captions[c] + "[/caption]");
        } else if (boilerplate || rng_.Percent(30)) {
          blocks.push_back(story.captions[c] + " " + credit());
        }
      }
      if (boilerplate && i == at + 3) {
        blocks.push_back(story.captions[c]);
        blocks.push_back(credit());
      }
    }
    if (boilerplate && i == 3 && rng_.Percent(30)) blocks.push_back(rng_.Percent(50) ? "Advertisement" : "Story continues below advertisement");
    if (boilerplate && i == story.paragraphs.size() / 2 && titles_.size() >= 3 && rng_.Percent(50)) {
      std::string list = rng_.Percent(70) ? "READ MORE:" : "Related:";
      size_t first = rng_.Below(titles_.size());  // three different headlines
      for (size_t k = 0; k < 3; ++k) list += "\n* " + titles_[(first + k) % titles_.size()];
      blocks.push_back(list);
    }
  }
  if (boilerplate) {
    static const std::vector<std::string> kNewsletters = {"Morning", "Evening", "World"};
    if (rng_.Percent(50)) blocks.push_back("Share this article");
    if (rng_.Percent(40))
      blocks.push_back("Sign up for our " + rng_.Pick(kNewsletters) +
                       " Briefing newsletter to get the day's top stories in your inbox.");
    if (rng_.Percent(25)) blocks.push_back("Copyright " + std::to_string(story.year) + " The Associated Press. All rights reserved.");
    if (rng_.Percent(40)) blocks.push_back("[ad_2]");
  }
  std::string out;
  for (const std::string& b : blocks) {
    out += b;
    out += "\n\n";
  }
  out.pop_back();
  return out;
}

std::string CorpusGenerator::Next() {
  if (!recent_.empty() && rng_.Percent(10)) {
    // A near copy: the same story from another outlet or a later edition, with different boilerplate.
    Story s = recent_[rng_.Below(recent_.size())];
    int change = rng_.Between(0, 2);
    if (change == 0 && s.paragraphs.size() > 2) s.paragraphs.erase(s.paragraphs.begin() + 1 + static_cast<long>(rng_.Below(s.paragraphs.size() - 1)));
    else if (change == 1 && s.paragraphs.size() > 3) std::swap(s.paragraphs[1], s.paragraphs[2]);
    else s.title = rng_.Percent(50) ? "UPDATE 1-" + s.title : s.title + " - update";
    if (rng_.Percent(50)) s.dateline.clear();
    return Print(s, rng_.Percent(80));
  }
  Story s = MakeStory();
  std::string out = Print(s, rng_.Percent(45));
  if (titles_.size() == kRecentTitles) titles_.erase(titles_.begin());
  titles_.push_back(s.title);
  if (recent_.size() == kRecentStories) recent_.erase(recent_.begin());
  recent_.push_back(std::move(s));
  return out;
}

std::string CorpusGenerator::NextClean() {
  Story s = MakeStory();
  s.captions.clear();
  return Print(s, false);
}

}  // namespace eventcoder::bench
