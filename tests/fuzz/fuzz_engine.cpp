// Fuzzes the whole chain on arbitrary bytes with the project's own dictionaries, WordNet and gazetteer
// (pipeline/engine.h): read (format sniffed) -> clean -> language -> split -> code, then the JSON record
// of every event. Events point into their sentence; every record is valid JSON.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "output/event_writer.h"
#include "pipeline/engine.h"
#include "tests/fuzz/fuzz_util.h"

using namespace eventcoder;

namespace {

const Engine& TheEngine() {
  static const Engine* engine = [] {
    EngineConfig config = EngineConfig::Defaults();
    config.require_gazetteer = false;  // coded without places when the GeoNames data is not installed
    Result<Engine> loaded = Engine::Load(config);
    if (!loaded.ok()) fuzz::Fail("cannot load the engine", loaded.status().message());
    return new Engine(std::move(loaded).value());
  }();
  return *engine;
}

void CheckSpan(const Sentence& s, uint32_t begin, uint32_t end, const char* what, std::string_view text = {}) {
  if (begin <= end && end <= s.end - s.begin) return;
  fuzz::Fail(what, std::string(text) + " [" + std::to_string(begin) + ", " + std::to_string(end) + ") in a sentence of " +
                       std::to_string(s.end - s.begin) + " bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Engine& engine = TheEngine();
  CodeOptions options;
  options.read.max_bytes = 256 * 1024;
  Result<Document> doc = ReadBytes(fuzz::AsView(data, size), "fuzz", options.read);
  if (!doc.ok()) {
    fuzz::CheckErrorMessage(doc.status(), "fuzz");
    return 0;
  }
  engine.CodeDocument(doc.value(), options);
  fuzz::CheckSentences(doc.value());
  for (const Event& e : doc->events) {
    fuzz::Check(e.sentence_index >= 0 && static_cast<size_t>(e.sentence_index) < doc->sentences.size(),
                "event outside the sentences");
    const Sentence& s = doc->sentences[static_cast<size_t>(e.sentence_index)];
    CheckSpan(s, e.trigger_begin, e.trigger_end, "trigger outside its sentence");
    for (const std::optional<ActorRef>* actor : {&e.source, &e.target, &e.claimed_by}) {
      if (*actor) CheckSpan(s, (*actor)->begin, (*actor)->end, "actor outside its sentence", (*actor)->text);
    }
    if (e.location) CheckSpan(s, e.location->begin, e.location->end, "place outside its sentence", e.location->name);
    const std::string line = EventJson(doc.value(), e, engine.lexicon(), OutputOptions{});
    fuzz::Check(!nlohmann::json::parse(line, nullptr, false).is_discarded(), "event record is not JSON", line);
  }
  return 0;
}
