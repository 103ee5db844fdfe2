// The HTML reader (private to read/): decodes the page (markup.h), parses it with gumbo and takes
// the article's text and the page's title, canonical URL and publication date.
//
//   Result<HtmlPage> page = ReadHtmlPage(bytes);   // bytes as they came, byte-order mark included
//   page->text;        // paragraphs separated by "\n\n"
//   page->title;       // og:title, else <title>, else the first <h1>
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "doc/document.h"

namespace eventcoder::read_internal {

struct HtmlPage {
  std::string text;
  std::optional<std::string> title;
  std::optional<std::string> url;
  std::optional<PartialDate> published;
};

// Elements opened deeper than this are flattened away before parsing (their text is kept).
inline constexpr size_t kMaxHtmlDepth = 256;

// Decodes, parses and extracts a page. Errors carry the cause only (no file name): an unsupported
// charset, or a page without text.
Result<HtmlPage> ReadHtmlPage(std::string_view bytes);

}  // namespace eventcoder::read_internal
