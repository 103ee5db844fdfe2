#include "read/reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "base/hash.h"
#include "read/internal/encoding.h"
#include "read/internal/html_page.h"
#include "read/internal/text_lines.h"

namespace eventcoder {
namespace {

using read_internal::Bom;
using read_internal::BomInfo;
using read_internal::DetectBom;

constexpr size_t kReadChunk = 64 * 1024;
constexpr size_t kSniffBytes = 1024;

// The name used in messages: standard input has none of its own.
std::string DisplayName(const std::string& path) { return path == "-" ? "<stdin>" : path; }

std::string ErrnoText(int error) { return std::generic_category().message(error); }

// "10 MB", "64 KB" or "1000 bytes".
std::string LimitText(size_t bytes) {
  constexpr size_t kMb = 1024 * 1024;
  if (bytes >= kMb && bytes % kMb == 0) return std::to_string(bytes / kMb) + " MB";
  if (bytes >= 1024 && bytes % 1024 == 0) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes) + " bytes";
}

Status LargerThanLimit(const std::string& name, size_t limit, const std::string& size) {
  return TooLarge(name + ": larger than the " + LimitText(limit) + " limit (" + size + ")");
}

Status WithName(const std::string& name, const Status& status) {
  return Status(status.code(), name + ": " + status.message());
}

// Reads `fd` to its end, refusing more than `max_bytes`.
Result<std::string> ReadAll(int fd, const std::string& name, size_t max_bytes, size_t expected_size) {
  std::string bytes;
  bytes.reserve(std::min(expected_size, max_bytes) + 1);
  char buffer[kReadChunk];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError(name + ": cannot read: " + ErrnoText(errno));
    }
    if (n == 0) return bytes;
    if (bytes.size() + static_cast<size_t>(n) > max_bytes) {
      return LargerThanLimit(name, max_bytes, "more than " + std::to_string(max_bytes) + " bytes");
    }
    bytes.append(buffer, static_cast<size_t>(n));
  }
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

Result<std::string> ReadFileBytes(const std::string& path, size_t max_bytes) {
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    const int error = errno;
    const std::string message = path + ": cannot open: " + ErrnoText(error);
    return error == ENOENT ? NotFound(message) : IoError(message);
  }
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) return IoError(path + ": cannot read: " + ErrnoText(errno));
  if (S_ISDIR(info.st_mode)) return InvalidInput(path + ": is a directory");
  size_t expected = 0;
  if (S_ISREG(info.st_mode)) {
    expected = static_cast<size_t>(info.st_size);
    if (expected > max_bytes) return LargerThanLimit(path, max_bytes, std::to_string(expected) + " bytes");
  }
  return ReadAll(file.get(), path, max_bytes, expected);
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// True when the (UTF-8) content opens like an HTML document, after white space, an XML
// declaration and comments.
bool LooksLikeHtml(std::string_view s) {
  while (true) {
    while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
    if (s.substr(0, 2) == "<?" || s.substr(0, 4) == "<!--") {
      const std::string_view close = s.substr(0, 2) == "<?" ? "?>" : "-->";
      const size_t end = s.find(close);
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + close.size());
      continue;
    }
    break;
  }
  if (StartsWithIgnoreCase(s, "<!doctype")) return true;
  for (std::string_view tag : {"<html", "<head", "<body"}) {
    if (StartsWithIgnoreCase(s, tag)) {
      const char next = s.size() > tag.size() ? s[tag.size()] : '>';
      if (IsSpace(next) || next == '>' || next == '/') return true;
    }
  }
  return false;
}

bool HasHtmlExtension(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return false;
  const std::string_view extension = std::string_view(path).substr(dot + 1);
  for (std::string_view html : {"html", "htm", "xhtml"}) {
    if (extension.size() == html.size() && StartsWithIgnoreCase(extension, html)) return true;
  }
  return false;
}

Result<Document> ReadText(std::string_view bytes, const BomInfo& bom, const std::string& name, Document doc) {
  std::string_view body = bytes.substr(bom.length);
  std::string decoded;
  if (bom.bom == Bom::kUtf16Le || bom.bom == Bom::kUtf16Be) {
    Result<std::string> utf8 = read_internal::ConvertToUtf8(body, bom.bom == Bom::kUtf16Le ? "UTF-16LE" : "UTF-16BE");
    if (!utf8.ok()) return WithName(name, utf8.status());
    decoded = std::move(utf8).value();
    if (decoded.find('\0') != std::string::npos) return InvalidInput(name + ": binary file (U+0000 in UTF-16 text)");
    body = decoded;
  } else if (const size_t bad = read_internal::FindInvalidUtf8(body); bad != std::string_view::npos) {
    return InvalidInput(name + ": invalid UTF-8 at byte offset " + std::to_string(bom.length + bad));
  }
  doc.text = read_internal::NormalizeLines(body);
  if (std::optional<PartialDate> published = read_internal::TakeDateLines(doc.text)) doc.published = published;
  if (std::optional<std::string> title = read_internal::TakeTitleLine(doc.text)) doc.title = std::move(title);
  if (doc.text.empty()) return InvalidInput(name + ": no text (only white space)");
  return doc;
}

// `text` when it is well-formed UTF-8, else `text` with each ill-formed sequence replaced by U+FFFD.
std::string WellFormed(std::string text) {
  if (read_internal::FindInvalidUtf8(text) == std::string_view::npos) return text;
  Result<std::string> fixed = read_internal::ConvertToUtf8(text, "UTF-8");
  return fixed.ok() ? std::move(fixed).value() : std::string();
}

Result<Document> ReadHtml(std::string_view bytes, const std::string& name, Document doc) {
  Result<read_internal::HtmlPage> page = read_internal::ReadHtmlPage(bytes);
  if (!page.ok()) return WithName(name, page.status());
  // gumbo (0.10) writes a numeric character reference past 2^31 ("&#180308476349;") as one stray byte;
  // what the parser returns is made well-formed, ill-formed bytes becoming U+FFFD.
  doc.text = WellFormed(std::move(page->text));
  doc.title = std::move(page->title);
  if (doc.title) doc.title = WellFormed(std::move(*doc.title));
  doc.url = std::move(page->url);
  if (doc.url) doc.url = WellFormed(std::move(*doc.url));
  doc.published = page->published;
  return doc;
}

}  // namespace

InputFormat DetectFormat(std::string_view bytes, const std::string& path) {
  if (HasHtmlExtension(path)) return InputFormat::kHtml;
  const BomInfo bom = DetectBom(bytes);
  std::string_view head = bytes.substr(bom.length, kSniffBytes);
  std::string decoded;
  if (bom.bom == Bom::kUtf16Le || bom.bom == Bom::kUtf16Be) {
    head = head.substr(0, head.size() & ~size_t{1});
    Result<std::string> utf8 = read_internal::ConvertToUtf8(head, bom.bom == Bom::kUtf16Le ? "UTF-16LE" : "UTF-16BE");
    if (!utf8.ok()) return InputFormat::kText;
    decoded = std::move(utf8).value();
    head = decoded;
  }
  return LooksLikeHtml(head) ? InputFormat::kHtml : InputFormat::kText;
}

Result<Document> ReadBytes(std::string_view bytes, const std::string& path, const ReadOptions& options,
                           InputFormat format) {
  const std::string name = DisplayName(path);
  if (bytes.size() > options.max_bytes) {
    return LargerThanLimit(name, options.max_bytes, std::to_string(bytes.size()) + " bytes");
  }
  if (bytes.empty()) return InvalidInput(name + ": empty file");
  const BomInfo bom = DetectBom(bytes);
  if (bom.bom != Bom::kUtf16Le && bom.bom != Bom::kUtf16Be) {
    if (const size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
      return InvalidInput(name + ": binary file (NUL byte at offset " + std::to_string(nul) + ")");
    }
  }
  if (format == InputFormat::kAuto) format = DetectFormat(bytes, path);

  Document doc;
  doc.id = HashHex(bytes);
  doc.path = path;
  if (format == InputFormat::kHtml) return ReadHtml(bytes, name, std::move(doc));
  return ReadText(bytes, bom, name, std::move(doc));
}

Result<Document> ReadPath(const std::string& path, const ReadOptions& options, InputFormat format) {
  Result<std::string> bytes = path == "-" ? ReadAll(STDIN_FILENO, DisplayName(path), options.max_bytes, 0)
                                          : ReadFileBytes(path, options.max_bytes);
  if (!bytes.ok()) return bytes.status();
  return ReadBytes(bytes.value(), path, options, format);
}

}  // namespace eventcoder
