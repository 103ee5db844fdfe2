#include "serve/http_server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>

namespace eventcoder {
namespace {

using Clock = std::chrono::steady_clock;

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

// Why a request was cut off while it was being received.
enum class Cutoff { kNone, kTime, kUrl, kHead, kBody };

struct ConnectionLimits {
  Clock::duration io_wait;        // longest wait for one read (write_wait: one write)
  Clock::duration write_wait;
  Clock::duration request_time;   // to receive a request, from its first byte
  Clock::duration response_time;  // to send an answer, from its first byte
  Clock::duration idle_time;      // with no request in hand
  size_t max_url_bytes, max_head_bytes, max_body_bytes;
};

// Bytes of chunked framing allowed on top of max_body_bytes.
constexpr size_t kBodyFramingBytes = 64 * 1024;
// A refused connection is read (and the bytes dropped) for this long before it is closed, so that the
// client, still sending, reads the refusal instead of a connection reset.
constexpr auto kLingerTime = std::chrono::milliseconds(500);
constexpr size_t kLingerBytes = 256 * 1024;

// A connected socket as httplib's Stream, which counts and times every request on it: the request line,
// headers and body against their limits, and the whole request and answer against their deadlines.
// httplib reads headers one byte at a time, so reads are buffered. Once a limit is crossed, reads and
// writes fail: httplib abandons the request, and the connection owner answers with Refuse().
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(int sock, const ConnectionLimits& limits) : sock_(sock), limits_(limits) {}

  // Waits for the first byte of a request (true), or until the connection is idle too long, closed by the
  // server's Stop() (listening no longer valid), or broken (false). End of stream counts as readable.
  bool AwaitRequest(const std::atomic<socket_t>& listening) {
    if (begin_ < end_) return true;  // pipelined
    const Clock::time_point until = Clock::now() + limits_.idle_time;
    while (listening != INVALID_SOCKET) {
      const Clock::time_point now = Clock::now();
      if (now >= until) return false;
      const int r = PollFor(POLLIN, std::min<Clock::duration>(until - now, std::chrono::milliseconds(100)));
      if (r != 0) return r > 0;
    }
    return false;
  }

  // Starts counting a new request and its answer.
  void BeginRequest() {
    read_deadline_ = Clock::now() + limits_.request_time;
    writing_ = false;
    in_head_ = true;
    in_first_line_ = true;
    line_bytes_ = head_bytes_ = body_bytes_ = 0;
    head_.clear();
    status_ = 0;
    status_line_.clear();
  }

  Cutoff cutoff() const { return cutoff_; }
  // The status of the answer written to the current request; 0 when none was written.
  int status() const { return status_; }

  // Answers a request cut off by a limit (nothing of an answer was written), then closes.
  void Refuse() {
    static const std::pair<int, const char*> kStatus[] = {{408, "Request Timeout"},
                                                          {414, "URI Too Long"},
                                                          {431, "Request Header Fields Too Large"},
                                                          {413, "Payload Too Large"}};
    std::string message;
    int status = 0;
    switch (cutoff_) {
      case Cutoff::kNone:
        return;
      case Cutoff::kTime:
        status = 408;
        message = "the request was not received within " + Seconds(limits_.request_time) + " s";
        break;
      case Cutoff::kUrl:
        status = 414;
        message = "the request line is longer than " + std::to_string(limits_.max_url_bytes) + " bytes";
        break;
      case Cutoff::kHead:
        status = 431;
        message = "the request headers are larger than " + std::to_string(limits_.max_head_bytes) + " bytes";
        break;
      case Cutoff::kBody:
        status = 413;
        message = "body is larger than " + std::to_string(limits_.max_body_bytes) + " bytes";
        break;
    }
    if (status_ != 0) return;  // an answer was begun already: it cannot be replaced
    const char* reason = "";
    for (const auto& [code, text] : kStatus)
      if (code == status) reason = text;
    const std::string body = ErrorJson(message);
    const std::string answer = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                               "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                               "\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n" + body;
    const Clock::time_point until = Clock::now() + limits_.write_wait;
    size_t sent = 0;
    while (sent < answer.size()) {
      const Clock::time_point now = Clock::now();
      if (now >= until || PollFor(POLLOUT, until - now) <= 0) return;
      const ssize_t n = ::send(sock_, answer.data() + sent, answer.size() - sent, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
    lingering_ = true;
  }

  // Closes the socket. After a refusal, what the client still sends is read and dropped for a moment
  // first (bounded in time and bytes): closing with unread data would reset the connection and could
  // destroy the answer before the client reads it.
  void Close() {
    if (lingering_) {
      ::shutdown(sock_, SHUT_WR);
      const Clock::time_point until = Clock::now() + kLingerTime;
      char sink[4096];
      size_t dropped = 0;
      while (dropped < kLingerBytes) {
        const Clock::time_point now = Clock::now();
        if (now >= until || PollFor(POLLIN, until - now) <= 0) break;
        const ssize_t n = ::recv(sock_, sink, sizeof sink, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        dropped += static_cast<size_t>(n);
      }
    }
    ::shutdown(sock_, SHUT_RDWR);
    ::close(sock_);
  }

  bool is_readable() const override {
    if (begin_ < end_) return true;
    const Clock::time_point now = Clock::now();
    return now < read_deadline_ && PollFor(POLLIN, std::min(limits_.io_wait, read_deadline_ - now)) > 0;
  }

  bool is_writable() const override { return PollFor(POLLOUT, limits_.write_wait) > 0; }

  ssize_t read(char* ptr, size_t size) override {
    if (cutoff_ != Cutoff::kNone) return -1;
    if (begin_ == end_) {
      const Clock::time_point now = Clock::now();
      if (now >= read_deadline_ || PollFor(POLLIN, std::min(limits_.io_wait, read_deadline_ - now)) <= 0) {
        cutoff_ = Cutoff::kTime;  // the whole request, or one read of it, took too long
        return -1;
      }
      ssize_t n;
      do {
        n = ::recv(sock_, buffer_, sizeof buffer_, 0);
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      begin_ = 0;
      end_ = static_cast<size_t>(n);
    }
    const size_t n = std::min(size, end_ - begin_);
    if (!Account(buffer_ + begin_, n)) return -1;
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (cutoff_ != Cutoff::kNone) return -1;  // httplib's own error answer: Refuse() answers instead
    const Clock::time_point now = Clock::now();
    if (!writing_) {
      writing_ = true;
      write_deadline_ = now + limits_.response_time;
    }
    if (status_ == 0) NoteStatus(ptr, size);
    if (now >= write_deadline_ || PollFor(POLLOUT, std::min(limits_.write_wait, write_deadline_ - now)) <= 0)
      return -1;
    ssize_t n;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);  // a client gone is an error here, not SIGPIPE
    } while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) Describe(addr, ip, port);
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) Describe(addr, ip, port);
  }

  socket_t socket() const override { return sock_; }

 private:
  static std::string Seconds(Clock::duration d) {
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count());
  }

  static void Describe(const sockaddr_storage& addr, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
      const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
      ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
      port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
      ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
      port = ntohs(a->sin6_port);
    }
    ip = text;
  }

  // poll() for `events` up to `wait`: 1 ready (or hung up), 0 timed out, -1 error.
  int PollFor(short events, Clock::duration wait) const {
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(std::max<Clock::duration>(wait, {})).count();
    pollfd p{sock_, events, 0};
    int r;
    do {
      r = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(ms, 1 << 30)));
    } while (r < 0 && errno == EINTR);
    if (r > 0 && (p.revents & POLLNVAL)) return -1;
    return r;
  }

  // Counts `n` bytes about to be handed to httplib. False (and cutoff_ set) when they cross a limit; the
  // bytes that end the headers are handed over even when the length they declare is refused.
  bool Account(const char* p, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      const char c = p[i];
      if (!in_head_) {
        body_bytes_ += n - i;
        if (body_bytes_ > limits_.max_body_bytes + kBodyFramingBytes) return Cut(Cutoff::kBody);
        return true;
      }
      if (++head_bytes_ > limits_.max_head_bytes) return Cut(Cutoff::kHead);
      head_ += c;
      if (c == '\n') {
        if (line_bytes_ == 0 && !in_first_line_) {
          in_head_ = false;
          if (DeclaredBodyTooLarge()) cutoff_ = Cutoff::kBody;  // later reads fail; this one completes the headers
        }
        in_first_line_ = false;
        line_bytes_ = 0;
      } else if (c != '\r') {
        ++line_bytes_;
        if (in_first_line_ && line_bytes_ > limits_.max_url_bytes) return Cut(Cutoff::kUrl);
      }
    }
    return true;
  }

  bool Cut(Cutoff why) {
    cutoff_ = why;
    return false;
  }

  // True when a Content-Length header of the request just read is over max_body_bytes (or not a number).
  bool DeclaredBodyTooLarge() const {
    size_t start = head_.find('\n') + 1;
    while (start < head_.size()) {
      size_t end = head_.find('\n', start);
      if (end == std::string::npos) end = head_.size();
      std::string_view line(head_.data() + start, end - start);
      start = end + 1;
      constexpr std::string_view kName = "content-length:";
      if (line.size() < kName.size()) continue;
      bool same = true;
      for (size_t i = 0; i < kName.size() && same; ++i)
        same = static_cast<char>(std::tolower(static_cast<unsigned char>(line[i]))) == kName[i];
      if (!same) continue;
      uint64_t value = 0;
      bool digits = false;
      for (char c : line.substr(kName.size())) {
        if (c == ' ' || c == '\t' || c == '\r') continue;
        if (c < '0' || c > '9') return true;  // httplib would read it as some number: refuse it
        digits = true;
        value = value * 10 + static_cast<uint64_t>(c - '0');
        if (value > limits_.max_body_bytes) return true;
      }
      if (!digits) return true;
    }
    return false;
  }

  // Reads the status code from the first bytes of an answer ("HTTP/1.1 404 ...").
  void NoteStatus(const char* ptr, size_t size) {
    status_line_.append(ptr, std::min(size, size_t{16} - std::min(size_t{16}, status_line_.size())));
    if (status_line_.size() < 12) return;
    const size_t space = status_line_.find(' ');
    if (space != std::string::npos && space + 4 <= status_line_.size())
      status_ = std::atoi(status_line_.substr(space + 1, 3).c_str());
    if (status_ == 0) status_ = -1;
  }

  int sock_;
  ConnectionLimits limits_;
  char buffer_[4096];
  size_t begin_ = 0, end_ = 0;
  Clock::time_point read_deadline_ = Clock::now(), write_deadline_ = Clock::now();
  bool writing_ = false;
  bool lingering_ = false;
  Cutoff cutoff_ = Cutoff::kNone;
  bool in_head_ = true, in_first_line_ = true;
  size_t line_bytes_ = 0, head_bytes_ = 0, body_bytes_ = 0;
  std::string head_;  // the request line and headers, for Content-Length
  std::string status_line_;
  int status_ = 0;
};

// httplib's server with its connection loop replaced: each connection is read through a GuardedStream.
// (httplib's own loop times single reads only, so a client sending a byte a second would hold a worker
// thread for as long as it likes, and it reads request lines and headers without bound.)
class GuardedServer final : public httplib::Server {
 public:
  explicit GuardedServer(const ConnectionLimits& limits) : limits_(limits) {}

 private:
  bool process_and_close_socket(socket_t sock) override {
    GuardedStream stream(sock, limits_);
    bool ok = false;
    for (size_t served = 0; served < keep_alive_max_count_; ++served) {
      if (!stream.AwaitRequest(svr_sock_)) break;
      stream.BeginRequest();
      bool closed = false;
      ok = process_request(stream, served + 1 == keep_alive_max_count_, closed, nullptr);
      if (stream.cutoff() != Cutoff::kNone) {
        stream.Refuse();
        ok = false;
        break;
      }
      // After a request httplib could not read whole, the rest of the connection cannot be trusted.
      const int status = stream.status();
      if (!ok || closed || status == 400 || status == 413 || status == 414 || status == 431) break;
    }
    stream.Close();
    return ok;
  }

  ConnectionLimits limits_;
};

ConnectionLimits LimitsOf(const HttpServerOptions& o) {
  using std::chrono::seconds;
  ConnectionLimits l;
  l.io_wait = seconds(std::max(1, o.read_timeout_seconds));
  l.write_wait = seconds(std::max(1, o.write_timeout_seconds));
  l.request_time = seconds(std::max(1, o.request_timeout_seconds));
  l.response_time = seconds(std::max(1, o.response_timeout_seconds));
  l.idle_time = seconds(std::max(1, o.idle_timeout_seconds));
  l.max_url_bytes = o.max_url_bytes;
  l.max_head_bytes = o.max_header_bytes;
  l.max_body_bytes = o.max_body_bytes;
  return l;
}

// True for paths the Api answers; everything else is a static file.
bool IsApiPath(const std::string& path) {
  return path == "/healthz" || path == "/api" || path.rfind("/api/", 0) == 0;
}

}  // namespace

HttpServer::HttpServer(Api& api, HttpServerOptions options)
    : api_(api), options_(std::move(options)), server_(std::make_unique<GuardedServer>(LimitsOf(options_))) {
  httplib::Server& s = *server_;
  s.set_payload_max_length(options_.max_body_bytes);
  s.set_read_timeout(options_.read_timeout_seconds, 0);
  s.set_write_timeout(options_.write_timeout_seconds, 0);
  s.set_keep_alive_timeout(options_.idle_timeout_seconds);
  s.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
  for (const auto& [ext, type] :
       std::initializer_list<std::pair<const char*, const char*>>{{"geojson", "application/geo+json"},
                                                                  {"mjs", "text/javascript"},
                                                                  {"map", "application/json"},
                                                                  {"webmanifest", "application/manifest+json"}})
    s.set_file_extension_and_mimetype_mapping(ext, type);

  std::error_code ec;
  if (!options_.web_dir.empty() && std::filesystem::is_directory(options_.web_dir, ec)) {
    web_root_ = std::filesystem::canonical(options_.web_dir, ec).string();
    serves_files_ = !ec && s.set_mount_point("/", options_.web_dir);
  }

  // httplib keeps static paths inside web_dir as text, but opens them following symbolic links: a link
  // in the folder could serve any file the process can read. A file is served only if its real path is
  // inside the folder's real path.
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!serves_files_ || (req.method != "GET" && req.method != "HEAD") || IsApiPath(req.path))
      return httplib::Server::HandlerResponse::Unhandled;
    bool inside = req.path.find('\0') == std::string::npos;
    if (inside) {
      std::string file = options_.web_dir + req.path;
      if (!file.empty() && file.back() == '/') file += "index.html";
      std::error_code fec;
      if (std::filesystem::exists(file, fec)) {
        const std::string real = std::filesystem::canonical(file, fec).string();
        inside = !fec && real.size() > web_root_.size() && real.compare(0, web_root_.size(), web_root_) == 0 &&
                 real[web_root_.size()] == '/';
      }
    }
    if (inside) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 404;
    res.set_content(ErrorJson("not found"), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  });

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
