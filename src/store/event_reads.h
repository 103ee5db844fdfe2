// Reads of merged events (merge.h) whose cost follows the size of the answer, not of the database:
// a page of events, one event by id, and the counts of `stats`. Each gives exactly what MergeMentions
// gives for the mentions passing the filter (the same groups, records, order and num_* counts); the
// filter works on mentions before they are merged, as in Store::Query.
//
//   EventPageRequest req;
//   req.filter.root = "19";
//   req.limit = 50;
//   Result<EventPage> page = ReadEventPage(store, req);       // page->more: events follow the last one
//   req.after = PageAfter{page->events.back().date, Str(page->events.back().record, "event_id")};
//
// How: a mention starts an event when the previous mention of its merge key (by date) is not within a
// day of it (DatesClose). A page walks the matching mentions by date through the index events_order,
// deciding for each whether it starts an event (looking up the mention before it through events_merge
// when the walk has not seen its key yet), until the page's events are known; then reads each event's
// mentions by key from its first date on. Schema and indexes: docs/store.md.
// Thread-safety: as Store (one Store per thread).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/merge.h"
#include "store/store.h"

namespace eventcoder {

enum class EventOrder {
  kDateThenId,   // date, then the event_id of the event's first mention (the HTTP API's pages)
  kDateThenKey,  // date, then merge key: the order of MergeMentions (`eventcoder query`, exports)
};

// The position after which a page starts (kDateThenId): the date and event_id of the last event shown.
struct PageAfter {
  std::string date, event_id;
};

struct EventPageRequest {
  EventFilter filter;  // filter.limit is ignored
  // When set, only events whose first mention has a location for which this is true (a bounding box).
  std::function<bool(double lon, double lat)> within;
  EventOrder order = EventOrder::kDateThenId;
  std::optional<PageAfter> after;  // kDateThenId only
  int limit = 0;                   // events; 0: all of them
};

struct EventPage {
  std::vector<MergedEvent> events;
  bool more = false;  // events follow the last one
};

Result<EventPage> ReadEventPage(const Store& store, const EventPageRequest& request);

// The merged event (over every stored mention) holding the mention `event_id`; nullopt when no
// mention has that id.
Result<std::optional<MergedEvent>> ReadEvent(const Store& store, const std::string& event_id);

// Summarize() of the merged events passing `filter` (and `within`, as in EventPageRequest), read from
// indexed columns without the records.
Result<EventStats> ReadEventStats(const Store& store, const EventFilter& filter,
                                  const std::function<bool(double lon, double lat)>& within = nullptr);

// The conditions of `filter` as SQL to append to "... FROM events e JOIN sentences s ... WHERE 1",
// starting with " AND"; the values to bind, in order, are appended to `args`.
std::string EventFilterSql(const EventFilter& filter, std::vector<std::string>* args);

}  // namespace eventcoder
