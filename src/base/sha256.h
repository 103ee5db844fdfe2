// SHA-256 of a byte string, as lower-case hex (used to fingerprint the loaded dictionaries).
//
//   Sha256 h; h.Update("abc"); std::string hex = h.HexDigest();
//
// Thread-safety: one object per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace eventcoder {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  std::string HexDigest();  // finalises; call once

 private:
  void Block(const uint8_t* p);
  uint32_t h_[8];
  uint8_t buf_[64];
  size_t buf_len_ = 0;
  uint64_t total_ = 0;
};

}  // namespace eventcoder
