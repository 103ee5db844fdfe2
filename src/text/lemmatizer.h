// VerbLemmatizer: maps an English word form to its verb lemma using WordNet's data
// (Debian package wordnet-base: index.verb for the lemma list, verb.exc for irregular forms).
//
//   Result<VerbLemmatizer> lem = VerbLemmatizer::Load("/usr/share/wordnet");
//   lem->Lemma("fought");   // "fight"
//   lem->Lemma("shelling"); // "shell"
//   lem->Lemma("table");    // ""   (not a verb form)
//   lem->Lemma("recognised"); // "recognize" (British spellings map to WordNet's American lemmas)
//
// Thread-safety: immutable after Load; Lemma() may be called from any thread.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/status.h"

namespace eventcoder {

class VerbLemmatizer {
 public:
  static Result<VerbLemmatizer> Load(const std::string& wordnet_dir);
  // Builds a lemmatizer from explicit data (tests).
  static VerbLemmatizer FromData(std::unordered_set<std::string> lemmas,
                                 std::unordered_map<std::string, std::string> exceptions);

  // The verb lemma of a lower-case word form, or "" when the word is not a form of any known verb.
  std::string Lemma(std::string_view lower) const;
  bool IsVerbLemma(std::string_view lower) const { return lemmas_.count(std::string(lower)) != 0; }
  size_t size() const { return lemmas_.size(); }

 private:
  std::string LemmaOf(const std::string& word) const;
  std::unordered_set<std::string> lemmas_;
  std::unordered_map<std::string, std::string> exceptions_;
};

}  // namespace eventcoder
