// JsonWriter: appends compact JSON to a string without building a tree. The output is byte for byte what
// nlohmann::json::dump(-1, ' ', false, error_handler_t::replace) prints for the same values (the tests
// compare the two), so records written either way are interchangeable.
//
//   std::string out;
//   JsonWriter w(out);
//   w.BeginObject();
//   w.Key("name"); w.String("Kapan");
//   w.Key("lat");  w.Number(39.20755);
//   w.EndObject();                                  // {"name":"Kapan","lat":39.20755}
//
// The writer keeps no state beyond whether a comma is due; the caller keeps keys and nesting in order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace eventcoder {

// Appends `s` as a JSON string (quoted, escaped; invalid UTF-8 replaced by U+FFFD as nlohmann does).
void AppendJsonString(std::string& out, std::string_view s);
// Appends a double as nlohmann prints it (shortest round trip, "1.0" for whole numbers, null for NaN).
void AppendJsonNumber(std::string& out, double x);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view k) {
    Comma();
    AppendJsonString(out_, k);
    out_ += ':';
    after_key_ = true;
  }
  void String(std::string_view s) {
    Comma();
    AppendJsonString(out_, s);
  }
  void Int(int64_t v);
  void Number(double v) {
    Comma();
    AppendJsonNumber(out_, v);
  }
  void Bool(bool b) {
    Comma();
    out_ += b ? "true" : "false";
  }
  void Null() {
    Comma();
    out_ += "null";
  }

 private:
  void Comma() {
    if (after_key_) {
      after_key_ = false;
    } else if (need_comma_) {
      out_ += ',';
    }
    need_comma_ = true;
  }
  void Open(char c) {
    Comma();
    out_ += c;
    need_comma_ = false;
  }
  void Close(char c) {
    out_ += c;
    need_comma_ = true;
  }

  std::string& out_;
  bool need_comma_ = false;
  bool after_key_ = false;
};

}  // namespace eventcoder
