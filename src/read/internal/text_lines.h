// Line-level processing shared by the readers (private to read/): line endings and special
// characters, blank-line structure, date lines and the title line at the top of a text.
//
//   std::string text = NormalizeLines(utf8);                  // "\r\n" -> "\n", NFC, blank lines collapsed
//   std::optional<PartialDate> published = TakeDateLines(text);  // "Published: March 3, 2024" removed
//   std::optional<std::string> title = TakeTitleLine(text);      // a short first line, removed
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "doc/document.h"

namespace eventcoder::read_internal {

// Valid UTF-8 in; out: CRLF and CR become LF, U+2028/U+0085 a newline and U+2029 a blank line,
// no-break spaces plain spaces, invisible characters (zero-width space, soft hyphen, stray U+FEFF)
// dropped; NFC; then CollapseBlankLines.
std::string NormalizeLines(std::string_view utf8);

// Trailing white space removed from every line, lines of white space emptied, runs of empty lines
// reduced to one (paragraphs separated by exactly "\n\n"), no empty lines at the start or the end.
std::string CollapseBlankLines(std::string_view text);

// Removes the date lines (see ParseDateLine) found among the first six non-empty lines of `text`
// and returns the publication date they give: the first "Published"/"Posted" line or bare date,
// else the first "Updated" line. `text` must be collapsed (CollapseBlankLines); it stays so.
std::optional<PartialDate> TakeDateLines(std::string& text);

// When the first line of a collapsed `text` is a paragraph of its own, shorter than 200 characters,
// with at least one letter, not ending in sentence punctuation (. ! ? … : ; ,) and followed by more
// text, removes it and returns it as the title.
std::optional<std::string> TakeTitleLine(std::string& text);

}  // namespace eventcoder::read_internal
