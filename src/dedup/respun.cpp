#include "dedup/respun.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_set>

#include "base/hash.h"
#include "dedup/minhash.h"

namespace eventcoder {
namespace {

// Fixed forever for kRespunFormat 1: changing them changes every stored signature.
constexpr uint64_t kKeySeed = 0x72657370756e6b79ULL;   // "respunky"
constexpr uint64_t kNameSeed = 0x7265737075616d65ULL;  // "respuame"
constexpr uint64_t kBandSeed = 0x72657370626e6473ULL;  // "respbnds"
constexpr size_t kStemLetters = 6;
constexpr size_t kNameLetters = 5;

constexpr uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// English function words, degree words ("roughly", "entirely") and the words every news report has
// whatever it reports ("said", "officials", "according"): sharing them says nothing about sharing a
// story. Lower case, apostrophes removed.
const char* const kStopwords[] = {
    "about", "above", "across", "after", "afterwards", "again", "against", "ago", "all", "almost", "along",
    "already", "also", "although", "always", "among", "amid", "and", "another", "any", "anyone", "anything",
    "are", "around", "because", "been", "before", "being", "below", "between", "both", "but", "can", "cannot",
    "could", "did", "does", "doing", "done", "down", "during", "each", "either", "else", "even", "ever", "every",
    "few", "for", "from", "further", "had", "has", "have", "having", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "however", "including", "into", "its", "itself", "just", "least", "less", "many",
    "may", "might", "more", "most", "much", "must", "myself", "near", "nearly", "neither", "never", "nor",
    "not", "now", "off", "often", "once", "one", "only", "onto", "other", "others", "our", "ours", "out",
    "over", "own", "per", "perhaps", "rather", "same", "several", "she", "should", "since", "some", "still",
    "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
    "this", "those", "though", "through", "throughout", "thus", "together", "too", "toward", "towards",
    "under", "until", "upon", "very", "via", "was", "were", "what", "whatever", "when", "where", "whether",
    "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
    "you", "your", "dont", "didnt", "doesnt", "isnt", "wasnt", "werent", "wont", "cant", "couldnt",
    "shouldnt", "wouldnt", "hasnt", "havent", "hadnt", "arent", "thats", "theres", "meanwhile", "instead",
    // degree and approximation
    "roughly", "approximately", "about", "some", "almost", "entirely", "completely", "fully", "totally",
    "largely", "mostly", "partly", "really", "quite", "far", "well",
    // reporting
    "said", "say", "says", "saying", "told", "tell", "tells", "added", "adding", "according", "reported",
    "reports", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "statement", "reporters",
    "journalists",
};

// Irregular forms (lower case) and their base form, which is then stemmed like any word.
const char* const kIrregular[][2] = {
    {"began", "begin"},   {"begun", "begin"},     {"struck", "strike"},   {"fled", "flee"},
    {"held", "hold"},     {"took", "take"},       {"taken", "take"},      {"gave", "give"},
    {"given", "give"},    {"shot", "shoot"},      {"fought", "fight"},    {"sent", "send"},
    {"met", "meet"},      {"left", "leave"},      {"brought", "bring"},   {"made", "make"},
    {"went", "go"},       {"gone", "go"},         {"came", "come"},       {"saw", "see"},
    {"seen", "see"},      {"found", "find"},      {"rose", "rise"},       {"risen", "rise"},
    {"fell", "fall"},     {"fallen", "fall"},     {"flew", "fly"},        {"flown", "fly"},
    {"drove", "drive"},   {"driven", "drive"},    {"broke", "break"},     {"broken", "break"},
    {"chose", "choose"},  {"chosen", "choose"},   {"spoke", "speak"},     {"spoken", "speak"},
    {"wrote", "write"},   {"written", "write"},   {"sold", "sell"},       {"bought", "buy"},
    {"caught", "catch"},  {"thought", "think"},   {"kept", "keep"},       {"lost", "lose"},
    {"won", "win"},       {"led", "lead"},        {"paid", "pay"},        {"sought", "seek"},
    {"stood", "stand"},   {"ran", "run"},         {"hid", "hide"},        {"hidden", "hide"},
    {"blew", "blow"},     {"blown", "blow"},      {"threw", "throw"},     {"thrown", "throw"},
    {"swept", "sweep"},   {"slain", "slay"},      {"tore", "tear"},       {"torn", "tear"},
    {"froze", "freeze"},  {"frozen", "freeze"},   {"drew", "draw"},       {"drawn", "draw"},
    {"grew", "grow"},     {"grown", "grow"},      {"knew", "know"},       {"known", "know"},
    {"shown", "show"},    {"withdrew", "withdraw"}, {"withdrawn", "withdraw"}, {"became", "become"},
    {"felt", "feel"},     {"heard", "hear"},      {"laid", "lay"},        {"built", "build"},
    {"spent", "spend"},   {"bore", "bear"},       {"borne", "bear"},      {"woke", "wake"},
    {"overtook", "overtake"}, {"undertook", "undertake"}, {"arose", "arise"}, {"forbade", "forbid"},
    {"women", "woman"},   {"men", "man"},         {"children", "child"},  {"people", "person"},
    {"dying", "die"},     {"died", "die"},        {"dies", "die"},        {"lying", "lie"},
};

// Words news writers use for one another when they re-tell a story, one group a line: each word of a
// group counts as the first. Only near-exact equivalents in news usage, and no word whose stem (first
// six letters) is another common word's ("residence" = "residents", "difference" = "different").
const std::vector<std::vector<const char*>> kSynonyms = {
    {"kill", "die", "dead", "death", "slay", "fatality"},
    {"wound", "injure", "injury", "hurt"},
    {"attack", "strike", "hit", "raid", "assault"},
    {"missile", "rocket"},
    {"home", "house", "household", "dwelling"},
    {"plant", "station", "facility"},
    {"fire", "blaze", "flame"},
    {"firefighter", "firemen", "fireman"},
    {"ally", "partner"},
    {"network", "grid"},
    {"talk", "negotiation", "negotiate", "discussion"},
    {"agreement", "deal", "accord", "pact"},
    {"ceasefire", "truce"},
    {"release", "free", "freeing"},
    {"prisoner", "captive"},
    {"soldier", "troop", "serviceman", "servicemen", "servicewoman"},
    {"border", "frontier"},
    {"country", "nation"},
    {"government", "authority", "authorities"},
    {"protester", "demonstrator"},
    {"protest", "demonstration", "rally"},
    {"arrest", "detain"},
    {"begin", "start"},
    {"end", "finish", "conclude"},
    {"reject", "refuse", "dismiss"},
    {"accuse", "blame"},
    {"warn", "caution"},
    {"large", "big", "largest", "biggest", "major"},
    {"small", "minor"},
    {"new", "fresh"},
    {"leader", "chief", "head"},
    {"aid", "help", "assistance"},
    {"announce", "declare"},
    {"leave", "depart"},
    {"fight", "fighting", "combat", "clash", "battle"},
    {"send", "dispatch"},
    {"comment", "respond", "reply", "response", "answer"},
    {"rubble", "debris", "ruins"},
    {"rescuer", "rescue"},
    {"flee", "escape"},
    {"company", "firm", "business", "manufacturer"},
    {"law", "legislation"},
    {"child", "kid"},
    {"town", "city"},
    {"weapon", "arms"},
    {"money", "funding", "fund", "cash"},
    {"meeting", "session"},
    {"plan", "proposal", "proposed", "propose"},
    {"swap", "exchange", "trade"},
    {"elderly", "old"},
    {"cross", "crossing"},
    {"entire", "whole"},
    {"try", "attempt", "seek"},
};

bool IsWordCodePoint(UChar32 c) {
  if (u_isalnum(c)) return true;
  int8_t type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

// A word of the text; its key (lower-cased, apostrophes removed, possessive "'s" dropped) is
// keys[begin, begin + size).
struct Token {
  uint32_t begin = 0, size = 0;
  uint32_t letters = 0;       // code points in the key
  bool capitalised = false;   // first code point upper or title case
  bool all_caps = true;       // no lower-case letter
  bool digits = true;         // digits only
  bool sentence_start = false;
};

// Splits `text` into tokens and records where each line ends (an index into the tokens). Words are runs
// of letters, digits and combining marks; an apostrophe after a letter is dropped ("’s" at the end
// with it); "," or "." between digits joins them ("200,000"); ".", "!", "?", "…" and line breaks end
// sentences.
void Tokenize(std::string_view text, std::string& keys, std::vector<Token>& tokens, std::vector<uint32_t>& line_ends) {
  Token cur;
  bool in_word = false, at_start = true;
  uint32_t apostrophe = 0;  // key size after a dropped apostrophe; 0: none
  auto flush = [&]() {
    if (!in_word) return;
    cur.size = static_cast<uint32_t>(keys.size()) - cur.begin;
    if (apostrophe != 0 && apostrophe + 1 == cur.size && keys.back() == 's') {  // possessive
      keys.pop_back();
      --cur.size;
      --cur.letters;
    }
    cur.sentence_start = at_start;
    tokens.push_back(cur);
    at_start = false;
    in_word = false;
    apostrophe = 0;
  };
  auto start = [&]() {
    cur = Token();
    cur.begin = static_cast<uint32_t>(keys.size());
    in_word = true;
  };
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      const bool lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z', digit = c >= '0' && c <= '9';
      if (lower || upper || digit) {
        if (!in_word) {
          start();
          cur.capitalised = upper;
        }
        if (lower) cur.all_caps = false;
        if (!digit) cur.digits = false;
        keys.push_back(static_cast<char>(upper ? c + 32 : c));
        ++cur.letters;
      } else if ((c == ',' || c == '.') && in_word && cur.digits && i + 1 < n && text[i + 1] >= '0' &&
                 text[i + 1] <= '9') {
        // inside a number
      } else if (c == '\'' && in_word) {
        apostrophe = static_cast<uint32_t>(keys.size()) - cur.begin;
      } else {
        flush();
        if (c == '\n' || c == '.' || c == '!' || c == '?') at_start = true;
        if (c == '\n') line_ends.push_back(static_cast<uint32_t>(tokens.size()));
      }
      ++i;
      continue;
    }
    int32_t off = static_cast<int32_t>(i);
    UChar32 cp;
    U8_NEXT(text.data(), off, static_cast<int32_t>(n), cp);
    i = static_cast<size_t>(off);
    if (cp >= 0 && IsWordCodePoint(cp)) {
      if (!in_word) {
        start();
        cur.capitalised = u_isupper(cp) || u_istitle(cp);
      }
      if (u_islower(cp)) cur.all_caps = false;
      if (!u_isdigit(cp)) cur.digits = false;
      char buf[4];
      int32_t len = 0;
      U8_APPEND_UNSAFE(buf, len, u_tolower(cp));
      keys.append(buf, static_cast<size_t>(len));
      ++cur.letters;
    } else if (cp >= 0 && IsApostrophe(cp) && in_word) {
      apostrophe = static_cast<uint32_t>(keys.size()) - cur.begin;
    } else {
      flush();
      if (cp == 0x2026 || cp == 0x2028 || cp == 0x2029) at_start = true;  // "…" and Unicode separators
    }
  }
  flush();
  line_ends.push_back(static_cast<uint32_t>(tokens.size()));
}

template <size_t N>
bool EndsWith(const std::string& s, const char (&suffix)[N]) {
  constexpr size_t n = N - 1;
  if (s.size() < n) return false;
  for (size_t i = 0; i < n; ++i)
    if (s[s.size() - n + i] != suffix[i]) return false;
  return true;
}

// Crude English stemming into `out`: "-ies" > "-y", plural "-s", "-ing" and "-ed" dropped where a stem
// of four or more letters remains, then the first kStemLetters code points.
void Stem(std::string_view key, std::string& out) {
  out.assign(key);
  if (out.size() > 4 && EndsWith(out, "ies")) {
    out.resize(out.size() - 3);
    out += 'y';
  } else if (EndsWith(out, "sses")) {
    out.resize(out.size() - 2);
  } else if (out.size() > 3 && out.back() == 's' && !EndsWith(out, "ss") && !EndsWith(out, "us") &&
             !EndsWith(out, "is")) {
    out.pop_back();
  }
  if (out.size() >= 7 && EndsWith(out, "ing")) out.resize(out.size() - 3);
  else if (out.size() >= 6 && EndsWith(out, "ed")) out.resize(out.size() - 2);
  size_t letters = 0;  // cut to kStemLetters code points (bytes that do not continue a UTF-8 sequence)
  for (size_t b = 0; b < out.size(); ++b) {
    if ((static_cast<unsigned char>(out[b]) & 0xC0) == 0x80) continue;
    if (letters == kStemLetters) {
      out.resize(b);
      break;
    }
    ++letters;
  }
}

// An open-addressing table from 64-bit hashes (never 0) to 64-bit values: built once, then read only.
class HashTable {
 public:
  explicit HashTable(size_t capacity_pow2) : keys_(capacity_pow2, 0), values_(capacity_pow2, 0) {}
  // Keeps the first value given for a key.
  void Put(uint64_t key, uint64_t value) {
    for (size_t i = key & (keys_.size() - 1);; i = (i + 1) & (keys_.size() - 1)) {
      if (keys_[i] == key) return;
      if (keys_[i] == 0) {
        keys_[i] = key;
        values_[i] = value;
        return;
      }
    }
  }
  const uint64_t* Get(uint64_t key) const {
    for (size_t i = key & (keys_.size() - 1);; i = (i + 1) & (keys_.size() - 1)) {
      if (keys_[i] == key) return &values_[i];
      if (keys_[i] == 0) return nullptr;
    }
  }

 private:
  std::vector<uint64_t> keys_, values_;
};

uint64_t WordHash(std::string_view key) { return Hash64(key, kKeySeed) | 1; }  // never 0

// The word lists above as hash tables.
struct Lexicon {
  // Hash of a word -> kStop, or the hash of its base form's stem (irregular forms).
  HashTable words{2048};
  // Hash of a stem -> hash of its group's first stem (synonyms).
  HashTable stems{1024};
  static constexpr uint64_t kStop = 0;

  Lexicon() {
    for (const char* w : kStopwords) words.Put(WordHash(w), kStop);
    std::string stem;
    for (const auto& [form, base] : kIrregular) {
      Stem(base, stem);
      words.Put(WordHash(form), WordHash(stem));
    }
    for (const auto& group : kSynonyms) {
      uint64_t first = 0;
      for (const char* w : group) {
        const uint64_t* irregular = words.Get(WordHash(w));
        uint64_t h;
        if (irregular && *irregular != kStop) {
          h = *irregular;
        } else {
          Stem(w, stem);
          h = WordHash(stem);
        }
        if (first == 0) first = h;
        else stems.Put(h, first);
      }
    }
  }
};

const Lexicon& TheLexicon() {
  static const Lexicon lexicon;
  return lexicon;
}

void SortUnique(std::vector<uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// |a ∩ b| for sorted distinct ranges (branch-free merge).
size_t Intersection(const uint32_t* a, size_t na, const uint32_t* b, size_t nb) {
  size_t i = 0, j = 0, common = 0;
  while (i < na && j < nb) {
    const uint32_t x = a[i], y = b[j];
    common += x == y;
    i += x <= y;
    j += y <= x;
  }
  return common;
}

double Jaccard(size_t na, size_t nb, size_t common) {
  return na + nb == 0 ? 1.0 : static_cast<double>(common) / static_cast<double>(na + nb - common);
}

// The names are compared first: when `early` and they rule the pair out, the words are not compared
// (the score then has words 0).
RespunScore ScoreOf(const uint32_t* wa, size_t nwa, const uint32_t* na, size_t nna, uint32_t la, const uint32_t* wb,
                    size_t nwb, const uint32_t* nb, size_t nnb, uint32_t lb, bool early) {
  RespunScore s;
  const uint32_t lo = std::min(la, lb), hi = std::max(la, lb);
  s.length_ratio = lo == 0 ? std::numeric_limits<double>::infinity() : static_cast<double>(hi) / lo;
  const size_t common_names = Intersection(na, nna, nb, nnb);
  const bool few_names = nna + nnb - common_names < kRespunMinNames;
  if (!few_names) {
    s.names = Jaccard(nna, nnb, common_names);
    if (early && (s.names < kRespunMinNameJaccard || s.length_ratio > kRespunMaxLengthRatio)) return s;
  }
  s.words = Jaccard(nwa, nwb, Intersection(wa, nwa, wb, nwb));
  if (few_names) s.names = s.words;
  return s;
}

void ComputeSlots(RespunSignature& sig) {
  sig.slots.fill(0);
  if (sig.empty()) return;
  std::vector<uint64_t> elements;
  elements.reserve(sig.words.size() + sig.names.size() * (kRespunNameWeight - 1));
  for (uint32_t w : sig.words) elements.push_back(Mix64(kKeySeed ^ w));
  for (uint32_t nm : sig.names)
    for (size_t k = 1; k < kRespunNameWeight; ++k)
      elements.push_back(Mix64(kNameSeed + k * 0x9e3779b97f4a7c15ULL + nm));
  const MinHashSignature mh = SignHashes(elements);
  for (size_t i = 0; i < kRespunSlots; ++i) sig.slots[i] = static_cast<uint16_t>(Mix64(mh[i]));
}

uint64_t BandKey(const uint16_t* slots, size_t band) {
  uint64_t h = kBandSeed + band;
  for (size_t r = 0; r < kRespunRows; ++r) h = (h << 16) ^ slots[band * kRespunRows + r];
  return Mix64(h);
}

// Share of equal slots: the estimated weighted Jaccard.
double SlotSimilarity(const uint16_t* a, const uint16_t* b) {
  size_t equal = 0;
  for (size_t i = 0; i < kRespunSlots; ++i) equal += a[i] == b[i] ? 1 : 0;
  return static_cast<double>(equal) / kRespunSlots;
}

constexpr size_t kHeaderBytes = 13 + kRespunSlots * 2;

void PutLE(std::string& out, uint64_t v, int n) {
  for (int b = 0; b < n; ++b) out.push_back(static_cast<char>((v >> (8 * b)) & 0xff));
}
uint64_t GetLE(std::string_view bytes, size_t at, int n) {
  uint64_t v = 0;
  for (int b = 0; b < n; ++b) v |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[at + b])) << (8 * b);
  return v;
}

// Calls on_key(hash, is_name, key) for each content word of `text` (key: the word as written,
// lower-cased; hash: of its base form, stem or group).
template <typename KeyFn>
void ForEachKey(std::string_view text, KeyFn&& on_key) {
  std::string keys;
  std::vector<Token> tokens;
  std::vector<uint32_t> line_ends;
  keys.reserve(text.size());
  tokens.reserve(text.size() / 5 + 1);
  Tokenize(text, keys, tokens, line_ends);
  size_t long_line_words = 0;
  for (size_t l = 0, begin = 0; l < line_ends.size(); begin = line_ends[l++]) {
    const size_t count = line_ends[l] - begin;
    if (count >= kMinLineWords) long_line_words += count;
  }
  const bool skip_short_lines = long_line_words * 2 >= tokens.size();
  const Lexicon& lex = TheLexicon();
  std::string stem;
  for (size_t l = 0, begin = 0; l < line_ends.size(); begin = line_ends[l++]) {
    const size_t end = line_ends[l];
    if (skip_short_lines && end - begin < kMinLineWords) continue;
    // A title-case line (most words of four or more letters capitalised) names nothing.
    size_t long_words = 0, long_capitalised = 0;
    for (size_t t = begin; t < end; ++t) {
      if (tokens[t].digits || tokens[t].letters < 4) continue;
      ++long_words;
      long_capitalised += tokens[t].capitalised ? 1 : 0;
    }
    const bool title_case = long_words >= 4 && long_capitalised * 10 >= long_words * 7;
    for (size_t t = begin; t < end; ++t) {
      const Token& tok = tokens[t];
      const std::string_view key(keys.data() + tok.begin, tok.size);
      uint64_t h;
      bool name;
      if (tok.digits) {
        if (tok.letters < 2) continue;
        name = true;
        h = WordHash(key);
      } else {
        name = tok.capitalised && !tok.sentence_start && !title_case &&
               (tok.letters >= 3 || (tok.all_caps && tok.letters == 2));  // "Kyiv", "EU"; not "I"
        if (!name && tok.letters < 3) continue;
        const uint64_t* known = lex.words.Get(WordHash(key));
        if (known && *known == Lexicon::kStop) {
          if (!name) continue;
          known = nullptr;
        }
        if (known) {
          h = *known;
        } else {
          Stem(key, stem);
          h = WordHash(stem);
        }
        if (const uint64_t* canonical = lex.stems.Get(h)) h = *canonical;
      }
      uint64_t name_h = 0;
      if (name) {
        if (tok.digits) {
          name_h = h;
        } else {
          size_t cut = 0, letters = 0;
          while (cut < key.size() && letters < kNameLetters) {
            ++letters;
            ++cut;
            while (cut < key.size() && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) ++cut;
          }
          name_h = (WordHash(key.substr(0, cut)) ^ kNameSeed) | 1;
        }
      }
      on_key(h, name_h, key);
    }
  }
}

}  // namespace

static_assert(kRespunSlots <= kMinHashSize);

RespunSignature SignRespun(std::string_view cleaned_text) {
  RespunSignature sig;
  ForEachKey(cleaned_text, [&](uint64_t h, uint64_t name, std::string_view) {
    ++sig.length;
    sig.words.push_back(static_cast<uint32_t>(h >> 32));
    if (name) sig.names.push_back(static_cast<uint32_t>(name >> 32));
  });
  SortUnique(sig.words);
  SortUnique(sig.names);
  ComputeSlots(sig);
  return sig;
}

RespunScore CompareRespun(const RespunSignature& a, const RespunSignature& b) {
  return ScoreOf(a.words.data(), a.words.size(), a.names.data(), a.names.size(), a.length, b.words.data(),
                 b.words.size(), b.names.data(), b.names.size(), b.length, /*early=*/false);
}

bool IsRespun(const RespunScore& s) {
  return s.words + s.names >= 2 * kRespunMinScore && s.words >= kRespunMinWordJaccard &&
         s.names >= kRespunMinNameJaccard && s.length_ratio <= kRespunMaxLengthRatio;
}

bool IsRespun(const RespunSignature& a, const RespunSignature& b) {
  return !a.empty() && !b.empty() && IsRespun(CompareRespun(a, b));
}

std::string EncodeRespun(const RespunSignature& sig) {
  std::string out;
  out.reserve(kHeaderBytes + (sig.words.size() + sig.names.size()) * 4);
  out.push_back(static_cast<char>(kRespunFormat));
  PutLE(out, sig.length, 4);
  PutLE(out, sig.words.size(), 4);
  PutLE(out, sig.names.size(), 4);
  for (uint16_t v : sig.slots) PutLE(out, v, 2);
  for (uint32_t w : sig.words) PutLE(out, w, 4);
  for (uint32_t nm : sig.names) PutLE(out, nm, 4);
  return out;
}

std::optional<RespunSignature> DecodeRespun(std::string_view bytes) {
  if (bytes.size() < kHeaderBytes || static_cast<uint8_t>(bytes[0]) != kRespunFormat) return std::nullopt;
  RespunSignature sig;
  sig.length = static_cast<uint32_t>(GetLE(bytes, 1, 4));
  const uint64_t num_words = GetLE(bytes, 5, 4), num_names = GetLE(bytes, 9, 4);
  if (bytes.size() != kHeaderBytes + (num_words + num_names) * 4) return std::nullopt;
  for (size_t i = 0; i < kRespunSlots; ++i) sig.slots[i] = static_cast<uint16_t>(GetLE(bytes, 13 + i * 2, 2));
  sig.words.resize(num_words);
  sig.names.resize(num_names);
  size_t at = kHeaderBytes;
  for (uint32_t& w : sig.words) {
    w = static_cast<uint32_t>(GetLE(bytes, at, 4));
    at += 4;
  }
  for (uint32_t& nm : sig.names) {
    nm = static_cast<uint32_t>(GetLE(bytes, at, 4));
    at += 4;
  }
  auto strictly_increasing = [](const std::vector<uint32_t>& v) {
    return std::adjacent_find(v.begin(), v.end(), std::greater_equal<uint32_t>()) == v.end();
  };
  if (!strictly_increasing(sig.words) || !strictly_increasing(sig.names)) return std::nullopt;
  return sig;
}

RespunScore RespunIndex::Score(const RespunSignature& sig, const Entry& e) const {
  const uint32_t* w = pool_.data() + e.words_begin;
  return ScoreOf(sig.words.data(), sig.words.size(), sig.names.data(), sig.names.size(), sig.length, w, e.num_words,
                 w + e.num_words, e.num_names, e.length, /*early=*/true);
}

std::vector<int64_t> RespunIndex::Add(int64_t id, const RespunSignature& sig) {
  std::vector<Match> matches = Find(sig);
  Insert(id, sig);
  std::vector<int64_t> ids;
  ids.reserve(matches.size());
  for (const Match& m : matches) ids.push_back(m.id);
  return ids;
}

std::vector<RespunIndex::Match> RespunIndex::Find(const RespunSignature& sig, size_t limit) const {
  std::vector<Match> out;
  if (limit == 0 || entries_.empty() || sig.empty()) return out;
  std::vector<uint32_t> candidates;
  for (size_t band = 0; band < kRespunBands; ++band) {
    auto it = heads_.find(BandKey(sig.slots.data(), band));
    if (it == heads_.end()) continue;
    for (uint32_t e = it->second; e != kNone; e = next_[e * kRespunBands + band]) candidates.push_back(e);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::pair<RespunScore, uint32_t>> confirmed;
  for (uint32_t e : candidates) {
    if (SlotSimilarity(sig.slots.data(), slots_.data() + static_cast<size_t>(e) * kRespunSlots) < kRespunMinEstimate)
      continue;
    RespunScore s = Score(sig, entries_[e]);
    if (IsRespun(s)) confirmed.emplace_back(s, e);
  }
  std::stable_sort(confirmed.begin(), confirmed.end(),
                   [](const auto& a, const auto& b) { return a.first.words > b.first.words; });
  std::unordered_set<int64_t> seen;
  for (const auto& [s, e] : confirmed) {
    if (!seen.insert(entries_[e].id).second) continue;
    out.push_back(Match{entries_[e].id, s});
    if (out.size() == limit) break;
  }
  return out;
}

void RespunIndex::Insert(int64_t id, const RespunSignature& sig) {
  if (sig.empty()) return;
  const uint32_t entry = static_cast<uint32_t>(entries_.size());
  entries_.push_back(Entry{id, static_cast<uint32_t>(pool_.size()), static_cast<uint32_t>(sig.words.size()),
                           static_cast<uint32_t>(sig.names.size()), sig.length});
  pool_.insert(pool_.end(), sig.words.begin(), sig.words.end());
  pool_.insert(pool_.end(), sig.names.begin(), sig.names.end());
  slots_.insert(slots_.end(), sig.slots.begin(), sig.slots.end());
  next_.resize(next_.size() + kRespunBands, kNone);
  for (size_t band = 0; band < kRespunBands; ++band) {
    auto [head, inserted] = heads_.try_emplace(BandKey(sig.slots.data(), band), entry);
    if (!inserted) {
      next_[entry * kRespunBands + band] = head->second;
      head->second = entry;
    }
  }
}

}  // namespace eventcoder
