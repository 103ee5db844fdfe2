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
  bool IsVerbLemma(std::string_view lower) const { return lemmas_.count(lower) != 0; }
  size_t size() const { return lemmas_.size(); }

 private:
  // Hashes std::string and std::string_view alike: lookups by view allocate nothing (a lemma is looked
  // up for every word of every sentence).
  struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // The lemma (a view into lemmas_ or exceptions_), or empty.
  std::string_view LemmaOf(std::string_view word) const;
  std::unordered_set<std::string, ViewHash, std::equal_to<>> lemmas_;
  std::unordered_map<std::string, std::string, ViewHash, std::equal_to<>> exceptions_;
};

}  // namespace eventcoder
