// The body shared by the record-reader harnesses (fuzz_jsonl.cpp, fuzz_warc.cpp): the input goes through
// a scratch file (gzip-compressed first when it opens with byte 0x01), ReadRecords reads it with a small
// size limit, and every result must be a well-formed document whose path names its record, or one error
// line naming the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "read/records.h"
#include "tests/fuzz/fuzz_util.h"

namespace eventcoder::fuzz {

// `separator` joins the file and the record in a document's path (':' before a line, '#' before a
// record number); `what` names the record in the failure message.
inline int FuzzRecordReader(const uint8_t* data, size_t size, ScratchFile& plain, ScratchFile& gzip, char separator,
                            const char* what) {
  const RecordInput input = PrepareRecordInput(AsView(data, size));
  const std::string& path = (input.gzip ? gzip : plain).Write(input.bytes);
  RecordOptions options;
  options.read.max_bytes = 64 * 1024;
  size_t calls = 0;
  const size_t seen = ReadRecords(path, options, [&](Result<Document> doc) {
    ++calls;
    if (doc.ok()) {
      CheckDocument(doc.value());
      Check(doc->path.rfind(path + separator, 0) == 0, what, doc->path);
    } else {
      CheckErrorMessage(doc.status(), path);
    }
  });
  Check(calls <= seen + 1, "more results than records");
  return 0;
}

}  // namespace eventcoder::fuzz
