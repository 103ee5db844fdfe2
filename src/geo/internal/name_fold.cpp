#include "geo/internal/name_fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <vector>

namespace eventcoder::geo_internal {
namespace {

// Code points below this are folded through a table built once; the rest are folded on the fly.
constexpr UChar32 kTableLimit = 0x3000;

// Letters that have no canonical decomposition but that readers treat as a base letter
// (Azerbaijani ə, Turkish ı, Polish ł, Nordic ø/æ, Croatian đ, German ß …). Keys are lower case.
const char* SpelledOut(UChar32 c) {
  switch (c) {
    case 0x0259: return "e";   // ə schwa (Azerbaijani)
    case 0x01DD: return "e";   // ǝ turned e (used for ə in some sources)
    case 0x0131: return "i";   // ı dotless i
    case 0x0268: return "i";   // ɨ
    case 0x0142: return "l";   // ł
    case 0x0140: return "l";   // ŀ
    case 0x00F8: return "o";   // ø
    case 0x0111: return "d";   // đ
    case 0x00F0: return "d";   // ð
    case 0x0127: return "h";   // ħ
    case 0x0167: return "t";   // ŧ
    case 0x0138: return "k";   // ĸ
    case 0x01B6: return "z";   // ƶ
    case 0x00DF: return "ss";  // ß
    case 0x1E9E: return "ss";  // ẞ (folds to ß first, kept for safety)
    case 0x00E6: return "ae";  // æ
    case 0x0153: return "oe";  // œ
    case 0x00FE: return "th";  // þ
    default: return nullptr;
  }
}

// Apostrophe-like marks, dropped like ASCII "'" ("Ghap’an" = "Ghapan", "Tʻartʻar" = "Tartar").
bool IsApostrophe(UChar32 c) {
  switch (c) {
    case 0x2019: case 0x2018: case 0x201B: case 0x02BC: case 0x02BB: case 0x02BD: case 0x02BE:
    case 0x02BF: case 0x02B9: case 0x00B4: case 0x2032: case 0xFF07:
      return true;
    default:
      return false;
  }
}

// Hyphens, dashes and spaces, all folded to one ' '.
bool IsSeparator(UChar32 c) {
  if (c >= 0x2010 && c <= 0x2015) return true;  // ‐ ‑ ‒ – — ―
  if (c == 0x2212 || c == 0xFE63 || c == 0xFF0D) return true;
  return u_isUWhiteSpace(c) != 0;
}

void AppendUtf8(std::string& out, UChar32 c) {
  char buf[4];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  out.append(buf, static_cast<size_t>(n));
}

// ICU's NFD normalizer, created once. ICU synchronises its own lazy creation with atomics that
// ThreadSanitizer cannot see in the uninstrumented library; the C++ static makes it visible (names are
// folded on every coding thread, and with the gazetteer cache the first fold may happen on any of them).
const icu::Normalizer2* NfdNormalizer() {
  static const icu::Normalizer2* const nfd = [] {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(err);
    return U_FAILURE(err) ? nullptr : n;
  }();
  return nfd;
}

// The fold of one code point: "" to drop it, " " for a separator, else lower-case base letters.
std::string FoldCodePoint(UChar32 c) {
  if (IsApostrophe(c)) return "";
  if (IsSeparator(c)) return " ";
  const icu::Normalizer2* nfd = NfdNormalizer();
  UChar32 folded = u_foldCase(c, U_FOLD_CASE_DEFAULT);
  icu::UnicodeString parts;
  if (nfd == nullptr || !nfd->getDecomposition(folded, parts)) parts = icu::UnicodeString(folded);
  std::string out;
  for (int32_t i = 0; i < parts.length();) {
    UChar32 d = parts.char32At(i);
    i += U16_LENGTH(d);
    if (u_getCombiningClass(d) != 0 || u_charType(d) == U_NON_SPACING_MARK) continue;
    d = u_foldCase(d, U_FOLD_CASE_DEFAULT);  // İ decomposes to I + dot above
    if (const char* s = SpelledOut(d)) {
      out += s;
    } else {
      AppendUtf8(out, d);
    }
  }
  return out;
}

const std::vector<std::string>& FoldTable() {
  static const std::vector<std::string> table = [] {
    std::vector<std::string> t(kTableLimit);
    for (UChar32 c = 0; c < kTableLimit; ++c) {
      if (c >= 0x80) t[c] = FoldCodePoint(c);
    }
    return t;
  }();
  return table;
}

}  // namespace

std::string FoldName(std::string_view name) {
  const std::vector<std::string>& table = FoldTable();
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  auto emit = [&](std::string_view piece) {
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += piece;
  };
  const char* s = name.data();
  const int32_t length = static_cast<int32_t>(name.size());
  for (int32_t i = 0; i < length;) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      char ch = static_cast<char>(b);
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      if (ch == '\'' || ch == '`') continue;
      if (ch == '-' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
        pending_space = true;
        continue;
      }
      emit(std::string_view(&ch, 1));
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) continue;  // invalid UTF-8: dropped
    std::string computed;
    const std::string* piece = nullptr;
    if (c < kTableLimit) {
      piece = &table[c];
    } else {
      computed = FoldCodePoint(c);
      piece = &computed;
    }
    if (*piece == " ") {
      pending_space = true;
    } else if (!piece->empty()) {
      emit(*piece);
    }
  }
  return out;
}

bool IsLatinName(std::string_view name) {
  bool latin = false;
  const char* s = name.data();
  const int32_t length = static_cast<int32_t>(name.size());
  for (int32_t i = 0; i < length;) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) latin = true;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &err);
    if (U_FAILURE(err)) return false;
    if (script == USCRIPT_LATIN) {
      latin = true;
    } else if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      return false;
    }
  }
  return latin;
}

size_t CodePointCount(std::string_view name) {
  size_t n = 0;
  for (char ch : name)
    if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace eventcoder::geo_internal
