// Helpers shared by the fuzz harnesses (tests/fuzz/fuzz_*.cpp). Each harness defines
// LLVMFuzzerTestOneInput; built with libFuzzer it is fuzzed (tests/fuzz/run), built with replay_main.cpp
// it replays saved inputs in the normal test run.
//
// Every harness checks the properties that must hold for any input, not only "no crash": errors are
// one line naming the input, offsets stay inside the text, output text is valid UTF-8.
//
// Thread-safety: harnesses run one input at a time.
#pragma once

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/status.h"
#include "doc/document.h"

namespace eventcoder::fuzz {

// Stops the run with a message: libFuzzer saves the input that got here as a crash.
[[noreturn]] inline void Fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz check failed: %s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void Check(bool condition, const char* what, std::string_view detail = {}) {
  if (!condition) Fail(what, detail);
}

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
inline bool IsValidUtf8(std::string_view s) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = b[i];
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c < 0xE0) {
      len = 2;
    } else if (c >= 0xE0 && c < 0xF0) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c < 0xF5) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n || b[i + 1] < lo || b[i + 1] > hi) return false;
    for (size_t k = 2; k < len; ++k)
      if ((b[i + k] & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

// The bytes as text a reader could have produced: ill-formed UTF-8 becomes U+FFFD, NUL a space.
inline std::string AsReaderText(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    size_t len = 1;
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0xC2 && c < 0xE0) len = 2;
    else if (c >= 0xE0 && c < 0xF0) len = 3;
    else if (c >= 0xF0 && c < 0xF5) len = 4;
    const std::string_view piece = bytes.substr(i, len);
    if (piece.size() == len && IsValidUtf8(piece)) {
      out.append(piece == std::string_view("\0", 1) ? std::string_view(" ") : piece);
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

// A failed read must say so in one line that starts with the input's name.
inline void CheckErrorMessage(const Status& status, std::string_view name) {
  Check(!status.ok(), "error without a cause");
  const std::string& m = status.message();
  Check(m.rfind(std::string(name), 0) == 0, "error does not name the input", m);
  Check(m.find('\n') == std::string::npos, "error message spans lines", m);
  Check(m.size() < 2048, "error message too long", m.substr(0, 200));
}

// What every reader's Document must satisfy.
inline void CheckDocument(const Document& doc) {
  Check(IsValidUtf8(doc.text), "document text is not UTF-8");
  Check(doc.text.find('\0') == std::string::npos, "NUL in document text");
  if (doc.title) Check(IsValidUtf8(*doc.title), "title is not UTF-8", *doc.title);
  if (doc.url) Check(IsValidUtf8(*doc.url), "url is not UTF-8", *doc.url);
  Check(!doc.id.empty(), "document without id");
}

// Sentences and tokens lie inside the text, in order, and cut it only between characters.
inline void CheckSentences(const Document& doc) {
  uint32_t last_end = 0;
  auto at_boundary = [](std::string_view s, size_t i) {
    return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  };
  for (const Sentence& s : doc.sentences) {
    Check(s.begin < s.end && s.end <= doc.text.size(), "sentence outside the text");
    Check(s.begin >= last_end, "sentences overlap or go backwards");
    last_end = s.end;
    const std::string_view text = std::string_view(doc.text).substr(s.begin, s.end - s.begin);
    Check(at_boundary(doc.text, s.begin) && at_boundary(doc.text, s.end), "sentence cuts a character");
    uint32_t token_end = 0;
    for (const Token& t : s.tokens) {
      Check(t.begin < t.end && t.end <= text.size(), "token outside its sentence");
      Check(t.begin >= token_end, "tokens overlap or go backwards");
      Check(at_boundary(text, t.begin) && at_boundary(text, t.end), "token cuts a character");
      Check(IsValidUtf8(t.lower), "token form is not UTF-8", t.lower);
      token_end = t.end;
    }
  }
}

// A scratch file for the readers that take a path: one per process, rewritten for each input.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& suffix) {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir != nullptr && *dir ? dir : "/tmp") + "/eventcoder-fuzz-" + std::to_string(::getpid()) +
            suffix;
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  ~ScratchFile() { ::unlink(path_.c_str()); }

  const std::string& Write(std::string_view bytes) {
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    Check(fd >= 0, "cannot create the scratch file", path_);
    for (size_t done = 0; done < bytes.size();) {
      const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      Check(n > 0, "cannot write the scratch file", path_);
      done += static_cast<size_t>(n);
    }
    ::close(fd);
    return path_;
  }

 private:
  std::string path_;
};

// `bytes` in one gzip member.
inline std::string Gzip(std::string_view bytes) {
  z_stream z{};
  Check(deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK, "cannot start zlib");
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  Check(deflate(&z, Z_FINISH) == Z_STREAM_END, "cannot gzip");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// The file a record reader gets for a fuzz input: bytes opening with the gzip magic are a .gz file as
// they are; after a leading 0x01 byte the rest is gzip-compressed into a .gz file; else a plain file.
struct RecordInput {
  std::string bytes;
  bool gzip = false;
};

inline RecordInput PrepareRecordInput(std::string_view bytes) {
  if (bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b') return {std::string(bytes), true};
  if (!bytes.empty() && bytes[0] == '\x01') return {Gzip(bytes.substr(1)), true};
  return {std::string(bytes), false};
}

}  // namespace eventcoder::fuzz
