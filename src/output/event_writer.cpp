#include "output/event_writer.h"

#include <cmath>

#include "base/hash.h"
#include "output/json_writer.h"

namespace eventcoder {

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

void WriteActor(JsonWriter& w, const std::optional<ActorRef>& a) {
  if (!a) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("text");
  w.String(a->text);
  w.Key("code");
  a->code.empty() ? w.Null() : w.String(a->code);
  w.Key("country");
  a->country.empty() ? w.Null() : w.String(a->country);
  w.Key("sectors");
  w.BeginArray();
  for (const std::string& s : a->sectors) w.String(s);
  w.EndArray();
  w.EndObject();
}

void WriteSpan(JsonWriter& w, std::string_view key, std::string_view sentence, uint32_t b, uint32_t e) {
  w.Key(key);
  w.BeginArray();
  w.Int(static_cast<int64_t>(CodePoints(sentence, b)));
  w.Int(static_cast<int64_t>(CodePoints(sentence, e)));
  w.EndArray();
}

void OptionalInt(JsonWriter& w, std::string_view key, const std::optional<int>& v) {
  w.Key(key);
  v ? w.Int(*v) : w.Null();
}

}  // namespace

// Written field by field in the order of event-schema.md; the JSON is what nlohmann's dump() would print
// for the same record (event_writer_test compares them), without building a tree per event.
std::string EventJson(const Document& doc, const Event& e, const Lexicon& lex, const OutputOptions& options) {
  std::string_view sentence = doc.SentenceText(e.sentence_index);
  const CameoCode* code = lex.Cameo(e.cameo);
  std::string out;
  out.reserve(1024 + sentence.size());
  JsonWriter w(out);
  w.BeginObject();
  w.Key("event_id");
  w.String(EventId(doc, e));
  w.Key("article");
  w.BeginObject();
  w.Key("id");
  w.String(doc.id);
  w.Key("url");
  doc.url ? w.String(*doc.url) : w.Null();
  w.Key("title");
  doc.title ? w.String(*doc.title) : w.Null();
  w.Key("published");
  doc.published ? w.String(doc.published->ToString()) : w.Null();
  w.Key("path");
  w.String(doc.path);
  w.EndObject();
  w.Key("sentence_index");
  w.Int(e.sentence_index);
  w.Key("sentence");
  w.String(sentence);
  w.Key("date");
  e.date.valid() ? w.String(e.date.ToString()) : w.Null();
  w.Key("date_precision");
  e.date.valid() ? w.String(e.date.Precision()) : w.Null();
  w.Key("source");
  WriteActor(w, e.source);
  w.Key("target");
  WriteActor(w, e.target);
  w.Key("cameo");
  w.String(e.cameo);
  w.Key("cameo_root");
  w.String(std::string_view(e.cameo).substr(0, 2));
  w.Key("cameo_name");
  code ? w.String(code->name) : w.Null();
  w.Key("quad_class");
  code ? w.Int(code->quad_class) : w.Null();
  w.Key("goldstein");
  code ? w.Number(code->goldstein) : w.Null();
  w.Key("plover");
  if (code && !code->plover_type.empty()) {
    w.BeginObject();
    w.Key("type");
    w.String(code->plover_type);
    w.Key("mode");
    code->plover_mode.empty() ? w.Null() : w.String(code->plover_mode);
    w.Key("context");
    w.BeginArray();
    if (!code->plover_context.empty()) w.String(code->plover_context);
    w.EndArray();
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("location");
  if (e.location) {
    const Location& l = *e.location;
    w.BeginObject();
    w.Key("name");
    w.String(l.name);
    w.Key("country");
    l.country.empty() ? w.Null() : w.String(l.country);
    w.Key("admin1");
    l.admin1.empty() ? w.Null() : w.String(l.admin1);
    w.Key("lat");
    w.Number(l.lat);
    w.Key("lon");
    w.Number(l.lon);
    w.Key("geonames_id");
    l.geonames_id ? w.Int(l.geonames_id) : w.Null();
    w.Key("precision");
    w.String(l.precision);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("claimed_by");
  WriteActor(w, e.claimed_by);
  w.Key("negated");
  w.Bool(e.negated);
  w.Key("modality");
  w.String(ModalityName(e.modality));
  w.Key("trigger");
  w.String(e.trigger);
  w.Key("spans");
  w.BeginObject();
  if (e.source) WriteSpan(w, "source", sentence, e.source->begin, e.source->end);
  if (e.target) WriteSpan(w, "target", sentence, e.target->begin, e.target->end);
  WriteSpan(w, "trigger", sentence, e.trigger_begin, e.trigger_end);
  if (e.location) WriteSpan(w, "location", sentence, e.location->begin, e.location->end);
  if (e.claimed_by) WriteSpan(w, "claimed_by", sentence, e.claimed_by->begin, e.claimed_by->end);
  w.EndObject();
  w.Key("magnitude");
  w.BeginObject();
  OptionalInt(w, "killed", e.magnitude.killed);
  OptionalInt(w, "injured", e.magnitude.injured);
  OptionalInt(w, "arrested", e.magnitude.arrested);
  w.EndObject();
  w.Key("confidence");
  w.Number(std::round(e.confidence * 100) / 100);
  w.Key("coder");
  w.BeginObject();
  w.Key("version");
  w.String(options.version);
  w.Key("dictionaries");
  w.String(lex.digest());
  w.EndObject();
  if (!e.explain.empty()) {
    w.Key("explain");
    w.BeginArray();
    for (const std::string& line : e.explain) w.String(line);
    w.EndArray();
  }
  w.EndObject();
  return out;
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
