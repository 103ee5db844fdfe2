#include "serve/api.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "base/hash.h"
#include "output/event_writer.h"
#include "read/reader.h"
#include "serve/params.h"
#include "store/event_reads.h"
#include "store/export.h"
#include "store/merge.h"

namespace eventcoder {
namespace {

using Json = nlohmann::ordered_json;

constexpr size_t kMaxIdleReaders = 8;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string AsciiLower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

ApiResponse JsonResponse(int status, const Json& body) {
  ApiResponse r;
  r.status = status;
  r.body = Dump(body);
  return r;
}

ApiResponse Error(int status, const std::string& message) { return JsonResponse(status, Json{{"error", message}}); }

ApiResponse MethodNotAllowed(const std::string& allow) {
  ApiResponse r = Error(405, "method not allowed here; allowed: " + allow);
  r.headers.emplace_back("Allow", allow);
  return r;
}

ApiResponse Unauthorized() {
  ApiResponse r = Error(401, "a valid bearer token is needed (Authorization: Bearer <token>)");
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"eventcoder\"");
  return r;
}

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const size_t n = std::max(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

// "2020-10-10", "2020-10", "2020", or an ISO date-time "2020-10-10T08:15:00Z".
std::optional<PartialDate> ParsePublished(const std::string& value) {
  std::string v = Trim(value);
  if (v.size() > 10 && v[10] == 'T') v = v.substr(0, 10);
  if (!IsValidDate(v)) return std::nullopt;
  return PartialDate::Parse(v);
}

// The article a POST carries, as a Document read the way `ingest` reads files and JSON Lines records.
Result<Document> ReadPostedArticle(const ApiRequest& r, size_t max_bytes, bool* unsupported_type) {
  *unsupported_type = false;
  std::string media = AsciiLower(Trim(r.Header("Content-Type").substr(0, r.Header("Content-Type").find(';'))));
  ReadOptions read;
  read.max_bytes = max_bytes;
  const std::string where = "api";
  if (media == "text/plain") return ReadBytes(r.body, where, read, InputFormat::kText);
  if (media == "text/html" || media == "application/xhtml+xml")
    return ReadBytes(r.body, where, read, InputFormat::kHtml);
  if (media != "application/json") {
    *unsupported_type = true;
    return InvalidInput("Content-Type must be application/json, text/plain or text/html");
  }
  const Json j = Json::parse(r.body, nullptr, false);
  if (j.is_discarded()) return InvalidInput("body is not valid JSON");
  if (!j.is_object()) return InvalidInput("body must be a JSON object");
  for (const char* key : {"text", "html", "url", "title", "published"}) {
    auto it = j.find(key);
    if (it != j.end() && !it->is_string() && !it->is_null())
      return InvalidInput(std::string(key) + " must be a string");
  }
  const std::string text = Str(j, "text"), html = Str(j, "html");
  Result<Document> doc = InvalidInput("body needs a non-empty \"text\" or \"html\"");
  if (!text.empty()) {
    doc = ReadBytes(text, where, read, InputFormat::kText);
  } else if (!html.empty()) {
    // A JSON string is Unicode already, whatever the page's <meta> says: a UTF-8 byte-order mark wins.
    doc = ReadBytes("\xEF\xBB\xBF" + html, where, read, InputFormat::kHtml);
    if (doc.ok()) doc->id = HashHex(html);
  }
  if (!doc.ok()) return doc;
  if (std::string url = Trim(Str(j, "url")); !url.empty()) doc->url = url;
  if (std::string title = Trim(Str(j, "title")); !title.empty()) doc->title = title;
  if (std::string published = Str(j, "published"); !Trim(published).empty()) {
    std::optional<PartialDate> date = ParsePublished(published);
    if (!date) return InvalidInput("published must be a date YYYY-MM-DD (or an ISO date-time)");
    doc->published = date;
  }
  return doc;
}

// The JSON object of an actor (source or target) in a record, or nullptr.
const Json* Actor(const Json& record, const char* key) {
  auto it = record.find(key);
  return it != record.end() && it->is_object() ? &*it : nullptr;
}

ApiResponse Unavailable(const std::string& message) {
  ApiResponse r = Error(503, message);
  r.headers.emplace_back("Retry-After", "5");
  return r;
}

// The filter as the API applies it: values are plain text, with no LIKE wildcards.
EventFilter LiteralFilter(EventFilter f) {
  f.literal = true;
  f.limit = 0;
  return f;
}

}  // namespace

std::string ApiRequest::Header(const std::string& name) const {
  const std::string want = AsciiLower(name);
  for (const auto& [k, v] : headers)
    if (AsciiLower(k) == want) return v;
  return "";
}

// A reading connection from the pool; it goes back to the pool when the lease ends.
class Api::ReaderLease {
 public:
  explicit ReaderLease(Api& api) : api_(api) {}
  ~ReaderLease() {
    if (!store_) return;
    store_->ClearDeadline();
    std::lock_guard<std::mutex> lock(api_.readers_mutex_);
    if (api_.idle_readers_.size() < kMaxIdleReaders) api_.idle_readers_.push_back(std::move(store_));
  }
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;

  // A connection whose reads stop at the request's deadline.
  Status Open() {
    {
      std::lock_guard<std::mutex> lock(api_.readers_mutex_);
      if (!api_.idle_readers_.empty()) {
        store_ = std::move(api_.idle_readers_.back());
        api_.idle_readers_.pop_back();
      }
    }
    if (!store_) {
      Result<Store> s = Store::Open(api_.db_path_);
      if (!s.ok()) return s.status();
      store_ = std::make_unique<Store>(std::move(s).value());
    }
    if (api_.options_.query_seconds > 0)
      store_->SetDeadline(std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(api_.options_.query_seconds)));
    return Status::Ok();
  }
  Store& store() { return *store_; }
  // The answer to a failed read: 503 when it ran past the deadline, else 500. The connection is not
  // reused.
  ApiResponse Failed(const Status& st) {
    const bool late = store_ && store_->DeadlinePassed();
    store_.reset();
    if (late) return Unavailable("the query took longer than the server allows and was stopped; narrow the filters");
    return Error(500, st.message());
  }

 private:
  Api& api_;
  std::unique_ptr<Store> store_;
};

Api::Api(std::string db_path, const Engine* engine, ApiOptions options)
    : db_path_(std::move(db_path)), engine_(engine), options_(std::move(options)) {}

Api::~Api() = default;

ApiResponse Api::Handle(const ApiRequest& request) {
  try {
    return Route(request);
  } catch (const std::exception& e) {
    return Error(500, std::string("internal error: ") + e.what());
  } catch (...) {
    return Error(500, "internal error");
  }
}

bool Api::Authorized(const ApiRequest& request) const {
  if (options_.token.empty()) return false;
  const std::string auth = Trim(request.Header("Authorization"));
  if (auth.size() < 7 || AsciiLower(auth.substr(0, 7)) != "bearer ") return false;
  return ConstantTimeEquals(Trim(auth.substr(7)), options_.token);
}

ApiResponse Api::Route(const ApiRequest& r) {
  const std::string& path = r.path;
  const bool read = r.method == "GET" || r.method == "HEAD";
  if (path == "/healthz") {
    if (!read) return MethodNotAllowed("GET, HEAD");
    return ApiResponse{200, "text/plain; charset=utf-8", "ok", {}};
  }
  if (path != "/api" && path.rfind("/api/", 0) != 0) return Error(404, "not found");
  if (options_.protect_reads && !Authorized(r)) return Unauthorized();
  using Handler = ApiResponse (Api::*)(const ApiRequest&);
  static const std::pair<const char*, Handler> kGets[] = {
      {"/api/events", &Api::Events}, {"/api/stats", &Api::Stats},   {"/api/actors", &Api::Actors},
      {"/api/places", &Api::Places}, {"/api/export", &Api::Export},
  };
  for (const auto& [route, handler] : kGets) {
    if (path != route) continue;
    if (!read) return MethodNotAllowed("GET, HEAD");
    return (this->*handler)(r);
  }
  if (path.rfind("/api/events/", 0) == 0 && path.size() > 12 && path.find('/', 12) == std::string::npos) {
    if (!read) return MethodNotAllowed("GET, HEAD");
    if (!r.query.empty()) return Error(400, "/api/events/{id} takes no parameters");
    return OneEvent(path.substr(12));
  }
  if (path == "/api/openapi.json") {
    if (!read) return MethodNotAllowed("GET, HEAD");
    if (options_.openapi.empty()) return Error(404, "no OpenAPI document (docs/openapi.json) was found");
    return ApiResponse{200, "application/json", options_.openapi, {}};
  }
  if (path == "/api/articles") {
    if (r.method != "POST") return MethodNotAllowed("POST");
    return PostArticle(r);
  }
  return Error(404, "no such endpoint: " + path.substr(0, 200));
}

Result<std::vector<MergedEvent>> Api::Load(ReaderLease& lease, const EventQuery& q) {
  Result<std::vector<StoredEvent>> rows = lease.store().Query(LiteralFilter(q.filter));
  if (!rows.ok()) return rows.status();
  std::vector<StoredEvent>& all = rows.value();
  all.erase(
      std::remove_if(all.begin(), all.end(), [&](const StoredEvent& e) { return !PassesLiteralFilter(e, q.filter); }),
      all.end());
  std::vector<MergedEvent> events = MergeMentions(all);
  if (q.bbox) {
    events.erase(
        std::remove_if(events.begin(), events.end(),
                       [&](const MergedEvent& e) { return !e.has_location || !q.bbox->Contains(e.lon, e.lat); }),
        events.end());
  }
  return events;
}

ApiResponse Api::Events(const ApiRequest& r) {
  Result<EventQuery> q = ParseEventQuery(r.query, {"limit", "cursor"}, {options_.default_limit, options_.max_limit});
  if (!q.ok()) return Error(400, q.status().message());
  EventPageRequest page_request;
  page_request.filter = LiteralFilter(q->filter);
  if (q->bbox) page_request.within = [box = *q->bbox](double lon, double lat) { return box.Contains(lon, lat); };
  // Pages follow date, then event_id: a total order that new events do not reshuffle.
  page_request.order = EventOrder::kDateThenId;
  if (q->cursor) page_request.after = PageAfter{q->cursor->date, q->cursor->event_id};
  page_request.limit = q->limit;
  ReaderLease lease(*this);
  if (Status st = lease.Open(); !st.ok()) return Error(500, st.message());
  Result<EventPage> page = ReadEventPage(lease.store(), page_request);
  if (!page.ok()) return lease.Failed(page.status());
  ApiResponse res;
  res.body = "{\"events\":[";
  for (size_t k = 0; k < page->events.size(); ++k) {
    if (k > 0) res.body += ',';
    res.body += Dump(page->events[k].record);
  }
  res.body += "],\"next_cursor\":";
  if (page->more && !page->events.empty()) {
    const MergedEvent& last = page->events.back();
    res.body += Dump(Json(EncodeCursor(PageCursor{last.date, Str(last.record, "event_id")})));
  } else {
    res.body += "null";
  }
  res.body += "}";
  return res;
}

ApiResponse Api::OneEvent(const std::string& id) {
  // Event ids are hex digests: anything else is no id.
  const bool plausible = id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  if (!plausible) return Error(404, "no event with that id (ids are letters and digits)");
  ReaderLease lease(*this);
  if (Status st = lease.Open(); !st.ok()) return Error(500, st.message());
  Result<std::optional<MergedEvent>> event = ReadEvent(lease.store(), id);
  if (!event.ok()) return lease.Failed(event.status());
  if (!event.value()) return Error(404, "no event with id " + id.substr(0, 64));
  return JsonResponse(200, event.value()->record);
}

ApiResponse Api::Stats(const ApiRequest& r) {
  Result<EventQuery> q = ParseEventQuery(r.query, {}, {});
  if (!q.ok()) return Error(400, q.status().message());
  ReaderLease lease(*this);
  if (Status st = lease.Open(); !st.ok()) return Error(500, st.message());
  std::function<bool(double, double)> within;
  if (q->bbox) within = [box = *q->bbox](double lon, double lat) { return box.Contains(lon, lat); };
  Result<EventStats> stats = ReadEventStats(lease.store(), LiteralFilter(q->filter), within);
  if (!stats.ok()) return lease.Failed(stats.status());
  const int64_t articles = lease.store().CountArticles();
  const EventStats& s = stats.value();
  Json body;
  body["events"] = s.events;
  body["mentions"] = s.mentions;
  body["articles"] = articles;
  body["by_day"] = s.by_day;
  body["by_root"] = s.by_root;
  body["by_quad"] = s.by_quad;
  body["by_pair"] = s.by_pair;
  return JsonResponse(200, body);
}

ApiResponse Api::Actors(const ApiRequest& r) {
  Result<EventQuery> q = ParseEventQuery(r.query, {"limit"}, {});
  if (!q.ok()) return Error(400, q.status().message());
  ReaderLease lease(*this);
  if (Status st = lease.Open(); !st.ok()) return Error(500, st.message());
  Result<std::vector<MergedEvent>> loaded = Load(lease, q.value());
  if (!loaded.ok()) return lease.Failed(loaded.status());
  struct Seen {
    std::string country;
    Json sectors;
    int as_source = 0, as_target = 0;
  };
  std::map<std::string, Seen> actors;
  for (const MergedEvent& e : loaded.value()) {
    for (const char* side : {"source", "target"}) {
      const Json* a = Actor(e.record, side);
      const std::string code = a ? Str(*a, "code") : "";
      if (code.empty()) continue;
      Seen& s = actors[code];
      if (s.country.empty()) s.country = Str(*a, "country");
      if (s.sectors.is_null() && a->contains("sectors")) s.sectors = (*a)["sectors"];
      ++(side[0] == 's' ? s.as_source : s.as_target);
    }
  }
  std::vector<std::pair<std::string, const Seen*>> list;
  for (const auto& [code, s] : actors) list.emplace_back(code, &s);
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
    return a.second->as_source + a.second->as_target > b.second->as_source + b.second->as_target;
  });
  if (q->limit > 0 && list.size() > static_cast<size_t>(q->limit)) list.resize(static_cast<size_t>(q->limit));
  Json out = Json::array();
  for (const auto& [code, s] : list) {
    Json a;
    a["code"] = code;
    a["country"] = s->country.empty() ? Json() : Json(s->country);
    a["sectors"] = s->sectors.is_array() ? s->sectors : Json::array();
    a["events"] = s->as_source + s->as_target;
    a["as_source"] = s->as_source;
    a["as_target"] = s->as_target;
    out.push_back(std::move(a));
  }
  return JsonResponse(200, Json{{"actors", std::move(out)}});
}

ApiResponse Api::Places(const ApiRequest& r) {
  Result<EventQuery> q = ParseEventQuery(r.query, {"limit"}, {});
  if (!q.ok()) return Error(400, q.status().message());
  ReaderLease lease(*this);
  if (Status st = lease.Open(); !st.ok()) return Error(500, st.message());
  Result<std::vector<MergedEvent>> loaded = Load(lease, q.value());
  if (!loaded.ok()) return lease.Failed(loaded.status());
  struct Place {
    Json entry;
    int count = 0;
    size_t first = 0;
  };
  std::map<std::string, Place> places;
  size_t index = 0;
  for (const MergedEvent& e : loaded.value()) {
    ++index;
    auto it = e.record.find("location");
    if (it == e.record.end() || !it->is_object() || Str(*it, "name").empty()) continue;
    const Json& loc = *it;
    const Json gid = loc.value("geonames_id", Json());
    // One place: the same GeoNames entry, else the same name, country and coordinates.
    const std::string key = gid.is_number()
                                ? "g" + gid.dump()
                                : "n" + Str(loc, "name") + "\x1f" + Str(loc, "country") + "\x1f" +
                                      loc.value("lat", Json()).dump() + "\x1f" + loc.value("lon", Json()).dump();
    Place& p = places[key];
    if (p.count++ == 0) {
      p.first = index;
      p.entry["name"] = Str(loc, "name");
      p.entry["country"] = Str(loc, "country").empty() ? Json() : Json(Str(loc, "country"));
      p.entry["lat"] = loc.value("lat", Json());
      p.entry["lon"] = loc.value("lon", Json());
      p.entry["geonames_id"] = gid;
      p.entry["precision"] = loc.value("precision", Json());
    }
  }
  std::vector<const Place*> list;
  for (const auto& [key, p] : places) list.push_back(&p);
  std::sort(list.begin(), list.end(), [](const Place* a, const Place* b) {
    return a->count != b->count ? a->count > b->count : a->first < b->first;
  });
  if (q->limit > 0 && list.size() > static_cast<size_t>(q->limit)) list.resize(static_cast<size_t>(q->limit));
  Json out = Json::array();
  for (const Place* p : list) {
    Json entry = p->entry;
    entry["count"] = p->count;
    out.push_back(std::move(entry));
  }
  return JsonResponse(200, Json{{"places", std::move(out)}});
}

ApiResponse Api::Export(const ApiRequest& r) {
  Result<EventQuery> q = ParseEventQuery(r.query, {"format", "limit"}, {});
  if (!q.ok()) return Error(400, q.status().message());
  std::optional<EventFormat> format = ParseEventFormat(q->format);
  if (!format || *format == EventFormat::kTable) return Error(400, "format must be csv, geojson, jsonl or gdelt");
  ReaderLease lease(*this);
  if (Status st = lease.Open(); !st.ok()) return Error(500, st.message());
  std::vector<MergedEvent> events;
  if (q->limit > 0) {  // the first `limit` events in MergeMentions order, read a page's worth
    EventPageRequest page_request;
    page_request.filter = LiteralFilter(q->filter);
    if (q->bbox) page_request.within = [box = *q->bbox](double lon, double lat) { return box.Contains(lon, lat); };
    page_request.order = EventOrder::kDateThenKey;
    page_request.limit = q->limit;
    Result<EventPage> page = ReadEventPage(lease.store(), page_request);
    if (!page.ok()) return lease.Failed(page.status());
    events = std::move(page->events);
  } else {
    Result<std::vector<MergedEvent>> loaded = Load(lease, q.value());
    if (!loaded.ok()) return lease.Failed(loaded.status());
    events = std::move(loaded.value());
  }
  std::ostringstream out;
  WriteEvents(out, events, *format);
  ApiResponse res;
  res.content_type = EventFormatMediaType(*format);
  res.body = out.str();
  const std::string extension = q->format == "gdelt" ? "tsv" : q->format;
  res.headers.emplace_back("Content-Disposition", "attachment; filename=\"events." + extension + "\"");
  return res;
}

ApiResponse Api::PostArticle(const ApiRequest& r) {
  if (options_.token.empty()) return Error(403, "writes are disabled: start the server with --token-file");
  if (!Authorized(r)) return Unauthorized();
  if (r.body.size() > options_.max_body_bytes)
    return Error(413, "body is larger than " + std::to_string(options_.max_body_bytes) + " bytes");
  if (engine_ == nullptr) return Error(503, "this server cannot code articles (no engine loaded)");
  bool unsupported_type = false;
  Result<Document> doc = ReadPostedArticle(r, options_.max_body_bytes, &unsupported_type);
  if (!doc.ok()) return Error(unsupported_type ? 415 : 400, doc.status().message());
  Document& d = doc.value();
  engine_->CodeDocument(d, CodeOptions{});
  ArticleRecord rec = MakeArticleRecord(d, engine_->lexicon());
  Json ids = Json::array();
  for (const Event& e : d.events) ids.push_back(EventId(d, e));
  bool stored = false;
  if (d.skipped.empty()) {  // as ingest: an article left uncoded (another language) is not stored
    std::lock_guard<std::mutex> lock(writer_mutex_);
    if (!writer_) {
      Result<Store> s = Store::Open(db_path_);
      if (!s.ok()) return Error(500, s.status().message());
      writer_ = std::make_unique<Store>(std::move(s).value());
    }
    if (!writer_->HasArticle(d.id)) {
      if (Status st = writer_->PutArticles({rec}); !st.ok()) {
        writer_.reset();
        return Error(500, st.message());
      }
      stored = true;
    }
  }
  Json body;
  body["article_id"] = d.id;
  body["events"] = d.events.size();
  body["stored"] = stored;
  body["event_ids"] = std::move(ids);
  if (!d.skipped.empty()) body["skipped"] = d.skipped;
  return JsonResponse(stored ? 201 : 200, body);
}

}  // namespace eventcoder
