#include "read/internal/text_lines.h"

#include <vector>

#include "read/internal/date_line.h"
#include "read/internal/encoding.h"

namespace eventcoder::read_internal {
namespace {

constexpr size_t kDateLineWindow = 6;      // date lines are looked for in this many first lines
constexpr size_t kMaxTitleCodePoints = 200;

bool IsLineSpace(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

std::string_view TrimLine(std::string_view line) {
  while (!line.empty() && IsLineSpace(line.front())) line.remove_prefix(1);
  while (!line.empty() && IsLineSpace(line.back())) line.remove_suffix(1);
  return line;
}

// The lines of `text`, without their "\n".
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t begin = 0;
  while (begin <= text.size()) {
    size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(begin, end - begin));
    begin = end + 1;
  }
  return lines;
}

bool HasLetter(std::string_view s) {
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// True when `line` ends like a sentence or a clause (closing quotes and brackets looked through).
bool EndsWithSentencePunctuation(std::string_view line) {
  static constexpr std::string_view kClosers[] = {"\"", "'", ")", "]", "\xE2\x80\x9D", "\xE2\x80\x99",
                                                  "\xC2\xBB"};  // ” ’ »
  bool stripped = true;
  while (stripped && !line.empty()) {
    stripped = false;
    for (std::string_view closer : kClosers) {
      if (line.size() >= closer.size() && line.substr(line.size() - closer.size()) == closer) {
        line.remove_suffix(closer.size());
        stripped = true;
        break;
      }
    }
  }
  if (line.empty()) return false;
  const char last = line.back();
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ',') return true;
  return line.size() >= 3 && line.substr(line.size() - 3) == "\xE2\x80\xA6";  // …
}

}  // namespace

std::string NormalizeLines(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    const char c = utf8[i];
    if (c == '\r') {
      out += '\n';
      i += (i + 1 < utf8.size() && utf8[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    size_t length = 1;
    switch (ClassifySpecialChar(utf8, i, &length)) {
      case SpecialChar::kNone:
        out += c;
        i += 1;
        continue;
      case SpecialChar::kSpace: out += ' '; break;
      case SpecialChar::kLineBreak: out += '\n'; break;
      case SpecialChar::kParagraph: out += "\n\n"; break;
      case SpecialChar::kInvisible: break;
    }
    i += length;
  }
  return CollapseBlankLines(NormalizeToNfc(std::move(out)));
}

std::string CollapseBlankLines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool blank_pending = false;
  for (std::string_view line : SplitLines(text)) {
    while (!line.empty() && IsLineSpace(line.back())) line.remove_suffix(1);
    if (TrimLine(line).empty()) {
      blank_pending = true;
      continue;
    }
    if (!out.empty()) out += blank_pending ? "\n\n" : "\n";
    blank_pending = false;
    out.append(line);
  }
  return out;
}

std::optional<PartialDate> TakeDateLines(std::string& text) {
  std::vector<std::string_view> lines = SplitLines(text);
  std::vector<bool> remove(lines.size(), false);
  std::optional<PartialDate> published, updated;
  size_t seen = 0;
  for (size_t i = 0; i < lines.size() && seen < kDateLineWindow; ++i) {
    if (lines[i].empty()) continue;
    ++seen;
    std::optional<DateLine> date_line = ParseDateLine(TrimLine(lines[i]));
    if (!date_line) continue;
    remove[i] = true;
    std::optional<PartialDate>& slot = date_line->kind == DateLineKind::kPublished ? published : updated;
    if (!slot) slot = date_line->date;
  }
  if (!published && !updated) return std::nullopt;
  std::string kept;
  kept.reserve(text.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    if (remove[i]) continue;
    kept.append(lines[i]);
    kept += '\n';
  }
  text = CollapseBlankLines(kept);
  return published ? published : updated;
}

std::optional<std::string> TakeTitleLine(std::string& text) {
  const size_t end = text.find('\n');
  if (end == std::string::npos || text.compare(end, 2, "\n\n") != 0) return std::nullopt;
  if (end + 2 >= text.size()) return std::nullopt;  // nothing would be left
  const std::string_view line = TrimLine(std::string_view(text).substr(0, end));
  if (line.empty() || CodePointCount(line) >= kMaxTitleCodePoints || !HasLetter(line)) return std::nullopt;
  if (EndsWithSentencePunctuation(line)) return std::nullopt;
  if (line.front() == '[' && line.back() == ']') return std::nullopt;  // a "[ad_1]" shortcode
  std::string title(line);
  text.erase(0, end + 2);
  return title;
}

}  // namespace eventcoder::read_internal
