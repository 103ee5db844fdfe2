// Fuzzes the sentence splitter and the tokenizer (text/tokenizer.h). On reader text (valid UTF-8):
// sentences and tokens lie inside the text, in order, on character boundaries. Tokenize and FoldLower
// also take raw bytes (ill-formed UTF-8 included) without reading past them.
#include <cstdint>

#include "tests/fuzz/fuzz_util.h"
#include "text/tokenizer.h"

using namespace eventcoder;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const SentenceSplitter splitter({"Gen.", "Mr.", "Dr.", "U.S.", "U.N.", "St.", "e.g.", "No."});
  const std::string_view bytes = fuzz::AsView(data, size);
  Document doc;
  doc.text = fuzz::AsReaderText(bytes);
  splitter.Split(doc, nullptr);
  fuzz::CheckSentences(doc);

  // Raw bytes: only bounds can be checked, a token may hold part of an ill-formed sequence.
  const std::vector<Token> tokens = Tokenize(bytes, nullptr);
  uint32_t last = 0;
  for (const Token& t : tokens) {
    fuzz::Check(t.begin < t.end && t.end <= size && t.begin >= last, "raw token outside the bytes");
    last = t.end;
  }
  (void)FoldLower(bytes);
  return 0;
}
