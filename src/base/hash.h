// Stable content hashes (xxHash XXH3, 64 bit) used for document ids, event ids and dictionary digests.
//
//   std::string id = HashHex(raw_bytes);   // 16 lower-case hex digits
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace eventcoder {

uint64_t Hash64(std::string_view bytes, uint64_t seed = 0);
std::string HashHex(std::string_view bytes, uint64_t seed = 0);
std::string ToHex(uint64_t v);

}  // namespace eventcoder
