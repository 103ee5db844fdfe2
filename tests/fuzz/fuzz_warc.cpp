// Fuzzes the WARC reader (read/records.h) through a scratch file: WARC headers that lie about their
// Content-Length, folded fields, HTTP heads, chunked and gzip/deflate bodies, declared charsets.
// Inputs opening with the gzip magic are read as .warc.gz; inputs opening with byte 0x01 have the rest
// gzip-compressed first.
#include <cstdint>

#include "read/records.h"
#include "tests/fuzz/fuzz_util.h"

using namespace eventcoder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::ScratchFile plain(".warc"), gzip(".warc.gz");
  const fuzz::RecordInput input = fuzz::PrepareRecordInput(fuzz::AsView(data, size));
  const std::string& path = (input.gzip ? gzip : plain).Write(input.bytes);
  RecordOptions options;
  options.read.max_bytes = 64 * 1024;
  size_t calls = 0;
  const size_t seen = ReadRecords(path, options, [&](Result<Document> doc) {
    ++calls;
    if (doc.ok()) {
      fuzz::CheckDocument(doc.value());
      fuzz::Check(doc->path.rfind(path + "#", 0) == 0, "record path does not name the record", doc->path);
    } else {
      fuzz::CheckErrorMessage(doc.status(), path);
    }
  });
  fuzz::Check(calls <= seen + 1, "more results than records");
  return 0;
}
