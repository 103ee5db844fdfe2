// Fuzzes the JSON Lines reader (read/records.h) through a scratch file: broken JSON, wrong member
// types, over-long lines, blank lines, a byte-order mark, HTML in a JSON string. Inputs opening with
// the gzip magic are read as .jsonl.gz (corrupt and truncated gzip data); inputs opening with byte 0x01
// have the rest gzip-compressed first, so the records behind valid compression are fuzzed too.
#include <cstdint>

#include "tests/fuzz/fuzz_records.h"

using namespace eventcoder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static fuzz::ScratchFile plain(".jsonl"), gzip(".jsonl.gz");
  return fuzz::FuzzRecordReader(data, size, plain, gzip, ':', "record path does not name the line");
}
