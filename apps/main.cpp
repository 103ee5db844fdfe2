// eventcoder: the command-line front end. It only parses flags and wires library stages together.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/scorer.h"
#include "output/event_writer.h"
#include "pipeline/engine.h"

namespace ec = eventcoder;

namespace {

constexpr const char* kUsage = R"(eventcoder — political event coding from news text

usage:
  eventcoder code FILE... [--date YYYY-MM-DD] [--format jsonl|table] [--explain] [--hypothetical]
                          [--max-mb N]
      Codes each file ('-' reads standard input) and prints one event per line (jsonl) or a table.
      --date       the article's publication date (overrides a date found in the file)
      --explain    show, for each event, the dictionary entries (file:line) and rules that made it
      --hypothetical  also print events of hypothetical clauses ("if the truce holds, …")
      --max-mb     size limit per input in MB (default 10)
  eventcoder check-dictionaries
      Validates every dictionary file and prints each problem as file:line: cause.
  eventcoder eval GOLD.jsonl... [--min-f1 X] [--worst N]
      Scores the coder against gold events: precision, recall and F1 per CAMEO root.
  eventcoder version

environment: EVENTCODER_HOME — the folder holding dictionaries/, ontology/ and data/.
exit codes: 0 success, 1 some input failed (or eval below --min-f1), 2 usage error.
)";

int Usage(const std::string& message) {
  if (!message.empty()) std::cerr << "eventcoder: " << message << "\n";
  std::cerr << "run 'eventcoder help' for usage\n";
  return 2;
}

struct Args {
  std::vector<std::string> positional;
  std::string date, format, min_f1, worst, max_mb;
  bool explain = false, hypothetical = false;
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
  if (!engine.ok()) {
    std::cerr << "eventcoder: " << engine.status().message() << "\n";
    return 1;
  }
  int status = 0;
  ec::OutputOptions out;
  for (const std::string& path : a.positional) {
    ec::Result<ec::Document> doc = engine->CodeFile(path, options);
    if (!doc.ok()) {
      std::cerr << "eventcoder: " << doc.status().message() << "\n";
      status = 1;
      continue;
    }
    if (format == "table") {
      ec::WriteTable(std::cout, doc.value(), engine->lexicon(), a.explain);
    } else {
      for (const ec::Event& e : doc->events) std::cout << ec::EventJson(doc.value(), e, engine->lexicon(), out) << "\n";
    }
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
  if (!engine.ok()) {
    std::cerr << "eventcoder: " << engine.status().message() << "\n";
    return 1;
  }
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
  return Usage("unknown command '" + command + "'");
}
