// HttpServer: serves an Api over HTTP (cpp-httplib), plus the dashboard's static files.
//
//   Api api("events.db", &engine, ApiOptions{});
//   HttpServer server(api, HttpServerOptions{});     // 127.0.0.1:8080, web/ at /
//   Result<int> port = server.Bind();                  // the port bound (any free one for port 0)
//   Status st = server.Run();                          // blocks until Stop()
//
// Every request under /api/ and /healthz goes to Api::Handle; other GETs are files below web_dir
// (`/` is index.html). Paths that leave web_dir ("/../etc/passwd", also percent-encoded) are refused by
// httplib's mount point and answered 404. Bodies over max_body_bytes are refused with 413 before they
// are read. Errors without a body get {"error": "..."}.
//
// Thread-safety: requests are handled on a pool of threads (the Api must allow that). Stop() may be
// called from any thread but not from a signal handler; a Stop() that races with the start of Run() may
// be missed, so callers stopping on a signal call it until Run() has returned.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>

#include "base/status.h"
#include "serve/api.h"

namespace httplib {
class Server;
}

namespace eventcoder {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;      // 0: any free port (Bind() says which)
  std::string web_dir;  // static files served at /; empty or missing: none
  size_t max_body_bytes = 1024 * 1024;
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
};

class HttpServer {
 public:
  HttpServer(Api& api, HttpServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket; returns the port.
  Result<int> Bind();
  // Serves until Stop(); Bind() first.
  Status Run();
  void Stop();
  // True when web_dir was mounted at /.
  bool serves_files() const { return serves_files_; }

 private:
  Api& api_;
  HttpServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::atomic<bool> stop_requested_{false};
  bool bound_ = false;
  bool serves_files_ = false;
};

}  // namespace eventcoder
