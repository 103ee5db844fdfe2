#include "serve/http_server.h"

#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

namespace eventcoder {
namespace {

std::string ErrorText(int status, size_t max_body_bytes) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "not found";
    case 405:
      return "method not allowed";
    case 413:
      return "body is larger than " + std::to_string(max_body_bytes) + " bytes";
    case 414:
      return "URI too long";
    case 416:
      return "range not satisfiable";
    case 500:
      return "internal error";
    default:
      return "HTTP error " + std::to_string(status);
  }
}

std::string ErrorJson(const std::string& message) {
  return nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

HttpServer::HttpServer(Api& api, HttpServerOptions options)
    : api_(api), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {
  httplib::Server& s = *server_;
  s.set_payload_max_length(options_.max_body_bytes);
  s.set_read_timeout(options_.read_timeout_seconds, 0);
  s.set_write_timeout(options_.write_timeout_seconds, 0);
  s.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
  for (const auto& [ext, type] :
       std::initializer_list<std::pair<const char*, const char*>>{{"geojson", "application/geo+json"},
                                                                  {"mjs", "text/javascript"},
                                                                  {"map", "application/json"},
                                                                  {"webmanifest", "application/manifest+json"}})
    s.set_file_extension_and_mimetype_mapping(ext, type);

  std::error_code ec;
  if (!options_.web_dir.empty() && std::filesystem::is_directory(options_.web_dir, ec))
    serves_files_ = s.set_mount_point("/", options_.web_dir);

  const httplib::Server::Handler handler = [this](const httplib::Request& req, httplib::Response& res) {
    ApiRequest a;
    a.method = req.method;
    a.path = req.path;
    for (const auto& [k, v] : req.params) a.query.emplace(k, v);
    for (const auto& [k, v] : req.headers) a.headers.emplace(k, v);  // the first of repeated headers
    a.body = req.body;
    ApiResponse r = api_.Handle(a);
    res.status = r.status;
    for (const auto& [k, v] : r.headers) res.set_header(k, v);
    res.set_content(r.body, r.content_type);
  };
  s.Get(".*", handler);
  s.Post(".*", handler);
  s.Put(".*", handler);
  s.Patch(".*", handler);
  s.Delete(".*", handler);
  s.Options(".*", handler);

  const size_t max_body = options_.max_body_bytes;
  const httplib::Server::HandlerWithResponse on_error = [max_body](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // the Api's own error
    res.set_content(ErrorJson(ErrorText(res.status, max_body)), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  };
  s.set_error_handler(on_error);
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(ErrorJson("internal error"), "application/json");
  });
}

HttpServer::~HttpServer() = default;

Result<int> HttpServer::Bind() {
  if (bound_) return InvalidInput("already bound");
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  if (options_.port < 0 || options_.port > 65535) return InvalidInput(where + ": port must be from 0 to 65535");
  int port = options_.port;
  if (port == 0) {
    port = server_->bind_to_any_port(options_.host);
    if (port < 0) return IoError(where + ": cannot listen (bad address?)");
  } else if (!server_->bind_to_port(options_.host, port)) {
    return IoError(where + ": cannot listen (address in use, or not an address of this machine)");
  }
  bound_ = true;
  return port;
}

Status HttpServer::Run() {
  if (!bound_) return InvalidInput("Bind() first");
  if (stop_requested_) return Status::Ok();
  if (!server_->listen_after_bind() && !stop_requested_) return IoError("the server stopped unexpectedly");
  return Status::Ok();
}

void HttpServer::Stop() {
  stop_requested_ = true;
  server_->stop();
}

}  // namespace eventcoder
