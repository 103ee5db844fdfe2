// Fuzzes the WARC reader (read/records.h) through a scratch file: WARC headers that lie about their
// Content-Length, folded fields, HTTP heads, chunked and gzip/deflate bodies, declared charsets.
// Inputs opening with the gzip magic are read as .warc.gz; inputs opening with byte 0x01 have the rest
// gzip-compressed first.
#include <cstdint>

#include "tests/fuzz/fuzz_records.h"

using namespace eventcoder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::ScratchFile plain(".warc"), gzip(".warc.gz");
  return fuzz::FuzzRecordReader(data, size, plain, gzip, '#', "record path does not name the record");
}
