#include "lang/language.h"

#include <climits>
#include <cstdint>
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace eventcoder {
namespace {

// Scripts written without spaces between words: each character counts as a word.
bool WrittenWithoutSpaces(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  switch (uscript_getScript(c, &err)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_TIBETAN:
      return true;
    default:
      return false;
  }
}

// True when `text` holds at least `min` words; stops counting there.
bool HasWords(std::string_view text, int min) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = text.size() > static_cast<size_t>(INT32_MAX) ? INT32_MAX : static_cast<int32_t>(text.size());
  int words = 0;
  bool in_word = false;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    // Letters, digits and combining marks (Devanagari, Arabic vowel signs) make words.
    bool word_char = c >= 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
    if (word_char && WrittenWithoutSpaces(c)) {
      ++words;
      in_word = false;
    } else if (word_char && !in_word) {
      ++words;
      in_word = true;
    } else if (!word_char) {
      in_word = false;
    }
    if (words >= min) return true;
  }
  return false;
}

// CLD2's code as ISO 639-1 where there is one; "" for CLD2's "unknown" and its pseudo-languages.
std::string IsoCode(CLD2::Language language) {
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return "";
  std::string code = CLD2::LanguageCode(language);
  if (code.empty() || code == "un" || code.rfind("xx", 0) == 0 || code.rfind("zz", 0) == 0 || code == "tlh")
    return "";
  if (size_t dash = code.find('-'); dash != std::string::npos) code.resize(dash);  // zh-Hant, sr-ME
  if (code == "iw") return "he";  // CLD2 keeps the withdrawn codes of Hebrew and Javanese
  if (code == "jw") return "jv";
  return code;
}

}  // namespace

LanguageGuess DetectLanguage(std::string_view utf8_text) {
  LanguageGuess guess;
  if (utf8_text.size() > static_cast<size_t>(INT_MAX)) utf8_text = utf8_text.substr(0, INT_MAX);
  if (!HasWords(utf8_text, kMinWordsForLanguage)) return guess;
  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language top3[3];
  int percent3[3];
  double scores3[3];
  int text_bytes = 0, valid_prefix = 0;
  bool reliable = false;
  CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      utf8_text.data(), static_cast<int>(utf8_text.size()), /*is_plain_text=*/true, &hints, /*flags=*/0, top3,
      percent3, scores3, /*resultchunkvector=*/nullptr, &text_bytes, &reliable, &valid_prefix);
  if (valid_prefix < static_cast<int>(utf8_text.size())) return guess;  // not UTF-8: unknown
  guess.code = IsoCode(language);
  guess.reliable = reliable && !guess.code.empty();
  return guess;
}

}  // namespace eventcoder
