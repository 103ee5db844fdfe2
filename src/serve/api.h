// Api: the HTTP JSON API over the event database, with no sockets in it. A front end (http_server.h)
// turns each HTTP request into an ApiRequest and writes back the ApiResponse; tests call Handle()
// directly. Endpoints, parameters and error codes: docs/api.md (OpenAPI: docs/openapi.json).
//
//   ApiOptions options;
//   options.token = "s3cret";                     // empty: POST is refused (403)
//   Api api("events.db", &engine, options);       // engine may be null when writes are disabled
//   ApiRequest req;
//   req.method = "GET";
//   req.path = "/api/events";
//   req.query = {{"actor", "RUS"}, {"limit", "20"}};
//   ApiResponse res = api.Handle(req);            // res.status 200, res.body {"events": […], "next_cursor": …}
//
// Every answer is a response: bad parameters are 400, a missing or wrong bearer token 401, writes
// without a configured token 403, unknown ids and paths 404, wrong methods 405, bodies over the limit
// 413, unknown body types 415, POST without an engine 503, and anything unexpected 500 — nothing throws
// out of Handle().
// Filter values reach SQLite as bound parameters only, and are matched as plain text (no wildcards).
// Reads cost the size of their answer where the store allows it (store/event_reads.h: pages of
// /api/events, /api/events/{id}, /api/stats, /api/export with a limit); every read has a deadline
// (ApiOptions::query_seconds) past which it is stopped and answered 503.
//
// Thread-safety: Handle() may run on many threads at once. Readers use their own SQLite connections
// (WAL lets them read while another process, e.g. `eventcoder ingest`, writes); writes are serialised
// by a mutex over one writing connection.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/engine.h"
#include "serve/params.h"
#include "store/merge.h"
#include "store/store.h"

namespace eventcoder {

struct ApiRequest {
  std::string method;                             // "GET", "HEAD", "POST", …
  std::string path;                               // decoded, without the query string: "/api/events/ab12"
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::map<std::string, std::string> headers;     // names in any case; looked up case-insensitively
  std::string body;

  // The value of header `name` (case-insensitive), or "".
  std::string Header(const std::string& name) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers: Allow, WWW-Authenticate, …
};

struct ApiOptions {
  std::string token;           // bearer token for writes (and reads when protect_reads); empty: no writes
  bool protect_reads = false;  // GETs under /api/ need the token too
  size_t max_body_bytes = 1024 * 1024;
  int default_limit = 100;  // events per page
  int max_limit = 1000;
  std::string openapi;  // the OpenAPI document served at /api/openapi.json (empty: 404)
  // Every read stops after this long (SQLite's progress handler) and answers 503; 0: no deadline.
  double query_seconds = 20;
};

class Api {
 public:
  // `db_path` is opened per request (a small pool of connections is kept). `engine` codes POSTed
  // articles; null disables coding (POST answers 503).
  Api(std::string db_path, const Engine* engine, ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  ApiResponse Handle(const ApiRequest& request);

 private:
  class ReaderLease;
  ApiResponse Route(const ApiRequest& request);
  // The merged events passing the query's filters and bounding box, in MergeMentions order, read on
  // `lease`'s connection.
  Result<std::vector<MergedEvent>> Load(ReaderLease& lease, const EventQuery& query);
  ApiResponse Events(const ApiRequest& request);
  ApiResponse OneEvent(const std::string& id);
  ApiResponse Stats(const ApiRequest& request);
  ApiResponse Actors(const ApiRequest& request);
  ApiResponse Places(const ApiRequest& request);
  ApiResponse Export(const ApiRequest& request);
  ApiResponse PostArticle(const ApiRequest& request);
  bool Authorized(const ApiRequest& request) const;

  std::string db_path_;
  const Engine* engine_;
  ApiOptions options_;
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Store>> idle_readers_;
  std::mutex writer_mutex_;        // one write at a time
  std::unique_ptr<Store> writer_;  // opened on the first write; keeps the story index loaded
};

}  // namespace eventcoder
