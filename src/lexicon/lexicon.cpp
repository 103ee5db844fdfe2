#include "lexicon/lexicon.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/sha256.h"
#include "text/tokenizer.h"

namespace eventcoder {
namespace fs = std::filesystem;

namespace {

const std::unordered_set<std::string_view> kSectors = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "REF", "IGO",
    "NGO", "LEG", "ELI", "UAF", "INS", "LAB", "AGR", "REL", "HLH", "ENV", "SEP", "MOD", "RAD", "HRI"};

bool IsUpperCode(std::string_view s, size_t min_len, size_t max_len) {
  if (s.size() < min_len || s.size() > max_len) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

std::string ReadAll(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

bool IsSectorCode(std::string_view s) { return kSectors.count(s) != 0; }

bool DateRange::Contains(const PartialDate& d) const {
  auto key = [](const PartialDate& p, bool upper) {
    int m = p.month ? p.month : (upper ? 12 : 1);
    int day = p.day ? p.day : (upper ? 31 : 1);
    return p.year * 10000 + m * 100 + day;
  };
  int k = key(d, false);
  if (from && k < key(*from, false)) return false;
  if (to && k > key(*to, true)) return false;
  return true;
}

std::optional<DateRange> ParseDateRange(std::string_view s) {
  size_t dots = s.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  DateRange r;
  std::string_view a = TrimView(s.substr(0, dots)), b = TrimView(s.substr(dots + 2));
  if (!a.empty()) {
    r.from = PartialDate::Parse(a);
    if (!r.from || a.size() > 10) return std::nullopt;
  }
  if (!b.empty()) {
    r.to = PartialDate::Parse(b);
    if (!r.to || b.size() > 10) return std::nullopt;
  }
  return r;
}

// ---------------------------------------------------------------- PhraseIndex

void PhraseIndex::Add(std::string_view phrase, uint32_t payload) {
  std::vector<Token> tokens = Tokenize(phrase, nullptr);
  if (tokens.empty()) return;
  Phrase p;
  p.payload = payload;
  for (const Token& t : tokens) {
    std::string_view surface = phrase.substr(t.begin, t.end - t.begin);
    int letters = 0, upper = 0;
    for (char c : surface) {
      if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
      if (c >= 'A' && c <= 'Z') ++upper;
    }
    uint8_t rule = 0;
    if (letters >= 2 && upper == letters) {
      rule = 2;
    } else if (t.capitalised) {
      rule = 1;
    }
    p.words.push_back(t.lower);
    p.case_rule.push_back(rule);
    p.exact.emplace_back(surface);
  }
  Bucket& bucket = by_first_[p.words[0]];
  if (p.words.size() == 1) {
    bucket.singles.push_back(std::move(p));
  } else {
    bucket.by_second[p.words[1]].push_back(std::move(p));
  }
  ++count_;
}

void PhraseIndex::MatchList(const std::vector<Phrase>& list, std::string_view sentence,
                            const std::vector<Token>& tokens, size_t i, int& best, std::vector<uint32_t>* payloads) {
  for (const Phrase& p : list) {
    size_t n = p.words.size();
    if (i + n > tokens.size() || static_cast<int>(n) < best) continue;
    bool ok = true;
    for (size_t k = 0; k < n && ok; ++k) {
      const Token& t = tokens[i + k];
      if (t.lower != p.words[k]) ok = false;
      else if (p.case_rule[k] == 1 && !t.capitalised) ok = false;
      else if (p.case_rule[k] == 2 && sentence.substr(t.begin, t.end - t.begin) != p.exact[k]) ok = false;
    }
    if (!ok) continue;
    if (static_cast<int>(n) > best) {
      best = static_cast<int>(n);
      if (payloads) payloads->clear();
    }
    if (payloads && std::find(payloads->begin(), payloads->end(), p.payload) == payloads->end())
      payloads->push_back(p.payload);
  }
}

int PhraseIndex::LongestAt(std::string_view sentence, const std::vector<Token>& tokens, size_t i,
                           std::vector<uint32_t>* payloads) const {
  auto it = by_first_.find(tokens[i].lower);
  if (it == by_first_.end()) return 0;
  int best = 0;
  // Longer phrases first: a one-word phrase counts only when no longer one matches.
  if (i + 1 < tokens.size()) {
    auto more = it->second.by_second.find(tokens[i + 1].lower);
    if (more != it->second.by_second.end()) MatchList(more->second, sentence, tokens, i, best, payloads);
  }
  if (best == 0) MatchList(it->second.singles, sentence, tokens, i, best, payloads);
  return best;
}

// ---------------------------------------------------------------- Lexicon

void Lexicon::AddActor(ActorEntry entry, const std::vector<std::string>& phrases) {
  uint32_t id = static_cast<uint32_t>(actors_.size());
  actors_.push_back(std::move(entry));
  for (const std::string& p : phrases) actor_index_.Add(p, id);
}

void Lexicon::LoadCountries(const std::vector<DictLine>& lines, std::vector<std::string>* problems) {
  for (const DictLine& l : lines) {
    if (!IsUpperCode(l.first, 3, 3)) {
      if (problems) problems->push_back(l.Where() + ": '" + l.first + "' is not a three-letter code");
      continue;
    }
    std::vector<std::string> names = l.Values("name");
    if (names.empty()) {
      if (problems) problems->push_back(l.Where() + ": no name");
      continue;
    }
    std::string state = l.first;
    std::vector<std::string> own_sectors;
    if (l.Has("country")) {
      std::vector<std::string> c = l.Values("country");
      if (c.size() != 1 || !IsUpperCode(c[0], 3, 3)) {
        if (problems) problems->push_back(l.Where() + ": bad country field");
        continue;
      }
      state = c[0];
      territory_state_[l.first] = state;
    }
    for (const std::string& s : l.Values("sectors")) {
      for (const std::string& x : SplitList(s, ' ')) {
        if (!IsSectorCode(x)) {
          if (problems) problems->push_back(l.Where() + ": unknown sector '" + x + "'");
          continue;
        }
        own_sectors.push_back(x);
      }
    }
    country_names_[l.first] = names[0];
    auto make = [&](ActorKind kind, std::vector<std::string> sectors) {
      ActorEntry e;
      e.kind = kind;
      e.code = l.first;
      e.country = state;
      e.sectors = own_sectors.empty() ? std::move(sectors) : own_sectors;
      e.name = names[0];
      e.where = l.Where();
      return e;
    };
    AddActor(make(ActorKind::kCountryName, {}), names);
    AddActor(make(ActorKind::kCountryAdj, {}), l.Values("adj"));
    AddActor(make(ActorKind::kPeople, {"CVL"}), l.Values("people"));
    AddActor(make(ActorKind::kCapital, {"GOV"}), l.Values("capital"));
    for (const std::string& seat : l.Values("seat")) {
      size_t eq = seat.find('=');
      std::vector<std::string> sectors = {"GOV"};
      std::string name = seat;
      if (eq != std::string::npos) {
        name = std::string(TrimView(seat.substr(0, eq)));
        sectors = SplitList(seat.substr(eq + 1), ' ');
        bool ok = !sectors.empty();
        for (const std::string& s : sectors) ok = ok && IsSectorCode(s);
        if (!ok) {
          if (problems) problems->push_back(l.Where() + ": bad sectors in seat '" + seat + "'");
          continue;
        }
      }
      ActorEntry e = make(ActorKind::kSeat, sectors);
      e.sectors = sectors;
      AddActor(std::move(e), {name});
    }
  }
}

void Lexicon::LoadAgents(const std::vector<DictLine>& lines, std::vector<std::string>* problems) {
  for (const DictLine& l : lines) {
    std::vector<std::string> sectors = SplitList(l.first, ' ');
    bool ok = !sectors.empty();
    for (const std::string& s : sectors) {
      if (!IsSectorCode(s)) {
        if (problems) problems->push_back(l.Where() + ": unknown sector '" + s + "'");
        ok = false;
      }
    }
    std::vector<std::string> phrases;
    for (const DictField& f : l.fields)
      if (f.key.empty()) phrases.insert(phrases.end(), f.values.begin(), f.values.end());
    if (phrases.empty()) {
      if (problems) problems->push_back(l.Where() + ": no phrases");
      ok = false;
    }
    if (!ok) continue;
    ActorEntry e;
    e.kind = ActorKind::kAgent;
    e.sectors = sectors;
    e.name = phrases[0];
    e.where = l.Where();
    AddActor(std::move(e), phrases);
  }
}

void Lexicon::LoadPeople(const std::vector<DictLine>& lines, std::vector<std::string>* problems) {
  for (const DictLine& l : lines) {
    ActorEntry e;
    e.kind = ActorKind::kPerson;
    e.name = l.first;
    e.where = l.Where();
    bool ok = true;
    for (const DictField* f : l.All("role")) {
      for (const std::string& v : f->values) {
        std::vector<std::string> parts = SplitList(v, ' ');
        Role r;
        size_t k = 0;
        if (parts.empty() || !(parts[0] == "-" || IsUpperCode(parts[0], 3, 12))) {
          if (problems) problems->push_back(l.Where() + ": role '" + v + "' must start with a country or code");
          ok = false;
          break;
        }
        r.country = parts[0] == "-" ? "" : parts[0];
        k = 1;
        while (k < parts.size() && IsSectorCode(parts[k])) r.sectors.push_back(parts[k++]);
        if (k >= parts.size() || parts[k].find("..") == std::string::npos) {
          if (problems) problems->push_back(l.Where() + ": role '" + v + "' has no FROM..TO range");
          ok = false;
          break;
        }
        std::optional<DateRange> range = ParseDateRange(parts[k]);
        if (!range) {
          if (problems) problems->push_back(l.Where() + ": bad date range '" + parts[k] + "'");
          ok = false;
          break;
        }
        r.when = *range;
        for (++k; k < parts.size(); ++k) r.title += (r.title.empty() ? "" : " ") + parts[k];
        e.roles.push_back(std::move(r));
      }
    }
    if (e.roles.empty() && ok) {
      if (problems) problems->push_back(l.Where() + ": no role");
      ok = false;
    }
    if (!ok) continue;
    std::vector<std::string> phrases = {l.first};
    for (const std::string& a : l.Values("alias")) phrases.push_back(a);
    AddActor(std::move(e), phrases);
  }
}

void Lexicon::LoadOrganisations(const std::vector<DictLine>& lines, std::vector<std::string>* problems) {
  for (const DictLine& l : lines) {
    if (!IsUpperCode(l.first, 3, 14)) {
      if (problems) problems->push_back(l.Where() + ": '" + l.first + "' is not an upper-case actor code");
      continue;
    }
    std::vector<std::string> names = l.Values("name");
    if (names.empty()) {
      if (problems) problems->push_back(l.Where() + ": no name");
      continue;
    }
    ActorEntry e;
    e.kind = ActorKind::kOrganisation;
    e.code = l.first;
    e.name = names[0];
    e.where = l.Where();
    std::vector<std::string> c = l.Values("country");
    if (!c.empty()) {
      if (c.size() != 1 || !IsUpperCode(c[0], 3, 3)) {
        if (problems) problems->push_back(l.Where() + ": bad country field");
        continue;
      }
      e.country = c[0];
    }
    bool ok = true;
    for (const std::string& s : l.Values("sectors"))
      for (const std::string& x : SplitList(s, ' ')) {
        if (!IsSectorCode(x)) {
          if (problems) problems->push_back(l.Where() + ": unknown sector '" + x + "'");
          ok = false;
        }
        e.sectors.push_back(x);
      }
    if (ok) AddActor(std::move(e), names);
  }
}

void Lexicon::LoadPatterns(const std::vector<DictLine>& lines, std::vector<std::string>* problems) {
  for (const DictLine& l : lines) {
    VerbPattern p;
    p.code = l.first;
    p.where = l.Where();
    if (!Cameo(p.code)) {
      if (problems) problems->push_back(l.Where() + ": unknown CAMEO code '" + p.code + "'");
      continue;
    }
    if (l.fields.empty() || l.fields[0].values.empty()) {
      if (problems) problems->push_back(l.Where() + ": no pattern");
      continue;
    }
    // The pattern field may contain ';' only by mistake; rejoin values.
    std::string text;
    for (const std::string& v : l.fields[0].values) text += (text.empty() ? "" : "; ") + v;
    if (!l.fields[0].key.empty()) {
      if (l.fields[0].key != "noun") {
        if (problems) problems->push_back(l.Where() + ": unexpected key '" + l.fields[0].key + "'");
        continue;
      }
      p.noun = true;
    }
    p.text = (p.noun ? "noun: " : "") + text;
    // Elements, split on spaces outside braces.
    std::vector<std::string> parts;
    std::string cur;
    int depth = 0;
    for (char c : text) {
      if (c == '{') ++depth;
      if (c == '}') --depth;
      if (c == ' ' && depth == 0) {
        if (!cur.empty()) parts.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    if (!cur.empty()) parts.push_back(cur);
    bool ok = !parts.empty();
    for (const std::string& part : parts) {
      PatternElement e;
      if (part == "*") {
        e.kind = PatternElement::Kind::kGap;
      } else if (part == "TGT") {
        e.kind = PatternElement::Kind::kTarget;
      } else if (part == "SRC") {
        e.kind = PatternElement::Kind::kSource;
      } else if (part.front() == '{') {
        if (part.back() != '}') {
          if (problems) problems->push_back(l.Where() + ": unclosed '{' in '" + part + "'");
          ok = false;
          break;
        }
        e.kind = PatternElement::Kind::kAlternatives;
        for (const std::string& alt : SplitList(std::string_view(part).substr(1, part.size() - 2), '|'))
          e.words.push_back(FoldLower(alt));
        if (e.words.empty()) ok = false;
      } else {
        e.kind = PatternElement::Kind::kWord;
        e.words.push_back(FoldLower(part));
      }
      if (e.kind == PatternElement::Kind::kWord || e.kind == PatternElement::Kind::kAlternatives) ++p.literal_count;
      p.elements.push_back(std::move(e));
    }
    if (ok && (p.elements[0].kind != PatternElement::Kind::kWord &&
               p.elements[0].kind != PatternElement::Kind::kAlternatives)) {
      if (problems) problems->push_back(l.Where() + ": a pattern must start with a word");
      ok = false;
    }
    if (!ok) continue;
    for (size_t f = 1; f < l.fields.size(); ++f) {
      for (const std::string& v : l.fields[f].values) {
        for (const std::string& opt : SplitList(v, ',')) {
          std::string o(TrimView(opt));
          if (o == "claim") p.claim = true;
          else if (o == "say") p.say = true;
          else if (o == "deny") p.deny = true;
          else if (o == "mutual") p.mutual = true;
          else if (o == "place-target") p.place_target = true;
          else if (o == "reverse") p.reverse = true;
          else if (o == "intent") p.intent = true;
          else if (o == "threat") p.threat = true;
          else if (o == "needs-target") p.needs_target = true;
          else if (problems) problems->push_back(l.Where() + ": unknown option '" + o + "'");
        }
      }
    }
    // Material conflict and coercion (roots 17-20) hit places as well as actors: "shelled Kharkiv".
    std::string_view root = std::string_view(p.code).substr(0, 2);
    if (root == "17" || root == "18" || root == "19" || root == "20") p.place_target = true;
    uint32_t id = static_cast<uint32_t>(patterns_.size());
    const PatternElement& first = p.elements[0];
    for (const std::string& w : first.words) {
      // Multi-word alternatives index under their first word.
      std::string key = w.substr(0, w.find(' '));
      (p.noun ? noun_patterns_ : verb_patterns_)[key].push_back(id);
    }
    patterns_.push_back(std::move(p));
  }
}

void Lexicon::LoadCues(const std::vector<DictLine>& lines, std::vector<std::string>* problems) {
  std::unordered_map<std::string, std::unordered_set<std::string>*> sets = {
      {"intend", &cues_.intend},           {"threaten", &cues_.threaten},
      {"hypothetical", &cues_.hypothetical}, {"negator", &cues_.negators},
      {"condition", &cues_.conditions},    {"locative", &cues_.locatives},
      {"filler", &cues_.fillers},          {"determiner", &cues_.determiners},
      {"clause-opener", &cues_.clause_openers}, {"place-noun", &cues_.place_nouns},
      {"vague-time", &cues_.vague_time},   {"kill", &cues_.kill},
      {"injure", &cues_.injure},           {"arrest", &cues_.arrest},
      {"person-noun", &cues_.person_nouns}, {"consequence", &cues_.consequence},
      {"quantity-of", &cues_.quantity_heads}};
  for (const DictLine& l : lines) {
    if (l.first == "dyad") {
      for (const DictField& f : l.fields)
        for (const std::string& v : f.values) cues_.dyads.push_back(SplitList(FoldLower(v), ' '));
      continue;
    }
    auto it = sets.find(l.first);
    if (it == sets.end()) {
      if (problems) problems->push_back(l.Where() + ": unknown cue list '" + l.first + "'");
      continue;
    }
    for (const DictField& f : l.fields)
      for (const std::string& v : f.values) it->second->insert(FoldLower(v));
  }
}

const CameoCode* Lexicon::Cameo(std::string_view code) const {
  auto it = cameo_.find(code);
  return it == cameo_.end() ? nullptr : &it->second;
}

std::string Lexicon::CountryName(std::string_view alpha3) const {
  auto it = country_names_.find(std::string(alpha3));
  return it == country_names_.end() ? std::string() : it->second;
}

std::string Lexicon::StateOf(std::string_view code) const {
  auto it = territory_state_.find(std::string(code));
  return it == territory_state_.end() ? std::string(code) : it->second;
}

const std::vector<uint32_t>* Lexicon::VerbPatternsFor(std::string_view lemma) const {
  auto it = verb_patterns_.find(std::string(lemma));
  return it == verb_patterns_.end() ? nullptr : &it->second;
}

const std::vector<uint32_t>* Lexicon::NounPatternsFor(std::string_view word) const {
  auto it = noun_patterns_.find(std::string(word));
  return it == noun_patterns_.end() ? nullptr : &it->second;
}

Result<Lexicon> Lexicon::Load(const std::string& dir, const std::string& ontology_path,
                              std::vector<std::string>* problems) {
  Lexicon lex;
  // Ontology first: patterns are checked against it.
  bool ok = false;
  std::string tsv = ReadAll(ontology_path, &ok);
  if (!ok) return NotFound(ontology_path + ": cannot open");
  {
    std::istringstream in(tsv);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      if (++n == 1) continue;
      std::vector<std::string> cols;
      size_t pos = 0;
      while (true) {
        size_t tab = line.find('\t', pos);
        cols.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
        if (tab == std::string::npos) break;
        pos = tab + 1;
      }
      if (cols.size() < 5) {
        if (problems) problems->push_back(ontology_path + ":" + std::to_string(n) + ": expected 8 columns");
        continue;
      }
      cols.resize(8);
      CameoCode c{cols[0], cols[2], std::atof(cols[3].c_str()), std::atoi(cols[4].c_str()), cols[5], cols[6], cols[7]};
      lex.cameo_.emplace(c.code, std::move(c));
    }
  }
  std::vector<std::string> files;
  auto load = [&](const std::string& name, bool required) -> Result<std::vector<DictLine>> {
    std::string path = dir + "/" + name;
    bool exists = fs::exists(path);
    if (!exists) {
      if (required) return NotFound(path + ": cannot open (dictionary missing)");
      return std::vector<DictLine>{};
    }
    files.push_back(path);
    return ParseDictionaryFile(path, problems);
  };
  for (const char* name : {"countries.txt", "organisations.txt", "people.txt", "agents.txt", "cues.txt"}) {
    Result<std::vector<DictLine>> lines = load(name, std::string(name) == "countries.txt" || std::string(name) == "cues.txt");
    if (!lines.ok()) return lines.status();
    std::string n = name;
    if (n == "countries.txt") lex.LoadCountries(lines.value(), problems);
    else if (n == "organisations.txt") lex.LoadOrganisations(lines.value(), problems);
    else if (n == "people.txt") lex.LoadPeople(lines.value(), problems);
    else if (n == "agents.txt") lex.LoadAgents(lines.value(), problems);
    else lex.LoadCues(lines.value(), problems);
  }
  {
    Result<std::vector<DictLine>> lines = load("abbreviations.txt", false);
    if (!lines.ok()) return lines.status();
    for (const DictLine& l : lines.value()) lex.abbreviations_.insert(l.first);
  }
  std::vector<fs::path> verb_files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir + "/verbs", ec))
    if (entry.path().extension() == ".txt") verb_files.push_back(entry.path());
  std::sort(verb_files.begin(), verb_files.end());
  if (verb_files.empty()) return NotFound(dir + "/verbs: no pattern files (*.txt)");
  for (const fs::path& p : verb_files) {
    files.push_back(p.string());
    Result<std::vector<DictLine>> lines = ParseDictionaryFile(p.string(), problems);
    if (!lines.ok()) return lines.status();
    lex.LoadPatterns(lines.value(), problems);
  }
  // places.txt belongs to the gazetteer but is part of the dictionary fingerprint.
  if (fs::exists(dir + "/places.txt")) files.push_back(dir + "/places.txt");
  Sha256 sha;
  for (const std::string& f : files) {
    bool read_ok = false;
    std::string content = ReadAll(f, &read_ok);
    sha.Update(fs::path(f).filename().string());
    sha.Update(content);
  }
  lex.digest_ = sha.HexDigest().substr(0, 16);
  lex.files_ = std::move(files);
  return lex;
}

}  // namespace eventcoder
