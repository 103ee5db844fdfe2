#include "output/event_writer.h"

#include <cmath>
#include <filesystem>
#include <random>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "output/json_writer.h"
#include "pipeline/engine.h"

namespace eventcoder {
namespace {

using Json = nlohmann::ordered_json;

std::string NlohmannDump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

TEST(JsonWriter, StringsAreEscapedAsNlohmannDumpsThemForAnyBytes) {
  std::vector<std::string> cases = {"", "plain", "quote \" and \\ backslash", "tab\tnew\nline\r\f\b",
                                    std::string("nul\0byte", 8), "\x01\x1f\x7f", "Shusha – Şuşa “quoted”",
                                    "bad \xff byte", "cut \xe2\x80", "overlong \xc0\xaf", "surrogate \xed\xa0\x80",
                                    "above \xf4\x90\x80\x80", "emoji \xf0\x9f\x98\x80", "\xe2\x80\x99s"};
  std::mt19937 rng(7);
  for (int n = 0; n < 3000; ++n) {
    std::string s(rng() % 24, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 4 == 0 ? rng() % 256 : 0x20 + rng() % 0x60);
    cases.push_back(s);
  }
  for (const std::string& s : cases) {
    std::string out;
    AppendJsonString(out, s);
    ASSERT_EQ(out, NlohmannDump(Json(s))) << "input bytes: " << s.size();
  }
}

TEST(JsonWriter, NumbersPrintAsNlohmannPrintsThem) {
  for (double x : std::vector<double>{0.0, -0.0, 1.0, -10.0, 0.85, 39.20755, 46.4089, -122.4194, 0.0001, 1e-05, 123456789012345.0,
                   1e16, 1e21, 2.5e-300, 1.0 / 3, static_cast<double>(NAN), static_cast<double>(INFINITY)}) {
    std::string out;
    AppendJsonNumber(out, x);
    EXPECT_EQ(out, NlohmannDump(Json(x))) << x;
  }
}

TEST(JsonWriter, CommasBetweenMembersAndNestedValues) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.Int(1);
  w.BeginObject();
  w.EndObject();
  w.Null();
  w.EndArray();
  w.Key("b");
  w.Bool(false);
  w.Key("c");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(out, R"({"a":[1,{},null],"b":false,"c":[]})");
}

// The record as a tree, field by field from event-schema.md: the reference EventJson must agree with.
Json ReferenceActor(const std::optional<ActorRef>& a) {
  if (!a) return nullptr;
  Json j;
  j["text"] = a->text;
  j["code"] = a->code.empty() ? Json(nullptr) : Json(a->code);
  j["country"] = a->country.empty() ? Json(nullptr) : Json(a->country);
  j["sectors"] = a->sectors;
  return j;
}

Json ReferenceRecord(const Document& doc, const Event& e, const Lexicon& lex, const OutputOptions& options) {
  std::string_view sentence = doc.SentenceText(e.sentence_index);
  auto span = [&](uint32_t b, uint32_t x) { return Json::array({CodePoints(sentence, b), CodePoints(sentence, x)}); };
  const CameoCode* code = lex.Cameo(e.cameo);
  Json j;
  j["event_id"] = EventId(doc, e);
  j["article"] = Json{{"id", doc.id},
                      {"url", doc.url ? Json(*doc.url) : Json(nullptr)},
                      {"title", doc.title ? Json(*doc.title) : Json(nullptr)},
                      {"published", doc.published ? Json(doc.published->ToString()) : Json(nullptr)},
                      {"path", doc.path}};
  j["sentence_index"] = e.sentence_index;
  j["sentence"] = std::string(sentence);
  j["date"] = e.date.valid() ? Json(e.date.ToString()) : Json(nullptr);
  j["date_precision"] = e.date.valid() ? Json(e.date.Precision()) : Json(nullptr);
  j["source"] = ReferenceActor(e.source);
  j["target"] = ReferenceActor(e.target);
  j["cameo"] = e.cameo;
  j["cameo_root"] = e.cameo.substr(0, 2);
  j["cameo_name"] = code ? Json(code->name) : Json(nullptr);
  j["quad_class"] = code ? Json(code->quad_class) : Json(nullptr);
  j["goldstein"] = code ? Json(code->goldstein) : Json(nullptr);
  if (code && !code->plover_type.empty()) {
    j["plover"] = Json{{"type", code->plover_type},
                       {"mode", code->plover_mode.empty() ? Json(nullptr) : Json(code->plover_mode)},
                       {"context", code->plover_context.empty() ? Json::array() : Json::array({code->plover_context})}};
  } else {
    j["plover"] = nullptr;
  }
  if (e.location) {
    const Location& l = *e.location;
    j["location"] = Json{{"name", l.name},
                         {"country", l.country.empty() ? Json(nullptr) : Json(l.country)},
                         {"admin1", l.admin1.empty() ? Json(nullptr) : Json(l.admin1)},
                         {"lat", l.lat},
                         {"lon", l.lon},
                         {"geonames_id", l.geonames_id ? Json(l.geonames_id) : Json(nullptr)},
                         {"precision", l.precision}};
  } else {
    j["location"] = nullptr;
  }
  j["claimed_by"] = ReferenceActor(e.claimed_by);
  j["negated"] = e.negated;
  j["modality"] = ModalityName(e.modality);
  j["trigger"] = e.trigger;
  Json spans = Json::object();
  if (e.source) spans["source"] = span(e.source->begin, e.source->end);
  if (e.target) spans["target"] = span(e.target->begin, e.target->end);
  spans["trigger"] = span(e.trigger_begin, e.trigger_end);
  if (e.location) spans["location"] = span(e.location->begin, e.location->end);
  if (e.claimed_by) spans["claimed_by"] = span(e.claimed_by->begin, e.claimed_by->end);
  j["spans"] = spans;
  auto opt = [](const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); };
  j["magnitude"] = Json{{"killed", opt(e.magnitude.killed)},
                        {"injured", opt(e.magnitude.injured)},
                        {"arrested", opt(e.magnitude.arrested)}};
  j["confidence"] = std::round(e.confidence * 100) / 100;
  j["coder"] = Json{{"version", options.version}, {"dictionaries", lex.digest()}};
  if (!e.explain.empty()) j["explain"] = e.explain;
  return j;
}

TEST(EventJson, EveryEventOfTheSamplesMatchesTheSchemaTreeByteForByte) {
  Result<Engine> engine = Engine::Load(EngineConfig::Defaults());
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  CodeOptions options;
  options.explain = true;
  size_t events = 0, with_location = 0, with_claim = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(EVENTCODER_SOURCE_DIR) + "/samples")) {
    Result<Document> doc = engine->CodeFile(entry.path().string(), options);
    ASSERT_TRUE(doc.ok()) << entry.path();
    for (const Event& e : doc->events) {
      OutputOptions out;
      ASSERT_EQ(EventJson(doc.value(), e, engine->lexicon(), out), NlohmannDump(ReferenceRecord(doc.value(), e, engine->lexicon(), out)));
      ++events;
      with_location += e.location.has_value();
      with_claim += e.claimed_by.has_value();
    }
  }
  // The samples exercise every optional part of the record.
  EXPECT_GT(events, 50u);
  EXPECT_GT(with_location, 5u);
  EXPECT_GT(with_claim, 5u);
}

}  // namespace
}  // namespace eventcoder
