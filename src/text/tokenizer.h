// Tokenizer and SentenceSplitter: the text/ stage. Turns Document::text into sentences of tokens,
// each token with byte offsets into its sentence, a folded lower-case form and a verb lemma.
//
//   SentenceSplitter splitter(abbreviations);
//   splitter.Split(doc, &lemmatizer);        // fills doc.sentences
//   std::vector<Token> t = Tokenize("Azerbaijan’s army", nullptr);  // Azerbaijan | 's | army
//
// Rules: paragraphs (blank-line separated) and lines never share a sentence; a sentence ends at . ! ? …
// (after any closing quote or bracket) before white space and a capital, digit, quote or bracket,
// unless the word before is a listed abbreviation ("Gen.", "U.S.") or an initial ("J."). A "sentence" of
// more than kMaxSentenceTokens tokens (a list, a table flattened to text, a page without punctuation) is
// cut into consecutive sentences of at most that many tokens, with a diagnostic: the coder's work per
// sentence grows faster than its length, and no real sentence is that long. Tokens keep
// hyphenated words whole ("Russian-brokered", "Nagorno-Karabakh"), split possessive "'s", and keep
// dotted acronyms ("U.S.") as one token. Typographic quotes and dashes fold to ASCII in Token::lower.
//
// Thread-safety: immutable after construction; Split() may run on many documents at once.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "doc/document.h"
#include "text/lemmatizer.h"

namespace eventcoder {

// Longest sentence Split() keeps whole, in tokens.
inline constexpr size_t kMaxSentenceTokens = 400;

// Tokenizes one sentence. With a lemmatizer, Token::lemma holds the verb lemma of verb forms.
std::vector<Token> Tokenize(std::string_view sentence, const VerbLemmatizer* lemmatizer);

// Lower-cases UTF-8 text and folds typographic quotes (’ ‘ “ ”) and dashes (– —) to ASCII.
std::string FoldLower(std::string_view s);

class SentenceSplitter {
 public:
  explicit SentenceSplitter(std::unordered_set<std::string> abbreviations = {});
  // Sentence spans (byte offsets into `text`), with their paragraph index.
  std::vector<Sentence> SplitSentences(std::string_view text) const;
  // Fills doc.sentences with sentences and their tokens; longer sentences than kMaxSentenceTokens are
  // cut (one diagnostic "text" per document says how many).
  void Split(Document& doc, const VerbLemmatizer* lemmatizer) const;

 private:
  bool IsAbbreviation(std::string_view word) const;
  std::unordered_set<std::string> abbreviations_;
};

}  // namespace eventcoder
