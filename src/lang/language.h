// Language detection: which language an article is written in, so the pipeline codes only the
// languages its dictionaries are written for (English) and counts the rest as skipped.
//
//   LanguageGuess g = DetectLanguage(doc.text);
//   if (g.reliable && g.code != "en") { /* not for the English dictionaries */ }
//
// Detection is Compact Language Detector 2 (CLD2, Debian's libcld2), on plain UTF-8 text. A text of
// fewer than kMinWordsForLanguage words is not judged at all: the guess is "" and not reliable.
//
// Thread-safety: DetectLanguage is a pure function; call it from any thread.
#pragma once

#include <string>
#include <string_view>

namespace eventcoder {

struct LanguageGuess {
  // ISO 639-1 code ("en", "fr", "ru", "ar", "he" …); a language without one keeps its ISO 639-2/3
  // code ("haw", "ceb"). Empty when unknown: too short, no letters, or no language scored.
  std::string code;
  // The detector is confident: the best language is clearly ahead of the next one. Never true for
  // an empty code.
  bool reliable = false;
};

// Below this many words a text is "unknown" (counted as runs of letters and digits; in scripts
// written without spaces — Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan — each character counts).
inline constexpr int kMinWordsForLanguage = 20;

// The language of `utf8_text`. Invalid UTF-8 gives an unknown guess, never a crash.
LanguageGuess DetectLanguage(std::string_view utf8_text);

}  // namespace eventcoder
