// Fuzzes the cleaner (clean/cleaner.h) on any text a reader can produce (valid UTF-8 without NUL):
// shortcodes, credits, duplicated paragraphs, link lists, datelines. The cleaned text stays valid
// UTF-8 and no longer than what it came from, plus paragraph breaks.
#include <cstdint>

#include "clean/cleaner.h"
#include "tests/fuzz/fuzz_util.h"

using namespace eventcoder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::AsView(data, size);
  Document doc;
  doc.text = fuzz::AsReaderText(bytes);
  const size_t before = doc.text.size();
  const CleanReport report = CleanDocument(doc);
  fuzz::Check(fuzz::IsValidUtf8(doc.text), "cleaned text is not UTF-8");
  fuzz::Check(doc.text.size() <= 2 * before + 2, "cleaned text grew");
  fuzz::Check(fuzz::IsValidUtf8(doc.dateline_place) && fuzz::IsValidUtf8(doc.dateline_agency),
              "dateline is not UTF-8");
  fuzz::Check(report.shortcodes >= 0 && report.duplicates >= 0 && report.debris >= 0, "negative count");

  const std::string_view text = doc.text;
  const size_t half = text.size() / 2;
  (void)NearDuplicate(text.substr(0, half), text.substr(half));
  return 0;
}
