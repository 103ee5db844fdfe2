// Event output: the JSON Lines record of shared/design/event-schema.md, and a readable table.
//
//   std::string line = EventJson(doc, event, lexicon, options);   // one JSON object, no newline
//   WriteTable(std::cout, doc, lexicon);
//
// Spans are converted from the coder's byte offsets to Unicode code points, as the schema requires.
// Thread-safety: pure functions.
#pragma once

#include <ostream>
#include <string>

#include "doc/document.h"
#include "lexicon/lexicon.h"

namespace eventcoder {

struct OutputOptions {
  std::string version = EVENTCODER_VERSION;
};

// The stable event id: same article, sentence, code, actors, claim and trigger -> same id.
std::string EventId(const Document& doc, const Event& e);
std::string EventJson(const Document& doc, const Event& e, const Lexicon& lexicon, const OutputOptions& options);
void WriteTable(std::ostream& out, const Document& doc, const Lexicon& lexicon, bool explain);
// Number of code points in the first `bytes` bytes of UTF-8 text.
size_t CodePoints(std::string_view text, size_t bytes);

}  // namespace eventcoder
