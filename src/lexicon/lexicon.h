// Lexicon: every dictionary under dictionaries/ plus the CAMEO ontology, loaded once and compiled into
// phrase indexes that all threads share.
//
//   std::vector<std::string> problems;
//   Result<Lexicon> lex = Lexicon::Load("dictionaries", "ontology/cameo.tsv", &problems);
//   std::vector<PhraseMatch> m = lex->actors().Match(sentence, tokens);   // actor words in a sentence
//
// Files and their formats: docs/dictionaries.md. Load() fails only when a file cannot be read;
// malformed entries are skipped and reported in `problems` as "file:line: cause" (check-dictionaries
// prints them).
// Thread-safety: immutable after Load; every const method may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "lexicon/dictionary_file.h"

namespace eventcoder {

struct DateRange {
  std::optional<PartialDate> from, to;
  bool Contains(const PartialDate& d) const;
};

struct Role {
  std::string country;               // alpha-3, an IGO code ("IGOUNO"), or "" for none
  std::vector<std::string> sectors;
  DateRange when;
  std::string title;
};

enum class ActorKind : uint8_t {
  kCountryName, kCountryAdj, kPeople, kCapital, kSeat, kOrganisation, kPerson, kAgent
};

struct ActorEntry {
  ActorKind kind = ActorKind::kAgent;
  std::string code;                  // country code, organisation code, or "" (agents, people)
  std::string country;               // the state it belongs to ("" for IGOs and agents)
  std::vector<std::string> sectors;  // seat / organisation / agent / territory sectors
  std::vector<Role> roles;           // people only
  std::string name;                  // display name (person's full name, country's first name)
  std::string where;                 // "dictionaries/people.txt:12"
};

// A compiled set of token phrases. Matching is on folded lower-case tokens; a phrase word written with
// a capital must meet a capitalised token, and an all-capitals word (an acronym) must match exactly.
class PhraseIndex {
 public:
  struct Phrase {
    std::vector<std::string> words;      // folded lower case
    std::vector<uint8_t> case_rule;      // 0 any, 1 capitalised, 2 exact
    std::vector<std::string> exact;      // original spelling (for case_rule 2)
    uint32_t payload = 0;
  };
  void Add(std::string_view phrase, uint32_t payload);
  // Longest phrase starting at token i; returns its length in tokens (0 = none) and payloads.
  int LongestAt(std::string_view sentence, const std::vector<Token>& tokens, size_t i,
                std::vector<uint32_t>* payloads) const;
  size_t size() const { return count_; }

 private:
  // Phrases by their first word, then one-word phrases apart from longer ones keyed by their second
  // word, so a token such as "the" is compared only with the phrases that go on like the sentence.
  // Each list keeps the order of Add (the order of payloads for equally long matches).
  struct Bucket {
    std::vector<Phrase> singles;
    std::unordered_map<std::string, std::vector<Phrase>> by_second;
  };
  // Matches the phrases of `list` at token i: keeps the longest and their payloads.
  static void MatchList(const std::vector<Phrase>& list, std::string_view sentence, const std::vector<Token>& tokens,
                        size_t i, int& best, std::vector<uint32_t>* payloads);
  std::unordered_map<std::string, Bucket> by_first_;
  size_t count_ = 0;
};

struct PhraseMatch {
  uint32_t begin = 0, end = 0;       // token range
  std::vector<uint32_t> entries;     // ActorEntry ids (several when a phrase is ambiguous)
};

// The pattern language of dictionaries/verbs/*.txt (docs/dictionaries.md).
struct PatternElement {
  enum class Kind : uint8_t { kWord, kAlternatives, kGap, kTarget, kSource };
  Kind kind = Kind::kWord;
  std::vector<std::string> words;    // kWord: one; kAlternatives: several (folded lower case)
};

struct VerbPattern {
  std::string code;                  // CAMEO code
  bool noun = false;                 // nominal pattern
  std::vector<PatternElement> elements;
  bool claim = false, say = false, deny = false, mutual = false, place_target = false, reverse = false,
       intent = false, threat = false, needs_target = false;
  std::string where;                 // "dictionaries/verbs/19.txt:40"
  std::string text;                  // the pattern as written
  int literal_count = 0;             // number of word elements (specificity)
};

struct CameoCode {
  std::string code, name;
  double goldstein = 0;
  int quad_class = 0;
  std::string plover_type, plover_mode, plover_context;
};

// Word lists from dictionaries/cues.txt (modality, negation, locatives …).
struct Cues {
  std::unordered_set<std::string> intend, threaten, hypothetical, negators, conditions, locatives,
      fillers, determiners, reciprocal_first, clause_openers, place_nouns, vague_time, kill, injure, arrest,
      person_nouns, consequence, quantity_heads;
  std::vector<std::vector<std::string>> dyads;  // "the two sides": each phrase as folded words
};

class Lexicon {
 public:
  static Result<Lexicon> Load(const std::string& dictionary_dir, const std::string& ontology_path,
                              std::vector<std::string>* problems);

  const std::vector<ActorEntry>& actor_entries() const { return actors_; }
  const ActorEntry& actor(uint32_t id) const { return actors_[id]; }
  const std::vector<VerbPattern>& patterns() const { return patterns_; }
  const VerbPattern& pattern(uint32_t id) const { return patterns_[id]; }
  const Cues& cues() const { return cues_; }
  const std::unordered_set<std::string>& abbreviations() const { return abbreviations_; }
  const CameoCode* Cameo(std::string_view code) const;
  // Country name (first `name:`) for an alpha-3 code, or "".
  std::string CountryName(std::string_view alpha3) const;
  // The state a country code belongs to (territories "XNK" → "AZE"); the code itself otherwise.
  std::string StateOf(std::string_view code) const;

  // Longest actor phrase at token i.
  int MatchActorAt(std::string_view sentence, const std::vector<Token>& tokens, size_t i,
                   std::vector<uint32_t>* entries) const {
    return actor_index_.LongestAt(sentence, tokens, i, entries);
  }
  // Pattern ids whose first word is this token's lemma (verb patterns) or word (noun patterns).
  const std::vector<uint32_t>* VerbPatternsFor(std::string_view lemma) const;
  const std::vector<uint32_t>* NounPatternsFor(std::string_view word) const;

  // sha256 prefix of every loaded file, for the event record's coder.dictionaries.
  const std::string& digest() const { return digest_; }
  size_t file_count() const { return files_.size(); }

 private:
  void AddActor(ActorEntry entry, const std::vector<std::string>& phrases);
  void LoadCountries(const std::vector<DictLine>& lines, std::vector<std::string>* problems);
  void LoadAgents(const std::vector<DictLine>& lines, std::vector<std::string>* problems);
  void LoadPeople(const std::vector<DictLine>& lines, std::vector<std::string>* problems);
  void LoadOrganisations(const std::vector<DictLine>& lines, std::vector<std::string>* problems);
  void LoadPatterns(const std::vector<DictLine>& lines, std::vector<std::string>* problems);
  void LoadCues(const std::vector<DictLine>& lines, std::vector<std::string>* problems);

  std::vector<ActorEntry> actors_;
  PhraseIndex actor_index_;
  std::vector<VerbPattern> patterns_;
  std::unordered_map<std::string, std::vector<uint32_t>> verb_patterns_, noun_patterns_;
  std::map<std::string, CameoCode, std::less<>> cameo_;
  std::unordered_map<std::string, std::string> country_names_, territory_state_;
  std::unordered_set<std::string> abbreviations_;
  Cues cues_;
  std::vector<std::string> files_;
  std::string digest_;
};

// Parses "FROM..TO" (either side may be empty). Returns nullopt on a malformed range.
std::optional<DateRange> ParseDateRange(std::string_view s);
bool IsSectorCode(std::string_view s);

}  // namespace eventcoder
