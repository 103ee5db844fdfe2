// Fuzzes the JSON Lines reader (read/records.h) through a scratch file: broken JSON, wrong member
// types, over-long lines, blank lines, a byte-order mark, HTML in a JSON string. Inputs opening with
// the gzip magic are read as .jsonl.gz (corrupt and truncated gzip data); inputs opening with byte 0x01
// have the rest gzip-compressed first, so the records behind valid compression are fuzzed too.
#include <cstdint>

#include "read/records.h"
#include "tests/fuzz/fuzz_util.h"

using namespace eventcoder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::ScratchFile plain(".jsonl"), gzip(".jsonl.gz");
  const fuzz::RecordInput input = fuzz::PrepareRecordInput(fuzz::AsView(data, size));
  const std::string& path = (input.gzip ? gzip : plain).Write(input.bytes);
  RecordOptions options;
  options.read.max_bytes = 64 * 1024;
  size_t calls = 0;
  const size_t seen = ReadRecords(path, options, [&](Result<Document> doc) {
    ++calls;
    if (doc.ok()) {
      fuzz::CheckDocument(doc.value());
      fuzz::Check(doc->path.rfind(path + ":", 0) == 0, "record path does not name the line", doc->path);
    } else {
      fuzz::CheckErrorMessage(doc.status(), path);
    }
  });
  fuzz::Check(calls <= seen + 1, "more results than records");
  return 0;
}
