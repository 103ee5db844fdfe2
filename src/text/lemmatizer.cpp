#include "text/lemmatizer.h"

#include <fstream>
#include <sstream>

namespace eventcoder {

Result<VerbLemmatizer> VerbLemmatizer::Load(const std::string& wordnet_dir) {
  VerbLemmatizer out;
  std::ifstream index(wordnet_dir + "/index.verb");
  if (!index) return NotFound(wordnet_dir + "/index.verb: cannot open (install the wordnet-base package)");
  std::string line;
  while (std::getline(index, line)) {
    if (line.empty() || line[0] == ' ') continue;  // licence header lines start with spaces
    size_t sp = line.find(' ');
    if (sp == std::string::npos) continue;
    std::string lemma = line.substr(0, sp);
    if (lemma.find('_') != std::string::npos) continue;  // multi-word lemmas are not token forms
    out.lemmas_.insert(std::move(lemma));
  }
  std::ifstream exc(wordnet_dir + "/verb.exc");
  if (!exc) return NotFound(wordnet_dir + "/verb.exc: cannot open (install the wordnet-base package)");
  while (std::getline(exc, line)) {
    std::istringstream fields(line);
    std::string form, lemma;
    if (fields >> form >> lemma) out.exceptions_.emplace(form, lemma);
  }
  if (out.lemmas_.empty()) return InvalidInput(wordnet_dir + "/index.verb: no verbs read");
  return out;
}

VerbLemmatizer VerbLemmatizer::FromData(std::unordered_set<std::string> lemmas,
                                        std::unordered_map<std::string, std::string> exceptions) {
  VerbLemmatizer out;
  out.lemmas_.insert(lemmas.begin(), lemmas.end());
  out.exceptions_.insert(exceptions.begin(), exceptions.end());
  return out;
}

namespace {

// British spellings to the American forms WordNet lists: recognised -> recognized, analysed -> analyzed,
// cancelled -> canceled, honoured -> honored.
std::string Americanise(const std::string& w) {
  std::string out = w;
  for (const char* from : {"isation", "ised", "ises", "ising", "ise"}) {
    size_t p = out.rfind(from);
    if (p != std::string::npos && p + std::string_view(from).size() == out.size() && p >= 3) {
      out.replace(p, 2, "iz");
      return out;
    }
  }
  for (const char* from : {"ysed", "yses", "ysing", "yse"}) {
    size_t p = out.rfind(from);
    if (p != std::string::npos && p + std::string_view(from).size() == out.size()) {
      out.replace(p, 2, "yz");
      return out;
    }
  }
  for (const char* sfx : {"lled", "lling"}) {
    size_t n = std::string_view(sfx).size();
    if (out.size() > n + 2 && out.compare(out.size() - n, n, sfx) == 0) {
      out.erase(out.size() - n, 1);
      return out;
    }
  }
  size_t our = out.find("our");
  if (our != std::string::npos && our > 1) out.replace(our, 3, "or");
  return out;
}

// True when Americanise could change the word (its suffixes, or "our" after the second letter); the
// check allocates nothing, and most words fail it.
bool MayBeBritish(std::string_view w) {
  for (std::string_view sfx : {"ise", "ised", "ises", "ising", "isation", "yse", "ysed", "yses", "ysing", "lled", "lling"})
    if (w.size() >= sfx.size() && w.substr(w.size() - sfx.size()) == sfx) return true;
  size_t our = w.find("our");
  return our != std::string_view::npos && our > 1;
}

}  // namespace

std::string VerbLemmatizer::Lemma(std::string_view lower) const {
  std::string_view found = LemmaOf(lower);
  if (!found.empty()) return std::string(found);
  if (!MayBeBritish(lower)) return {};
  std::string american = Americanise(std::string(lower));
  return american == lower ? std::string() : std::string(LemmaOf(american));
}

std::string_view VerbLemmatizer::LemmaOf(std::string_view w) const {
  if (auto it = exceptions_.find(w); it != exceptions_.end()) return it->second;
  if (auto it = lemmas_.find(w); it != lemmas_.end()) return *it;
  // WordNet's detachment rules for verbs, plus the doubled final consonant ("shelling" is covered by
  // "ing" -> "", "planned" -> "plann" -> "plan"). Candidates are built in a buffer on the stack.
  static const std::pair<std::string_view, std::string_view> kRules[] = {
      {"s", ""}, {"ies", "y"}, {"ied", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}};
  char buf[64];
  if (w.size() > sizeof buf) return {};  // no English verb form is this long
  for (const auto& [sfx, repl] : kRules) {
    if (w.size() <= sfx.size() + 1 || w.substr(w.size() - sfx.size()) != sfx) continue;
    size_t stem = w.size() - sfx.size();
    if (stem + repl.size() > sizeof buf) continue;
    w.copy(buf, stem);
    repl.copy(buf + stem, repl.size());
    std::string_view base(buf, stem + repl.size());
    if (auto it = lemmas_.find(base); it != lemmas_.end()) return *it;
    if (repl.empty() && (sfx == "ed" || sfx == "ing") && base.size() >= 3 && base[base.size() - 1] == base[base.size() - 2]) {
      if (auto it = lemmas_.find(base.substr(0, base.size() - 1)); it != lemmas_.end()) return *it;
    }
  }
  return {};
}

}  // namespace eventcoder
