// Byte-level helpers of the read/ stage (private to read/): byte-order marks, UTF-8 validation,
// charset conversion with ICU, and the character clean-up every reader applies.
//
//   size_t bad = FindInvalidUtf8(bytes);            // npos when the bytes are well-formed UTF-8
//   Result<std::string> u = ConvertToUtf8(bytes, "windows-1252");
//   std::string nfc = NormalizeToNfc(u.value());
//
// Thread-safety: pure functions (ICU's NFC instance is immutable and shared).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace eventcoder::read_internal {

enum class Bom { kNone, kUtf8, kUtf16Le, kUtf16Be };

struct BomInfo {
  Bom bom = Bom::kNone;
  size_t length = 0;  // bytes taken by the mark
};

BomInfo DetectBom(std::string_view bytes);

// Byte offset of the first ill-formed UTF-8 sequence, or std::string_view::npos. Overlong forms,
// surrogates (U+D800..U+DFFF) and code points past U+10FFFF are ill-formed.
size_t FindInvalidUtf8(std::string_view bytes);

// Converts `bytes` from `charset` (a name ICU's converters know, e.g. "windows-1252", "UTF-16LE")
// to UTF-8. Ill-formed or unmapped input becomes U+FFFD. Fails (kUnsupported) only when ICU has no
// converter by that name; the message is the cause alone, without a file name.
Result<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset);

// How the readers treat a few special characters.
enum class SpecialChar {
  kNone,          // an ordinary character
  kSpace,         // no-break spaces U+00A0, U+2007, U+202F: become plain spaces
  kLineBreak,     // U+0085 (NEL), U+2028 (LINE SEPARATOR)
  kParagraph,     // U+2029 (PARAGRAPH SEPARATOR)
  kInvisible,     // U+200B (zero-width space), U+FEFF (a BOM inside the text), U+00AD (soft hyphen): dropped
};

// Classifies the (valid UTF-8) character starting at bytes[i]; `length` receives its byte length
// when it is special.
SpecialChar ClassifySpecialChar(std::string_view bytes, size_t i, size_t* length);

// Unicode Normalization Form C of valid UTF-8 (returns the input unchanged when already NFC).
std::string NormalizeToNfc(std::string text);

// `text` fit for a one-line message: bytes outside printable ASCII become '?', and more than `max`
// bytes are cut with "...". For values taken from the input (a charset label, a header field).
std::string PrintableExcerpt(std::string_view text, size_t max = 40);

// Number of code points in valid UTF-8.
size_t CodePointCount(std::string_view text);

}  // namespace eventcoder::read_internal
