// Fuzzes the HTML reader (read/reader.h) on arbitrary bytes: charsets declared in <meta> or by a
// byte-order mark, broken and deeply nested markup, entities, scripts, JSON-LD and date metadata.
#include <cstdint>

#include "read/reader.h"
#include "tests/fuzz/fuzz_util.h"

using namespace eventcoder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::AsView(data, size);
  ReadOptions options;
  options.max_bytes = 1 << 20;
  Result<Document> doc = ReadBytes(bytes, "fuzz.html", options, InputFormat::kHtml);
  if (doc.ok()) {
    fuzz::CheckDocument(doc.value());
  } else {
    fuzz::CheckErrorMessage(doc.status(), "fuzz.html");
  }
  return 0;
}
