// MinHash signatures and an LSH index: the dedup/ stage that finds near-duplicate articles
// (syndicated wire copies, lightly edited re-writes, copies with different boilerplate).
//
//   MinHashSignature a = Sign(doc_a.text), b = Sign(doc_b.text);
//   double j = Similarity(a, b);               // estimated Jaccard of their word 5-shingles
//   NearDuplicateIndex index;                  // 16 bands x 8 rows, threshold 0.8
//   index.Add(1, a);                           // {}
//   index.Add(2, b);                           // {1}: b is a near-duplicate of a (j >= 0.8)
//
// A text becomes the set of its word 5-shingles: words are runs of letters, digits and combining
// marks, lower-cased; apostrophes inside a word are dropped ("Azerbaijan’s" = "azerbaijans"); all other
// punctuation and white space only separate words. Lines of fewer than 10 words (bylines, timestamps,
// section labels: "By Staff Writer", "Updated 2 hours ago", "World | Europe") are left out, so copies
// that differ only there have the same signature, unless such lines hold more than half the text's
// words (then every line counts). A text of one to four words is one shingle; a text with no words
// has the empty signature, which is similar to nothing.
// Each shingle is hashed once (XXH3 of each word, mixed in order) and permuted by 128 fixed
// multiply-add hash functions; slot i of the signature is the smallest value of function i. The
// constants are fixed in the source, so a text has the same signature on every machine and in every
// run; EncodeSignature() gives a byte-order independent form for storage.
// What it does not find: paraphrases (dedup/respun.h does). A re-write that changes one word in five
// shares almost no 5-shingles with its source; and every changed word costs five shingles, every added
// block of boilerplate its words plus four, so a short article with long, different footers can fall
// below 0.8.
//
// Thread-safety: Sign, Similarity and the codec are pure functions. NearDuplicateIndex is a plain value:
// const methods may run concurrently; Add/Insert need exclusive access.
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

inline constexpr size_t kMinHashSize = 128;   // hash functions per signature
inline constexpr size_t kShingleWords = 5;    // words per shingle
inline constexpr size_t kMinLineWords = 10;   // shorter lines are left out (see above)
inline constexpr size_t kLshBands = 16;
inline constexpr size_t kLshRows = 8;         // kLshBands * kLshRows == kMinHashSize
static_assert(kLshBands * kLshRows == kMinHashSize);

using MinHashSignature = std::array<uint64_t, kMinHashSize>;

// The signature of a text with no words: every slot at its maximum.
MinHashSignature EmptySignature();
bool IsEmpty(const MinHashSignature& sig);

// Signs cleaned article text (Document::text after clean/): 128 multiply-adds per word, vectorised
// where the CPU has AVX-512; a 4 KB article takes tens of microseconds.
MinHashSignature Sign(std::string_view cleaned_text);

// The signature of any set given as 64-bit hashes of its elements (well mixed, such as XXH3 values;
// repeats do not matter), with the same 128 functions: slot i is the smallest h_i over them. Used by
// dedup/respun.h. No hashes: the empty signature.
MinHashSignature SignHashes(const std::vector<uint64_t>& hashes);

// Estimated Jaccard similarity of the two shingle sets: the share of equal slots, in [0, 1].
// 0 when either signature is empty. The standard error is about sqrt(J(1-J)/128) (0.035 at J = 0.8).
double Similarity(const MinHashSignature& a, const MinHashSignature& b);

// 8 bytes per slot, little-endian: kMinHashSize * 8 bytes.
std::string EncodeSignature(const MinHashSignature& sig);
// Inverse of EncodeSignature; nullopt when `bytes` has the wrong length.
std::optional<MinHashSignature> DecodeSignature(std::string_view bytes);
// From a caller-supplied vector (e.g. ArticleRecord::minhash); nullopt unless it has kMinHashSize values.
std::optional<MinHashSignature> SignatureFromValues(const std::vector<uint64_t>& values);

// Locality-sensitive hashing over signatures: each signature is cut into 16 bands of 8 slots, and two
// signatures become candidates when any band is equal. Candidates are then checked on the full
// signature, so only pairs with Similarity() >= threshold are reported. The chance that a pair is a
// candidate at all is 1 - (1 - J^8)^16: 0.95 at J = 0.8, 0.9998 at J = 0.9, 0.61 at J = 0.7.
//
// Ids are the caller's and need not be unique: several entries may share one id (the store uses story
// ids, so a match names the story directly). Entries with an identical signature share one slot in the
// band tables, so many exact copies cost no more to search than one. Memory: about 2 KB per entry.
class NearDuplicateIndex {
 public:
  struct Match {
    int64_t id = 0;
    double similarity = 0;
  };

  explicit NearDuplicateIndex(double threshold = 0.8);

  // Ids of entries already in the index whose estimated similarity to `sig` is >= threshold, each id
  // once, most similar first (ties: the id added first). Then adds `sig` under `id`. An empty
  // signature matches nothing and is not added.
  std::vector<int64_t> Add(int64_t id, const MinHashSignature& sig);

  // The matches Add() would report, with their similarity, at most `limit` of them; the index is
  // unchanged.
  std::vector<Match> Find(const MinHashSignature& sig, size_t limit = std::numeric_limits<size_t>::max()) const;

  // Adds without searching.
  void Insert(int64_t id, const MinHashSignature& sig);

  size_t size() const { return size_; }  // entries added (empty signatures excluded)
  double threshold() const { return threshold_; }

 private:
  static constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  // One distinct signature and the ids added with it, in order.
  struct Node {
    MinHashSignature sig;
    std::vector<int64_t> ids;
  };

  double threshold_;
  size_t size_ = 0;
  std::vector<Node> nodes_;
  // Band key (band number mixed in) -> the last node with that band; next_[node * kLshBands + band]
  // chains to the node before it with the same key.
  std::unordered_map<uint64_t, uint32_t> heads_;
  std::vector<uint32_t> next_;
  // Hash of a whole signature -> the first node with that hash (to share exact copies).
  std::unordered_map<uint64_t, uint32_t> exact_;
};

}  // namespace eventcoder
