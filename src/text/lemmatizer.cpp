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
  out.lemmas_ = std::move(lemmas);
  out.exceptions_ = std::move(exceptions);
  return out;
}

std::string VerbLemmatizer::Lemma(std::string_view lower) const {
  std::string w(lower);
  if (auto it = exceptions_.find(w); it != exceptions_.end()) return it->second;
  if (lemmas_.count(w)) return w;
  // WordNet's detachment rules for verbs, plus the doubled final consonant ("shelling" is covered by
  // "ing" -> "", "planned" -> "plann" -> "plan").
  static const std::pair<const char*, const char*> kRules[] = {
      {"s", ""}, {"ies", "y"}, {"ied", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}};
  for (const auto& [suffix, repl] : kRules) {
    std::string_view sfx(suffix);
    if (w.size() <= sfx.size() + 1 || w.compare(w.size() - sfx.size(), sfx.size(), sfx) != 0) continue;
    std::string base = w.substr(0, w.size() - sfx.size()) + repl;
    if (lemmas_.count(base)) return base;
    if (*repl == 0 && (sfx == "ed" || sfx == "ing") && base.size() >= 3 &&
        base[base.size() - 1] == base[base.size() - 2]) {
      std::string undoubled = base.substr(0, base.size() - 1);
      if (lemmas_.count(undoubled)) return undoubled;
    }
  }
  return {};
}

}  // namespace eventcoder
