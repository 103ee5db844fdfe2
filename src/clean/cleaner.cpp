#include "clean/cleaner.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "text/tokenizer.h"

namespace eventcoder {
namespace {

// Paragraphs longer than this (in words) are copies only when their words are equal.
constexpr size_t kMaxNearDuplicateWords = 300;
// A paragraph is compared word by word with at most this many paragraphs kept before it.
constexpr size_t kNearDuplicateWindow = 64;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool StartsWithI(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
  return true;
}

bool ContainsI(std::string_view s, std::string_view needle) {
  std::string a = FoldLower(s), b = FoldLower(needle);
  return a.find(b) != std::string::npos;
}

const char* const kAgencies[] = {"AP", "AFP", "Reuters", "EPA", "Getty Images", "Getty", "AAP", "ANP", "DPA", "dpa",
                                 "Xinhua", "TASS", "Anadolu", "Shutterstock", "Alamy", "Sputnik", "UPI", "PA",
                                 "Bloomberg", "EPA-EFE", "AFP via Getty Images", "Handout", "Pool", "Supplied"};

bool IsAgency(std::string_view s) {
  s = Trim(s);
  for (const char* a : kAgencies)
    if (s == a) return true;
  return false;
}

// "[ad_1]", "[/caption]", "[caption id=…]", "[embed]" …
bool ShortcodeAt(std::string_view s, size_t i, size_t& end) {
  if (s[i] != '[') return false;
  size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  size_t name_begin = j;
  while (j < s.size() && (std::islower(static_cast<unsigned char>(s[j])) || std::isdigit(static_cast<unsigned char>(s[j])) ||
                          s[j] == '_' || s[j] == '-'))
    ++j;
  std::string_view name = s.substr(name_begin, j - name_begin);
  if (name.empty() || !std::islower(static_cast<unsigned char>(name[0]))) return false;
  size_t close = s.find(']', j);
  if (close == std::string_view::npos || close - i > 300) return false;
  bool has_attrs = j < s.size() && s[j] == ' ' && s.substr(j, close - j).find('=') != std::string_view::npos;
  if (j < s.size() && s[j] != ']' && !has_attrs) return false;
  static const std::unordered_set<std::string_view> kKnown = {
      "ad", "ads", "advert", "caption", "embed", "gallery", "video", "audio", "related", "tweet", "playlist",
      "shortcode", "image", "photo", "iframe", "youtube", "twitter", "instagram", "facebook", "quote"};
  bool shortcode_like = name.find('_') != std::string_view::npos || kKnown.count(name) || has_attrs;
  if (!shortcode_like) return false;
  end = close + 1;
  return true;
}

std::string RemoveShortcodes(std::string_view line, int& count) {
  std::string out;
  out.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    size_t end = 0;
    if (line[i] == '[' && ShortcodeAt(line, i, end)) {
      ++count;
      i = end;
      continue;
    }
    out.push_back(line[i]);
    ++i;
  }
  return out;
}

// Removes inline "(AP Photo/Efrem Lukatsky)" style credits.
std::string RemoveInlineCredits(std::string line, int& count) {
  for (;;) {
    size_t open = std::string::npos;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] != '(') continue;
      size_t close = line.find(')', i);
      if (close == std::string::npos || close - i > 120) continue;
      std::string_view inner(line.data() + i + 1, close - i - 1);
      if (ContainsI(inner, " photo/") || ContainsI(inner, " photo /") || StartsWithI(inner, "photo:") ||
          StartsWithI(inner, "photo by ") || StartsWithI(inner, "credit:")) {
        open = i;
        break;
      }
    }
    if (open == std::string::npos) return line;
    size_t close = line.find(')', open);
    size_t from = open;
    if (from > 0 && line[from - 1] == ' ') --from;
    line.erase(from, close + 1 - from);
    ++count;
  }
}

bool IsCreditLine(std::string_view line) {
  line = Trim(line);
  if (line.empty() || line.size() > 120) return false;
  static const char* kPrefixes[] = {"photo:", "photos:", "photograph:", "image:", "images:", "picture:",
                                    "credit:", "credits:", "video:", "photo credit", "image credit",
                                    "file photo", "(photo", "(image"};
  for (const char* p : kPrefixes)
    if (StartsWithI(line, p)) return true;
  if (IsAgency(line)) return true;
  // "Uncredited / AP", "John Smith/AFP", "Jane Doe / Getty Images", "AP Photo/Efrem Lukatsky"
  size_t slash = line.rfind('/');
  if (slash != std::string_view::npos && line.back() != '.') {
    std::string_view left = Trim(line.substr(0, slash)), right = Trim(line.substr(slash + 1));
    int words = 1;
    for (char c : left) words += c == ' ';
    if (words <= 6 && (IsAgency(right) || IsAgency(left) || ContainsI(left, "photo"))) return true;
  }
  return false;
}

bool IsLinkListHeader(std::string_view line) {
  line = Trim(line);
  if (line.size() > 60) return false;
  static const char* kHeaders[] = {"read more", "related", "also read", "see also", "more on this",
                                   "recommended", "you may also like", "more from", "trending", "read also",
                                   "more stories", "latest news", "top stories", "most read", "watch:"};
  for (const char* h : kHeaders) {
    if (!StartsWithI(line, h)) continue;
    std::string_view rest = Trim(line.substr(std::string_view(h).size()));
    if (rest.empty() || rest[0] == ':' || rest[0] == '-' || rest.size() < 30) return true;
  }
  return false;
}

bool IsBullet(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return false;
  if (line[0] == '*' || line[0] == '-' || line[0] == '>') return true;
  if (line.substr(0, 3) == "\xE2\x80\xA2" || line.substr(0, 2) == "\xC2\xB7") return true;  // • ·
  return false;
}

bool IsBoilerplateLine(std::string_view line) {
  line = Trim(line);
  if (line.size() > 90) return false;
  static const char* kLines[] = {"share this", "share on", "share:", "subscribe", "sign up", "advertisement",
                                 "click here", "follow us", "tap here", "scroll to continue", "story continues",
                                 "continue reading", "this article was", "copyright", "all rights reserved",
                                 "\xC2\xA9", "listen to this article", "print this", "email this", "comments"};
  for (const char* p : kLines)
    if (StartsWithI(line, p)) return true;
  return false;
}

// "MOSCOW (AP) — The …" / "KYIV, Ukraine (Reuters) - …" / "BAKU — …"
bool StripDateline(std::string& para, std::string& place, std::string& agency) {
  size_t dash = std::string::npos, dash_len = 0;
  static const char* kDashes[] = {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- ", " - "};
  for (const char* d : kDashes) {
    size_t p = para.find(d);
    if (p != std::string::npos && p < 80 && (dash == std::string::npos || p < dash)) {
      dash = p;
      dash_len = std::string_view(d).size();
    }
  }
  if (dash == std::string::npos) return false;
  std::string_view head(para.data(), dash);
  std::string_view place_part = head;
  std::string ag;
  size_t paren = head.find('(');
  if (paren != std::string_view::npos) {
    size_t close = head.find(')', paren);
    if (close == std::string_view::npos || close + 1 != head.size()) return false;
    ag = std::string(head.substr(paren + 1, close - paren - 1));
    place_part = Trim(head.substr(0, paren));
  }
  // The place must open with an all-capitals word ("MOSCOW", "KYIV, Ukraine", "UNITED NATIONS").
  size_t k = 0;
  int caps = 0;
  while (k < place_part.size() && (std::isupper(static_cast<unsigned char>(place_part[k])) || place_part[k] == ' ' ||
                                   place_part[k] == '.' || place_part[k] == '\'' || place_part[k] == '-')) {
    caps += std::isupper(static_cast<unsigned char>(place_part[k])) ? 1 : 0;
    ++k;
  }
  if (caps < 3) return false;
  if (k < place_part.size() && place_part[k] != ',') return false;
  if (ag.size() > 30) return false;
  place = std::string(Trim(place_part));
  agency = ag;
  para.erase(0, dash + dash_len);
  return true;
}

// Drops one-word lower-case "sentences" left by machine translation: "… a year. room. century."
std::string RemoveDebris(std::string_view line, int& count) {
  std::string out(line);
  for (size_t i = 0; i + 2 < out.size();) {
    bool word_before = i >= 3 && std::islower(static_cast<unsigned char>(out[i - 1])) &&
                       std::islower(static_cast<unsigned char>(out[i - 2])) && std::islower(static_cast<unsigned char>(out[i - 3]));
    if (word_before && (out[i] == '.' || out[i] == '!' || out[i] == '?') && out[i + 1] == ' ' &&
        std::islower(static_cast<unsigned char>(out[i + 2]))) {
      size_t j = i + 2;
      while (j < out.size() && std::islower(static_cast<unsigned char>(out[j]))) ++j;
      if (j < out.size() && out[j] == '.' && (j + 1 == out.size() || out[j + 1] == ' ')) {
        out.erase(i + 1, j - i);  // keep the first period, drop " word."
        ++count;
        continue;
      }
    }
    ++i;
  }
  return out;
}

std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(s, nullptr))
    if (t.kind != TokenKind::kPunct) out.push_back(t.lower);
  return out;
}

}  // namespace

bool NearDuplicateWords(const std::vector<std::string>& x, const std::vector<std::string>& y);

bool NearDuplicate(std::string_view a, std::string_view b) { return NearDuplicateWords(Words(a), Words(b)); }

bool NearDuplicateWords(const std::vector<std::string>& x, const std::vector<std::string>& y) {
  if (x.size() < 4 || y.size() < 4) return x == y && !x.empty();
  // The edit distance costs |x| * |y|: longer paragraphs count as copies only when equal.
  if (x.size() > kMaxNearDuplicateWords || y.size() > kMaxNearDuplicateWords) return x == y;
  size_t longer = std::max(x.size(), y.size());
  size_t allowed = std::max<size_t>(1, longer / 5);
  if ((x.size() > y.size() ? x.size() - y.size() : y.size() - x.size()) > allowed) return false;
  std::vector<size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > allowed) return false;
    std::swap(prev, cur);
  }
  return prev[y.size()] <= allowed;
}

CleanReport CleanDocument(Document& doc) {
  CleanReport report;
  // Paragraphs as lists of lines.
  std::vector<std::vector<std::string>> paragraphs(1);
  std::string_view text = doc.text;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (Trim(line).empty()) {
      if (!paragraphs.back().empty()) paragraphs.emplace_back();
    } else {
      paragraphs.back().emplace_back(line);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }

  std::vector<std::string> kept;  // cleaned paragraphs
  std::vector<std::vector<std::string>> kept_words;
  std::unordered_set<std::string> seen_words;  // the word sequence of every paragraph kept
  bool in_link_list = false;
  int paragraphs_seen = 0;  // the dateline opens one of the first paragraphs (a headline may come first)
  bool dateline_done = false;
  for (auto& para : paragraphs) {
    std::string joined;
    bool para_was_link_list = false;
    for (std::string& raw_line : para) {
      std::string line = RemoveShortcodes(raw_line, report.shortcodes);
      line = RemoveInlineCredits(line, report.credits);
      std::string_view t = Trim(line);
      if (t.empty()) continue;
      if (IsLinkListHeader(t)) {
        in_link_list = true;
        para_was_link_list = true;
        ++report.link_lists;
        continue;
      }
      if (in_link_list) {
        if (IsBullet(t) || para_was_link_list) {
          ++report.link_lists;
          continue;
        }
        in_link_list = false;
      }
      if (IsCreditLine(t)) {
        ++report.credits;
        continue;
      }
      if (IsBoilerplateLine(t)) {
        ++report.boilerplate;
        continue;
      }
      std::string cleaned = RemoveDebris(t, report.debris);
      if (!joined.empty()) joined.push_back('\n');
      joined += cleaned;
    }
    // A paragraph made only of bullets right after a link-list header belongs to it.
    if (!para_was_link_list) in_link_list = false;
    if (joined.empty()) continue;
    if (!dateline_done && paragraphs_seen++ < 3) {
      if (StripDateline(joined, doc.dateline_place, doc.dateline_agency)) {
        report.dateline = true;
        dateline_done = true;
      }
    }
    // Each paragraph is split into words once; only paragraphs of similar length are compared.
    // Exact copies are found among all paragraphs; near copies among the last kNearDuplicateWindow
    // paragraphs kept, so a page of many paragraphs costs linear time, not quadratic.
    std::vector<std::string> words = Words(joined);
    std::string key;
    for (const std::string& w : words) key.append(w).push_back('\x1f');
    bool dup = !words.empty() && !seen_words.insert(key).second;
    const size_t window_start = kept_words.size() > kNearDuplicateWindow ? kept_words.size() - kNearDuplicateWindow : 0;
    for (size_t ki = window_start; ki < kept_words.size() && !dup; ++ki) {
      const std::vector<std::string>& k = kept_words[ki];
      size_t longer = std::max(k.size(), words.size()), shorter = std::min(k.size(), words.size());
      if (longer - shorter > std::max<size_t>(1, longer / 5)) continue;
      dup = NearDuplicateWords(k, words);
    }
    if (dup) {
      ++report.duplicates;
      continue;
    }
    kept.push_back(std::move(joined));
    kept_words.push_back(std::move(words));
  }
  std::string out;
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i) out += "\n\n";
    out += kept[i];
  }
  doc.text = std::move(out);
  return report;
}

}  // namespace eventcoder
