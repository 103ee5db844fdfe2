#include "base/hash.h"

#include <xxhash.h>

namespace eventcoder {

uint64_t Hash64(std::string_view bytes, uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

std::string ToHex(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[i] = kDigits[v & 15];
    v >>= 4;
  }
  return out;
}

std::string HashHex(std::string_view bytes, uint64_t seed) { return ToHex(Hash64(bytes, seed)); }

}  // namespace eventcoder
