#include "store/merge.h"

#include <algorithm>
#include <map>
#include <set>

#include "dates/dates.h"

namespace eventcoder {
namespace {

using Json = nlohmann::ordered_json;

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string ActorCode(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return {};
  return Str(*it, "code");
}

std::string Host(const std::string& url) {
  size_t scheme = url.find("://");
  size_t b = scheme == std::string::npos ? 0 : scheme + 3;
  size_t e = url.find_first_of("/?#", b);
  std::string host = url.substr(b, e == std::string::npos ? std::string::npos : e - b);
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  return host;
}

int DayNumber(const std::string& date) {
  std::optional<PartialDate> d = PartialDate::Parse(date);
  if (!d || !d->day) return -1;
  return DaysFromCivil(d->year, d->month, d->day);
}

}  // namespace

std::string MergeKey(const std::string& source, const std::string& target, const std::string& root,
                     const std::string& place, const std::string& claimed_by, bool negated) {
  return source + "|" + target + "|" + root + "|" + place + "|" + claimed_by + "|" + (negated ? "n" : "a");
}

bool DatesClose(const std::string& earlier, const std::string& later) {
  const int a = DayNumber(earlier), b = DayNumber(later);
  return (a >= 0 && b >= 0) ? b - a <= 1 : earlier == later;
}

std::vector<MergedEvent> MergeMentions(const std::vector<StoredEvent>& rows) {
  struct Mention {
    Json record;
    std::string key, date;
    int day;
  };
  std::vector<Mention> mentions;
  mentions.reserve(rows.size());
  for (const StoredEvent& r : rows) {
    Json j = Json::parse(r.record, nullptr, false);
    if (j.is_discarded()) continue;
    std::string place = j.contains("location") && j["location"].is_object() ? Str(j["location"], "name") : "";
    std::string key = MergeKey(ActorCode(j, "source"), ActorCode(j, "target"), Str(j, "cameo_root"), place,
                               ActorCode(j, "claimed_by"), j.value("negated", false));
    std::string date = Str(j, "date");
    mentions.push_back(Mention{std::move(j), std::move(key), date, DayNumber(date)});
  }
  // Stable grouping: by key, then date; a new event starts when the date moves by more than a day.
  std::vector<size_t> order(mentions.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (mentions[a].key != mentions[b].key) return mentions[a].key < mentions[b].key;
    return mentions[a].date < mentions[b].date;
  });
  std::vector<std::vector<size_t>> groups;
  for (size_t idx : order) {
    const Mention& m = mentions[idx];
    if (!groups.empty()) {
      const Mention& last = mentions[groups.back().back()];
      bool same_key = last.key == m.key;
      bool close = (m.day >= 0 && last.day >= 0) ? m.day - last.day <= 1 : m.date == last.date;
      if (same_key && close) {
        groups.back().push_back(idx);
        continue;
      }
    }
    groups.push_back({idx});
  }
  std::vector<MergedEvent> out;
  out.reserve(groups.size());
  for (std::vector<size_t>& g : groups) {
    // The first mention is the earliest in input order (the store returns rows by date and article).
    std::sort(g.begin(), g.end());
    const Json& first = mentions[g[0]].record;
    MergedEvent e;
    e.record = first;
    std::set<std::string> articles, sources;
    Json list = Json::array();
    for (size_t idx : g) {
      const Json& r = mentions[idx].record;
      std::string article_id = r.contains("article") ? Str(r["article"], "id") : "";
      std::string url = r.contains("article") ? Str(r["article"], "url") : "";
      articles.insert(article_id);
      sources.insert(url.empty() ? article_id : Host(url));
      Json mention;
      mention["article"] = r.value("article", Json());
      mention["sentence_index"] = r.value("sentence_index", Json());
      mention["sentence"] = r.value("sentence", Json());
      mention["spans"] = r.value("spans", Json());
      mention["claimed_by"] = r.value("claimed_by", Json());
      mention["confidence"] = r.value("confidence", Json());
      list.push_back(std::move(mention));
    }
    e.num_mentions = static_cast<int>(g.size());
    e.num_articles = static_cast<int>(articles.size());
    e.num_sources = static_cast<int>(sources.size());
    e.record["num_mentions"] = e.num_mentions;
    e.record["num_sources"] = e.num_sources;
    e.record["num_articles"] = e.num_articles;
    e.record["mentions"] = std::move(list);
    e.date = Str(first, "date");
    e.source = ActorCode(first, "source");
    e.target = ActorCode(first, "target");
    e.cameo = Str(first, "cameo");
    e.root = Str(first, "cameo_root");
    e.claimed_by = ActorCode(first, "claimed_by");
    e.negated = first.value("negated", false);
    e.quad_class = first.contains("quad_class") && first["quad_class"].is_number() ? first["quad_class"].get<int>() : 0;
    e.goldstein = first.contains("goldstein") && first["goldstein"].is_number() ? first["goldstein"].get<double>() : 0;
    if (first.contains("location") && first["location"].is_object()) {
      const Json& loc = first["location"];
      e.place = Str(loc, "name");
      e.has_location = loc.contains("lat") && loc["lat"].is_number();
      if (e.has_location) {
        e.lat = loc["lat"].get<double>();
        e.lon = loc["lon"].get<double>();
      }
    }
    e.url = first.contains("article") ? Str(first["article"], "url") : "";
    out.push_back(std::move(e));
  }
  // Output order: by date, then the first mention's position.
  std::stable_sort(out.begin(), out.end(), [](const MergedEvent& a, const MergedEvent& b) { return a.date < b.date; });
  return out;
}

EventStats Summarize(const std::vector<MergedEvent>& events) {
  EventStats s;
  for (const MergedEvent& e : events) {
    ++s.events;
    s.mentions += e.num_mentions;
    ++s.by_day[e.date.empty() ? "undated" : e.date];
    ++s.by_root[e.root];
    ++s.by_quad[std::to_string(e.quad_class)];
    auto country = [&](const char* key) {
      auto it = e.record.find(key);
      std::string c = it != e.record.end() && it->is_object() ? Str(*it, "country") : std::string();
      if (c.empty() && it != e.record.end() && it->is_object()) c = Str(*it, "code");
      return c.empty() ? std::string("-") : c;
    };
    ++s.by_pair[country("source") + " > " + country("target")];
  }
  return s;
}

std::string GdeltHeader() {
  return "GLOBALEVENTID\tSQLDATE\tActor1Code\tActor1CountryCode\tActor2Code\tActor2CountryCode\tEventCode\t"
         "EventRootCode\tQuadClass\tGoldsteinScale\tNumMentions\tNumSources\tNumArticles\tActionGeo_FullName\t"
         "ActionGeo_CountryCode\tActionGeo_Lat\tActionGeo_Long\tClaimedBy\tNegated\tSOURCEURL";
}

std::string GdeltRow(const MergedEvent& e) {
  auto country = [&](const char* key) {
    auto it = e.record.find(key);
    return it != e.record.end() && it->is_object() ? Str(*it, "country") : std::string();
  };
  std::string date;
  for (char c : e.date)
    if (c != '-') date.push_back(c);
  char geo[64] = "";
  if (e.has_location) std::snprintf(geo, sizeof geo, "%.5f\t%.5f", e.lat, e.lon);
  else std::snprintf(geo, sizeof geo, "\t");
  std::string loc_country =
      e.record.contains("location") && e.record["location"].is_object() ? Str(e.record["location"], "country") : "";
  char gold[32];
  std::snprintf(gold, sizeof gold, "%.1f", e.goldstein);
  return Str(e.record, "event_id") + "\t" + date + "\t" + e.source + "\t" + country("source") + "\t" + e.target + "\t" +
         country("target") + "\t" + e.cameo + "\t" + e.root + "\t" + std::to_string(e.quad_class) + "\t" + gold + "\t" +
         std::to_string(e.num_mentions) + "\t" + std::to_string(e.num_sources) + "\t" + std::to_string(e.num_articles) +
         "\t" + e.place + "\t" + loc_country + "\t" + geo + "\t" + e.claimed_by + "\t" + (e.negated ? "1" : "0") + "\t" +
         e.url;
}

}  // namespace eventcoder
