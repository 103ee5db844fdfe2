// Document: the one value that flows through the pipeline stages.
//
// read/ fills id, path, url, title, published and text (UTF-8, paragraphs separated by blank lines);
// clean/ rewrites text and fills the dateline; the pipeline fills language (lang/) and, for a text in
// another language than the one asked for, skipped, and stops there; text/ fills sentences and tokens;
// coder/, geo/ and dates/ fill events. Every offset is a byte offset into `text` (sentences) or into
// the sentence (tokens and event spans), so every event can show its evidence.
//
//   Document doc = ...;               // from read/
//   CleanDocument(doc);               // clean/
//   SplitDocument(doc, lexicon);      // text/
//
// Thread-safety: a plain value; one thread works on one Document at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace eventcoder {

// A calendar date that may be partial: year only, year and month, or a full day.
struct PartialDate {
  int year = 0;
  int month = 0;  // 0 when unknown
  int day = 0;    // 0 when unknown
  bool valid() const { return year != 0; }
  // "2020-10-10", "2020-10" or "2020"; empty when not valid.
  std::string ToString() const;
  // "day", "month", "year"; empty when not valid.
  const char* Precision() const;
  // Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a longer ISO timestamp is cut to its date).
  static std::optional<PartialDate> Parse(std::string_view s);
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  uint32_t begin = 0;    // byte offset in the sentence
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  bool capitalised = false;  // first letter upper case
  bool verb_form = false;    // WordNet knows the word as a verb form
  std::string lower;     // lower-cased surface form, typographic quotes/dashes folded
  std::string lemma;     // verb lemma when the word can be a verb (WordNet), else `lower`
};

struct Sentence {
  uint32_t begin = 0;    // byte offset in Document::text
  uint32_t end = 0;
  int paragraph = 0;     // index of the paragraph it belongs to
  std::vector<Token> tokens;
};

struct Diagnostic {
  std::string stage;     // "read", "clean", "coder" …
  std::string message;
};

// An actor as written into the event record.
struct ActorRef {
  std::string text;                 // the words in the sentence
  std::string code;                 // country + sectors, or an organisation's own code
  std::string country;              // ISO 3166-1 alpha-3, empty when none
  std::vector<std::string> sectors;
  uint32_t begin = 0, end = 0;      // byte span in the sentence
  std::string entry;                // "dictionaries/people.txt:12" etc., for --explain
};

struct Location {
  std::string name;
  std::string country;              // alpha-3, empty when unknown
  std::string admin1;               // empty when unknown
  double lat = 0, lon = 0;
  int64_t geonames_id = 0;          // 0 when not from GeoNames
  std::string precision;            // "city", "region", "country"
  uint32_t begin = 0, end = 0;      // byte span in the sentence
};

struct Magnitude {
  std::optional<int> killed, injured, arrested;
};

enum class Modality : uint8_t { kAsserted, kIntended, kThreatened, kHypothetical, kHistorical };
const char* ModalityName(Modality m);

struct Event {
  int sentence_index = 0;
  std::optional<ActorRef> source;
  std::optional<ActorRef> target;
  std::string cameo;                // 2-4 digits
  std::string trigger;              // the verb or noun that carries the event
  uint32_t trigger_begin = 0, trigger_end = 0;
  std::optional<ActorRef> claimed_by;
  bool negated = false;
  Modality modality = Modality::kAsserted;
  PartialDate date;
  std::optional<Location> location;
  Magnitude magnitude;
  double confidence = 0;
  std::vector<std::string> explain; // dictionary entries and rules that produced it
};

struct Document {
  std::string id;                   // stable: a hash of the raw bytes
  std::string path;                 // where it was read from ("-" for stdin)
  std::optional<std::string> url;
  std::optional<std::string> title;
  std::optional<PartialDate> published;
  std::string text;                 // UTF-8; paragraphs separated by "\n\n"
  std::string dateline_place;       // "MOSCOW" from "MOSCOW (AP) —"
  std::string dateline_agency;      // "AP"
  std::string language;             // ISO 639-1 code of the text when reliably detected ("en"), else empty
  std::string skipped;              // why the pipeline left it uncoded ("language fr"), else empty
  std::vector<Sentence> sentences;
  std::vector<Event> events;
  std::vector<Diagnostic> diagnostics;

  std::string_view SentenceText(size_t i) const {
    const Sentence& s = sentences[i];
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
};

}  // namespace eventcoder
