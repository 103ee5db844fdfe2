#include "read/internal/encoding.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <climits>
#include <memory>

namespace eventcoder::read_internal {

BomInfo DetectBom(std::string_view b) {
  if (b.size() >= 3 && b[0] == '\xEF' && b[1] == '\xBB' && b[2] == '\xBF') return {Bom::kUtf8, 3};
  if (b.size() >= 2 && b[0] == '\xFF' && b[1] == '\xFE') return {Bom::kUtf16Le, 2};
  if (b.size() >= 2 && b[0] == '\xFE' && b[1] == '\xFF') return {Bom::kUtf16Be, 2};
  return {};
}

static bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t FindInvalidUtf8(std::string_view bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = b[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c < 0xC2) return i;  // a stray continuation byte, or an overlong two-byte form
    if (c < 0xE0) {
      if (i + 1 >= n || !IsContinuation(b[i + 1])) return i;
      i += 2;
      continue;
    }
    if (c < 0xF0) {
      if (i + 2 >= n) return i;
      const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
      const unsigned char hi = c == 0xED ? 0x9F : 0xBF;  // no surrogates
      if (b[i + 1] < lo || b[i + 1] > hi || !IsContinuation(b[i + 2])) return i;
      i += 3;
      continue;
    }
    if (c < 0xF5) {
      if (i + 3 >= n) return i;
      const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;  // no overlong forms
      const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;  // nothing past U+10FFFF
      if (b[i + 1] < lo || b[i + 1] > hi || !IsContinuation(b[i + 2]) || !IsContinuation(b[i + 3])) {
        return i;
      }
      i += 4;
      continue;
    }
    return i;
  }
  return std::string_view::npos;
}

Result<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset) {
  UErrorCode error = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> converter(ucnv_open(charset.c_str(), &error),
                                                                ucnv_close);
  if (U_FAILURE(error) || converter == nullptr) {
    // The label comes from the page: shown printable and short, so the message stays one line.
    return Unsupported("unsupported charset \"" + PrintableExcerpt(charset) + "\"");
  }
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) {
    return TooLarge("too large to convert from " + charset);
  }
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), error);
  if (U_FAILURE(error)) {
    return Unsupported("cannot decode the text as " + charset + " (" + u_errorName(error) + ")");
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

SpecialChar ClassifySpecialChar(std::string_view b, size_t i, size_t* length) {
  const unsigned char c = static_cast<unsigned char>(b[i]);
  if (c == 0xC2 && i + 1 < b.size()) {
    *length = 2;
    switch (static_cast<unsigned char>(b[i + 1])) {
      case 0xA0: return SpecialChar::kSpace;      // U+00A0 NO-BREAK SPACE
      case 0x85: return SpecialChar::kLineBreak;  // U+0085 NEXT LINE
      case 0xAD: return SpecialChar::kInvisible;  // U+00AD SOFT HYPHEN
      default: return SpecialChar::kNone;
    }
  }
  if (c == 0xE2 && i + 2 < b.size()) {
    *length = 3;
    const unsigned char c1 = static_cast<unsigned char>(b[i + 1]);
    const unsigned char c2 = static_cast<unsigned char>(b[i + 2]);
    if (c1 == 0x80) {
      switch (c2) {
        case 0x87: return SpecialChar::kSpace;      // U+2007 FIGURE SPACE
        case 0xAF: return SpecialChar::kSpace;      // U+202F NARROW NO-BREAK SPACE
        case 0x8B: return SpecialChar::kInvisible;  // U+200B ZERO WIDTH SPACE
        case 0xA8: return SpecialChar::kLineBreak;  // U+2028 LINE SEPARATOR
        case 0xA9: return SpecialChar::kParagraph;  // U+2029 PARAGRAPH SEPARATOR
        default: return SpecialChar::kNone;
      }
    }
    if (c1 == 0x81 && c2 == 0xA0) return SpecialChar::kInvisible;  // U+2060 WORD JOINER
    return SpecialChar::kNone;
  }
  if (c == 0xEF && i + 2 < b.size() && b[i + 1] == '\xBB' && b[i + 2] == '\xBF') {
    *length = 3;
    return SpecialChar::kInvisible;  // U+FEFF inside the text
  }
  return SpecialChar::kNone;
}

// ICU creates its normalizers once, synchronised by atomics inside the library, which ThreadSanitizer
// cannot see in the uninstrumented ICU; the C++ static makes the first call's synchronisation visible to
// every thread (readers run on many threads at once).
namespace {
const icu::Normalizer2* NfcNormalizer() {
  static const icu::Normalizer2* const nfc = [] {
    UErrorCode error = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(error);
    return U_FAILURE(error) ? nullptr : n;
  }();
  return nfc;
}
}  // namespace

std::string NormalizeToNfc(std::string text) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = NfcNormalizer();
  if (nfc == nullptr || text.size() > static_cast<size_t>(INT32_MAX)) return text;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (nfc->isNormalizedUTF8(piece, error) && U_SUCCESS(error)) return text;
  error = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out, static_cast<int32_t>(text.size()));
  nfc->normalizeUTF8(0, piece, sink, nullptr, error);
  if (U_FAILURE(error)) return text;
  return out;
}

std::string PrintableExcerpt(std::string_view text, size_t max) {
  std::string out;
  for (char c : text.substr(0, max)) out += c >= 0x20 && c < 0x7f ? c : '?';
  if (text.size() > max) out += "...";
  return out;
}

size_t CodePointCount(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace eventcoder::read_internal
