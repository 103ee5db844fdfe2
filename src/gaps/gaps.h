// GapCollector: the gaps/ stage. Reads coded Documents and lists what the dictionaries miss, most
// frequent first, so that dictionary work goes where the corpus needs it:
//   - unknown actors: capitalised names ("Rapid Support Forces", "al-Burhan") standing as a subject
//     (right before a verb) or an object (right after a verb, a matched pattern or a passive "by") that
//     no actor entry and no place covers; and lower-case agent nouns ("gunmen") right before a matched
//     verb pattern whose event got no source;
//   - unmatched verbs: verb lemmas standing between two actors in a sentence where no pattern matched
//     that verb;
//   - unresolved places: capitalised words after in / near / at / outside / from that are neither actors
//     nor gazetteer places.
// Each gap comes with up to two example sentences. The rules are heuristics for a reading list, not
// coding decisions: docs/dictionaries.md ("Finding what the dictionaries miss").
//
//   GapCollector gaps(engine.lexicon(), engine.gazetteer());
//   for (Document& doc : corpus) {
//     engine.CodeDocument(doc, options);
//     gaps.Add(doc);
//   }
//   GapReport report = gaps.Report(20);   // the 20 most frequent of each kind
//
// Thread-safety: Add changes the collector, so one GapCollector per thread; the Lexicon and Gazetteer
// it reads may be shared.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "coder/coder.h"
#include "doc/document.h"
#include "geo/gazetteer.h"
#include "lexicon/lexicon.h"

namespace eventcoder {

struct GapExample {
  std::string article;       // Document::path, or its id when it has no path
  int sentence_index = 0;
  std::string sentence;
};

struct Gap {
  std::string text;          // the name as written, the lower-case agent noun, or the verb lemma
  int count = 0;             // mentions in the corpus
  int articles = 0;          // articles it occurs in
  std::vector<GapExample> examples;  // up to two distinct sentences, in reading order
};

struct GapReport {
  int articles = 0, sentences = 0;
  // Most frequent first (then in more articles, then alphabetical).
  std::vector<Gap> unknown_actors, unmatched_verbs, unresolved_places;
};

class GapCollector {
 public:
  // `gazetteer` may be null: then no place is known and every place-like name counts as unresolved.
  GapCollector(const Lexicon& lexicon, const Gazetteer* gazetteer);

  // Adds one coded Document: split into sentences and tokens, with its events (Coder::Code).
  void Add(const Document& doc);

  // The gaps found so far; `top` > 0 keeps that many of each kind.
  GapReport Report(size_t top = 0) const;

 private:
  struct Tally {
    int count = 0;
    std::set<int> articles;
    std::vector<std::pair<long, GapExample>> examples;  // (reading order, example)
  };
  // A one-word name that starts its sentence: a capital there proves nothing, so the corpus decides at
  // Report time (a word the corpus also writes in lower case is no name: "Witnesses said").
  struct InitialName {
    Tally tally;
    std::string first_lower;  // the word, lower case
  };

  void Note(Tally& tally, const Document& doc, size_t sentence);
  static void Merge(Tally& into, const Tally& from);
  static std::vector<Gap> Rank(const std::map<std::string, Tally>& tallies, size_t top);

  const Lexicon& lexicon_;
  const Gazetteer* gazetteer_;
  Coder coder_;  // for its pattern matches (Coder::MatchPatterns)
  int articles_ = 0, sentences_ = 0;
  long seen_ = 0;
  std::map<std::string, Tally> actors_, verbs_, places_;
  std::map<std::string, InitialName> initial_actors_;
  std::unordered_set<std::string> lower_words_;  // words the corpus writes in lower case
};

}  // namespace eventcoder
