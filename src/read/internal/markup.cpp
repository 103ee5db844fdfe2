#include "read/internal/markup.h"

#include <unordered_map>
#include <vector>

#include "read/internal/encoding.h"

namespace eventcoder::read_internal {
namespace {

constexpr size_t kCharsetWindow = 2048;  // where a <meta charset> must be, as browsers do
constexpr size_t kMaxAttributes = 64;    // per tag; SimplifyMarkup drops the rest

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// ---------------------------------------------------------------------------------------------
// A light scanner over raw markup, used before parsing (charset sniffing, SimplifyMarkup).

// Reads the attributes of a tag from s[p] on, calling on_attribute(name, value, end) for each (`end`
// is the position just after the attribute), and returns the position of the closing '>', or npos
// when the tag does not end.
template <typename OnAttribute>
size_t ScanAttributes(std::string_view s, size_t p, OnAttribute on_attribute) {
  const size_t n = s.size();
  while (true) {
    while (p < n && (IsMarkupSpace(s[p]) || s[p] == '/')) ++p;
    if (p >= n) return std::string_view::npos;
    if (s[p] == '>') return p;
    const size_t name_begin = p;
    while (p < n && !IsMarkupSpace(s[p]) && s[p] != '/' && s[p] != '>' && (s[p] != '=' || p == name_begin)) ++p;
    const std::string_view name = s.substr(name_begin, p - name_begin);
    while (p < n && IsMarkupSpace(s[p])) ++p;
    std::string_view value;
    if (p < n && s[p] == '=') {
      ++p;
      while (p < n && IsMarkupSpace(s[p])) ++p;
      if (p < n && (s[p] == '"' || s[p] == '\'')) {
        const size_t close = s.find(s[p], p + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        value = s.substr(p + 1, close - p - 1);
        p = close + 1;
      } else {
        const size_t value_begin = p;
        while (p < n && !IsMarkupSpace(s[p]) && s[p] != '>') ++p;
        value = s.substr(value_begin, p - value_begin);
      }
    }
    on_attribute(name, value, p);
  }
}

// Position of the end tag "</name" (case-insensitive) at or after `from`, or npos.
size_t FindEndTag(std::string_view s, size_t from, std::string_view name) {
  while (true) {
    const size_t lt = s.find("</", from);
    if (lt == std::string_view::npos) return lt;
    const size_t after = lt + 2 + name.size();
    if (StartsWithIgnoreCase(s.substr(lt + 2), name) &&
        (after >= s.size() || IsMarkupSpace(s[after]) || s[after] == '/' || s[after] == '>')) {
      return lt;
    }
    from = lt + 2;
  }
}

bool IsVoidElement(std::string_view name) {
  return IsOneOf(name, {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
                       "input", "keygen", "link", "menuitem", "meta", "param", "source", "track", "wbr"});
}

// Elements whose end tag may be left out: the parser closes them itself, so they cannot pile up.
bool ClosesItself(std::string_view name) {
  return IsOneOf(name, {"html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
                       "tbody", "thead", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp"});
}

// The HTML "formatting elements": the parser re-creates them after every block that cuts them.
bool IsFormattingElement(std::string_view name) {
  return IsOneOf(name, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong",
                       "tt", "u"});
}

// Elements whose content is not markup, up to their own end tag.
bool IsRawTextElement(std::string_view name) {
  return IsOneOf(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
                       "noscript"});
}

}  // namespace

bool IsMarkupSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

std::string_view TrimMarkupSpace(std::string_view s) {
  while (!s.empty() && IsMarkupSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsMarkupSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[i]) != Lower(prefix[i])) return false;
  }
  return true;
}

bool HasToken(std::string_view tokens, std::string_view token) {
  size_t i = 0;
  while (i < tokens.size()) {
    while (i < tokens.size() && IsMarkupSpace(tokens[i])) ++i;
    const size_t begin = i;
    while (i < tokens.size() && !IsMarkupSpace(tokens[i])) ++i;
    const std::string_view word = tokens.substr(begin, i - begin);
    if (word.size() == token.size() && StartsWithIgnoreCase(word, token)) return true;
  }
  return false;
}

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

std::string FindMetaCharset(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, kCharsetWindow);
  size_t i = 0;
  while ((i = head.find('<', i)) != std::string_view::npos) {
    if (head.compare(i, 4, "<!--") == 0) {
      const size_t close = head.find("-->", i + 4);
      if (close == std::string_view::npos) return {};
      i = close + 3;
      continue;
    }
    if (!StartsWithIgnoreCase(head.substr(i + 1), "meta") || i + 5 >= head.size() ||
        !(IsMarkupSpace(head[i + 5]) || head[i + 5] == '/')) {
      ++i;
      continue;
    }
    std::string charset, http_equiv, content;
    const size_t end = ScanAttributes(head, i + 5, [&](std::string_view name, std::string_view value, size_t) {
      const std::string key = AsciiLower(name);
      if (key == "charset" && charset.empty()) charset = AsciiLower(TrimMarkupSpace(value));
      if (key == "http-equiv") http_equiv = AsciiLower(TrimMarkupSpace(value));
      if (key == "content") content = AsciiLower(value);
    });
    if (end == std::string_view::npos) return {};
    i = end + 1;
    if (!charset.empty()) return charset;
    if (http_equiv == "content-type") {
      const size_t at = content.find("charset");
      if (at == std::string::npos) continue;
      size_t p = at + 7;
      while (p < content.size() && IsMarkupSpace(content[p])) ++p;
      if (p >= content.size() || content[p] != '=') continue;
      ++p;
      while (p < content.size() && (IsMarkupSpace(content[p]) || content[p] == '"' || content[p] == '\'')) ++p;
      const size_t begin = p;
      while (p < content.size() && !IsMarkupSpace(content[p]) && content[p] != ';' && content[p] != '"' &&
             content[p] != '\'') {
        ++p;
      }
      if (p > begin) return content.substr(begin, p - begin);
    }
  }
  return {};
}


std::string CharsetForLabel(std::string_view label) {
  const std::string l = AsciiLower(TrimMarkupSpace(label));
  if (IsOneOf(l, {"utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "unicode20utf8", "utf-16", "utf-16le",
                  "utf-16be", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff", "unicodefffe"})) {
    return "UTF-8";
  }
  if (IsOneOf(l, {"ascii", "us-ascii", "ansi_x3.4-1968", "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1",
                  "iso_8859-1:1987", "latin1", "l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "cp1252",
                  "windows-1252", "x-cp1252"})) {
    return "windows-1252";
  }
  if (IsOneOf(l, {"iso-8859-9", "iso8859-9", "iso88599", "iso_8859-9", "iso_8859-9:1989", "latin5", "l5",
                  "iso-ir-148", "csisolatin5", "cp1254", "windows-1254", "x-cp1254"})) {
    return "windows-1254";
  }
  if (IsOneOf(l, {"iso-8859-11", "iso8859-11", "iso885911", "tis-620", "dos-874", "windows-874"})) {
    return "windows-874";
  }
  if (IsOneOf(l, {"gb2312", "gbk", "x-gbk", "chinese", "csgb2312", "csiso58gb231280", "gb_2312", "gb_2312-80",
                  "iso-ir-58"})) {
    return "GBK";
  }
  if (l == "iso-8859-8-i" || l == "csiso88598i" || l == "logical") return "ISO-8859-8";
  return l;
}


Result<std::string> DecodeHtmlToUtf8(std::string_view bytes) {
  const BomInfo bom = DetectBom(bytes);
  std::string_view body = bytes.substr(bom.length);
  std::string charset;
  switch (bom.bom) {
    case Bom::kUtf8: charset = "UTF-8"; break;
    case Bom::kUtf16Le: return ConvertToUtf8(body, "UTF-16LE");
    case Bom::kUtf16Be: return ConvertToUtf8(body, "UTF-16BE");
    case Bom::kNone: {
      const std::string label = FindMetaCharset(body);
      if (!label.empty()) {
        charset = CharsetForLabel(label);
      } else {
        charset = FindInvalidUtf8(body) == std::string_view::npos ? "UTF-8" : "windows-1252";
      }
      break;
    }
  }
  if (charset == "UTF-8") {
    if (FindInvalidUtf8(body) == std::string_view::npos) return std::string(body);
    return ConvertToUtf8(body, "UTF-8");  // ill-formed sequences become U+FFFD
  }
  return ConvertToUtf8(body, charset);
}

std::string SimplifyMarkup(std::string_view html, size_t max_depth) {
  struct Open {
    std::string name;
    bool kept;
  };
  std::vector<Open> stack;
  std::unordered_map<std::string, size_t> open_count;  // how many of each name are on `stack`
  size_t foreign = 0;                                   // open <svg> and <math> elements
  bool seen_html = false, seen_body = false;
  std::string out;
  out.reserve(html.size());
  size_t copied = 0;  // html[0, copied) is accounted for in `out`
  auto drop = [&](size_t begin, size_t end) {
    out.append(html, copied, begin - copied);
    copied = end;
  };

  const size_t n = html.size();
  size_t i = 0;
  while (i < n) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= n) break;
    if (html.compare(lt, 4, "<!--") == 0) {
      const size_t close = html.find("-->", lt + 4);
      i = close == std::string_view::npos ? n : close + 3;
      continue;
    }
    if (html[lt + 1] == '!' || html[lt + 1] == '?') {
      const size_t close = html.find('>', lt + 2);
      i = close == std::string_view::npos ? n : close + 1;
      continue;
    }
    const bool is_end = html[lt + 1] == '/';
    const size_t name_begin = lt + 1 + (is_end ? 1 : 0);
    if (name_begin >= n || !IsAsciiLetter(html[name_begin])) {
      i = lt + 1;
      continue;
    }
    size_t name_end = name_begin;
    while (name_end < n && !IsMarkupSpace(html[name_end]) && html[name_end] != '/' && html[name_end] != '>') {
      ++name_end;
    }
    const std::string name = AsciiLower(html.substr(name_begin, name_end - name_begin));
    size_t attributes = 0;
    size_t last_kept_attribute_end = name_end;
    const size_t close = ScanAttributes(html, name_end, [&](std::string_view, std::string_view, size_t end) {
      if (++attributes <= kMaxAttributes) last_kept_attribute_end = end;
    });
    if (close == std::string_view::npos) break;  // a tag cut off by the end of the page
    const size_t tag_end = close + 1;
    i = tag_end;

    bool remove = false;  // the whole tag goes
    bool stop = false;    // the rest of the page is text
    if (IsFormattingElement(name)) {
      remove = true;
    } else if (!is_end) {
      if (name == "html" || name == "body") {
        // A repeated <html> or <body> only adds its attributes to the first one.
        bool& seen = name == "html" ? seen_html : seen_body;
        remove = seen;
        seen = true;
      } else if (name == "plaintext") {
        stop = true;
      } else if (IsRawTextElement(name)) {
        const size_t end_tag = FindEndTag(html, tag_end, name);
        i = end_tag == std::string_view::npos ? n : end_tag;
      } else if (IsVoidElement(name) || ClosesItself(name) || (foreign > 0 && html[close - 1] == '/')) {
        // Nothing stays open (a "/>" closes elements inside <svg> and <math>).
      } else {
        const bool kept = stack.size() < max_depth;
        remove = !kept;
        if (name == "svg" || name == "math") ++foreign;
        ++open_count[name];
        stack.push_back({name, kept});
      }
    } else if (auto count = open_count.find(name); count != open_count.end() && count->second > 0) {
      // Closes the innermost open element of that name and everything opened inside it. An end tag
      // for an element that is not open is ignored by the parser, and here.
      while (!stack.empty()) {
        Open open = std::move(stack.back());
        stack.pop_back();
        --open_count[open.name];
        if (open.name == "svg" || open.name == "math") --foreign;
        if (open.name == name) {
          remove = !open.kept;
          break;
        }
      }
    }
    if (remove) {
      drop(lt, tag_end);
    } else if (attributes > kMaxAttributes) {  // the parser checks each attribute against all before it
      drop(last_kept_attribute_end, tag_end);
      out += '>';
    }
    if (stop) break;
  }
  out.append(html, copied, std::string_view::npos);
  return out;
}

}  // namespace eventcoder::read_internal
