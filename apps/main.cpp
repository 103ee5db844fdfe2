// eventcoder: the command-line front end. It only parses flags and wires library stages together.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/scorer.h"
#include "gaps/gaps.h"
#include "output/event_writer.h"
#include "pipeline/engine.h"
#include "serve/params.h"
#include "pipeline/progress.h"
#include "read/records.h"
#include "base/parallel.h"
#include "store/merge.h"
#include "store/store.h"
#include "serve/api.h"
#include "serve/http_server.h"
#include "store/event_reads.h"
#include "store/export.h"

#include <atomic>
#include <csignal>
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include <sys/ioctl.h>
#include <unistd.h>

namespace ec = eventcoder;

namespace {

constexpr const char* kUsage = R"(eventcoder — political event coding from news text

usage:
  eventcoder code FILE... [--date YYYY-MM-DD] [--format jsonl|table] [--explain] [--hypothetical]
                          [--max-mb N] [--threads N] [--text-field F] [--html-field F] [--url-field F]
                          [--title-field F] [--published-field F]
      Codes each file ('-' reads standard input) and prints one event per line (jsonl) or a table.
      A JSON Lines (.jsonl .ndjson) or WARC (.warc) file, also gzipped (.gz), gives one article per
      record (see docs/input-formats.md). An article reliably detected as another language than
      English is not coded: "eventcoder: skipped PATH: language fr" (not a failure).
      --date       the article's publication date (overrides a date found in the file)
      --explain    show, for each event, the dictionary entries (file:line) and rules that made it
      --hypothetical  also print events of hypothetical clauses ("if the truce holds, …")
      --max-mb     size limit per input in MB (default 10)
      --threads    worker threads (default: all cores); the output is the same for any number
      --text-field, --html-field, --url-field, --title-field, --published-field
                   the JSON Lines members holding each article's text or HTML, URL, title and
                   publication date (default: text, html, url, title, published)
  eventcoder check-dictionaries
      Validates every dictionary file and prints each problem as file:line: cause.
  eventcoder eval GOLD.jsonl... [--min-f1 X] [--worst N]
      Scores the coder against gold events: precision, recall and F1 per CAMEO root.
  eventcoder ingest PATH... --db FILE [--date YYYY-MM-DD] [--threads N] [--max-mb N] [--text-field F] …
      (--date: the publication date of articles that give none themselves; --*-field as for code)
      Codes files and folders (recursively: .txt .html .htm .xhtml, and .jsonl .ndjson .warc, also
      gzipped, one article per record) into an SQLite event database. An article already stored (same
      bytes) is skipped; each batch of articles is stored whole or not at all. A bad file or record is
      reported ("skipped PATH:LINE: cause") and counted as skipped; the rest is ingested. Articles in
      another language than English are counted as skipped ("language fr") and not stored. Progress:
      a status line on a terminal, else a "progress …" line every 5 s; a summary at the end.
  eventcoder gaps CORPUS... [--date YYYY-MM-DD] [--top N] [--threads N]
      Codes files and folders (as ingest reads them) and lists what the dictionaries miss, most frequent
      first, each with up to two example sentences: unknown actors (names and agent nouns no entry
      matched), unmatched verbs (between two actors, no pattern matched), unresolved places (after
      in/near/at/outside/from, in no dictionary or gazetteer). --top: entries per list (default 25, 0 all).
  eventcoder query --db FILE [--from D] [--to D] [--source A] [--target A] [--actor A] [--code C] [--root R]
                   [--quad Q] [--plover T] [--place P] [--bbox MINLON,MINLAT,MAXLON,MAXLAT] [--claimed-by A]
                   [--negated yes|no] [--text WORDS]
                   [--limit N] [--format table|jsonl|csv|geojson|gdelt]
      Prints the stored events that pass every filter (actors: code prefix or ISO country), merged across
      sentences and articles: each with num_mentions, num_sources, num_articles and its mentions.
  eventcoder recode --db FILE [--threads N]
      Re-codes the stored articles whose coder version or dictionaries differ from the current ones, so a
      dictionary edit reaches the whole database without re-reading the corpus.
  eventcoder stats --db FILE [same filters as query]
      Counts of events per day, CAMEO root, quad class and source > target country pair.
  eventcoder serve --db FILE [--port N] [--host ADDR] [--token-file F] [--protect-reads] [--web DIR]
      A local HTTP server: the JSON API over the database (docs/api.md) and the dashboard's files.
      --port, --host   where to listen (default 127.0.0.1:8080; --port 0: any free port, printed at start)
      --token-file     a file whose first line is the bearer token that POST /api/articles needs;
                       without it the server only reads
      --protect-reads  GETs under /api/ need the token too
      --web            the folder served at / (default: web/ in the eventcoder home)
      Stops cleanly on SIGINT or SIGTERM.
  eventcoder version

environment: EVENTCODER_HOME — the folder holding dictionaries/, ontology/ and data/.
exit codes: 0 success, 1 some input failed (or eval below --min-f1), 2 usage error.
)";

// A library error as the one line a user reads; exit status 1.
int Fail(const ec::Status& status) {
  std::cerr << "eventcoder: " << status.message() << "\n";
  return 1;
}

int Usage(const std::string& message) {
  if (!message.empty()) std::cerr << "eventcoder: " << message << "\n";
  std::cerr << "run 'eventcoder help' for usage\n";
  return 2;
}

struct Args {
  std::vector<std::string> positional;
  std::string date, format, min_f1, worst, max_mb, db;
  std::string bbox;  // query: minlon,minlat,maxlon,maxlat
  int threads = 0;  // 0: all cores
  ec::EventFilter filter;
  std::string negated;
  bool explain = false, hypothetical = false;
  std::string host, port, token_file, web;  // serve
  bool protect_reads = false;
  std::string top;  // gaps: entries per list
  ec::RecordOptions record;  // JSON Lines field names (record.read is filled from --max-mb later)
};

bool ParseArgs(int argc, char** argv, Args& a, std::string& error) {
  for (int i = 2; i < argc; ++i) {
    std::string s = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) {
        error = s + " needs a value";
        return false;
      }
      out = argv[++i];
      return true;
    };
    if (s == "--date") { if (!value(a.date)) return false; }
    else if (s == "--format") { if (!value(a.format)) return false; }
    else if (s == "--min-f1") { if (!value(a.min_f1)) return false; }
    else if (s == "--worst") { if (!value(a.worst)) return false; }
    else if (s == "--max-mb") { if (!value(a.max_mb)) return false; }
    else if (s == "--db") { if (!value(a.db)) return false; }
    else if (s == "--top") { if (!value(a.top)) return false; }
    else if (s == "--text-field") { if (!value(a.record.text_field)) return false; }
    else if (s == "--html-field") { if (!value(a.record.html_field)) return false; }
    else if (s == "--url-field") { if (!value(a.record.url_field)) return false; }
    else if (s == "--title-field") { if (!value(a.record.title_field)) return false; }
    else if (s == "--published-field") { if (!value(a.record.published_field)) return false; }
    else if (s == "--from") { if (!value(a.filter.from)) return false; }
    else if (s == "--to") { if (!value(a.filter.to)) return false; }
    else if (s == "--source") { if (!value(a.filter.source)) return false; }
    else if (s == "--target") { if (!value(a.filter.target)) return false; }
    else if (s == "--actor") { if (!value(a.filter.actor)) return false; }
    else if (s == "--code") { if (!value(a.filter.code)) return false; }
    else if (s == "--root") { if (!value(a.filter.root)) return false; }
    else if (s == "--plover") { if (!value(a.filter.plover)) return false; }
    else if (s == "--place") { if (!value(a.filter.place)) return false; }
    else if (s == "--bbox") { if (!value(a.bbox)) return false; }
    else if (s == "--claimed-by") { if (!value(a.filter.claimed_by)) return false; }
    else if (s == "--text") { if (!value(a.filter.text)) return false; }
    else if (s == "--negated") { if (!value(a.negated)) return false; }
    else if (s == "--threads") {
      std::string v;
      if (!value(v)) return false;
      a.threads = std::atoi(v.c_str());
      if (a.threads <= 0 || a.threads > 256) { error = "--threads needs a number from 1 to 256"; return false; }
    }
    else if (s == "--quad" || s == "--limit") {
      std::string v;
      if (!value(v)) return false;
      int x = std::atoi(v.c_str());
      if (x <= 0 || (s == "--quad" && x > 4)) { error = s + " needs a number" + (s == "--quad" ? " from 1 to 4" : ""); return false; }
      (s == "--quad" ? a.filter.quad : a.filter.limit) = x;
    }
    else if (s == "--host") { if (!value(a.host)) return false; }
    else if (s == "--port") { if (!value(a.port)) return false; }
    else if (s == "--token-file") { if (!value(a.token_file)) return false; }
    else if (s == "--web") { if (!value(a.web)) return false; }
    else if (s == "--protect-reads") a.protect_reads = true;
    else if (s == "--explain") a.explain = true;
    else if (s == "--hypothetical") a.hypothetical = true;
    else if (s.size() > 1 && s[0] == '-' && s != "-") { error = "unknown option " + s; return false; }
    else a.positional.push_back(s);
  }
  return true;
}

ec::Result<ec::Engine> LoadEngine(const char* argv0) {
  ec::EngineConfig config = ec::EngineConfig::Defaults(argv0);
  return ec::Engine::Load(config);
}

int RunCode(const Args& a, const char* argv0) {
  if (a.positional.empty()) return Usage("code needs at least one FILE (or - for standard input)");
  std::string format = a.format.empty() ? "jsonl" : a.format;
  if (format != "jsonl" && format != "table") return Usage("--format must be jsonl or table");
  ec::CodeOptions options;
  if (!a.date.empty()) {
    options.published = ec::PartialDate::Parse(a.date);
    if (!options.published || a.date.size() != 10) return Usage("--date must be YYYY-MM-DD");
  }
  if (!a.max_mb.empty()) {
    long mb = std::atol(a.max_mb.c_str());
    if (mb <= 0) return Usage("--max-mb must be a positive number");
    options.read.max_bytes = static_cast<size_t>(mb) * 1024 * 1024;
  }
  options.explain = a.explain;
  options.include_hypothetical = a.hypothetical;
  ec::Result<ec::Engine> engine = LoadEngine(argv0);
  if (!engine.ok()) return Fail(engine.status());
  int status = 0;
  ec::OutputOptions out;
  const int threads = a.threads > 0 ? a.threads : ec::DefaultThreads();
  // Articles are coded in parallel, a chunk at a time, and printed in input order: the output is the same
  // whatever the thread count.
  constexpr size_t kChunk = 256;
  auto code_and_print = [&](std::vector<ec::Result<ec::Document>>& docs) {
    std::vector<std::string> text(docs.size());
    ec::ParallelFor(docs.size(), threads, [&](size_t i) {
      if (!docs[i].ok()) return;
      engine->CodeDocument(docs[i].value(), options);
      if (format == "table") return;
      for (const ec::Event& e : docs[i]->events) text[i] += ec::EventJson(docs[i].value(), e, engine->lexicon(), out) + "\n";
    });
    for (size_t i = 0; i < docs.size(); ++i) {
      if (!docs[i].ok()) {
        std::cout.flush();
        std::cerr << "eventcoder: " << docs[i].status().message() << "\n";
        status = 1;
        continue;
      }
      if (!docs[i]->skipped.empty()) {  // not coded (another language): reported, not a failure
        std::cout.flush();
        std::cerr << "eventcoder: skipped " << docs[i]->path << ": " << docs[i]->skipped << "\n";
        continue;
      }
      if (format == "table") ec::WriteTable(std::cout, docs[i].value(), engine->lexicon(), a.explain);
      else std::cout << text[i];
    }
    docs.clear();
  };
  ec::RecordOptions record = a.record;
  record.read = options.read;
  for (size_t begin = 0; begin < a.positional.size();) {
    std::vector<ec::Result<ec::Document>> docs;
    if (ec::IsRecordFile(a.positional[begin])) {  // one article per record, coded a chunk at a time
      ec::ReadRecords(a.positional[begin++], record, [&](ec::Result<ec::Document> doc) {
        docs.push_back(std::move(doc));
        if (docs.size() == kChunk) code_and_print(docs);
      });
      code_and_print(docs);
      continue;
    }
    size_t n = 0;
    while (n < kChunk && begin + n < a.positional.size() && !ec::IsRecordFile(a.positional[begin + n])) ++n;
    docs.resize(n, ec::Status(ec::StatusCode::kInternal, ""));
    ec::ParallelFor(n, threads, [&](size_t i) { docs[i] = ec::ReadPath(a.positional[begin + i], options.read); });
    code_and_print(docs);
    begin += n;
  }
  std::cout.flush();
  return status;
}

int RunCheck(const char* argv0) {
  ec::EngineConfig config = ec::EngineConfig::Defaults(argv0);
  config.require_gazetteer = false;
  std::vector<std::string> problems;
  ec::Result<ec::Engine> engine = ec::Engine::Load(config, &problems);
  if (!engine.ok()) problems.push_back(engine.status().message());
  for (const std::string& p : problems) std::cout << p << "\n";
  if (engine.ok()) {
    const ec::Lexicon& lex = engine->lexicon();
    std::cout << config.dictionaries << ": " << lex.actor_entries().size() << " actor entries, " << lex.patterns().size()
              << " event patterns, " << problems.size() << " problems\n";
  }
  return problems.empty() ? 0 : 1;
}

std::string ActorKey(const std::optional<ec::ActorRef>& a) {
  if (!a) return "";
  if (!a->country.empty()) return a->country;
  std::string sectors;
  for (const std::string& s : a->sectors) sectors += s;
  return a->code == sectors ? "" : a->code;
}

std::string JsonString(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

int RunEval(const Args& a, const char* argv0) {
  if (a.positional.empty()) return Usage("eval needs a GOLD.jsonl file");
  ec::Result<ec::Engine> engine = LoadEngine(argv0);
  if (!engine.ok()) return Fail(engine.status());
  ec::EngineConfig config = ec::EngineConfig::Defaults(argv0);
  ec::Scorer scorer;
  int status = 0;
  for (const std::string& gold_path : a.positional) {
    std::ifstream in(gold_path);
    if (!in) {
      std::cerr << "eventcoder: " << gold_path << ": cannot open\n";
      status = 1;
      continue;
    }
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object()) {
        std::cerr << "eventcoder: " << gold_path << ":" << number << ": not a JSON object\n";
        status = 1;
        continue;
      }
      std::string id = JsonString(j, "id");
      if (id.empty()) id = gold_path + ":" + std::to_string(number);
      ec::Result<ec::Document> doc = ec::InvalidInput("no text");
      std::string file = JsonString(j, "file");
      if (!file.empty()) {
        doc = ec::ReadPath(file[0] == '/' ? file : config.home + "/" + file, ec::ReadOptions{});
      } else {
        doc = ec::ReadBytes(JsonString(j, "text"), id, ec::ReadOptions{}, ec::InputFormat::kText);
      }
      if (!doc.ok()) {
        std::cerr << "eventcoder: " << gold_path << ":" << number << ": " << doc.status().message() << "\n";
        status = 1;
        continue;
      }
      ec::CodeOptions options;
      if (std::string d = JsonString(j, "date"); !d.empty()) options.published = ec::PartialDate::Parse(d);
      engine->CodeDocument(doc.value(), options);
      std::vector<ec::GoldEvent> expected, predicted;
      std::string unit_text = JsonString(j, "text");
      for (const nlohmann::json& e : j.value("events", nlohmann::json::array())) {
        ec::GoldEvent g;
        g.source = JsonString(e, "source");
        g.target = JsonString(e, "target");
        g.code = JsonString(e, "code");
        g.claimed_by = JsonString(e, "claimed_by");
        g.negated = e.value("negated", false);
        g.sentence = JsonString(e, "sentence");
        g.text = g.sentence.empty() ? unit_text : g.sentence;
        if (!g.code.empty()) expected.push_back(g);
      }
      for (const ec::Event& e : doc->events) {
        ec::GoldEvent g;
        g.source = ActorKey(e.source);
        g.target = ActorKey(e.target);
        g.code = e.cameo;
        g.claimed_by = ActorKey(e.claimed_by);
        g.negated = e.negated;
        g.text = std::string(doc->SentenceText(e.sentence_index));
        predicted.push_back(g);
      }
      scorer.Add(id, expected, predicted);
    }
  }
  size_t worst = a.worst.empty() ? 15 : static_cast<size_t>(std::atol(a.worst.c_str()));
  std::cout << ec::FormatReport(scorer.Report(), worst);
  if (!a.min_f1.empty()) {
    double floor = std::atof(a.min_f1.c_str());
    double f1 = scorer.Report().root_overall.F1();
    if (f1 < floor) {
      std::cout << "root-level F1 " << f1 << " is below the floor " << floor << "\n";
      status = 1;
    }
  }
  return status;
}

// Files to ingest: regular files as given, folders walked recursively (sorted, so runs repeat exactly).
// with_records: folders also give JSON Lines and WARC files (read/records.h).
std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs, bool with_records = false) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in != "-" && fs::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(in, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        std::string ext = it->path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
        if (it->is_regular_file(ec) && (ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".xhtml" ||
                                        (with_records && ec::IsRecordFile(it->path().string()))))
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back(in);
    }
  }
  return out;
}

int RunIngest(const Args& a, const char* argv0) {
  if (a.positional.empty()) return Usage("ingest needs at least one PATH");
  if (a.db.empty()) return Usage("ingest needs --db FILE");
  ec::CodeOptions options;
  if (!a.date.empty()) {
    options.fallback_published = ec::PartialDate::Parse(a.date);
    if (!options.fallback_published || a.date.size() != 10) return Usage("--date must be YYYY-MM-DD");
  }
  if (!a.max_mb.empty()) {
    long mb = std::atol(a.max_mb.c_str());
    if (mb <= 0) return Usage("--max-mb must be a positive number");
    options.read.max_bytes = static_cast<size_t>(mb) * 1024 * 1024;
  }
  ec::Result<ec::Engine> engine = LoadEngine(argv0);
  if (!engine.ok()) return Fail(engine.status());
  ec::Result<ec::Store> store = ec::Store::Open(a.db);
  if (!store.ok()) return Fail(store.status());
  const int threads = a.threads > 0 ? a.threads : ec::DefaultThreads();
  std::vector<std::string> inputs = ExpandInputs(a.positional, /*with_records=*/true);
  // A status line on a terminal, a "progress …" line every 5 s otherwise; redrawn from a timer so it
  // stays live while a batch is coded.
  ec::IngestProgress progress(std::cerr, isatty(2) ? ec::IngestProgress::Mode::kTerminal : ec::IngestProgress::Mode::kLines,
                              inputs.size());
  if (winsize ws{}; ioctl(2, TIOCGWINSZ, &ws) == 0) progress.set_width(ws.ws_col);
  std::jthread ticker([&progress](std::stop_token stop) {
    std::mutex mu;
    std::condition_variable_any wake;
    std::unique_lock lock(mu);
    while (!wake.wait_for(lock, stop, std::chrono::milliseconds(250), [&stop] { return stop.stop_requested(); }))
      progress.Tick();
  });
  // A batch: read in order, skip what is stored, code in parallel, store whole in one transaction.
  // Files are read in parallel, 64 at a time; a record file (JSON Lines, WARC) gives batches of 64 records.
  constexpr size_t kBatch = 64;
  ec::RecordOptions record = a.record;
  record.read = options.read;
  bool store_failed = false;
  auto store_batch = [&](std::vector<ec::Result<ec::Document>>& docs) {
    const size_t n = docs.size();
    std::vector<size_t> todo;
    std::vector<std::string> seen;
    for (size_t i = 0; i < n; ++i) {
      if (!docs[i].ok()) {
        progress.Note("eventcoder: skipped " + docs[i].status().message());
        progress.Failed(docs[i].status());
        continue;
      }
      progress.Read();
      if (store->HasArticle(docs[i]->id) || std::find(seen.begin(), seen.end(), docs[i]->id) != seen.end()) {
        progress.AlreadyStored();
        continue;
      }
      seen.push_back(docs[i]->id);
      todo.push_back(i);
    }
    std::vector<ec::ArticleRecord> batch(todo.size());
    ec::ParallelFor(todo.size(), threads, [&](size_t t) {
      ec::Document& d = docs[todo[t]].value();
      engine->CodeDocument(d, options);
      batch[t] = ec::MakeArticleRecord(d, engine->lexicon());
    });
    // Articles in another language are counted by reason and not stored.
    std::vector<ec::ArticleRecord> coded;
    for (ec::ArticleRecord& r : batch) {
      if (r.doc->skipped.empty()) coded.push_back(std::move(r));
      else progress.Skipped(r.doc->skipped);
    }
    if (coded.empty()) return;
    ec::Status st = store->PutArticles(coded);
    if (!st.ok()) {
      progress.Note("eventcoder: " + st.message());
      store_failed = true;
      return;
    }
    long events = 0;
    for (const ec::ArticleRecord& r : coded) events += static_cast<long>(r.doc->events.size());
    progress.Stored(static_cast<long>(coded.size()), events);
  };
  for (size_t begin = 0; begin < inputs.size() && !store_failed;) {
    std::vector<ec::Result<ec::Document>> docs;
    if (ec::IsRecordFile(inputs[begin])) {
      ec::ReadRecords(inputs[begin++], record, [&](ec::Result<ec::Document> doc) {
        if (store_failed) return;
        docs.push_back(std::move(doc));
        if (docs.size() == kBatch) {
          store_batch(docs);
          docs.clear();
        }
      });
      if (!store_failed) store_batch(docs);
      progress.FilesDone(1);
      continue;
    }
    size_t n = 0;
    while (n < kBatch && begin + n < inputs.size() && !ec::IsRecordFile(inputs[begin + n])) ++n;
    docs.resize(n, ec::Status(ec::StatusCode::kInternal, ""));
    ec::ParallelFor(n, threads, [&](size_t i) { docs[i] = ec::ReadPath(inputs[begin + i], options.read); });
    store_batch(docs);
    progress.FilesDone(n);
    begin += n;
  }
  ticker.request_stop();
  ticker.join();
  progress.Finish();
  if (store_failed) return 1;
  std::cerr << progress.Summary(a.db + ": " + std::to_string(store->CountArticles()) + " articles, " +
                                std::to_string(store->CountEvents()) + " events, " +
                                std::to_string(store->CountStories()) + " stories");
  return progress.failed() ? 1 : 0;  // articles in another language are no failure
}

// A sentence cut to about `max` bytes on a UTF-8 character boundary.
std::string Shorten(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

int RunGaps(const Args& a, const char* argv0) {
  if (a.positional.empty()) return Usage("gaps needs at least one file or folder");
  ec::CodeOptions options;
  if (!a.date.empty()) {
    options.fallback_published = ec::PartialDate::Parse(a.date);
    if (!options.fallback_published || a.date.size() != 10) return Usage("--date must be YYYY-MM-DD");
  }
  long top = 25;
  if (!a.top.empty()) {
    char* end = nullptr;
    top = std::strtol(a.top.c_str(), &end, 10);
    if (*end != '\0' || top < 0) return Usage("--top needs a number (0: all)");
  }
  ec::Result<ec::Engine> engine = LoadEngine(argv0);
  if (!engine.ok()) return Fail(engine.status());
  const int threads = a.threads > 0 ? a.threads : ec::DefaultThreads();
  ec::GapCollector gaps(engine->lexicon(), engine->gazetteer());
  std::vector<std::string> inputs = ExpandInputs(a.positional);
  int failed = 0;
  constexpr size_t kBatch = 64;  // coded in parallel, collected in input order
  for (size_t begin = 0; begin < inputs.size(); begin += kBatch) {
    size_t n = std::min(kBatch, inputs.size() - begin);
    std::vector<ec::Result<ec::Document>> docs(n, ec::Status(ec::StatusCode::kInternal, ""));
    ec::ParallelFor(n, threads, [&](size_t i) {
      docs[i] = ec::ReadPath(inputs[begin + i], options.read);
      if (docs[i].ok()) engine->CodeDocument(docs[i].value(), options);
    });
    for (ec::Result<ec::Document>& doc : docs) {
      if (!doc.ok()) {
        std::cerr << "eventcoder: skipped " << doc.status().message() << "\n";
        ++failed;
        continue;
      }
      gaps.Add(doc.value());
    }
  }
  ec::GapReport report = gaps.Report(static_cast<size_t>(top));
  std::cout << "gaps in " << report.articles << " articles, " << report.sentences << " sentences\n";
  auto section = [](const char* title, const std::vector<ec::Gap>& list) {
    std::cout << "\n" << title << "\n";
    if (list.empty()) std::cout << "  (none)\n";
    for (const ec::Gap& g : list) {
      std::string count = std::to_string(g.count);
      std::cout << std::string(count.size() < 5 ? 5 - count.size() : 0, ' ') << count << "  " << g.text << "  ("
                << g.articles << (g.articles == 1 ? " article)\n" : " articles)\n");
      for (const ec::GapExample& ex : g.examples)
        std::cout << "         " << ex.article << ":" << ex.sentence_index + 1 << ": " << Shorten(ex.sentence, 160) << "\n";
    }
  };
  section("Unknown actors (capitalised names and agent nouns no actor entry matched)", report.unknown_actors);
  section("Unmatched verbs (between two actors, no event pattern matched)", report.unmatched_verbs);
  section("Unresolved places (after in/near/at/outside/from; no actor, no gazetteer place)", report.unresolved_places);
  return failed ? 1 : 0;
}

int RunQuery(Args a) {
  if (a.db.empty()) return Usage("query needs --db FILE");
  std::optional<ec::EventFormat> format = ec::ParseEventFormat(a.format.empty() ? "table" : a.format);
  if (!format) return Usage("--format must be table, jsonl, csv, geojson or gdelt");
  if (!a.negated.empty()) {
    if (a.negated != "yes" && a.negated != "no") return Usage("--negated takes yes or no");
    a.filter.negated = a.negated == "yes";
  }
  if (!std::filesystem::exists(a.db)) {
    std::cerr << "eventcoder: " << a.db << ": no such database\n";
    return 1;
  }
  ec::Result<ec::Store> store = ec::Store::Open(a.db);
  if (!store.ok()) return Fail(store.status());
  ec::EventPageRequest request;  // the limit applies to merged events, in MergeMentions order
  request.filter = a.filter;
  request.order = ec::EventOrder::kDateThenKey;
  request.limit = a.filter.limit;
  if (!a.bbox.empty()) {
    // The same rules as the HTTP API's bbox parameter (docs/api.md).
    ec::Result<ec::EventQuery> q = ec::ParseEventQuery({{"bbox", a.bbox}}, {}, ec::LimitRule{});
    if (!q.ok()) return Usage(q.status().message());
    request.within = [box = *q->bbox](double lon, double lat) { return box.Contains(lon, lat); };
  }
  ec::Result<ec::EventPage> page = ec::ReadEventPage(store.value(), request);
  if (!page.ok()) return Fail(page.status());
  ec::WriteEvents(std::cout, page->events, *format);
  return 0;
}

int RunStats(Args a) {
  if (a.db.empty()) return Usage("stats needs --db FILE");
  if (!std::filesystem::exists(a.db)) {
    std::cerr << "eventcoder: " << a.db << ": no such database\n";
    return 1;
  }
  ec::Result<ec::Store> store = ec::Store::Open(a.db);
  if (!store.ok()) return Fail(store.status());
  ec::Result<ec::EventStats> stats = ec::ReadEventStats(store.value(), a.filter);
  if (!stats.ok()) return Fail(stats.status());
  const ec::EventStats& st = stats.value();
  std::cout << "events " << st.events << ", mentions " << st.mentions << ", articles " << store->CountArticles() << "\n";
  auto section = [](const char* title, const std::map<std::string, int>& m, bool by_count) {
    std::cout << "\n" << title << "\n";
    std::vector<std::pair<std::string, int>> v(m.begin(), m.end());
    if (by_count)
      std::stable_sort(v.begin(), v.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    for (const auto& [k, n] : v) std::cout << "  " << k << "\t" << n << "\n";
  };
  section("per day", st.by_day, false);
  section("per CAMEO root", st.by_root, false);
  section("per quad class", st.by_quad, false);
  section("per actor pair", st.by_pair, true);
  return 0;
}

int RunRecode(const Args& a, const char* argv0) {
  if (a.db.empty()) return Usage("recode needs --db FILE");
  if (!std::filesystem::exists(a.db)) {
    std::cerr << "eventcoder: " << a.db << ": no such database\n";
    return 1;
  }
  ec::Result<ec::Engine> engine = LoadEngine(argv0);
  if (!engine.ok()) return Fail(engine.status());
  ec::Result<ec::Store> store = ec::Store::Open(a.db);
  if (!store.ok()) return Fail(store.status());
  ec::OutputOptions out;
  const std::string& digest = engine->lexicon().digest();
  const int threads = a.threads > 0 ? a.threads : ec::DefaultThreads();
  long articles = 0, events = 0;
  // Batches of articles coded with other dictionaries or another version, each replaced in one transaction;
  // a replaced article no longer qualifies, so the loop ends.
  for (;;) {
    ec::Result<std::vector<ec::Document>> docs = store->ArticlesToRecode(out.version, digest, 64);
    if (!docs.ok()) {
      std::cerr << "eventcoder: " << docs.status().message() << "\n";
      return 1;
    }
    if (docs->empty()) break;
    std::vector<ec::ArticleRecord> batch(docs->size());
    ec::ParallelFor(docs->size(), threads, [&](size_t i) {
      ec::Document& d = docs.value()[i];
      engine->CodeDocument(d, ec::CodeOptions{});
      batch[i] = ec::MakeArticleRecord(d, engine->lexicon());
      batch[i].replace = true;
    });
    ec::Status st = store->PutArticles(batch);
    if (!st.ok()) {
      std::cerr << "eventcoder: " << st.message() << "\n";
      return 1;
    }
    articles += static_cast<long>(batch.size());
    for (const ec::ArticleRecord& r : batch) events += static_cast<long>(r.doc->events.size());
  }
  std::cerr << "recode: " << articles << " articles recoded, " << events << " events (" << a.db << ": "
            << store->CountEvents() << " events, dictionaries " << digest << ")\n";
  return 0;
}

// Reads the bearer token: the first line of the file, without surrounding white space.
bool ReadToken(const std::string& path, std::string& token) {
  std::ifstream in(path);
  if (!in) return false;
  std::getline(in, token);
  const size_t b = token.find_first_not_of(" \t\r");
  token = b == std::string::npos ? "" : token.substr(b, token.find_last_not_of(" \t\r") - b + 1);
  return true;
}

int RunServe(const Args& a, const char* argv0) {
  if (a.db.empty()) return Usage("serve needs --db FILE");
  if (!a.positional.empty()) return Usage("serve takes no FILE arguments");
  ec::HttpServerOptions http;
  if (!a.host.empty()) http.host = a.host;
  if (!a.port.empty()) {
    char* end = nullptr;
    const long port = std::strtol(a.port.c_str(), &end, 10);
    if (*end != '\0' || port < 0 || port > 65535) return Usage("--port needs a number from 0 to 65535");
    http.port = static_cast<int>(port);
  }
  if (a.protect_reads && a.token_file.empty()) return Usage("--protect-reads needs --token-file");
  ec::ApiOptions options;
  options.protect_reads = a.protect_reads;
  options.max_body_bytes = http.max_body_bytes;
  if (!a.token_file.empty()) {
    if (!ReadToken(a.token_file, options.token)) {
      std::cerr << "eventcoder: " << a.token_file << ": cannot read the token file\n";
      return 1;
    }
    if (options.token.empty()) {
      std::cerr << "eventcoder: " << a.token_file << ": the token file's first line is empty\n";
      return 1;
    }
  }
  const ec::EngineConfig config = ec::EngineConfig::Defaults(argv0);
  http.web_dir = a.web.empty() ? config.home + "/web" : a.web;
  if (!a.web.empty() && !std::filesystem::is_directory(a.web)) {
    std::cerr << "eventcoder: " << a.web << ": not a folder\n";
    return 1;
  }
  {  // creates or migrates the database now, so that a bad path stops the server before it listens
    ec::Result<ec::Store> store = ec::Store::Open(a.db);
    if (!store.ok()) {
      std::cerr << "eventcoder: " << store.status().message() << "\n";
      return 1;
    }
  }
  std::ifstream openapi(config.home + "/docs/openapi.json", std::ios::binary);
  options.openapi.assign(std::istreambuf_iterator<char>(openapi), std::istreambuf_iterator<char>());
  std::unique_ptr<ec::Engine> engine;  // only a server that takes articles needs the engine
  if (!options.token.empty()) {
    ec::Result<ec::Engine> loaded = LoadEngine(argv0);
    if (!loaded.ok()) {
      std::cerr << "eventcoder: " << loaded.status().message() << "\n";
      return 1;
    }
    engine = std::make_unique<ec::Engine>(std::move(loaded).value());
  }
  ec::Api api(a.db, engine.get(), options);
  // SIGINT and SIGTERM go to one thread that stops the server: they are blocked before any other thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ec::HttpServer server(api, http);
  ec::Result<int> port = server.Bind();
  if (!port.ok()) return Fail(port.status());
  std::cerr << "serve: listening on http://" << http.host << ":" << port.value() << "/ (" << a.db << "; "
            << (options.token.empty() ? "read-only" : "POST /api/articles with the token")
            << (options.protect_reads ? ", reads with the token" : "") << "; "
            << (server.serves_files() ? "files from " + http.web_dir : "no web folder") << ")\n";
  if (http.host != "127.0.0.1" && http.host != "localhost" && http.host != "::1" && !options.protect_reads)
    std::cerr << "serve: warning: " << http.host << " is reachable from other machines and reads need no token\n";
  std::atomic<bool> finished{false};
  std::thread stopper([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    while (!finished) {  // a stop that races with the start of the server is repeated
      server.Stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
  ec::Status st = server.Run();
  finished = true;
  pthread_kill(stopper.native_handle(), SIGTERM);  // wakes the stopper when the server ended by itself
  stopper.join();
  if (!st.ok()) {
    std::cerr << "eventcoder: " << st.message() << "\n";
    return 1;
  }
  std::cerr << "serve: stopped\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("no command");
  std::string command = argv[1];
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "version" || command == "--version") {
    std::cout << "eventcoder " << EVENTCODER_VERSION << "\n";
    return 0;
  }
  Args args;
  std::string error;
  if (!ParseArgs(argc, argv, args, error)) return Usage(error);
  if (command == "code") return RunCode(args, argv[0]);
  if (command == "check-dictionaries") return RunCheck(argv[0]);
  if (command == "eval") return RunEval(args, argv[0]);
  if (command == "ingest") return RunIngest(args, argv[0]);
  if (command == "gaps") return RunGaps(args, argv[0]);
  if (command == "query") return RunQuery(args);
  if (command == "stats") return RunStats(args);
  if (command == "recode") return RunRecode(args, argv[0]);
  if (command == "serve") return RunServe(args, argv[0]);
  return Usage("unknown command '" + command + "'");
}
