// Files that hold many articles: JSON Lines (one article per line) and WARC web archives (one
// article per HTTP response holding HTML), plain or gzip-compressed. Each record becomes a
// Document through the same readers as single files (reader.h), so charsets, titles and dates are
// found the same way. The accepted input and every error message are described in
// docs/input-formats.md.
//
//   RecordOptions options;
//   options.text_field = "body";                   // JSON Lines: {"url": …, "body": "…"}
//   size_t seen = ReadRecords("crawl.warc.gz", options, [&](Result<Document> doc) {
//     if (!doc.ok()) return Report(doc.status());  // "crawl.warc.gz: record 12: truncated WARC record"
//     Code(std::move(doc).value());                // doc.path "crawl.warc.gz#12", doc.url from WARC-Target-URI
//   });
//
// A bad record (a line that is not JSON, a page without text) is one error and the file goes on; a
// fault that makes the rest of the file unreadable (cannot open, corrupt gzip data, a WARC record
// whose Content-Length runs past the end) is one error and ends the file. Memory stays bounded by
// the size limit whatever the input: an over-long line or record is skipped without being held.
//
// Thread-safety: free functions without shared state. `sink` is called on the calling thread, in
// file order; different files may be read on different threads at once.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "base/status.h"
#include "doc/document.h"
#include "read/reader.h"

namespace eventcoder {

struct RecordOptions {
  // The size limit (max_bytes) applies to each record: a JSON line, an HTTP body.
  ReadOptions read;
  // JSON Lines member names. The article is the text field when it is a non-empty string, else the
  // HTML field; url, title and published, when present, take precedence over what the text or HTML says.
  std::string text_field = "text";
  std::string html_field = "html";
  std::string url_field = "url";
  std::string title_field = "title";
  std::string published_field = "published";
};

// Receives each record of a file: a Document, or the error of that record.
using RecordSink = std::function<void(Result<Document>)>;

// Reads the records of a JSON Lines (.jsonl, .ndjson) or WARC (.warc) file, each optionally
// gzip-compressed (.gz; concatenated gzip members, one per record, are read as one stream), and
// calls `sink` once per record, in order. Blank lines and WARC records that hold no HTML page
// (warcinfo, request, metadata, revisit, non-2xx responses, images …) are passed over silently.
// Document::path is "PATH:LINE" (JSON Lines) or "PATH#N" (WARC, N counting every record from 1).
// Returns the number of records seen, whatever became of them.
size_t ReadRecords(const std::string& path, const RecordOptions& options, const RecordSink& sink);

// True when the file name (any case) ends in .jsonl, .ndjson, .warc, or one of them + .gz.
bool IsRecordFile(const std::string& path);

}  // namespace eventcoder
