// Fuzzes the plain-text reader (read/reader.h) on arbitrary bytes: UTF-8 and UTF-16 text, NUL bytes,
// byte-order marks, date and title lines. A read either gives a Document of valid UTF-8 or one error
// line naming the input; the size limit holds.
#include <cstdint>

#include "read/reader.h"
#include "tests/fuzz/fuzz_util.h"

using namespace eventcoder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes = fuzz::AsView(data, size);
  ReadOptions options;
  options.max_bytes = 1 << 20;
  Result<Document> doc = ReadBytes(bytes, "fuzz.txt", options, InputFormat::kText);
  if (doc.ok()) {
    fuzz::CheckDocument(doc.value());
    fuzz::Check(!doc->text.empty(), "empty text read without error");
  } else {
    fuzz::CheckErrorMessage(doc.status(), "fuzz.txt");
  }
  (void)DetectFormat(bytes, "fuzz");

  // One byte under the input's size: always refused as too large, never read.
  if (size > 1) {
    options.max_bytes = size - 1;
    Result<Document> small = ReadBytes(bytes, "fuzz.txt", options, InputFormat::kText);
    fuzz::Check(!small.ok() && small.status().code() == StatusCode::kTooLarge, "size limit not applied");
    fuzz::CheckErrorMessage(small.status(), "fuzz.txt");
  }
  return 0;
}
