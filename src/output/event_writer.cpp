#include "output/event_writer.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "base/hash.h"

namespace eventcoder {

using Json = nlohmann::ordered_json;

size_t CodePoints(std::string_view text, size_t bytes) {
  size_t n = 0;
  for (size_t i = 0; i < bytes && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  return n;
}

std::string EventId(const Document& doc, const Event& e) {
  std::string key = doc.id + "|" + std::to_string(e.sentence_index) + "|" + e.cameo + "|" +
                    (e.source ? e.source->code + "@" + std::to_string(e.source->begin) : "-") + "|" +
                    (e.target ? e.target->code + "@" + std::to_string(e.target->begin) : "-") + "|" +
                    (e.claimed_by ? e.claimed_by->code : "-") + "|" + (e.negated ? "n" : "a") + "|" +
                    std::to_string(e.trigger_begin);
  return HashHex(key);
}

namespace {

Json ActorJson(const std::optional<ActorRef>& a) {
  if (!a) return nullptr;
  Json j;
  j["text"] = a->text;
  j["code"] = a->code.empty() ? Json(nullptr) : Json(a->code);
  j["country"] = a->country.empty() ? Json(nullptr) : Json(a->country);
  j["sectors"] = a->sectors;
  return j;
}

Json Span(std::string_view sentence, uint32_t b, uint32_t e) {
  return Json::array({CodePoints(sentence, b), CodePoints(sentence, e)});
}

}  // namespace

std::string EventJson(const Document& doc, const Event& e, const Lexicon& lex, const OutputOptions& options) {
  std::string_view sentence = doc.SentenceText(e.sentence_index);
  const CameoCode* code = lex.Cameo(e.cameo);
  Json j;
  j["event_id"] = EventId(doc, e);
  Json art;
  art["id"] = doc.id;
  art["url"] = doc.url ? Json(*doc.url) : Json(nullptr);
  art["title"] = doc.title ? Json(*doc.title) : Json(nullptr);
  art["published"] = doc.published ? Json(doc.published->ToString()) : Json(nullptr);
  art["path"] = doc.path;
  j["article"] = art;
  j["sentence_index"] = e.sentence_index;
  j["sentence"] = std::string(sentence);
  j["date"] = e.date.valid() ? Json(e.date.ToString()) : Json(nullptr);
  j["date_precision"] = e.date.valid() ? Json(e.date.Precision()) : Json(nullptr);
  j["source"] = ActorJson(e.source);
  j["target"] = ActorJson(e.target);
  j["cameo"] = e.cameo;
  j["cameo_root"] = e.cameo.substr(0, 2);
  j["cameo_name"] = code ? Json(code->name) : Json(nullptr);
  j["quad_class"] = code ? Json(code->quad_class) : Json(nullptr);
  j["goldstein"] = code ? Json(code->goldstein) : Json(nullptr);
  if (code && !code->plover_type.empty()) {
    Json pl;
    pl["type"] = code->plover_type;
    pl["mode"] = code->plover_mode.empty() ? Json(nullptr) : Json(code->plover_mode);
    pl["context"] = code->plover_context.empty() ? Json::array() : Json::array({code->plover_context});
    j["plover"] = pl;
  } else {
    j["plover"] = nullptr;
  }
  if (e.location) {
    const Location& l = *e.location;
    Json loc;
    loc["name"] = l.name;
    loc["country"] = l.country.empty() ? Json(nullptr) : Json(l.country);
    loc["admin1"] = l.admin1.empty() ? Json(nullptr) : Json(l.admin1);
    loc["lat"] = l.lat;
    loc["lon"] = l.lon;
    loc["geonames_id"] = l.geonames_id ? Json(l.geonames_id) : Json(nullptr);
    loc["precision"] = l.precision;
    j["location"] = loc;
  } else {
    j["location"] = nullptr;
  }
  j["claimed_by"] = ActorJson(e.claimed_by);
  j["negated"] = e.negated;
  j["modality"] = ModalityName(e.modality);
  j["trigger"] = e.trigger;
  Json spans;
  if (e.source) spans["source"] = Span(sentence, e.source->begin, e.source->end);
  if (e.target) spans["target"] = Span(sentence, e.target->begin, e.target->end);
  spans["trigger"] = Span(sentence, e.trigger_begin, e.trigger_end);
  if (e.location) spans["location"] = Span(sentence, e.location->begin, e.location->end);
  if (e.claimed_by) spans["claimed_by"] = Span(sentence, e.claimed_by->begin, e.claimed_by->end);
  j["spans"] = spans;
  Json mag;
  mag["killed"] = e.magnitude.killed ? Json(*e.magnitude.killed) : Json(nullptr);
  mag["injured"] = e.magnitude.injured ? Json(*e.magnitude.injured) : Json(nullptr);
  mag["arrested"] = e.magnitude.arrested ? Json(*e.magnitude.arrested) : Json(nullptr);
  j["magnitude"] = mag;
  j["confidence"] = std::round(e.confidence * 100) / 100;
  j["coder"] = Json{{"version", options.version}, {"dictionaries", lex.digest()}};
  if (!e.explain.empty()) j["explain"] = e.explain;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {

std::string Cut(std::string s, size_t width) {
  if (CodePoints(s, s.size()) <= width) return s;
  size_t bytes = 0, cps = 0;
  while (bytes < s.size() && cps < width - 1) {
    ++bytes;
    while (bytes < s.size() && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) ++bytes;
    ++cps;
  }
  return s.substr(0, bytes) + "…";
}

std::string Pad(const std::string& s, size_t width) {
  std::string c = Cut(s, width);
  size_t n = CodePoints(c, c.size());
  return c + std::string(n < width ? width - n : 0, ' ');
}

std::string ActorCell(const std::optional<ActorRef>& a) {
  if (!a) return "-";
  return a->code.empty() ? a->text : a->code;
}

}  // namespace

void WriteTable(std::ostream& out, const Document& doc, const Lexicon& lex, bool explain) {
  out << "# " << doc.path << (doc.title ? "  \"" + *doc.title + "\"" : "") << "  (" << doc.events.size() << " events)\n";
  out << Pad("date", 11) << " " << Pad("source", 12) << " " << Pad("event", 34) << " " << Pad("target", 12) << " "
      << Pad("place", 16) << " " << Pad("claimed by", 11) << " sentence\n";
  for (const Event& e : doc.events) {
    const CameoCode* c = lex.Cameo(e.cameo);
    std::string ev = e.cameo + " " + (c ? c->name : "");
    if (e.negated) ev = "NOT " + ev;
    if (e.modality != Modality::kAsserted) ev += std::string(" [") + ModalityName(e.modality) + "]";
    out << Pad(e.date.valid() ? e.date.ToString() : "-", 11) << " " << Pad(ActorCell(e.source), 12) << " "
        << Pad(ev, 34) << " " << Pad(ActorCell(e.target), 12) << " "
        << Pad(e.location ? e.location->name : "-", 16) << " " << Pad(ActorCell(e.claimed_by), 11) << " "
        << Cut(std::string(doc.SentenceText(e.sentence_index)), 90) << "\n";
    if (explain)
      for (const std::string& line : e.explain) out << "    " << line << "\n";
  }
}

}  // namespace eventcoder
