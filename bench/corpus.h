// CorpusGenerator: synthetic English news articles for the benchmarks, written from the project's own
// dictionaries: countries (names, adjectives, capitals, demonyms), people with their offices, agents,
// organisations, places (dictionaries/places.txt and larger GeoNames towns) and the event patterns of
// dictionaries/verbs/ (rendered with an inflected verb and actors in their slots).
//
// Each article has a title line, a "Published: <date>" line and paragraphs of varied sentences:
// attacks, talks, accusations with the act claimed, denials, aid, protests, arrests, sanctions, passive
// voice, reported speech and quotes, dates ("on Tuesday") and places, plus background sentences that
// carry no event. Some articles carry scraper boilerplate (shortcodes such as [ad_1], captions printed
// twice, "READ MORE:" lists, photo credits, share lines, a wire dateline), and about one in ten is a near
// copy of an earlier article with different boilerplate. Articles average about 4 KB.
//
//   Result<CorpusGenerator> gen = CorpusGenerator::Load(EngineConfig::Defaults(), /*seed=*/42);
//   if (!gen.ok()) return gen.status();
//   std::string article = gen->Next();   // the next article of the sequence, as file bytes
//
// The sequence depends only on the seed and the dictionary files: the generator uses its own
// random number generator (no std:: distributions, whose output differs between standard libraries) and
// iterates only ordered containers, so the same seed and dictionaries give the same bytes everywhere.
//
// Thread-safety: Next() advances the generator; use one generator per thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "lexicon/lexicon.h"
#include "pipeline/engine.h"

namespace eventcoder::bench {

// splitmix64: small, fast and identical on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, n); 0 when n == 0.
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
  // True with probability percent / 100.
  bool Percent(int percent) { return static_cast<int>(Below(100)) < percent; }
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<size_t>(hi - lo + 1))); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  uint64_t state_;
};

struct CorpusCountry {
  std::string code, name, adj, people, capital;
  bool needs_article = false;  // "the United States"
  int weight = 1;              // 1 + people listed for it: news names some states far more often
};

struct CorpusPerson {
  std::string full, surname;
  std::vector<Role> roles;
};

struct CorpusPlace {
  std::string name, country;
};

// A story before it is printed: the near copies reuse it with other boilerplate.
struct Story {
  std::string title;
  std::string published;                 // the date as written on the "Published:" line
  int year = 0;
  std::string dateline;                  // "MOSCOW (AP) — " or ""
  std::vector<std::string> paragraphs;
  std::vector<std::string> captions;
};

class CorpusGenerator {
 public:
  static Result<CorpusGenerator> Load(const EngineConfig& config, uint64_t seed);

  // The next article: file bytes, UTF-8, ending in a newline.
  std::string Next();
  // The next story body only (title, date line and paragraphs, no boilerplate): for stage benchmarks.
  std::string NextClean();

  const Lexicon& lexicon() const { return *lexicon_; }
  // Place names the generator writes, with their country (alpha-3): for gazetteer benchmarks.
  const std::vector<CorpusPlace>& places() const { return places_; }

 private:
  struct Cast;
  CorpusGenerator(std::unique_ptr<Lexicon> lexicon, uint64_t seed) : lexicon_(std::move(lexicon)), rng_(seed) {}
  Status LoadResources(const EngineConfig& config);

  Story MakeStory();
  std::string Print(const Story& story, bool boilerplate);

  // Phrases.
  std::string CountryName(const CorpusCountry& c, bool sentence_start = false);
  std::string Actor(Cast& cast, int side);
  std::string PersonMention(Cast& cast, size_t person);
  std::string Place(const Cast& cast);
  std::string When();
  std::string Speaker(Cast& cast, int side);
  std::string Tail(Cast& cast, int percent);  // a trailing clause, with that probability
  std::string Lead(Cast& cast, int percent);  // an opening phrase ("Earlier, "), with that probability
  // Event patterns.
  enum class Form { kPast, kPresent, kParticiple, kGerund };
  std::string Verb(const std::string& lemma, Form form) const;
  std::string RenderPattern(const VerbPattern& p, Form form, Cast& cast, int target_side, bool* had_target);
  const VerbPattern& PickEventPattern(const Cast& cast);
  // Sentences.
  std::string EventSentence(Cast& cast);
  std::string ReportedSentence(Cast& cast);
  std::string QuoteSentence(Cast& cast);
  std::string ClaimSentence(Cast& cast);
  std::string DenialSentence(Cast& cast);
  std::string PassiveSentence(Cast& cast);
  std::string NounSentence(Cast& cast);
  std::string ThemeSentence(Cast& cast);
  std::string BackgroundSentence(Cast& cast);
  std::string Headline(Cast& cast);

  std::unique_ptr<Lexicon> lexicon_;
  Rng rng_;
  std::vector<CorpusCountry> countries_;
  std::vector<size_t> country_draw_;                       // indexes into countries_, repeated by weight
  std::map<std::string, size_t> country_by_code_;
  std::vector<CorpusPerson> people_;
  std::map<std::string, std::vector<size_t>> people_by_country_;
  std::vector<std::string> agents_;                        // "army", "foreign ministry", ...
  std::vector<std::string> organisations_;                 // international and transnational bodies
  std::map<std::string, std::vector<std::string>> organisations_by_country_;
  std::vector<CorpusPlace> places_;
  std::map<std::string, std::vector<std::string>> places_by_country_;
  std::map<std::string, std::vector<uint32_t>> patterns_by_root_;  // "19" -> verb pattern ids
  std::vector<uint32_t> say_patterns_, claim_patterns_, deny_patterns_, noun_patterns_;
  std::map<std::string, std::string> doubled_;             // lemma -> doubled past stem (verb.exc)
  std::vector<Story> recent_;                              // the last stories, for near copies
  std::vector<std::string> titles_;                        // earlier titles, for READ MORE lists
};

}  // namespace eventcoder::bench
