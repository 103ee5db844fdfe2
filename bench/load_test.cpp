// eventcoder_load: drives a running `eventcoder serve` with concurrent clients and reports, per endpoint,
// the requests made, the unexpected answers, latency percentiles and throughput (bench/load runs it).
//
//   eventcoder_load --url http://127.0.0.1:8080 --token-file token --seconds 20 --clients 8 --write-share 0.1
//
// Each client is one thread with one request in flight at a time (a closed loop, so the load is bounded
// by the clients, not by a rate). A client mixes reads of every GET endpoint (/api/events with various
// filters and by following next_cursor, /api/events/{id} with ids it has seen, /api/stats, /api/actors,
// /api/places, /api/export as CSV and GeoJSON) with authenticated writes (POST /api/articles of
// generated articles) in the share asked for. Expected answers are 200 for reads and 201 or 200
// ("stored": false) for writes; anything else, or a transport error, is unexpected, is counted as an
// error, and makes the exit status 1 (the first few are printed). Exit 2: usage error or no server.
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "corpus.h"
#include "pipeline/engine.h"

namespace ec = eventcoder;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kUsage =
    "usage: eventcoder_load --url http://HOST:PORT [--token T | --token-file F] [--seconds N] [--clients C]\n"
    "                       [--write-share X] [--seed S]\n"
    "  --seconds      how long to run (default 20)\n"
    "  --clients      client threads, one request in flight each (default 8)\n"
    "  --write-share  share of requests that POST an article, 0 to 1 (default 0.1; needs the token)\n";

int Usage(const std::string& message) {
  std::cerr << "eventcoder_load: " << message << "\n" << kUsage;
  return 2;
}

// Endpoints as reported; the order of the table.
enum Endpoint { kEvents, kEventPage, kEventById, kStats, kActors, kPlaces, kExportCsv, kExportGeojson, kPost, kCount };
const char* const kNames[kCount] = {"GET /api/events",       "GET /api/events (cursor)", "GET /api/events/{id}",
                                    "GET /api/stats",        "GET /api/actors",          "GET /api/places",
                                    "GET /api/export csv",   "GET /api/export geojson",  "POST /api/articles"};

// Filters a dashboard sends, as query strings (values already URL-safe).
const char* const kFilters[] = {"",
                                "root=19",
                                "actor=RUS",
                                "quad=4",
                                "from=2024-01&to=2024-12",
                                "text=talks",
                                "plover=ASSAULT",
                                "code=19",
                                "bbox=20,40,45,60",
                                "source=USA&root=1",
                                "negated=false&quad=1",
                                "target=UKR&from=2023",
                                "claimed_by=RUS",
                                "place=Kharkiv",
                                "actor=ISR&quad=4"};

struct Sample {
  std::vector<double> ms;  // latency of each request
  long errors = 0;
};

struct Shared {
  std::mutex mu;
  std::vector<std::string> articles;  // to post, taken in turn
  size_t next_article = 0;
  std::vector<std::string> errors;  // the first few unexpected answers
  long error_count = 0;
};

struct Options {
  std::string host;
  int port = 0;
  std::string token;
  double seconds = 20, write_share = 0.1;
  int clients = 8;
  uint64_t seed = 1;
};

class LoadClient {
 public:
  LoadClient(const Options& o, Shared& shared, int index)
      : o_(o), shared_(shared), rng_(o.seed * 1000003 + static_cast<uint64_t>(index)) {
    Connect();
  }

  void Run(Clock::time_point until) {
    until_ = until;
    while (Clock::now() < until) Step();
  }

  Sample samples[kCount];

 private:
  void Connect() {
    cli_ = std::make_unique<httplib::Client>(o_.host, o_.port);
    cli_->set_keep_alive(true);
    cli_->set_connection_timeout(10, 0);
    cli_->set_read_timeout(120, 0);
    cli_->set_write_timeout(30, 0);
  }

  std::string Filter() { return kFilters[rng_.Below(std::size(kFilters))]; }

  void Step() {
    if (o_.write_share > 0 && rng_.Below(1000000) < static_cast<size_t>(o_.write_share * 1000000)) {
      Post();
      return;
    }
    const size_t r = rng_.Below(100);
    if (r < 30) {
      ListEvents();
    } else if (r < 45) {
      if (ids_.empty()) return ListEvents();
      Get(kEventById, "/api/events/" + ids_[rng_.Below(ids_.size())]);
    } else if (r < 60) {
      Get(kStats, Join("/api/stats", Filter()));
    } else if (r < 72) {
      Get(kActors, Join("/api/actors", Filter() + (rng_.Percent(50) ? "&limit=50" : "")));
    } else if (r < 84) {
      Get(kPlaces, Join("/api/places", Filter() + (rng_.Percent(50) ? "&limit=50" : "")));
    } else if (r < 92) {
      Get(kExportCsv, Join("/api/export", "format=csv&limit=500&" + Filter()));
    } else {
      Get(kExportGeojson, Join("/api/export", "format=geojson&limit=500&" + Filter()));
    }
  }

  static std::string Join(const std::string& path, std::string query) {
    while (!query.empty() && query.back() == '&') query.pop_back();
    while (!query.empty() && query.front() == '&') query.erase(0, 1);
    return query.empty() ? path : path + "?" + query;
  }

  // A page of events, then up to three more by next_cursor; remembers event ids for /api/events/{id}.
  void ListEvents() {
    const std::string base = Join("/api/events", Filter() + "&limit=" + std::to_string(rng_.Between(10, 100)));
    std::string body;
    if (!Get(kEvents, base, &body)) return;
    for (int page = 0; page < 3 && rng_.Percent(60) && Clock::now() < until_; ++page) {
      const Json j = Json::parse(body, nullptr, false);
      if (j.is_discarded() || !j.contains("events")) return Unexpected(kEvents, base, 200, "not the JSON expected");
      for (const Json& e : j["events"])
        if (e.contains("event_id") && e["event_id"].is_string() && ids_.size() < 2000)
          ids_.push_back(e["event_id"].get<std::string>());
      if (!j["next_cursor"].is_string()) return;
      if (!Get(kEventPage, base + "&cursor=" + j["next_cursor"].get<std::string>(), &body)) return;
    }
  }

  bool Get(Endpoint endpoint, const std::string& path, std::string* body = nullptr) {
    const Clock::time_point start = Clock::now();
    httplib::Result res = cli_->Get(path);
    Record(endpoint, start);
    if (!res) {
      Unexpected(endpoint, path, 0, httplib::to_string(res.error()));
      Connect();
      return false;
    }
    if (res->status != 200) {
      Unexpected(endpoint, path, res->status, res->body.substr(0, 200));
      return false;
    }
    if (body) *body = std::move(res->body);
    return true;
  }

  void Post() {
    std::string article;
    {
      std::lock_guard<std::mutex> lock(shared_.mu);
      if (shared_.articles.empty()) return;
      article = shared_.articles[shared_.next_article++ % shared_.articles.size()];
    }
    const Json body = {{"text", article}, {"url", "https://load.example/" + std::to_string(rng_.Next() % 1000000)}};
    httplib::Headers headers = {{"Authorization", "Bearer " + o_.token}};
    const Clock::time_point start = Clock::now();
    httplib::Result res = cli_->Post("/api/articles", headers, body.dump(), "application/json");
    Record(kPost, start);
    if (!res) {
      Unexpected(kPost, "/api/articles", 0, httplib::to_string(res.error()));
      Connect();
    } else if (res->status != 201 && res->status != 200) {
      Unexpected(kPost, "/api/articles", res->status, res->body.substr(0, 200));
    }
  }

  void Record(Endpoint endpoint, Clock::time_point start) {
    samples[endpoint].ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }

  void Unexpected(Endpoint endpoint, const std::string& what, int status, const std::string& detail) {
    ++samples[endpoint].errors;
    std::lock_guard<std::mutex> lock(shared_.mu);
    ++shared_.error_count;
    if (shared_.errors.size() < 10)
      shared_.errors.push_back(std::string(kNames[endpoint]) + " " + what + ": " +
                               (status ? std::to_string(status) : std::string("transport")) + " " + detail);
  }

  const Options& o_;
  Shared& shared_;
  ec::bench::Rng rng_;
  std::unique_ptr<httplib::Client> cli_;
  std::vector<std::string> ids_;
  Clock::time_point until_;
};

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t k = std::min(sorted.size() - 1, static_cast<size_t>(p * static_cast<double>(sorted.size())));
  return sorted[k];
}

bool ParseUrl(const std::string& url, std::string& host, int& port) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) return false;
  std::string rest = url.substr(scheme.size());
  if (const size_t slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
  const size_t colon = rest.rfind(':');
  if (colon == std::string::npos) {
    host = rest;
    port = 80;
    return !host.empty();
  }
  host = rest.substr(0, colon);
  char* end = nullptr;
  const long p = std::strtol(rest.c_str() + colon + 1, &end, 10);
  port = static_cast<int>(p);
  return !host.empty() && *end == '\0' && p > 0 && p < 65536;
}

}  // namespace

int main(int argc, char** argv) {
  ::signal(SIGPIPE, SIG_IGN);  // a connection the server closed is an error to count, not a reason to die
  Options o;
  std::string url, token_file;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--url") url = value();
    else if (a == "--token") o.token = value();
    else if (a == "--token-file") token_file = value();
    else if (a == "--seconds") o.seconds = std::atof(value().c_str());
    else if (a == "--clients") o.clients = std::atoi(value().c_str());
    else if (a == "--write-share") o.write_share = std::atof(value().c_str());
    else if (a == "--seed") o.seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      return 0;
    } else return Usage("unknown argument " + a);
  }
  if (!ParseUrl(url, o.host, o.port)) return Usage("--url must be http://HOST:PORT");
  if (o.seconds <= 0 || o.clients < 1 || o.clients > 1000) return Usage("--seconds > 0 and --clients 1..1000");
  if (o.write_share < 0 || o.write_share > 1) return Usage("--write-share must be from 0 to 1");
  if (!token_file.empty()) {
    std::ifstream in(token_file);
    std::getline(in, o.token);
    while (!o.token.empty() && (o.token.back() == '\r' || o.token.back() == ' ')) o.token.pop_back();
  }
  if (o.write_share > 0 && o.token.empty()) return Usage("writes need --token or --token-file");

  {
    httplib::Client probe(o.host, o.port);
    probe.set_connection_timeout(5, 0);
    httplib::Result r = probe.Get("/healthz");
    if (!r || r->status != 200) {
      std::cerr << "eventcoder_load: no server answers at " << url << "/healthz\n";
      return 2;
    }
  }

  Shared shared;
  if (o.write_share > 0) {  // articles to post: generated, so that most are new to the database
    ec::Result<ec::bench::CorpusGenerator> gen =
        ec::bench::CorpusGenerator::Load(ec::EngineConfig::Defaults(argv[0]), o.seed + 4242);
    if (!gen.ok()) {
      std::cerr << "eventcoder_load: " << gen.status().message() << "\n";
      return 2;
    }
    for (int i = 0; i < 2000; ++i) shared.articles.push_back(gen->Next());
  }

  std::vector<std::unique_ptr<LoadClient>> clients;
  for (int i = 0; i < o.clients; ++i) clients.push_back(std::make_unique<LoadClient>(o, shared, i));
  const Clock::time_point start = Clock::now();
  const Clock::time_point until = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  std::vector<std::thread> threads;
  for (auto& c : clients) threads.emplace_back([&c, until] { c->Run(until); });
  for (std::thread& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  std::cout << "eventcoder_load: " << o.clients << " clients, " << std::fixed << std::setprecision(1) << elapsed
            << " s, write share " << std::setprecision(2) << o.write_share << ", " << url << "\n";
  std::cout << std::left << std::setw(28) << "endpoint" << std::right << std::setw(8) << "count" << std::setw(8)
            << "errors" << std::setw(9) << "req/s" << std::setw(9) << "p50 ms" << std::setw(9) << "p90 ms"
            << std::setw(9) << "p99 ms" << std::setw(9) << "max ms" << "\n";
  std::vector<double> all;
  long all_errors = 0;
  auto row = [&](const std::string& name, std::vector<double>& ms, long errors) {
    std::sort(ms.begin(), ms.end());
    std::cout << std::left << std::setw(28) << name << std::right << std::setw(8) << ms.size() << std::setw(8) << errors
              << std::setw(9) << std::setprecision(1) << static_cast<double>(ms.size()) / elapsed << std::setw(9)
              << Percentile(ms, 0.50) << std::setw(9) << Percentile(ms, 0.90) << std::setw(9) << Percentile(ms, 0.99)
              << std::setw(9) << (ms.empty() ? 0.0 : ms.back()) << "\n";
  };
  for (int e = 0; e < kCount; ++e) {
    std::vector<double> ms;
    long errors = 0;
    for (auto& c : clients) {
      ms.insert(ms.end(), c->samples[e].ms.begin(), c->samples[e].ms.end());
      errors += c->samples[e].errors;
    }
    all.insert(all.end(), ms.begin(), ms.end());
    all_errors += errors;
    row(kNames[e], ms, errors);
  }
  row("all", all, all_errors);
  for (const std::string& e : shared.errors) std::cout << "unexpected: " << e << "\n";
  if (shared.error_count > static_cast<long>(shared.errors.size()))
    std::cout << "unexpected: … " << shared.error_count - static_cast<long>(shared.errors.size()) << " more\n";
  return all_errors == 0 ? 0 : 1;
}
