#include "text/tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <iterator>

namespace eventcoder {
namespace {

// Decodes the code point at s[i] (i < s.size()); sets len to its byte length (1 for invalid bytes).
UChar32 DecodeAt(std::string_view s, size_t i, int& len) {
  int32_t off = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), off, static_cast<int32_t>(s.size()), c);
  len = off - static_cast<int32_t>(i);
  return c < 0 ? 0xFFFD : c;
}

bool IsQuoteOrDash(UChar32 c) {
  return c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x2013 || c == 0x2014 ||
         c == 0x00AB || c == 0x00BB || c == 0x2026;
}

bool IsWordChar(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (IsQuoteOrDash(c)) return false;
  return u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK;
}

bool IsSpace(UChar32 c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || u_isUWhiteSpace(c); }

// White space judged on one byte of UTF-8: only ASCII bytes can be. (A continuation byte such as the
// 0xA0 of "Р" is no NO-BREAK SPACE; the readers have turned real no-break spaces into spaces.)
bool IsSpaceByte(char b) {
  const auto c = static_cast<unsigned char>(b);
  return c < 0x80 && IsSpace(c);
}

bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

}  // namespace

std::string FoldLower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool ascii = true;
  for (unsigned char ch : s)
    if (ch >= 0x80) ascii = false;
  if (ascii) {
    for (char ch : s) out.push_back((ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch);
    return out;
  }
  for (size_t i = 0; i < s.size();) {
    int len = 1;
    UChar32 c = DecodeAt(s, i, len);
    if (c == 0x2018 || c == 0x2019) {
      out.push_back('\'');
    } else if (c == 0x201C || c == 0x201D || c == 0x00AB || c == 0x00BB) {
      out.push_back('"');
    } else if (c == 0x2013 || c == 0x2014) {
      out.push_back('-');
    } else {
      UChar32 l = u_tolower(c);
      char buf[4];
      int32_t n = 0;
      U8_APPEND_UNSAFE(buf, n, l);
      out.append(buf, n);
    }
    i += len;
  }
  return out;
}

std::vector<Token> Tokenize(std::string_view s, const VerbLemmatizer* lemmatizer) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    int len = 1;
    UChar32 c = DecodeAt(s, i, len);
    if (IsSpace(c)) {
      i += len;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    if (IsWordChar(c)) {
      bool digits_only = true;
      size_t j = i;
      while (j < s.size()) {
        int l2 = 1;
        UChar32 d = DecodeAt(s, j, l2);
        if (IsWordChar(d)) {
          if (!(d >= '0' && d <= '9')) digits_only = false;
          j += l2;
          continue;
        }
        // Inside a word: hyphen or apostrophe followed by a word character ("state-of-the-art",
        // "O'Brien"); a possessive "'s" is split off below. In a number: "1.5", "10,000".
        if (j + l2 < s.size()) {  // a character follows the l2 bytes of d
          int l3 = 1;
          UChar32 next = DecodeAt(s, j + l2, l3);
          bool next_word = IsWordChar(next);
          if (d == '-' && next_word) { j += l2; continue; }
          if (IsApostrophe(d) && next_word) {
            // possessive 's / ’s ends the word
            bool possessive = (next == 's' || next == 'S') &&
                              (j + l2 + 1 >= s.size() || !IsWordChar(DecodeAt(s, j + l2 + 1, l3)));
            if (possessive) break;
            j += l2;
            continue;
          }
          if (digits_only && (d == '.' || d == ',') && next >= '0' && next <= '9') { j += l2; continue; }
        }
        break;
      }
      // Dotted acronyms: "U.S.", "U.N.", "e.g." — single letters each followed by a period.
      if (j - i == 1 && j < s.size() && s[j] == '.' && j + 2 < s.size() && IsWordChar(static_cast<unsigned char>(s[j + 1])) &&
          s[j + 2] == '.') {
        size_t k = j;
        while (k + 2 < s.size() + 1 && k < s.size() && s[k] == '.' && k + 1 < s.size() &&
               IsWordChar(static_cast<unsigned char>(s[k + 1])) && (k + 2 >= s.size() || s[k + 2] == '.')) {
          k += 2;
        }
        if (k < s.size() && s[k] == '.') k += 1;
        j = k;
      }
      t.end = static_cast<uint32_t>(j);
      t.kind = digits_only ? TokenKind::kNumber : TokenKind::kWord;
      int l0 = 1;
      UChar32 first = DecodeAt(s, i, l0);
      t.capitalised = u_isupper(first) || u_istitle(first);
      i = j;
    } else if (IsApostrophe(c) && i + len < s.size() && (s[i + len] == 's' || s[i + len] == 'S') &&
               (i + len + 1 >= s.size() || !IsWordChar(static_cast<unsigned char>(s[i + len + 1]))) &&
               !tokens.empty() && tokens.back().end == i) {
      t.end = static_cast<uint32_t>(i + len + 1);  // possessive "'s"
      t.kind = TokenKind::kWord;
      i = t.end;
    } else {
      t.end = static_cast<uint32_t>(i + len);
      t.kind = TokenKind::kPunct;
      i += len;
    }
    t.lower = FoldLower(s.substr(t.begin, t.end - t.begin));
    if (t.kind == TokenKind::kWord && lemmatizer != nullptr) {
      t.lemma = lemmatizer->Lemma(t.lower);
      t.verb_form = !t.lemma.empty();
    }
    if (t.lemma.empty()) t.lemma = t.lower;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

SentenceSplitter::SentenceSplitter(std::unordered_set<std::string> abbreviations)
    : abbreviations_(std::move(abbreviations)) {}

bool SentenceSplitter::IsAbbreviation(std::string_view word) const {
  return abbreviations_.count(std::string(word)) != 0;
}

namespace {

bool StartsSentence(std::string_view rest) {
  // rest begins at the first non-space character after a candidate boundary.
  if (rest.empty()) return false;
  unsigned char c = static_cast<unsigned char>(rest[0]);
  if (c == '"' || c == '\'' || c == '(' || c == '[' || (c >= '0' && c <= '9')) return true;
  int len = 1;
  UChar32 cp = DecodeAt(rest, 0, len);
  if (cp == 0x201C || cp == 0x2018 || cp == 0x00AB) return true;
  return u_isupper(cp) || u_istitle(cp);
}

// Words after which "U.S." and similar abbreviations still end the sentence.
bool CommonSentenceStarter(std::string_view rest) {
  static const char* kStarters[] = {"The ", "He ", "She ", "It ", "They ", "We ", "I ", "But ", "In ",
                                    "A ",   "An ", "This ", "That ", "There ", "On ", "At ", "His ", "Her "};
  for (const char* s : kStarters)
    if (rest.substr(0, std::strlen(s)) == s) return true;
  return false;
}

}  // namespace

std::vector<Sentence> SentenceSplitter::SplitSentences(std::string_view text) const {
  std::vector<Sentence> out;
  int paragraph = 0;
  size_t pos = 0;
  auto emit = [&](size_t b, size_t e) {
    while (b < e && IsSpaceByte(text[b])) ++b;
    while (e > b && IsSpaceByte(text[e - 1])) --e;
    if (e > b) {
      Sentence s;
      s.begin = static_cast<uint32_t>(b);
      s.end = static_cast<uint32_t>(e);
      s.paragraph = paragraph;
      out.push_back(std::move(s));
    }
  };
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t line_end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, line_end - pos);
    size_t start = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      bool ellipsis = static_cast<unsigned char>(c) == 0xE2 && i + 2 < line.size() &&
                      static_cast<unsigned char>(line[i + 1]) == 0x80 && static_cast<unsigned char>(line[i + 2]) == 0xA6;
      if (c != '.' && c != '!' && c != '?' && !ellipsis) continue;
      size_t j = i + (ellipsis ? 3 : 1);
      // closing quotes and brackets stay with the sentence
      while (j < line.size()) {
        unsigned char d = static_cast<unsigned char>(line[j]);
        if (d == '"' || d == '\'' || d == ')' || d == ']' || d == '.' || d == '!' || d == '?') { ++j; continue; }
        if (d == 0xE2 && j + 2 < line.size() && static_cast<unsigned char>(line[j + 1]) == 0x80 &&
            (static_cast<unsigned char>(line[j + 2]) == 0x9D || static_cast<unsigned char>(line[j + 2]) == 0x99)) {
          j += 3;
          continue;
        }
        break;
      }
      if (j >= line.size() || !IsSpaceByte(line[j])) continue;
      size_t k = j;
      while (k < line.size() && IsSpaceByte(line[k])) ++k;
      std::string_view rest = line.substr(k);
      if (!StartsSentence(rest)) continue;
      if (c == '.') {
        size_t w = i;
        while (w > start && !IsSpaceByte(line[w - 1]) && line[w - 1] != '(' && line[w - 1] != '"') --w;
        std::string_view word = line.substr(w, i + 1 - w);
        if (word.size() == 2 && std::isupper(static_cast<unsigned char>(word[0]))) continue;  // initial "J."
        if (IsAbbreviation(word)) {
          // Titles never end a sentence; dotted acronyms do when a typical sentence opener follows.
          bool dotted = word.size() >= 4 && word[1] == '.';
          if (!(dotted && CommonSentenceStarter(rest))) continue;
        }
      }
      emit(pos + start, pos + j);
      start = k;
      i = k > 0 ? k - 1 : 0;
    }
    emit(pos + start, pos + line.size());
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    // A blank line (or several) ends the paragraph.
    size_t p = pos;
    bool blank = false;
    while (p < text.size() && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r')) {
      if (text[p] == '\n') blank = true;
      ++p;
    }
    if (blank || p >= text.size()) ++paragraph;
  }
  return out;
}

void SentenceSplitter::Split(Document& doc, const VerbLemmatizer* lemmatizer) const {
  std::vector<Sentence> spans = SplitSentences(doc.text);
  doc.sentences.clear();
  doc.sentences.reserve(spans.size());
  size_t cut = 0, longest = 0;
  for (Sentence& s : spans) {
    std::vector<Token> tokens = Tokenize(std::string_view(doc.text).substr(s.begin, s.end - s.begin), lemmatizer);
    if (tokens.size() <= kMaxSentenceTokens) {
      s.tokens = std::move(tokens);
      doc.sentences.push_back(std::move(s));
      continue;
    }
    // Consecutive pieces of kMaxSentenceTokens tokens, each from its first token to its last, offsets
    // made relative to the piece.
    ++cut;
    longest = std::max(longest, tokens.size());
    for (size_t first = 0; first < tokens.size(); first += kMaxSentenceTokens) {
      const size_t last = std::min(tokens.size(), first + kMaxSentenceTokens);
      const uint32_t base = tokens[first].begin;
      Sentence piece;
      piece.begin = s.begin + base;
      piece.end = s.begin + tokens[last - 1].end;
      piece.paragraph = s.paragraph;
      piece.tokens.assign(std::make_move_iterator(tokens.begin() + static_cast<std::ptrdiff_t>(first)),
                          std::make_move_iterator(tokens.begin() + static_cast<std::ptrdiff_t>(last)));
      for (Token& t : piece.tokens) {
        t.begin -= base;
        t.end -= base;
      }
      doc.sentences.push_back(std::move(piece));
    }
  }
  if (cut > 0) {
    doc.diagnostics.push_back({"text", std::to_string(cut) + " sentence(s) longer than " +
                                           std::to_string(kMaxSentenceTokens) + " tokens cut (longest " +
                                           std::to_string(longest) + " tokens)"});
  }
}

}  // namespace eventcoder
