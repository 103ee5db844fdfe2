// DictionaryFile: the line format shared by every file under dictionaries/.
//
//   ARM | name: Armenia; Republic of Armenia | adj: Armenian
//   ^first field (positional)   ^keyed fields, values separated by ';'
//
//   std::vector<std::string> problems;
//   Result<std::vector<DictLine>> lines = ParseDictionaryFile("dictionaries/countries.txt", &problems);
//
// '#' starts a comment; blank lines are skipped. A malformed field is reported as "file:line: cause"
// in `problems` and the line is still returned with the fields that parsed.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace eventcoder {

struct DictField {
  std::string key;                  // "" for positional fields
  std::vector<std::string> values;  // split on ';', trimmed, empty ones dropped
};

struct DictLine {
  std::string file;                 // as given to the parser
  int line = 0;                     // 1-based
  std::string first;                // the first (positional) field, trimmed
  std::vector<DictField> fields;    // the remaining fields in order

  std::string Where() const { return file + ":" + std::to_string(line); }
  // Values of every field with this key, concatenated.
  std::vector<std::string> Values(std::string_view key) const;
  // All fields with this key, one entry each (for repeatable fields such as "role").
  std::vector<const DictField*> All(std::string_view key) const;
  bool Has(std::string_view key) const;
};

Result<std::vector<DictLine>> ParseDictionaryFile(const std::string& path, std::vector<std::string>* problems);
// Parses text already in memory (`name` is used in messages).
std::vector<DictLine> ParseDictionaryText(std::string_view text, const std::string& name,
                                          std::vector<std::string>* problems);

std::string_view TrimView(std::string_view s);
std::vector<std::string> SplitList(std::string_view s, char sep);

}  // namespace eventcoder
