// Coder: the coder/ stage. Finds events in a split Document by dictionary-driven shallow parsing:
// actor phrases (countries, agents, people, organisations) and places are recognised, verb and noun
// patterns from dictionaries/verbs/ are matched, and each match gets a source (the subject before it,
// a "by" phrase, or the SRC slot), a target (the TGT slot or the first actor after it), claims
// ("X accused Y of …", "X said …"), denials, negation, modality, a date, a place and a magnitude.
// docs/coding.md describes every rule.
//
//   Coder coder(lexicon, &gazetteer);
//   coder.Code(doc, CoderOptions{});   // fills doc.events
//
// Thread-safety: a Coder is immutable; Code() may run on many documents at once.
#pragma once

#include "doc/document.h"
#include "geo/gazetteer.h"
#include "lexicon/lexicon.h"

namespace eventcoder {

struct CoderOptions {
  bool include_hypothetical = false;  // keep events in "if …" / "would" clauses
  bool explain = false;               // fill Event::explain
};

// One verb or noun pattern matched in a sentence, whether or not it became an event (an event also needs
// a known actor, an asserted clause, …).
struct PatternSpan {
  int sentence_index = 0;
  uint32_t begin = 0, end = 0;  // token range [begin, end) in the sentence: trigger to last matched word
  uint32_t pattern = 0;         // Lexicon::pattern id
};

class Coder {
 public:
  Coder(const Lexicon& lexicon, const Gazetteer* gazetteer) : lexicon_(lexicon), gazetteer_(gazetteer) {}
  void Code(Document& doc, const CoderOptions& options) const;
  // Every pattern match in a split Document, in sentence and token order, without coding events
  // (gaps/ uses it to tell which words the verb dictionaries already cover).
  std::vector<PatternSpan> MatchPatterns(const Document& doc) const;

 private:
  const Lexicon& lexicon_;
  const Gazetteer* gazetteer_;
};

}  // namespace eventcoder
