// Re-spun articles: the second dedup/ signal, for the same story told in other words (synonyms swapped,
// sentences reordered, clauses moved, a sentence added or dropped), which shares too few word
// 5-shingles with its source for MinHash (dedup/minhash.h) to see.
//
//   RespunSignature a = SignRespun(doc_a.text), b = SignRespun(doc_b.text);
//   RespunScore s = CompareRespun(a, b);   // exact Jaccard of content words and of names, length ratio
//   bool same = IsRespun(a, b);            // the confirmation rule below
//   RespunIndex index;                     // LSH candidates, confirmed by IsRespun()
//   index.Add(1, a);                       // {}
//   index.Add(2, b);                       // {1} when b re-tells a
//
// A text becomes two sets of 32-bit key hashes:
//   - content words: words of three or more letters, or two or more digits, that are not stopwords
//     (English function words, degree words such as "roughly", and what every report has: "said",
//     "told", "according", "officials"), lower-cased, possessive "'s" dropped, irregular forms mapped to
//     their base ("struck" > "strike", "women" > "woman"), crudely stemmed ("-ies" > "-y", plural "-s",
//     "-ing" and "-ed" dropped where four letters remain) and cut to their first 6 letters
//     ("negotiators" = "negotiations", "Ukrainian" = "Ukraine"); then a short list of synonyms news
//     writers swap when they re-tell a story counts as one word ("killed" = "died", "truce" =
//     "ceasefire", "frontier" = "border": kSynonyms in respun.cpp);
//   - names: capitalised words that do not start a sentence ("Kharkiv", "Hamas", "Monday", "EU"), cut
//     to their first 5 letters ("Korean" = "Korea"), and numbers of two or more digits ("200,000" =
//     "200000"). Days and counts are names: reports of one war on two days differ there.
// Lines of fewer than 10 words (bylines, labels, headlines) are left out, as by Sign(), unless they
// hold most of the text; no names are taken from title-case lines.
//
// Two texts re-tell one story (IsRespun) when, with J the Jaccard similarity of two sets,
//     (J(words) + J(names)) / 2 >= 0.58, J(words) >= 0.35, J(names) >= 0.50,
//     and the longer text has at most twice the content words of the shorter;
// J(names) is J(words) when the two texts have fewer than 4 names together. A text with fewer than 25
// distinct content words matches nothing (short texts are grouped as copies only). Measured on the
// fixtures of respun_test.cpp (13 re-spun pairs, 34 pairs of other events on the same topic: other days
// of one war, another round of the same talks, follow-ups that repeat the first story's background):
//     re-spun pairs: J(words) 0.42–0.67, J(names) 0.68–0.95, mean 0.61–0.77, length ratio <= 1.10;
//     other events:  J(words) 0.15–0.41, J(names) 0.27–0.68, mean 0.24–0.54.
// The nearest wrong pair is a follow-up on the same talks (mean 0.54); the weakest re-spin is at 0.61.
// On generated articles (bench/corpus.h, about 4 KB each, one in ten a near copy of an earlier one):
// of all 4.5 million pairs of 3,000 articles, no two different stories are confirmed (highest mean
// 0.46), and every pair of copies is; grouping 10,000 of them as the store does (cleaned text, copies
// first) makes no wrong pair and misses none of the 1,059.
//
// Candidates come from LSH over a MinHash of the content words with the names weighted in (a name is
// kRespunNameWeight elements, so that sharing names counts as much as sharing words): 32 bands of 4
// values, kept at 16 bits each. A pair at weighted Jaccard 0.6 is a candidate with probability 0.99,
// at 0.5 with 0.87, at 0.3 with 0.23; the re-spun fixtures lie at 0.61–0.79. Candidates whose 128
// values estimate a weighted Jaccard below 0.40 are dropped; the rest are checked exactly on the sets.
//
// Deterministic: fixed seeds, hash functions and word lists (a unit test pins a signature). A 3 KB
// article signs in 20–30 microseconds (Sign() takes 15–20).
//
// Thread-safety: SignRespun, CompareRespun and the codec are pure functions. RespunIndex is a plain
// value: const methods may run concurrently; Add/Insert need exclusive access.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace eventcoder {

inline constexpr size_t kRespunBands = 32;
inline constexpr size_t kRespunRows = 4;
inline constexpr size_t kRespunSlots = kRespunBands * kRespunRows;  // MinHash values kept, 16 bits each
inline constexpr double kRespunMinEstimate = 0.40;  // candidates estimated below: not checked
inline constexpr size_t kRespunMinWords = 25;      // fewer distinct content words: not a candidate
inline constexpr size_t kRespunNameWeight = 6;     // a name counts as this many set elements
inline constexpr double kRespunMinScore = 0.58;     // mean of the word and name Jaccards
inline constexpr double kRespunMinWordJaccard = 0.35;
inline constexpr double kRespunMinNameJaccard = 0.50;
inline constexpr size_t kRespunMinNames = 4;        // fewer names in both: the name Jaccard is the word one
inline constexpr double kRespunMaxLengthRatio = 2.0;
inline constexpr uint8_t kRespunFormat = 1;        // first byte of EncodeRespun(); see there

struct RespunSignature {
  std::vector<uint32_t> words;   // content-word keys, hashed: sorted, distinct
  std::vector<uint32_t> names;   // name keys, hashed: sorted, distinct
  uint32_t length = 0;           // content words in the text, repeats counted
  // MinHash of words + names (names weighted), 16 bits of each value; all zero when empty().
  std::array<uint16_t, kRespunSlots> slots{};

  // Too few content words to compare: matches nothing.
  bool empty() const { return words.size() < kRespunMinWords; }
};

// Signs cleaned article text (Document::text after clean/).
RespunSignature SignRespun(std::string_view cleaned_text);

struct RespunScore {
  double words = 0;          // Jaccard of the content-word sets
  double names = 0;          // Jaccard of the name sets; `words` when they hold < kRespunMinNames together
  double length_ratio = 0;   // longer length / shorter length (infinity when one is 0)
};

RespunScore CompareRespun(const RespunSignature& a, const RespunSignature& b);
// The confirmation rule (above).
bool IsRespun(const RespunScore& s);
// IsRespun(CompareRespun(a, b)), and false when either signature is empty.
bool IsRespun(const RespunSignature& a, const RespunSignature& b);

// Storage form, little-endian: kRespunFormat (1 byte), length (4), number of words (4), number of names
// (4), the kRespunSlots MinHash values (2 each), the word hashes and the name hashes (4 each): about
// 1 KB for a 4 KB article, decoded without hashing. A change to the word lists, stemming, seeds or
// bands needs a new kRespunFormat: stored signatures of another format do not decode, and the store
// signs their text again.
std::string EncodeRespun(const RespunSignature& sig);
// Inverse of EncodeRespun; nullopt for another format byte or a malformed value.
std::optional<RespunSignature> DecodeRespun(std::string_view bytes);

// LSH index of re-spun signatures under caller ids, which need not be unique (the store uses story
// ids). Memory: the two sets (4 bytes an element), the 16-bit MinHash values and the band tables,
// about 1.7 KB per entry for 4 KB articles.
class RespunIndex {
 public:
  struct Match {
    int64_t id = 0;
    RespunScore score;
  };

  // Ids of entries already in the index that IsRespun() confirms for `sig`, each id once, best first
  // (highest content-word Jaccard; ties: the id added first). Then adds `sig` under `id`. An empty
  // signature matches nothing and is not added.
  std::vector<int64_t> Add(int64_t id, const RespunSignature& sig);

  // The matches Add() would report, with their scores, at most `limit` of them; the index is unchanged.
  std::vector<Match> Find(const RespunSignature& sig, size_t limit = std::numeric_limits<size_t>::max()) const;

  // Adds without searching.
  void Insert(int64_t id, const RespunSignature& sig);

  size_t size() const { return entries_.size(); }

 private:
  static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  struct Entry {
    int64_t id;
    uint32_t words_begin, num_words, num_names, length;  // names follow the words in pool_
  };
  RespunScore Score(const RespunSignature& sig, const Entry& e) const;

  std::vector<Entry> entries_;
  std::vector<uint32_t> pool_;
  std::vector<uint16_t> slots_;  // kRespunSlots per entry
  // Band key -> the last entry with it; next_[entry * kRespunBands + band] chains to the one before.
  std::unordered_map<uint64_t, uint32_t> heads_;
  std::vector<uint32_t> next_;
};

}  // namespace eventcoder
