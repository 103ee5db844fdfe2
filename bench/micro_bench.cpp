// eventcoder_micro_bench: Google Benchmark timings of the pipeline's hot stages on generated articles
// (bench/corpus.h, seed 42). Every benchmark reports bytes/s of article text (JSON: bytes written).
//
//   build/eventcoder_micro_bench                               all stages
//   build/eventcoder_micro_bench --benchmark_filter=Code       one stage
//
// Stages: BM_Read (ReadBytes), BM_Clean (CleanDocument), BM_Split (SentenceSplitter::Split with the
// WordNet lemmatizer), BM_ActorMatch (Lexicon::MatchActorAt at every token), BM_Code (Coder::Code:
// actor matching, patterns, claims, places, dates), BM_Resolve (Gazetteer::Resolve), BM_EventJson
// (EventJson), and BM_CodeDocument (clean + split + code, as Engine::CodeDocument runs them).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "clean/cleaner.h"
#include "coder/coder.h"
#include "corpus.h"
#include "output/event_writer.h"
#include "pipeline/engine.h"
#include "read/reader.h"
#include "text/lemmatizer.h"
#include "text/tokenizer.h"

namespace ec = eventcoder;

namespace {

constexpr int kArticles = 200;

struct Fixture {
  ec::EngineConfig config;
  std::unique_ptr<ec::Engine> engine;
  std::unique_ptr<ec::VerbLemmatizer> lemmatizer;
  std::unique_ptr<ec::SentenceSplitter> splitter;
  std::unique_ptr<ec::Coder> coder;
  std::vector<std::string> raw;            // article bytes
  std::vector<ec::Document> read;          // after read/
  std::vector<ec::Document> cleaned;       // after clean/
  std::vector<ec::Document> split;         // after text/
  std::vector<ec::Document> coded;         // after coder/
  std::vector<ec::bench::CorpusPlace> places;
  int64_t raw_bytes = 0, clean_bytes = 0;
};

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "eventcoder_micro_bench: " << message << "\n";
  std::exit(1);
}

const Fixture& Data() {
  static const Fixture* fixture = [] {
    auto* f = new Fixture;
    f->config = ec::EngineConfig::Defaults();
    ec::Result<ec::Engine> engine = ec::Engine::Load(f->config);
    if (!engine.ok()) Die(engine.status().message());
    f->engine = std::make_unique<ec::Engine>(std::move(engine).value());
    ec::Result<ec::VerbLemmatizer> lem = ec::VerbLemmatizer::Load(f->config.wordnet);
    if (!lem.ok()) Die(lem.status().message());
    f->lemmatizer = std::make_unique<ec::VerbLemmatizer>(std::move(lem).value());
    const ec::Lexicon& lex = f->engine->lexicon();
    f->splitter = std::make_unique<ec::SentenceSplitter>(lex.abbreviations());
    f->coder = std::make_unique<ec::Coder>(lex, f->engine->gazetteer());

    ec::Result<ec::bench::CorpusGenerator> gen = ec::bench::CorpusGenerator::Load(f->config, 42);
    if (!gen.ok()) Die(gen.status().message());
    f->places = gen->places();
    for (int i = 0; i < kArticles; ++i) {
      f->raw.push_back(gen->Next());
      f->raw_bytes += static_cast<int64_t>(f->raw.back().size());
      std::string name = "article-" + std::to_string(i + 1) + ".txt";
      ec::Result<ec::Document> doc = ec::ReadBytes(f->raw.back(), name, ec::ReadOptions{}, ec::InputFormat::kText);
      if (!doc.ok()) Die(doc.status().message());
      f->read.push_back(doc.value());
      ec::CleanDocument(doc.value());
      f->clean_bytes += static_cast<int64_t>(doc->text.size());
      f->cleaned.push_back(doc.value());
      f->splitter->Split(doc.value(), f->lemmatizer.get());
      f->split.push_back(doc.value());
      f->coder->Code(doc.value(), ec::CoderOptions{});
      f->coded.push_back(std::move(doc).value());
    }
    return f;
  }();
  return *fixture;
}

void BM_Read(benchmark::State& state) {
  const Fixture& f = Data();
  for (auto _ : state) {
    for (size_t i = 0; i < f.raw.size(); ++i) {
      ec::Result<ec::Document> doc = ec::ReadBytes(f.raw[i], "a.txt", ec::ReadOptions{}, ec::InputFormat::kText);
      benchmark::DoNotOptimize(doc);
    }
  }
  state.SetBytesProcessed(state.iterations() * f.raw_bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.raw.size()));
}

void BM_Clean(benchmark::State& state) {
  const Fixture& f = Data();
  for (auto _ : state) {
    for (const ec::Document& d : f.read) {
      ec::Document doc = d;  // a copy of ~4 KB of text: small next to the cleaning
      ec::CleanReport r = ec::CleanDocument(doc);
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetBytesProcessed(state.iterations() * f.raw_bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.read.size()));
}

void BM_Split(benchmark::State& state) {
  const Fixture& f = Data();
  std::vector<ec::Document> docs = f.cleaned;
  for (auto _ : state) {
    for (ec::Document& doc : docs) {
      f.splitter->Split(doc, f.lemmatizer.get());  // replaces doc.sentences
      benchmark::DoNotOptimize(doc.sentences.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * f.clean_bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs.size()));
}

void BM_ActorMatch(benchmark::State& state) {
  const Fixture& f = Data();
  const ec::Lexicon& lex = f.engine->lexicon();
  std::vector<uint32_t> entries;
  int64_t matches = 0;
  for (auto _ : state) {
    for (const ec::Document& doc : f.split) {
      for (size_t s = 0; s < doc.sentences.size(); ++s) {
        const std::vector<ec::Token>& tokens = doc.sentences[s].tokens;
        std::string_view text = doc.SentenceText(s);
        for (size_t i = 0; i < tokens.size(); ++i) matches += lex.MatchActorAt(text, tokens, i, &entries) > 0;
      }
    }
  }
  benchmark::DoNotOptimize(matches);
  state.SetBytesProcessed(state.iterations() * f.clean_bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.split.size()));
}

void BM_Code(benchmark::State& state) {
  const Fixture& f = Data();
  std::vector<ec::Document> docs = f.split;
  int64_t events = 0;
  for (auto _ : state) {
    for (ec::Document& doc : docs) {
      f.coder->Code(doc, ec::CoderOptions{});  // clears and refills doc.events
      events += static_cast<int64_t>(doc.events.size());
    }
  }
  benchmark::DoNotOptimize(events);
  state.SetBytesProcessed(state.iterations() * f.clean_bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(docs.size()));
  state.counters["events/article"] =
      benchmark::Counter(static_cast<double>(events) / static_cast<double>(state.iterations() * docs.size()));
}

void BM_Resolve(benchmark::State& state) {
  const Fixture& f = Data();
  const ec::Gazetteer* gaz = f.engine->gazetteer();
  if (!gaz) {
    state.SkipWithError("no gazetteer (run scripts/setup)");
    return;
  }
  // Every place name the generator writes, in its own country's context and in another's, plus words
  // that are not places at all (most lookups in text miss).
  std::vector<std::pair<std::string, std::vector<std::string>>> queries;
  int64_t bytes = 0;
  for (size_t i = 0; i < f.places.size(); ++i) {
    const ec::bench::CorpusPlace& p = f.places[i];
    queries.push_back({p.name, {p.country}});
    queries.push_back({p.name, {f.places[(i * 7919) % f.places.size()].country, p.country}});
  }
  for (const char* miss : {"Tuesday", "Ministry", "Security Council", "Reuters", "the", "Protesters"})
    queries.push_back({miss, {"USA"}});
  for (const auto& q : queries) bytes += static_cast<int64_t>(q.first.size());
  int64_t found = 0;
  for (auto _ : state) {
    for (const auto& [name, context] : queries) found += gaz->Resolve(name, context).has_value();
  }
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(state.iterations() * bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(queries.size()));
}

void BM_EventJson(benchmark::State& state) {
  const Fixture& f = Data();
  const ec::Lexicon& lex = f.engine->lexicon();
  ec::OutputOptions out;
  int64_t bytes = 0, events = 0;
  for (auto _ : state) {
    for (const ec::Document& doc : f.coded) {
      for (const ec::Event& e : doc.events) {
        std::string line = ec::EventJson(doc, e, lex, out);
        bytes += static_cast<int64_t>(line.size()) + 1;
        ++events;
      }
    }
  }
  state.SetBytesProcessed(bytes);  // JSON Lines written
  state.SetItemsProcessed(events);
}

void BM_CodeDocument(benchmark::State& state) {
  const Fixture& f = Data();
  for (auto _ : state) {
    for (const ec::Document& d : f.read) {
      ec::Document doc = d;
      f.engine->CodeDocument(doc, ec::CodeOptions{});
      benchmark::DoNotOptimize(doc.events.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * f.raw_bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.read.size()));
}

BENCHMARK(BM_Read)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Clean)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Split)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ActorMatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Code)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Resolve)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EventJson)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CodeDocument)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
