// The read/ stage: turns a file, standard input or bytes in memory into a Document holding the
// article's text (UTF-8, NFC, paragraphs separated by "\n\n") and what the input says about itself:
// title, canonical URL and publication date. Plain text and HTML are read; the format is chosen by
// the file name or by sniffing the content. The accepted input, the limits and every error message
// are described in docs/input-formats.md.
//
//   Result<Document> doc = ReadPath("story.html", ReadOptions{});
//   if (!doc.ok()) return doc.status();   // "story.html: binary file (NUL byte at offset 12)"
//   doc->title;      // "Armenia and Azerbaijan agree truce"
//   doc->published;  // 2020-10-10
//   doc->text;       // "Armenia and Azerbaijan agreed …\n\nThe two sides …"
//
//   Result<Document> same = ReadBytes(bytes, "story.txt", ReadOptions{}, InputFormat::kText);
//
// Every error is a Status with one line of the form "PATH: cause". The functions never throw,
// print or exit.
//
// Thread-safety: free functions without shared state; call them from any number of threads (only
// one thread should read standard input).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"
#include "doc/document.h"

namespace eventcoder {

struct ReadOptions {
  // Inputs larger than this are refused (kTooLarge). Default: 10 MB (10 * 1024 * 1024 bytes).
  size_t max_bytes = 10 * 1024 * 1024;
};

enum class InputFormat {
  kAuto,  // HTML for .html/.htm/.xhtml names or content opening with <!doctype, <html, <head, <body
  kText,  // plain text, UTF-8 (a UTF-16 byte-order mark is also understood)
  kHtml,  // HTML in any charset ICU knows, declared by a byte-order mark or <meta>
};

// Reads a file, or standard input when path == "-", into a Document (id, path, url, title,
// published, text). Document::id is HashHex of the bytes read; Document::path is `path`.
[[nodiscard]] Result<Document> ReadPath(const std::string& path, const ReadOptions& options,
                                        InputFormat format = InputFormat::kAuto);

// The same from bytes already in memory (`path` is only used in messages and Document::path).
[[nodiscard]] Result<Document> ReadBytes(std::string_view bytes, const std::string& path,
                                         const ReadOptions& options, InputFormat format = InputFormat::kAuto);

// The format kAuto resolves to for these bytes read from `path`.
InputFormat DetectFormat(std::string_view bytes, const std::string& path);

}  // namespace eventcoder
