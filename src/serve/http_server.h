// HttpServer: serves an Api over HTTP (cpp-httplib), plus the dashboard's static files.
//
//   Api api("events.db", &engine, ApiOptions{});
//   HttpServer server(api, HttpServerOptions{});     // 127.0.0.1:8080, web/ at /
//   Result<int> port = server.Bind();                  // the port bound (any free one for port 0)
//   Status st = server.Run();                          // blocks until Stop()
//
// Every request under /api/ and /healthz goes to Api::Handle; other GETs are files below web_dir
// (`/` is index.html). Paths that leave web_dir ("/../etc/passwd", also percent-encoded) are refused by
// httplib's mount point, and a file reached through a symbolic link that points out of web_dir is
// refused too: both are answered 404. Errors without a body get {"error": "..."}.
//
// Limits, enforced on the socket before httplib parses anything (so no client can make the server read
// without bound or hold a worker thread for long):
//   - a request (line, headers and body) must arrive within request_timeout_seconds of its first byte:
//     a client that trickles it ("slowloris") gets 408 and is disconnected;
//   - a request line over max_url_bytes gets 414, headers over max_header_bytes 431, a body declared or
//     sent over max_body_bytes 413 as soon as that is known (the body is not read);
//   - an answer must be sent within response_timeout_seconds; a connection idle for
//     idle_timeout_seconds (before its first request, or between keep-alive requests) is closed.
// After such a refusal the connection is closed.
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
  size_t max_url_bytes = 8192;          // the request line: method, path and query string, version
  size_t max_header_bytes = 64 * 1024;  // the request line and all headers together
  int read_timeout_seconds = 10;        // longest wait for one read from the socket
  int write_timeout_seconds = 10;       // longest wait for one write
  int request_timeout_seconds = 10;     // to receive a whole request, from its first byte
  int response_timeout_seconds = 60;    // to send a whole answer
  int idle_timeout_seconds = 5;         // a connection with no request in hand
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
  std::string web_root_;  // web_dir with symbolic links resolved, when serving files
};

}  // namespace eventcoder
