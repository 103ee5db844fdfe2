// Work on raw HTML before it is parsed (private to read/): the declared charset, decoding to UTF-8,
// and a rewrite that keeps the HTML5 parser fast and small on hostile or broken pages.
//
//   Result<std::string> utf8 = DecodeHtmlToUtf8(bytes);    // BOM, <meta charset>, else UTF-8/windows-1252
//   std::string safe = SimplifyMarkup(utf8.value(), 256);   // same text, fewer tags
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "base/status.h"

namespace eventcoder::read_internal {

// The charset a page declares in a <meta charset> or <meta http-equiv="Content-Type"> tag within
// its first 2048 bytes (comments skipped), lower-cased and trimmed; empty when none.
std::string FindMetaCharset(std::string_view bytes);

// The ICU converter name for a charset label, following the WHATWG Encoding Standard where it
// differs from ICU: "iso-8859-1", "latin1" and "us-ascii" mean windows-1252, "utf-16" in a <meta>
// means UTF-8. Unknown labels are returned (lower-cased) for ICU to judge.
std::string CharsetForLabel(std::string_view label);

// A page's bytes in UTF-8: a byte-order mark decides; else the <meta> charset; else UTF-8 when the
// bytes are valid UTF-8, windows-1252 when not. Ill-formed input becomes U+FFFD. Fails (kUnsupported,
// cause only) when ICU does not know the declared charset.
Result<std::string> DecodeHtmlToUtf8(std::string_view bytes);

// Rewrites markup so that gumbo's HTML5 tree construction stays fast and small whatever the page:
// - start and end tags of elements opened deeper than `max_depth` are removed;
// - the inline formatting tags (a, b, i, em, strong, font …) are removed: they never separate text,
//   but the parser re-creates every open one after each block that cuts them;
// - attributes past the 64th of a tag are removed (the parser compares each with all before it),
//   and so are repeated <html> and <body> tags (the parser merges their attributes the same way).
// Text, comments and the content of script, style, textarea and the like are left as they are.
std::string SimplifyMarkup(std::string_view html, size_t max_depth);

// ASCII helpers for markup names and attribute values.
bool IsMarkupSpace(char c);
std::string AsciiLower(std::string_view s);
std::string_view TrimMarkupSpace(std::string_view s);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
// True when the white-space separated list `tokens` holds `token` (case-insensitive).
bool HasToken(std::string_view tokens, std::string_view token);
bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names);

}  // namespace eventcoder::read_internal
