#include "lexicon/dictionary_file.h"

#include <fstream>
#include <sstream>

namespace eventcoder {

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string> SplitList(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t next = s.find(sep, pos);
    std::string_view part = TrimView(s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (!part.empty()) out.emplace_back(part);
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

std::vector<std::string> DictLine::Values(std::string_view key) const {
  std::vector<std::string> out;
  for (const DictField& f : fields)
    if (f.key == key) out.insert(out.end(), f.values.begin(), f.values.end());
  return out;
}

std::vector<const DictField*> DictLine::All(std::string_view key) const {
  std::vector<const DictField*> out;
  for (const DictField& f : fields)
    if (f.key == key) out.push_back(&f);
  return out;
}

bool DictLine::Has(std::string_view key) const {
  for (const DictField& f : fields)
    if (f.key == key) return true;
  return false;
}

std::vector<DictLine> ParseDictionaryText(std::string_view text, const std::string& name,
                                          std::vector<std::string>* problems) {
  std::vector<DictLine> out;
  int number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++number;
    size_t hash = raw.find('#');
    // '#' inside a {a|b} group or a word is not expected in our files; a comment starts at any '#'.
    std::string_view line = TrimView(hash == std::string_view::npos ? raw : raw.substr(0, hash));
    if (line.empty()) continue;
    DictLine dl;
    dl.file = name;
    dl.line = number;
    // Split on " | " (a bare '|' inside {a|b} alternatives is not a separator).
    std::vector<std::string_view> parts;
    size_t start = 0;
    int depth = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '{') ++depth;
      if (line[i] == '}') depth = depth > 0 ? depth - 1 : 0;
      if (line[i] == '|' && depth == 0) {
        parts.push_back(TrimView(line.substr(start, i - start)));
        start = i + 1;
      }
    }
    parts.push_back(TrimView(line.substr(start)));
    dl.first = std::string(parts[0]);
    if (dl.first.empty() && problems) problems->push_back(dl.Where() + ": empty first field");
    for (size_t i = 1; i < parts.size(); ++i) {
      DictField f;
      std::string_view p = parts[i];
      size_t colon = p.find(':');
      // A key is a short lower-case word before ':'; otherwise the field is positional.
      bool keyed = colon != std::string_view::npos && colon > 0 && colon <= 16;
      if (keyed) {
        for (char c : p.substr(0, colon))
          if (!((c >= 'a' && c <= 'z') || c == '-' || c == '_' || (c >= '0' && c <= '9'))) keyed = false;
      }
      if (keyed) {
        f.key = std::string(p.substr(0, colon));
        f.values = SplitList(p.substr(colon + 1), ';');
      } else {
        f.values = SplitList(p, ';');
      }
      if (f.values.empty() && !f.key.empty() && problems)
        problems->push_back(dl.Where() + ": field '" + f.key + "' has no value");
      dl.fields.push_back(std::move(f));
    }
    out.push_back(std::move(dl));
  }
  return out;
}

Result<std::vector<DictLine>> ParseDictionaryFile(const std::string& path, std::vector<std::string>* problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ParseDictionaryText(ss.str(), path, problems);
}

}  // namespace eventcoder
