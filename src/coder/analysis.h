// Sentence analysis for the coder: actor phrases and groups, places, verb-pattern matches.
// Internal to coder/; the public entry point is coder/coder.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "doc/document.h"
#include "geo/gazetteer.h"
#include "lexicon/lexicon.h"

namespace eventcoder::internal {

// One actor phrase ("the Armenian army", "Russian President Vladimir Putin", "Armenian and Azerbaijani
// foreign ministers" — the last gives two actors).
struct Phrase {
  uint32_t begin = 0, end = 0;           // token range (determiners excluded)
  std::vector<ActorRef> actors;
  bool modifier_only = false;            // only a country adjective before an ordinary noun
  bool possessive = false;               // followed by "'s"
};

// Phrases joined by "and" / "," — "Armenia and Azerbaijan".
struct Group {
  uint32_t begin = 0, end = 0;
  std::vector<ActorRef> actors;
  bool modifier_only = false;
};

struct PlaceMention {
  uint32_t begin = 0, end = 0;           // token range
  uint32_t place = 0;                    // gazetteer id
  std::string country;
};

struct SentenceAnalysis {
  std::vector<Group> groups;
  std::vector<PlaceMention> places;
  std::vector<int> group_at;             // token -> group starting or covering it (-1)
  std::vector<int> place_at;             // token -> place covering it (-1)
};

struct AnalysisContext {
  const Lexicon& lexicon;
  const Gazetteer* gazetteer;            // may be null (no places)
  std::optional<PartialDate> when;       // for choosing a person's role
  const std::vector<std::string>* article_countries;  // most mentioned first
};

SentenceAnalysis AnalyzeSentence(std::string_view sentence, const std::vector<Token>& tokens,
                                 const AnalysisContext& ctx);

// Countries named by actor words in a sentence (for the article-level context), cheap pass.
void CollectCountries(std::string_view sentence, const std::vector<Token>& tokens, const Lexicon& lexicon,
                      std::vector<std::string>* out);

// The countries an article's actor words name, most mentioned first (ties in code order): the
// article-level context of AnalyzeSentence.
std::vector<std::string> ArticleCountries(const Document& doc, const Lexicon& lexicon);

}  // namespace eventcoder::internal
