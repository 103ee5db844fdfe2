// eventcoder_corpus: writes the benchmark corpus (bench/corpus.h), or counts what the pipeline sees in one.
//
//   eventcoder_corpus --out DIR --articles 2000 [--seed 42]      DIR/article-000001.txt ...
//   eventcoder_corpus --out DIR --megabytes 50                    as many articles as fill 50 MB
//   eventcoder_corpus --stream FILE|- --articles 100              one concatenated stream
//   eventcoder_corpus --count PATH...                             articles, bytes, paragraphs, sentences
//
// The same seed and the same dictionaries write the same bytes; the summary line on standard error ends
// with the SHA-256 of everything written, so two runs can be compared.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "clean/cleaner.h"
#include "corpus.h"
#include "read/reader.h"
#include "text/tokenizer.h"

namespace ec = eventcoder;
namespace fs = std::filesystem;

namespace {

constexpr const char* kUsage =
    "usage: eventcoder_corpus --out DIR (--articles N | --megabytes M) [--seed S]\n"
    "       eventcoder_corpus --stream FILE|- (--articles N | --megabytes M) [--seed S]\n"
    "       eventcoder_corpus --count PATH...\n";

int Usage(const std::string& message) {
  std::cerr << "eventcoder_corpus: " << message << "\n" << kUsage;
  return 2;
}

std::vector<std::string> ExpandPaths(const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (!fs::is_directory(in, ec)) {
      out.push_back(in);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      std::string ext = it->path().extension().string();
      if (it->is_regular_file(ec) && (ext == ".txt" || ext == ".html" || ext == ".htm")) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

// Reads, cleans and splits like the pipeline (without tokens, which do not change sentence bounds).
int Count(const std::vector<std::string>& inputs) {
  ec::EngineConfig config = ec::EngineConfig::Defaults();
  ec::Result<ec::Lexicon> lex = ec::Lexicon::Load(config.dictionaries, config.ontology, nullptr);
  if (!lex.ok()) {
    std::cerr << "eventcoder_corpus: " << lex.status().message() << "\n";
    return 1;
  }
  ec::SentenceSplitter splitter(lex->abbreviations());
  long articles = 0, failed = 0, bytes = 0, clean_bytes = 0, paragraphs = 0, sentences = 0;
  for (const std::string& path : ExpandPaths(inputs)) {
    std::error_code ec;
    ec::Result<ec::Document> doc = ec::ReadPath(path, ec::ReadOptions{});
    if (!doc.ok()) {
      std::cerr << "eventcoder_corpus: " << doc.status().message() << "\n";
      ++failed;
      continue;
    }
    ++articles;
    bytes += static_cast<long>(fs::file_size(path, ec));
    ec::CleanDocument(doc.value());
    clean_bytes += static_cast<long>(doc->text.size());
    std::vector<ec::Sentence> s = splitter.SplitSentences(doc->text);
    sentences += static_cast<long>(s.size());
    if (!s.empty()) paragraphs += s.back().paragraph + 1;
  }
  std::cout << "articles " << articles << "\nbytes " << bytes << "\nclean_bytes " << clean_bytes << "\nparagraphs "
            << paragraphs << "\nsentences " << sentences << "\n";
  return failed ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir, stream;
  long articles = -1;
  double megabytes = -1;
  uint64_t seed = 42;
  std::vector<std::string> count;
  bool counting = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (a == "--count") {
      counting = true;
    } else if (counting) {
      count.push_back(a);
    } else if (a == "--out" || a == "--stream" || a == "--articles" || a == "--megabytes" || a == "--seed") {
      const char* v = value();
      if (!v) return Usage(a + " needs a value");
      if (a == "--out") out_dir = v;
      else if (a == "--stream") stream = v;
      else if (a == "--articles") articles = std::atol(v);
      else if (a == "--megabytes") megabytes = std::atof(v);
      else seed = std::strtoull(v, nullptr, 10);
    } else if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    } else {
      return Usage("unknown argument " + a);
    }
  }
  if (counting) return count.empty() ? Usage("--count needs a PATH") : Count(count);
  if (out_dir.empty() == stream.empty()) return Usage("give one of --out DIR or --stream FILE");
  if ((articles > 0) == (megabytes > 0)) return Usage("give one of --articles N or --megabytes M (positive)");

  ec::Result<ec::bench::CorpusGenerator> gen = ec::bench::CorpusGenerator::Load(ec::EngineConfig::Defaults(argv[0]), seed);
  if (!gen.ok()) {
    std::cerr << "eventcoder_corpus: " << gen.status().message() << "\n";
    return 1;
  }
  std::ofstream stream_file;
  std::ostream* sink = nullptr;
  if (!stream.empty()) {
    if (stream == "-") {
      sink = &std::cout;
    } else {
      stream_file.open(stream, std::ios::binary);
      sink = &stream_file;
    }
    if (!*sink) {
      std::cerr << "eventcoder_corpus: " << stream << ": cannot write\n";
      return 1;
    }
  } else {
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) {
      std::cerr << "eventcoder_corpus: " << out_dir << ": " << ec.message() << "\n";
      return 1;
    }
  }
  const size_t limit = megabytes > 0 ? static_cast<size_t>(megabytes * 1024 * 1024) : 0;
  ec::Sha256 digest;
  size_t total = 0;
  long written = 0;
  while (articles > 0 ? written < articles : total < limit) {
    std::string text = gen->Next();
    ++written;
    if (sink) {
      if (written > 1) {  // a blank line between articles
        *sink << '\n';
        digest.Update("\n");
        ++total;
      }
      *sink << text;
    } else {
      char name[32];
      std::snprintf(name, sizeof name, "article-%06ld.txt", written);
      std::ofstream f(fs::path(out_dir) / name, std::ios::binary);
      f << text;
      if (!f) {
        std::cerr << "eventcoder_corpus: " << (fs::path(out_dir) / name).string() << ": cannot write\n";
        return 1;
      }
    }
    digest.Update(text);
    total += text.size();
  }
  if (sink) sink->flush();
  std::cerr << "eventcoder_corpus: " << written << " articles, " << total << " bytes ("
            << (written ? total / static_cast<size_t>(written) : 0) << " per article), seed " << seed << ", sha256 "
            << digest.HexDigest() << "\n";
  return 0;
}
