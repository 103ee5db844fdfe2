#include "read/records.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/hash.h"
#include "read/internal/date_line.h"
#include "read/internal/encoding.h"
#include "read/internal/markup.h"

namespace eventcoder {
namespace {

using read_internal::AsciiLower;
using read_internal::StartsWithIgnoreCase;
using read_internal::TrimMarkupSpace;

constexpr size_t kChunk = 64 * 1024;
constexpr size_t kMaxHeaderBytes = 64 * 1024;  // a WARC header block, an HTTP header block
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::string ErrnoText(int error) { return std::generic_category().message(error); }

// "10 MB", "64 KB" or "1000 bytes", as in reader.cpp.
std::string LimitText(size_t bytes) {
  constexpr size_t kMb = 1024 * 1024;
  if (bytes >= kMb && bytes % kMb == 0) return std::to_string(bytes / kMb) + " MB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes) + " bytes";
}

Status WithPlace(const std::string& where, const Status& status) {
  return Status(status.code(), where + ": " + status.message());
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void StripCr(std::string& line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; });
}

// ---------------------------------------------------------------------------------------------
// The bytes of a file, read a chunk at a time and, for .gz files, inflated on the way. Concatenated
// gzip members are one stream. Errors carry the cause only.

class ByteReader {
 public:
  ByteReader(int fd, bool gzip, std::optional<uint64_t> file_size)
      : fd_(fd), gzip_(gzip), file_size_(file_size), buffer_(kChunk) {}
  ByteReader(const ByteReader&) = delete;
  ByteReader& operator=(const ByteReader&) = delete;
  ~ByteReader() {
    if (inflating_) inflateEnd(&z_);
    ::close(fd_);
  }

  Status Start() {
    if (!gzip_) return Status::Ok();
    input_.resize(kChunk);
    if (inflateInit2(&z_, 15 + 16) != Z_OK) return Status(StatusCode::kInternal, "cannot start zlib");
    inflating_ = true;
    return Status::Ok();
  }

  // Bytes consumed so far (after decompression).
  uint64_t offset() const { return offset_; }

  // Bytes left, when known (an uncompressed regular file).
  std::optional<uint64_t> remaining() const {
    if (gzip_ || !file_size_) return std::nullopt;
    return *file_size_ > offset_ ? *file_size_ - offset_ : 0;
  }

  // The next line, without its '\n'. At most `max` bytes are kept: a longer line is read to its end
  // and dropped, `line` is left empty and *cut is set. Returns false at the end of the input.
  Result<bool> ReadLine(size_t max, std::string* line, bool* cut) {
    line->clear();
    *cut = false;
    bool any = false;
    while (true) {
      EVENTCODER_RETURN_IF_ERROR(Fill());
      if (pos_ == end_) return any;
      any = true;
      const char* start = buffer_.data() + pos_;
      const void* newline = std::memchr(start, '\n', end_ - pos_);
      const size_t n =
          newline != nullptr ? static_cast<size_t>(static_cast<const char*>(newline) - start) : end_ - pos_;
      if (!*cut) {
        if (line->size() + n > max) {
          *cut = true;
          line->clear();
        } else {
          line->append(start, n);
        }
      }
      Consume(n);
      if (newline != nullptr) {
        Consume(1);
        return true;
      }
    }
  }

  // Appends up to `n` bytes to `out`; fewer only at the end of the input. Returns how many.
  Result<uint64_t> Read(uint64_t n, std::string* out) { return Take(n, out); }

  // Passes over up to `n` bytes; fewer only at the end of the input. Returns how many.
  Result<uint64_t> Skip(uint64_t n) { return Take(n, nullptr); }

 private:
  Result<uint64_t> Take(uint64_t n, std::string* out) {
    uint64_t done = 0;
    while (done < n) {
      EVENTCODER_RETURN_IF_ERROR(Fill());
      if (pos_ == end_) break;
      const size_t step = static_cast<size_t>(std::min<uint64_t>(n - done, end_ - pos_));
      if (out != nullptr) out->append(buffer_.data() + pos_, step);
      Consume(step);
      done += step;
    }
    return done;
  }

  void Consume(size_t n) {
    pos_ += n;
    offset_ += n;
  }

  Result<size_t> ReadSome(char* into, size_t size) {
    while (true) {
      const ssize_t n = ::read(fd_, into, size);
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return IoError("cannot read: " + ErrnoText(errno));
    }
  }

  // Makes bytes available in buffer_ unless the input is at its end.
  Status Fill() {
    if (pos_ < end_ || at_end_) return Status::Ok();
    if (!error_.ok()) return error_;
    pos_ = end_ = 0;
    if (!gzip_) {
      Result<size_t> n = ReadSome(buffer_.data(), buffer_.size());
      if (!n.ok()) return error_ = n.status();
      end_ = n.value();
      at_end_ = end_ == 0;
      return Status::Ok();
    }
    while (end_ == 0) {
      if (z_.avail_in == 0) {
        Result<size_t> n = ReadSome(input_.data(), input_.size());
        if (!n.ok()) return error_ = n.status();
        if (n.value() == 0) {
          if (member_open_) return error_ = InvalidInput("truncated gzip data");
          at_end_ = true;
          return Status::Ok();
        }
        z_.next_in = reinterpret_cast<Bytef*>(input_.data());
        z_.avail_in = static_cast<uInt>(n.value());
      }
      z_.next_out = reinterpret_cast<Bytef*>(buffer_.data());
      z_.avail_out = static_cast<uInt>(buffer_.size());
      member_open_ = true;
      const int rc = inflate(&z_, Z_NO_FLUSH);
      end_ = buffer_.size() - z_.avail_out;
      if (rc == Z_STREAM_END) {
        member_open_ = false;  // the next bytes, if any, start another member
        inflateReset(&z_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        const std::string cause = z_.msg != nullptr ? z_.msg : "error " + std::to_string(rc);
        return error_ = InvalidInput("corrupt gzip data (" + cause + ")");
      }
    }
    return Status::Ok();
  }

  int fd_;
  bool gzip_;
  std::optional<uint64_t> file_size_;
  std::vector<char> buffer_;  // decoded bytes; [pos_, end_) not yet consumed
  size_t pos_ = 0, end_ = 0;
  uint64_t offset_ = 0;
  bool at_end_ = false;
  Status error_;
  std::vector<char> input_;  // compressed bytes (gzip only)
  z_stream z_{};
  bool inflating_ = false;
  bool member_open_ = false;
};

// ---------------------------------------------------------------------------------------------
// Values that come with a record.

// White space runs collapsed to one space, trimmed, NFC; nullopt when nothing is left.
std::optional<std::string> CleanLabel(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.empty()) return std::nullopt;
  return read_internal::NormalizeToNfc(std::move(out));
}

// ISO 8601 ("2020-10-10", "2020-10-10T08:15:00Z") or a written date ("October 10, 2020").
std::optional<PartialDate> ParseDateValue(std::string_view s) {
  s = TrimMarkupSpace(s);
  if (std::optional<PartialDate> iso = PartialDate::Parse(s)) return iso;
  return read_internal::ParseDateText(s);
}

// An HTML page whose charset may have been declared outside it (HTTP Content-Type). A declared
// charset ICU knows wins over the page's <meta> (as in browsers; a byte-order mark still wins
// over both): the page is converted to UTF-8 and handed to the HTML reader behind a UTF-8
// byte-order mark. An unknown label is ignored. Document::id is the hash of `page` as given.
Result<Document> ReadPageInCharset(std::string_view page, std::string_view charset_label, const std::string& where,
                                   const ReadOptions& options) {
  if (page.size() > options.max_bytes) {
    return TooLarge(where + ": larger than the " + LimitText(options.max_bytes) + " limit (" +
                    std::to_string(page.size()) + " bytes)");
  }
  ReadOptions unlimited = options;  // the limit is checked above; a conversion may make the page longer
  unlimited.max_bytes = std::numeric_limits<size_t>::max();
  std::string converted;
  std::string_view input = page;
  const std::string label = AsciiLower(TrimMarkupSpace(charset_label));
  if (!label.empty() && read_internal::DetectBom(page).bom == read_internal::Bom::kNone) {
    std::string charset;
    if (read_internal::IsOneOf(
            label, {"utf-16", "utf-16le", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff"})) {
      charset = "UTF-16LE";  // in HTTP, unlike in a <meta>, these labels do mean UTF-16
    } else if (read_internal::IsOneOf(label, {"utf-16be", "unicodefffe"})) {
      charset = "UTF-16BE";
    } else {
      charset = read_internal::CharsetForLabel(label);
    }
    if (charset == "UTF-8" && read_internal::FindInvalidUtf8(page) == std::string_view::npos) {
      converted = std::string(kUtf8Bom).append(page);
      input = converted;
    } else if (Result<std::string> utf8 = read_internal::ConvertToUtf8(page, charset); utf8.ok()) {
      converted = std::string(kUtf8Bom) + utf8.value();
      input = converted;
    }
  }
  Result<Document> doc = ReadBytes(input, where, unlimited, InputFormat::kHtml);
  if (doc.ok()) doc->id = HashHex(page);
  return doc;
}

// A URI from a WARC header as Document::url: control characters, and every byte past ASCII when
// the URI is not UTF-8, are percent-encoded (the url must be valid UTF-8 on one line).
std::string CleanUri(std::string_view uri) {
  const bool utf8 = read_internal::FindInvalidUtf8(uri) == std::string_view::npos;
  std::string out;
  for (char ch : uri) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f || (!utf8 && c >= 0x80)) {
      constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// JSON Lines.

const std::string* StringMember(const nlohmann::json& object, const std::string& name) {
  if (name.empty()) return nullptr;
  const auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return nullptr;
  return it->get_ptr<const std::string*>();
}

Result<Document> ReadJsonRecord(std::string_view line, const std::string& where, const RecordOptions& options) {
  const nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
  if (object.is_discarded()) {
    if (const size_t bad = read_internal::FindInvalidUtf8(line); bad != std::string_view::npos) {
      return InvalidInput(where + ": not JSON (invalid UTF-8 at byte offset " + std::to_string(bad) + ")");
    }
    return InvalidInput(where + ": not JSON");
  }
  if (!object.is_object()) return InvalidInput(where + ": not a JSON object");

  const std::string* text = StringMember(object, options.text_field);
  const std::string* html = StringMember(object, options.html_field);
  Result<Document> doc = InvalidInput("");
  if (text != nullptr && !text->empty()) {
    doc = ReadBytes(*text, where, options.read, InputFormat::kText);
  } else if (html != nullptr && !html->empty()) {
    // A JSON string is Unicode already, whatever the page's <meta> says.
    doc = ReadPageInCharset(*html, "utf-8", where, options.read);
  } else {
    std::string fields;
    for (const std::string* name : {&options.text_field, &options.html_field}) {
      if (name->empty()) continue;
      fields += (fields.empty() ? "\"" : " or \"") + *name + "\"";
    }
    return InvalidInput(where + ": no text (" + (fields.empty() ? std::string("no field") : fields) +
                        " missing or empty)");
  }
  if (!doc.ok()) return doc;
  doc->id = HashHex(line);
  doc->path = where;
  if (const std::string* url = StringMember(object, options.url_field)) {
    if (std::optional<std::string> clean = CleanLabel(*url)) doc->url = std::move(clean);
  }
  if (const std::string* title = StringMember(object, options.title_field)) {
    if (std::optional<std::string> clean = CleanLabel(*title)) doc->title = std::move(clean);
  }
  if (!options.published_field.empty()) {
    const auto it = object.find(options.published_field);
    if (it != object.end() && !it->is_null()) {
      std::optional<PartialDate> date;
      if (it->is_string()) date = ParseDateValue(it->get_ref<const std::string&>());
      if (date) {
        doc->published = date;
      } else {
        doc->diagnostics.push_back(
            {"read", "\"" + options.published_field + "\" is not a date: " +
                                       read_internal::PrintableExcerpt(it->dump(-1, ' ', true), 80)});
      }
    }
  }
  return doc;
}

size_t ReadJsonLines(ByteReader& in, const std::string& path, const RecordOptions& options, const RecordSink& sink) {
  size_t records = 0, number = 0;
  std::string line;
  bool cut = false;
  while (true) {
    const std::string where = path + ":" + std::to_string(number + 1);
    Result<bool> got = in.ReadLine(options.read.max_bytes, &line, &cut);
    if (!got.ok()) {
      sink(WithPlace(in.offset() == 0 ? path : where, got.status()));
      return records;
    }
    if (!got.value()) return records;
    ++number;
    if (cut) {
      ++records;
      sink(TooLarge(where + ": longer than the " + LimitText(options.read.max_bytes) + " limit"));
      continue;
    }
    StripCr(line);
    if (number == 1 && line.starts_with(kUtf8Bom)) line.erase(0, kUtf8Bom.size());
    if (IsBlank(line)) continue;
    ++records;
    sink(ReadJsonRecord(line, where, options));
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP responses inside WARC records.

struct HttpHead {
  bool valid = false;  // the bytes open with an HTTP status line
  int status = 0;
  std::string content_type, content_encoding, transfer_encoding;
  size_t body_offset = std::string_view::npos;  // npos: the head does not end within the bytes
};

// Parses the status line and headers at the start of `block` (which may be cut short).
HttpHead ParseHttpHead(std::string_view block) {
  HttpHead head;
  if (!block.starts_with("HTTP/")) return head;
  const size_t crlf = block.find("\r\n\r\n");
  const size_t lf = block.find("\n\n");
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) {
    head.body_offset = crlf + 4;
  } else if (lf != std::string_view::npos) {
    head.body_offset = lf + 2;
  }
  const std::string_view text = block.substr(0, std::min(block.size(), head.body_offset));
  size_t p = 0;
  bool first = true;
  while (p < text.size()) {
    size_t eol = text.find('\n', p);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(p, eol - p);
    p = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first) {
      first = false;
      const size_t space = line.find(' ');
      if (space == std::string_view::npos || line.size() < space + 4) return head;
      int status = 0;
      for (size_t i = space + 1; i < space + 4; ++i) {
        if (line[i] < '0' || line[i] > '9') return head;
        status = status * 10 + (line[i] - '0');
      }
      head.status = status;
      head.valid = true;
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string name = AsciiLower(TrimMarkupSpace(line.substr(0, colon)));
    const std::string_view value = TrimMarkupSpace(line.substr(colon + 1));
    if (name == "content-type" && head.content_type.empty()) head.content_type = value;
    if (name == "content-encoding") head.content_encoding = AsciiLower(value);
    if (name == "transfer-encoding") head.transfer_encoding = AsciiLower(value);
  }
  return head;
}

// "text/html" from "text/html; charset=UTF-8".
std::string MediaType(std::string_view content_type) {
  return AsciiLower(TrimMarkupSpace(content_type.substr(0, content_type.find(';'))));
}

// "UTF-8" from "text/html; charset="UTF-8"", empty when none.
std::string CharsetParameter(std::string_view content_type) {
  size_t p = content_type.find(';');
  while (p != std::string_view::npos) {
    const size_t next = content_type.find(';', p + 1);
    std::string_view parameter =
        TrimMarkupSpace(content_type.substr(p + 1, next == std::string_view::npos ? next : next - p - 1));
    if (StartsWithIgnoreCase(parameter, "charset")) {
      parameter.remove_prefix(7);
      parameter = TrimMarkupSpace(parameter);
      if (!parameter.empty() && parameter.front() == '=') {
        parameter = TrimMarkupSpace(parameter.substr(1));
        while (!parameter.empty() && (parameter.front() == '"' || parameter.front() == '\''))
          parameter.remove_prefix(1);
        while (!parameter.empty() && (parameter.back() == '"' || parameter.back() == '\'')) parameter.remove_suffix(1);
        return std::string(parameter);
      }
    }
    p = next;
  }
  return {};
}

bool IsHtmlMediaType(std::string_view media) { return media == "text/html" || media == "application/xhtml+xml"; }

// The body of a chunked HTTP message put back together; nullopt when `body` is not chunked (many
// crawlers store the body already de-chunked but keep the header). A last chunk cut short is kept.
std::optional<std::string> Dechunk(std::string_view body) {
  std::string out;
  size_t p = 0;
  while (true) {
    const size_t eol = body.find('\n', p);
    if (eol == std::string_view::npos) return out.empty() ? std::nullopt : std::optional<std::string>(out);
    std::string_view size_text = body.substr(p, eol - p);
    size_text = TrimMarkupSpace(size_text.substr(0, size_text.find(';')));
    if (size_text.empty() || size_text.size() > 15) return std::nullopt;
    uint64_t size = 0;
    for (char c : size_text) {
      const int digit = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                        : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                               : -1;
      if (digit < 0) return std::nullopt;
      size = size * 16 + static_cast<uint64_t>(digit);
    }
    p = eol + 1;
    if (size == 0) return out;
    if (size >= body.size() - p) {
      out.append(body.substr(p));
      return out;
    }
    out.append(body.substr(p, size));
    p += size;
    if (body.substr(p, 2) == "\r\n")
      p += 2;
    else if (body.substr(p, 1) == "\n")
      p += 1;
    else
      return std::nullopt;
  }
}

// Inflates a gzip or zlib (window_bits 15 + 32) or raw deflate (-15) body, refusing output past
// `limit`. Output cut short by the end of the data (a truncated capture) is kept.
Result<std::string> InflateBody(std::string_view data, int window_bits, size_t limit, const std::string& where) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return Status(StatusCode::kInternal, where + ": cannot start zlib");
  std::string out;
  char buffer[kChunk];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(std::min<size_t>(data.size(), std::numeric_limits<uInt>::max()));
  Status status;
  while (true) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    const int rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
    if (out.size() > limit) {
      status = TooLarge(where + ": larger than the " + LimitText(limit) + " limit (more than " + std::to_string(limit) +
                        " bytes once decompressed)");
      break;
    }
    if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && z.avail_in == 0)) break;
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      status = InvalidInput(where + ": corrupt compressed HTTP body (" +
                            std::string(z.msg != nullptr ? z.msg : "zlib error") + ")");
      break;
    }
  }
  inflateEnd(&z);
  if (!status.ok()) return status;
  return out;
}

// The HTTP body with its transfer and content codings removed.
Result<std::string> DecodeHttpBody(std::string_view body, const HttpHead& head, size_t limit,
                                   const std::string& where) {
  std::string decoded(body);
  if (head.transfer_encoding.find("chunked") != std::string::npos) {
    if (std::optional<std::string> joined = Dechunk(decoded)) decoded = std::move(joined).value();
  }
  const std::string& coding = head.content_encoding;
  if (coding.empty() || coding == "identity" || coding == "none") return decoded;
  if (coding == "gzip" || coding == "x-gzip") {
    if (decoded.size() < 2 || static_cast<unsigned char>(decoded[0]) != 0x1f ||
        static_cast<unsigned char>(decoded[1]) != 0x8b) {
      return decoded;  // stored decompressed, the header kept
    }
    return InflateBody(decoded, 15 + 32, limit, where);
  }
  if (coding == "deflate") {
    if (decoded.size() < 2) return decoded;
    const auto b0 = static_cast<unsigned char>(decoded[0]), b1 = static_cast<unsigned char>(decoded[1]);
    const bool zlib_wrapped = (b0 & 0x0f) == 8 && (b0 * 256 + b1) % 31 == 0;
    if (!zlib_wrapped && b0 == '<') return decoded;  // stored decompressed
    return InflateBody(decoded, zlib_wrapped ? 15 : -15, limit, where);
  }
  return Unsupported(where + ": unsupported HTTP Content-Encoding \"" + read_internal::PrintableExcerpt(coding) + "\"");
}

// ---------------------------------------------------------------------------------------------
// WARC.

struct WarcHeader {
  std::string type, target_uri, date, content_type;
  std::string length_text;
  bool has_length = false;
};

void AddWarcField(WarcHeader& header, std::string& last, std::string_view line) {
  if (line.front() == ' ' || line.front() == '\t') {  // a folded line continues the last field
    const std::string_view more = TrimMarkupSpace(line);
    if (last == "warc-target-uri") header.target_uri += more;
    if (last == "content-type") header.content_type += " " + std::string(more);
    return;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  last = AsciiLower(TrimMarkupSpace(line.substr(0, colon)));
  const std::string value(TrimMarkupSpace(line.substr(colon + 1)));
  if (last == "warc-type")
    header.type = AsciiLower(value);
  else if (last == "warc-target-uri")
    header.target_uri = value;
  else if (last == "warc-date")
    header.date = value;
  else if (last == "content-type")
    header.content_type = value;
  else if (last == "content-length") {
    header.length_text = value;
    header.has_length = true;
  }
}

std::optional<uint64_t> ParseLength(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<uint64_t>(c - '0');
  }
  return n;
}

// What a record holds, judged from its WARC header and the start of its block.
enum class BlockKind { kNone, kHtml };

// A response's HTTP head, or a resource's own Content-Type, decides whether the record is a page.
BlockKind KindOf(const WarcHeader& header, std::string_view block_start, HttpHead* head) {
  if (header.type == "resource") {
    return IsHtmlMediaType(MediaType(header.content_type)) ? BlockKind::kHtml : BlockKind::kNone;
  }
  if (header.type != "response") return BlockKind::kNone;
  if (!header.content_type.empty() && !StartsWithIgnoreCase(header.content_type, "application/http")) {
    return BlockKind::kNone;  // dns: and other non-HTTP responses
  }
  *head = ParseHttpHead(block_start);
  if (!head->valid || head->status < 200 || head->status > 299) return BlockKind::kNone;
  const std::string media = MediaType(head->content_type);
  if (media.empty() || IsHtmlMediaType(media)) return BlockKind::kHtml;  // no type: the body is sniffed
  return BlockKind::kNone;
}

// The Document of a record's block, nullopt when the record holds no HTML page.
std::optional<Result<Document>> ReadWarcBlock(std::string_view block, const WarcHeader& header,
                                              const std::string& where, const std::string& doc_path,
                                              const ReadOptions& options) {
  HttpHead head;
  if (KindOf(header, block, &head) != BlockKind::kHtml) {
    if (header.type == "response" && MediaType(header.content_type) == "application/http" && !head.valid) {
      return Result<Document>(InvalidInput(where + ": not an HTTP response"));
    }
    return std::nullopt;
  }
  std::string body;
  std::string charset;
  if (header.type == "resource") {
    body = std::string(block);
    charset = CharsetParameter(header.content_type);
  } else {
    const std::string_view raw =
        head.body_offset == std::string_view::npos ? std::string_view() : block.substr(head.body_offset);
    Result<std::string> decoded = DecodeHttpBody(raw, head, options.max_bytes, where);
    if (!decoded.ok()) return Result<Document>(decoded.status());
    body = std::move(decoded).value();
    if (MediaType(head.content_type).empty() && DetectFormat(body, "") != InputFormat::kHtml) return std::nullopt;
    charset = CharsetParameter(head.content_type);
  }
  if (IsBlank(body)) return std::nullopt;
  Result<Document> doc = ReadPageInCharset(body, charset, where, options);
  if (!doc.ok()) return doc;
  doc->path = doc_path;
  std::string_view uri = TrimMarkupSpace(header.target_uri);
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);  // WARC/1.0
  if (!uri.empty()) doc->url = CleanUri(uri);
  if (!doc->published) {
    if (std::optional<PartialDate> crawled = PartialDate::Parse(TrimMarkupSpace(header.date))) doc->published = crawled;
  }
  return doc;
}

size_t ReadWarc(ByteReader& in, const std::string& path, const ReadOptions& options, const RecordSink& sink) {
  size_t records = 0;
  std::string line;
  bool cut = false;
  while (true) {
    const std::string where = path + ": record " + std::to_string(records + 1);
    auto fail = [&](const Status& status) {
      sink(WithPlace(in.offset() == 0 ? path : where, status));
      return records;
    };
    auto truncated = [&](uint64_t length, uint64_t found) {
      sink(InvalidInput(where + ": truncated WARC record (Content-Length " + std::to_string(length) + ", " +
                        std::to_string(found) + " bytes left)"));
      return records;
    };
    // The version line, after the blank lines that end the record before.
    Result<bool> got = in.ReadLine(kMaxHeaderBytes, &line, &cut);
    if (!got.ok()) return fail(got.status());
    if (!got.value()) return records;
    StripCr(line);
    if (!cut && line.empty()) continue;
    ++records;
    if (cut || !(line.starts_with("WARC/1.0") || line.starts_with("WARC/1.1"))) {
      // After a record, the usual cause is that record's Content-Length falling short of its block.
      const std::string hint =
          records > 1 ? "; is the Content-Length of record " + std::to_string(records - 1) + " too small?" : "";
      sink(InvalidInput(where + ": not a WARC record (no WARC/1.0 or WARC/1.1 line" + hint + ")"));
      return records;
    }
    WarcHeader header;
    std::string last;
    size_t header_bytes = line.size();
    while (true) {
      got = in.ReadLine(kMaxHeaderBytes, &line, &cut);
      if (!got.ok()) return fail(got.status());
      if (!got.value()) {
        sink(InvalidInput(where + ": truncated WARC record (the header does not end)"));
        return records;
      }
      header_bytes += line.size() + 1;
      if (cut || header_bytes > kMaxHeaderBytes) {
        sink(InvalidInput(where + ": WARC header longer than " + LimitText(kMaxHeaderBytes)));
        return records;
      }
      StripCr(line);
      if (line.empty()) break;
      AddWarcField(header, last, line);
    }
    if (!header.has_length) {
      sink(InvalidInput(where + ": no Content-Length in the WARC header"));
      return records;
    }
    const std::optional<uint64_t> length = ParseLength(header.length_text);
    if (!length) {
      sink(InvalidInput(where + ": bad Content-Length \"" + read_internal::PrintableExcerpt(header.length_text) + "\""));
      return records;
    }
    if (const std::optional<uint64_t> left = in.remaining(); left && *length > *left) return truncated(*length, *left);

    const bool maybe_page = header.type == "response" || header.type == "resource";
    if (!maybe_page) {
      Result<uint64_t> skipped = in.Skip(*length);
      if (!skipped.ok()) return fail(skipped.status());
      if (skipped.value() < *length) return truncated(*length, skipped.value());
      continue;
    }
    std::string block;
    const uint64_t block_limit = static_cast<uint64_t>(options.max_bytes) + kMaxHeaderBytes;
    if (*length > block_limit) {
      // Too large to be read: only its start is read, to tell whether a page is lost.
      Result<uint64_t> n = in.Read(kMaxHeaderBytes, &block);
      if (!n.ok()) return fail(n.status());
      Result<uint64_t> skipped = in.Skip(*length - n.value());
      if (!skipped.ok()) return fail(skipped.status());
      if (n.value() + skipped.value() < *length) return truncated(*length, n.value() + skipped.value());
      HttpHead head;
      if (KindOf(header, block, &head) == BlockKind::kHtml) {
        sink(TooLarge(where + ": larger than the " + LimitText(options.max_bytes) + " limit (" +
                      std::to_string(*length) + " bytes with the HTTP headers)"));
      }
      continue;
    }
    block.reserve(static_cast<size_t>(*length));
    Result<uint64_t> n = in.Read(*length, &block);
    if (!n.ok()) return fail(n.status());
    if (n.value() < *length) return truncated(*length, n.value());
    std::optional<Result<Document>> doc =
        ReadWarcBlock(block, header, where, path + "#" + std::to_string(records), options);
    if (doc) sink(std::move(*doc));
  }
}

}  // namespace

bool IsRecordFile(const std::string& path) {
  std::string name = AsciiLower(path);
  if (EndsWith(name, ".gz")) name.resize(name.size() - 3);
  return EndsWith(name, ".jsonl") || EndsWith(name, ".ndjson") || EndsWith(name, ".warc");
}

size_t ReadRecords(const std::string& path, const RecordOptions& options, const RecordSink& sink) {
  std::string name = AsciiLower(path);
  const bool gzip = EndsWith(name, ".gz");
  if (gzip) name.resize(name.size() - 3);
  const bool warc = EndsWith(name, ".warc");

  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    const std::string message = path + ": cannot open: " + ErrnoText(error);
    sink(error == ENOENT ? NotFound(message) : IoError(message));
    return 0;
  }
  struct stat info {};
  std::optional<uint64_t> size;
  if (::fstat(fd, &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      ::close(fd);
      sink(InvalidInput(path + ": is a directory"));
      return 0;
    }
    if (S_ISREG(info.st_mode)) size = static_cast<uint64_t>(info.st_size);
  }
  ByteReader in(fd, gzip, size);
  if (Status started = in.Start(); !started.ok()) {
    sink(WithPlace(path, started));
    return 0;
  }
  return warc ? ReadWarc(in, path, options.read, sink) : ReadJsonLines(in, path, options, sink);
}

}  // namespace eventcoder
