// Cleaner: the clean/ stage. Removes what scrapers add around a news story, by general patterns:
// shortcodes ("[ad_1]", "[caption …]"), photo credits ("Uncredited / AP", "Photo: Jane Doe/AFP",
// "(AP Photo/…)"), captions and paragraphs repeated exactly or nearly (the first copy stays),
// "READ MORE:" / "Related:" blocks of other stories' headlines, share/newsletter lines, stray one-word
// sentences left by machine translation ("… a year. room. century."), and the wire dateline
// ("MOSCOW (AP) —"), which is kept as metadata (Document::dateline_place / dateline_agency).
//
//   CleanReport r = CleanDocument(doc);   // rewrites doc.text, paragraphs joined by "\n\n"
//
// Thread-safety: stateless; call from any thread on distinct documents.
#pragma once

#include <string>

#include "doc/document.h"

namespace eventcoder {

struct CleanReport {
  int shortcodes = 0;
  int credits = 0;
  int duplicates = 0;
  int link_lists = 0;    // lines dropped from "READ MORE"-style blocks
  int boilerplate = 0;   // share / subscribe / advertisement lines
  int debris = 0;        // stray one-word sentences
  bool dateline = false;
};

CleanReport CleanDocument(Document& doc);

// Exposed for tests: near-duplicate test used for paragraphs (token edit distance).
bool NearDuplicate(std::string_view a, std::string_view b);

}  // namespace eventcoder
