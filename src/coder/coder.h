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

class Coder {
 public:
  Coder(const Lexicon& lexicon, const Gazetteer* gazetteer) : lexicon_(lexicon), gazetteer_(gazetteer) {}
  void Code(Document& doc, const CoderOptions& options) const;

 private:
  const Lexicon& lexicon_;
  const Gazetteer* gazetteer_;
};

}  // namespace eventcoder
