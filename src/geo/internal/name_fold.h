// Place-name folding for the gazetteer's keys (private to geo/).
//
//   FoldName("Tərtər") == "terter";  FoldName("Nagorno-Karabakh") == "nagorno karabakh"
//   IsLatinName("Ağdam") == true;    IsLatinName("Агдам") == false
//
// Thread-safety: pure functions; the per-character table is built once, on first use, thread-safely.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace eventcoder::geo_internal {

// Lower case, diacritics removed, apostrophes dropped, hyphens and dashes → ' ', runs of spaces
// collapsed and trimmed; letters with no decomposition are spelled out (ə→e, ł→l, ß→ss, æ→ae …).
std::string FoldName(std::string_view name);

// True when `name` has at least one Latin letter and no letter of another script.
bool IsLatinName(std::string_view name);

// Number of code points (invalid bytes count one each).
size_t CodePointCount(std::string_view name);

}  // namespace eventcoder::geo_internal
