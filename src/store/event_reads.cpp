#include "store/event_reads.h"

#include <sqlite3.h>

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace eventcoder {
namespace {

// The mentions a filter sees: Store::Query's join (a mention without its sentence row is not read).
constexpr const char* kFrom =
    " FROM events e JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence_index WHERE 1";
// The same, walking events_order: a page stops early, so the walk must be in date order from the start
// (the planner would rather use an index on a filtered column and sort every matching mention first).
constexpr const char* kFromByDate =
    " FROM events e INDEXED BY events_order JOIN sentences s ON s.article_id = e.article_id AND s.idx = "
    "e.sentence_index WHERE 1";
// The same, seeking the mentions of one merge key (kKeyIs) by date in events_merge, whatever else the
// filter names.
constexpr const char* kFromByKey =
    " FROM events e INDEXED BY events_merge JOIN sentences s ON s.article_id = e.article_id AND s.idx = "
    "e.sentence_index WHERE 1";

// The columns that decide merging and paging, without the record. Their expressions are those of the
// indexes events_order and events_merge (store.cpp, version 5).
constexpr const char* kLight =
    "e.rowid, coalesce(e.date, ''), e.event_id, coalesce(e.source_code, ''), coalesce(e.target_code, ''), e.root, "
    "coalesce(e.location_name, ''), coalesce(e.claimed_by_code, ''), e.negated, e.lat, e.lon";

// Store::Query's columns, as StoredEvent holds them.
constexpr const char* kFull =
    "e.event_id, e.article_id, e.record, coalesce(e.date, ''), coalesce(e.source_code, ''), "
    "coalesce(e.target_code, ''), e.cameo, coalesce(e.location_name, ''), coalesce(e.claimed_by_code, ''), s.text, "
    "e.lat, e.lon";

// One merge key (bound as 6 parameters, see Key::Bind).
constexpr const char* kKeyIs =
    " AND coalesce(e.source_code, '') = ? AND coalesce(e.target_code, '') = ? AND e.root = ?"
    " AND coalesce(e.location_name, '') = ? AND coalesce(e.claimed_by_code, '') = ? AND e.negated = ?";

constexpr const char* kByDate = " ORDER BY coalesce(e.date, ''), e.article_id, e.sentence_index, e.event_id";

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) {
    ok_ = sqlite3_prepare_v2(db, sql.c_str(), -1, &s_, nullptr) == SQLITE_OK;
  }
  ~Statement() { sqlite3_finalize(s_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return ok_; }
  sqlite3_stmt* get() { return s_; }
  void Reset() {
    sqlite3_reset(s_);
    next_ = 1;
  }
  void Text(const std::string& v) {
    sqlite3_bind_text(s_, next_++, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Int(int64_t v) { sqlite3_bind_int64(s_, next_++, v); }
  void Texts(const std::vector<std::string>& values) {
    for (const std::string& v : values) Text(v);
  }
  std::string Col(int i) {
    const unsigned char* t = sqlite3_column_text(s_, i);
    return t ? reinterpret_cast<const char*>(t) : "";
  }

 private:
  sqlite3_stmt* s_ = nullptr;
  bool ok_ = false;
  int next_ = 1;
};

// A mention's merge key and the columns a page needs to place it.
struct Mention {
  std::string date, event_id;
  std::string source, target, root, place, claimed_by;
  bool negated = false;
  bool has_location = false;
  double lat = 0, lon = 0;
  std::string key;  // MergeKey()

  static Mention Read(Statement& st) {
    Mention m;
    m.date = st.Col(1);
    m.event_id = st.Col(2);
    m.source = st.Col(3);
    m.target = st.Col(4);
    m.root = st.Col(5);
    m.place = st.Col(6);
    m.claimed_by = st.Col(7);
    m.negated = sqlite3_column_int(st.get(), 8) != 0;
    m.has_location = sqlite3_column_type(st.get(), 9) != SQLITE_NULL;
    m.lat = sqlite3_column_double(st.get(), 9);
    m.lon = sqlite3_column_double(st.get(), 10);
    m.key = MergeKey(m.source, m.target, m.root, m.place, m.claimed_by, m.negated);
    return m;
  }
  void BindKey(Statement& st) const {
    st.Text(source);
    st.Text(target);
    st.Text(root);
    st.Text(place);
    st.Text(claimed_by);
    st.Int(negated ? 1 : 0);
  }
};

StoredEvent ReadStored(Statement& st) {
  StoredEvent e;
  e.event_id = st.Col(0);
  e.article_id = st.Col(1);
  e.record = st.Col(2);
  e.date = st.Col(3);
  e.source = st.Col(4);
  e.target = st.Col(5);
  e.cameo = st.Col(6);
  e.place = st.Col(7);
  e.claimed_by = st.Col(8);
  e.sentence = st.Col(9);
  e.has_location = sqlite3_column_type(st.get(), 10) != SQLITE_NULL;
  e.lat = sqlite3_column_double(st.get(), 10);
  e.lon = sqlite3_column_double(st.get(), 11);
  return e;
}

// A LIKE operand matching `value` literally: \ % and _ escaped (the clause adds ESCAPE '\').
std::string EscapeLike(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '%' || c == '_') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string EventFilterSql(const EventFilter& f, std::vector<std::string>* args) {
  std::string sql;
  const char* escape = f.literal ? " ESCAPE '\\'" : "";
  auto like = [&](const std::string& v) { return f.literal ? EscapeLike(v) : v; };
  // An actor: a code prefix or a country, on one or more sides.
  auto actor = [&](std::initializer_list<const char*> sides, const std::string& v) {
    sql += " AND (";
    bool first = true;
    for (const char* side : sides) {
      if (!first) sql += " OR ";
      first = false;
      sql += std::string("e.") + side + "_code LIKE ? || '%'" + escape + " OR e." + side + "_country = ?";
      args->push_back(like(v));
      args->push_back(v);
    }
    sql += ")";
  };
  if (!f.from.empty()) {
    sql += " AND e.date >= ?";
    args->push_back(f.from);
  }
  if (!f.to.empty()) {
    sql += " AND substr(e.date, 1, length(?)) <= ?";
    args->push_back(f.to);
    args->push_back(f.to);
  }
  if (!f.source.empty()) actor({"source"}, f.source);
  if (!f.target.empty()) actor({"target"}, f.target);
  if (!f.actor.empty()) actor({"source", "target"}, f.actor);
  if (!f.code.empty()) {
    sql += std::string(" AND e.cameo LIKE ? || '%'") + escape;
    args->push_back(like(f.code));
  }
  if (!f.root.empty()) {
    sql += " AND e.root = ?";
    args->push_back(f.root.size() == 1 ? "0" + f.root : f.root);
  }
  if (f.quad) {
    sql += " AND e.quad_class = ?";
    args->push_back(std::to_string(f.quad));
  }
  if (!f.plover.empty()) {
    sql += " AND e.plover_type = ? COLLATE NOCASE";
    args->push_back(f.plover);
  }
  if (!f.place.empty()) {
    sql += " AND e.location_name = ? COLLATE NOCASE";
    args->push_back(f.place);
  }
  if (!f.claimed_by.empty()) actor({"claimed_by"}, f.claimed_by);
  if (f.negated) {
    sql += " AND e.negated = ?";
    args->push_back(*f.negated ? "1" : "0");
  }
  if (!f.text.empty()) {
    sql += std::string(" AND s.text LIKE '%' || ? || '%'") + escape;
    args->push_back(like(f.text));
  }
  return sql;
}

// Reads merged events through a Store's connection (a friend of Store).
class EventReader {
 public:
  explicit EventReader(const Store& store) : store_(store), db_(store.db_) {}

  Result<EventPage> Page(const EventPageRequest& req) {
    if (req.limit <= 0) return WholePage(req);
    std::vector<std::string> args;
    const std::string where = EventFilterSql(req.filter, &args);
    const bool after = req.after && req.order == EventOrder::kDateThenId;
    std::string sql = std::string("SELECT ") + kLight + kFromByDate + where;
    if (after) sql += " AND coalesce(e.date, '') >= ?";
    Statement scan(db_, sql + kByDate);
    Statement before(db_, std::string("SELECT coalesce(e.date, '')") + kFromByKey + where + kKeyIs +
                              " AND coalesce(e.date, '') < ? ORDER BY coalesce(e.date, '') DESC LIMIT 1");
    if (Status st = Check(scan); !st.ok()) return st;
    if (Status st = Check(before); !st.ok()) return st;
    scan.Texts(args);
    if (after) scan.Text(req.after->date);
    // The latest date seen of each key; a key not seen yet is looked up before the walk's position.
    std::unordered_map<std::string, std::string> latest;
    std::vector<Mention> starts;
    const size_t want = static_cast<size_t>(req.limit) + 1;  // one more tells whether more follow
    int rc;
    while ((rc = sqlite3_step(scan.get())) == SQLITE_ROW) {
      Mention m = Mention::Read(scan);
      // Events are ordered within a date by id or key: the walk ends at a date after `want` events.
      if (starts.size() >= want && m.date != starts.back().date) break;
      bool starts_event;
      if (auto it = latest.find(m.key); it != latest.end()) {
        starts_event = !DatesClose(it->second, m.date);
        it->second = m.date;
      } else {
        before.Reset();
        before.Texts(args);
        m.BindKey(before);
        before.Text(m.date);
        const int b = sqlite3_step(before.get());
        if (b != SQLITE_ROW && b != SQLITE_DONE) return Failure("events");
        starts_event = b == SQLITE_DONE || !DatesClose(before.Col(0), m.date);
        latest.emplace(m.key, m.date);
      }
      if (!starts_event) continue;
      if (after && std::tie(m.date, m.event_id) <= std::tie(req.after->date, req.after->event_id)) continue;
      if (req.within && (!m.has_location || !req.within(m.lon, m.lat))) continue;
      starts.push_back(std::move(m));
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Failure("events");
    std::stable_sort(starts.begin(), starts.end(), [&](const Mention& a, const Mention& b) {
      if (a.date != b.date) return a.date < b.date;
      return req.order == EventOrder::kDateThenId ? a.event_id < b.event_id : a.key < b.key;
    });
    EventPage page;
    page.more = starts.size() > static_cast<size_t>(req.limit);
    if (page.more) starts.resize(static_cast<size_t>(req.limit));
    Statement group(db_, std::string("SELECT ") + kFull + kFromByKey + where + kKeyIs +
                             " AND coalesce(e.date, '') >= ?" + kByDate);
    if (Status st = Check(group); !st.ok()) return st;
    for (const Mention& s : starts) {
      Result<std::optional<MergedEvent>> e = Group(group, args, s, s.date);
      if (!e.ok()) return e.status();
      if (e.value()) page.events.push_back(std::move(*e.value()));
    }
    return page;
  }

  Result<std::optional<MergedEvent>> One(const std::string& id) {
    Statement find(db_, std::string("SELECT ") + kLight + kFrom + " AND e.event_id = ?");
    if (Status st = Check(find); !st.ok()) return st;
    find.Text(id);
    const int rc = sqlite3_step(find.get());
    if (rc == SQLITE_DONE) return std::optional<MergedEvent>();
    if (rc != SQLITE_ROW) return Failure("event");
    const Mention m = Mention::Read(find);
    // Back from the mention's date to the first date of its event: dates of its key, latest first,
    // while each is within a day of the one after it.
    Statement back(db_, std::string("SELECT DISTINCT coalesce(e.date, '')") + kFromByKey + kKeyIs +
                            " AND coalesce(e.date, '') < ? ORDER BY 1 DESC");
    if (Status st = Check(back); !st.ok()) return st;
    m.BindKey(back);
    back.Text(m.date);
    std::string first = m.date;
    int b;
    while ((b = sqlite3_step(back.get())) == SQLITE_ROW) {
      std::string date = back.Col(0);
      if (!DatesClose(date, first)) break;
      first = std::move(date);
    }
    if (b != SQLITE_ROW && b != SQLITE_DONE) return Failure("event");
    Statement group(db_, std::string("SELECT ") + kFull + kFromByKey + kKeyIs + " AND coalesce(e.date, '') >= ?" +
                             kByDate);
    if (Status st = Check(group); !st.ok()) return st;
    return Group(group, {}, m, first);
  }

  Result<EventStats> Stats(const EventFilter& filter, const std::function<bool(double, double)>& within) {
    std::vector<std::string> args;
    const std::string where = EventFilterSql(filter, &args);
    // Mentions by key, then in the order MergeMentions takes the first of an event from.
    Statement st(db_, std::string("SELECT ") + kLight +
                          ", coalesce(e.quad_class, 0), coalesce(nullif(e.source_country, ''), "
                          "nullif(e.source_code, ''), '-'), coalesce(nullif(e.target_country, ''), "
                          "nullif(e.target_code, ''), '-')" +
                          kFrom + where +
                          " ORDER BY coalesce(e.source_code, ''), coalesce(e.target_code, ''), e.root, "
                          "coalesce(e.location_name, ''), coalesce(e.claimed_by_code, ''), e.negated, "
                          "coalesce(e.date, ''), e.article_id, e.sentence_index, e.event_id");
    if (Status s = Check(st); !s.ok()) return s;
    st.Texts(args);
    EventStats out;
    std::string key, last_date;
    bool counted = false;  // the current event passed `within`
    int rc;
    while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
      const Mention m = Mention::Read(st);
      const bool continues = !key.empty() && m.key == key && DatesClose(last_date, m.date);
      key = m.key;
      last_date = m.date;
      if (continues) {
        if (counted) ++out.mentions;
        continue;
      }
      counted = !within || (m.has_location && within(m.lon, m.lat));
      if (!counted) continue;
      ++out.events;
      ++out.mentions;
      ++out.by_day[m.date.empty() ? "undated" : m.date];
      ++out.by_root[m.root];
      ++out.by_quad[std::to_string(sqlite3_column_int(st.get(), 11))];
      ++out.by_pair[st.Col(12) + " > " + st.Col(13)];
    }
    if (rc != SQLITE_DONE) return Failure("stats");
    return out;
  }

 private:
  // limit 0: every event, merged in memory as Store::Query and MergeMentions give them.
  Result<EventPage> WholePage(const EventPageRequest& req) {
    EventFilter f = req.filter;
    f.limit = 0;
    Result<std::vector<StoredEvent>> rows = store_.Query(f);
    if (!rows.ok()) return rows.status();
    EventPage page;
    page.events = MergeMentions(rows.value());
    std::erase_if(page.events, [&](const MergedEvent& e) {
      if (req.within && (!e.has_location || !req.within(e.lon, e.lat))) return true;
      return false;
    });
    if (req.order == EventOrder::kDateThenId) {
      auto id = [](const MergedEvent& e) {
        auto it = e.record.find("event_id");
        return it != e.record.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      std::vector<std::pair<std::string, size_t>> ids;
      std::vector<MergedEvent> sorted;
      ids.reserve(page.events.size());
      for (size_t i = 0; i < page.events.size(); ++i) ids.emplace_back(id(page.events[i]), i);
      std::stable_sort(ids.begin(), ids.end(), [&](const auto& a, const auto& b) {
        return std::tie(page.events[a.second].date, a.first) < std::tie(page.events[b.second].date, b.first);
      });
      for (const auto& [event_id, i] : ids) {
        if (req.after && std::tie(page.events[i].date, event_id) <= std::tie(req.after->date, req.after->event_id))
          continue;
        sorted.push_back(std::move(page.events[i]));
      }
      page.events = std::move(sorted);
    }
    return page;
  }

  // The event of key `m.key` whose first date is `first`: its mentions passing the filter, from that
  // date on while each is within a day of the one before.
  Result<std::optional<MergedEvent>> Group(Statement& group, const std::vector<std::string>& args, const Mention& m,
                                           const std::string& first) {
    if (store_.DeadlinePassed()) return Failure("events");
    group.Reset();
    group.Texts(args);
    m.BindKey(group);
    group.Text(first);
    std::vector<StoredEvent> rows;
    int rc;
    while ((rc = sqlite3_step(group.get())) == SQLITE_ROW) {
      StoredEvent e = ReadStored(group);
      if (!rows.empty() && !DatesClose(rows.back().date, e.date)) break;
      rows.push_back(std::move(e));
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Failure("events");
    std::vector<MergedEvent> merged = MergeMentions(rows);
    if (merged.empty()) return std::optional<MergedEvent>();
    return std::optional<MergedEvent>(std::move(merged.front()));
  }

  Status Check(Statement& st) {
    if (!st.ok()) return Failure("query");
    if (store_.DeadlinePassed()) return Failure("query");
    return Status::Ok();
  }

  Status Failure(const char* what) const {
    if (store_.DeadlinePassed())
      return IoError(store_.path_ + ": " + what + ": interrupted: the query ran past its deadline");
    return IoError(store_.path_ + ": " + what + ": " + sqlite3_errmsg(db_));
  }

  const Store& store_;
  sqlite3* db_;
};

Result<EventPage> ReadEventPage(const Store& store, const EventPageRequest& request) {
  return EventReader(store).Page(request);
}

Result<std::optional<MergedEvent>> ReadEvent(const Store& store, const std::string& event_id) {
  return EventReader(store).One(event_id);
}

Result<EventStats> ReadEventStats(const Store& store, const EventFilter& filter,
                                  const std::function<bool(double lon, double lat)>& within) {
  return EventReader(store).Stats(filter, within);
}

}  // namespace eventcoder
