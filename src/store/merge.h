// Event merging: the same event told by several sentences, articles and outlets becomes one stored event
// with every mention, like GDELT's NumMentions / NumSources / NumArticles (shared/design/event-schema.md,
// "Stored events").
//
//   std::vector<MergedEvent> merged = MergeMentions(rows);   // rows from Store::Query
//
// Two mentions are the same event when source, target, CAMEO root, place, claimed_by and negated agree and
// their dates are at most one day apart (partial dates must be equal). A claim never merges with its
// denial, nor one side's allegation with the other's.
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace eventcoder {

struct MergedEvent {
  nlohmann::ordered_json record;      // the first mention's record plus num_* and mentions
  std::string date, source, target, cameo, root, place, claimed_by;
  bool negated = false;
  bool has_location = false;
  double lat = 0, lon = 0;
  int num_mentions = 0, num_sources = 0, num_articles = 0;
  int quad_class = 0;
  double goldstein = 0;
  std::string url;                    // the first mention's article URL, if any
};

std::vector<MergedEvent> MergeMentions(const std::vector<StoredEvent>& rows);

// The merge key of a mention: mentions with equal keys are one event when their dates are close.
// Keys order MergeMentions' output among events of one date (byte order of this string).
std::string MergeKey(const std::string& source, const std::string& target, const std::string& root,
                     const std::string& place, const std::string& claimed_by, bool negated);

// True when a mention dated `later` continues an event whose latest mention is dated `earlier`
// (earlier <= later as text): full dates at most one day apart, other dates (partial, empty) equal.
bool DatesClose(const std::string& earlier, const std::string& later);

// Counts for `eventcoder stats` and the API: per day, per root, per quad class, per source→target country pair.
struct EventStats {
  std::map<std::string, int> by_day, by_root, by_quad, by_pair;
  int events = 0, mentions = 0;
};
EventStats Summarize(const std::vector<MergedEvent>& events);

// GDELT 1.0-style tab-separated line for a merged event (columns: docs/store.md).
std::string GdeltHeader();
std::string GdeltRow(const MergedEvent& e);

}  // namespace eventcoder
