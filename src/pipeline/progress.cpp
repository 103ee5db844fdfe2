#include "pipeline/progress.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace eventcoder {
namespace {

std::string Fixed1(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

// 42 -> "0:42", 3725 -> "1:02:05".
std::string Duration(long seconds) {
  char buf[32];
  if (seconds >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60, seconds % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", seconds / 60, seconds % 60);
  return buf;
}

}  // namespace

std::string ReadSkipReason(const Status& status) {
  switch (status.code()) {
    case StatusCode::kTooLarge: return "too large";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kInvalidInput: return "bad input";
    default: return "unreadable";
  }
}

IngestProgress::Clock IngestProgress::SteadyClock() {
  return [] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  };
}

IngestProgress::IngestProgress(std::ostream& out, Mode mode, size_t total_files, Clock clock)
    : out_(out), mode_(mode), clock_(std::move(clock)), start_(clock_()), last_draw_(start_),
      total_files_(total_files) {}

void IngestProgress::Read() {
  std::lock_guard lock(mu_);
  ++read_;
}

void IngestProgress::AlreadyStored() {
  std::lock_guard lock(mu_);
  ++known_;
}

void IngestProgress::Skipped(const std::string& reason) {
  std::lock_guard lock(mu_);
  ++skipped_[reason];
}

void IngestProgress::Failed(const Status& status) {
  std::lock_guard lock(mu_);
  ++failed_;
  ++skipped_[ReadSkipReason(status)];
}

void IngestProgress::Stored(long articles, long events) {
  std::lock_guard lock(mu_);
  stored_ += articles;
  events_ += events;
}

void IngestProgress::set_width(size_t columns) {
  std::lock_guard lock(mu_);
  if (columns > 0) width_ = columns;
}

void IngestProgress::FilesDone(size_t n) {
  std::lock_guard lock(mu_);
  files_done_ = std::min(total_files_, files_done_ + n);
}

std::string IngestProgress::StatusLine(double now) const {
  const double elapsed = now - start_;
  const long articles = read_ + failed_;
  const double rate = elapsed > 0 ? static_cast<double>(articles) / elapsed : 0;
  long skipped = 0;
  for (const auto& [reason, n] : skipped_) skipped += n;
  long eta = -1;
  if (files_done_ > 0 && total_files_ > 0)
    eta = static_cast<long>(elapsed * static_cast<double>(total_files_ - files_done_) /
                                static_cast<double>(files_done_) + 0.5);
  const std::string files = std::to_string(files_done_) + "/" + std::to_string(total_files_);
  if (mode_ == Mode::kLines) {
    std::string line = "progress files=" + files + " articles=" + std::to_string(articles) +
                       " events=" + std::to_string(events_) + " skipped=" + std::to_string(skipped) +
                       " rate=" + Fixed1(rate) + "/s";
    if (eta >= 0) line += " eta=" + std::to_string(eta) + "s";
    return line;
  }
  std::string line = files + " files  " + std::to_string(articles) + " articles  " + Fixed1(rate) + "/s  " +
                     std::to_string(events_) + " events  " + std::to_string(skipped) + " skipped";
  if (eta >= 0) line += "  ETA " + Duration(eta);
  // The line must fit the terminal, or '\r' no longer returns to its start: the bar goes first, then
  // the end of the line.
  const size_t room = width_ > 1 ? width_ - 1 : 1;
  constexpr size_t kBar = 20;
  if (total_files_ > 0 && line.size() + kBar + 4 <= room) {
    size_t filled = kBar * files_done_ / total_files_;
    line = "[" + std::string(filled, '#') + std::string(kBar - filled, '-') + "]  " + line;
  }
  if (line.size() > room) line.resize(room);
  return line;
}

void IngestProgress::Clear() {
  if (shown_ == 0) return;
  out_ << '\r' << std::string(shown_, ' ') << '\r';
  shown_ = 0;
}

void IngestProgress::Tick() {
  std::lock_guard lock(mu_);
  const double now = clock_();
  const double interval = mode_ == Mode::kTerminal ? kTerminalInterval : kLinesInterval;
  if (now - last_draw_ < interval) return;
  last_draw_ = now;
  std::string line = StatusLine(now);
  if (mode_ == Mode::kLines) {
    out_ << line << '\n';
  } else {
    // Spaces wipe what is left of a longer previous line.
    out_ << '\r' << line << std::string(shown_ > line.size() ? shown_ - line.size() : 0, ' ');
    shown_ = line.size();
  }
  out_.flush();
}

void IngestProgress::Note(std::string_view line) {
  std::lock_guard lock(mu_);
  const bool redraw = shown_ > 0;
  Clear();
  out_ << line << '\n';
  if (redraw) {
    std::string status = StatusLine(clock_());
    out_ << '\r' << status;
    shown_ = status.size();
  }
  out_.flush();
}

void IngestProgress::Finish() {
  std::lock_guard lock(mu_);
  Clear();
  out_.flush();
}

std::string IngestProgress::Summary(std::string_view database) const {
  std::lock_guard lock(mu_);
  const double elapsed = clock_() - start_;
  long skipped = 0;
  for (const auto& [reason, n] : skipped_) skipped += n;
  const long articles = read_ + failed_;
  std::string s = "ingest: read " + std::to_string(read_) + ", stored " + std::to_string(stored_) +
                  ", already stored " + std::to_string(known_) + ", skipped " + std::to_string(skipped) +
                  ", events stored " + std::to_string(events_) + " (" + Fixed1(elapsed) + " s, " +
                  Fixed1(elapsed > 0 ? static_cast<double>(articles) / elapsed : 0) + " articles/s)\n";
  if (skipped > 0) {
    std::vector<std::pair<std::string, long>> reasons(skipped_.begin(), skipped_.end());
    std::stable_sort(reasons.begin(), reasons.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    s += "ingest: skipped:";
    for (size_t i = 0; i < reasons.size(); ++i)
      s += (i ? ", " : " ") + reasons[i].first + " " + std::to_string(reasons[i].second);
    s += "\n";
  }
  if (!database.empty()) s += "ingest: " + std::string(database) + "\n";
  return s;
}

long IngestProgress::read() const {
  std::lock_guard lock(mu_);
  return read_;
}

long IngestProgress::stored() const {
  std::lock_guard lock(mu_);
  return stored_;
}

long IngestProgress::already_stored() const {
  std::lock_guard lock(mu_);
  return known_;
}

long IngestProgress::skipped() const {
  std::lock_guard lock(mu_);
  long n = 0;
  for (const auto& [reason, count] : skipped_) n += count;
  return n;
}

long IngestProgress::failed() const {
  std::lock_guard lock(mu_);
  return failed_;
}

long IngestProgress::events() const {
  std::lock_guard lock(mu_);
  return events_;
}

std::map<std::string, long> IngestProgress::skipped_by_reason() const {
  std::lock_guard lock(mu_);
  return skipped_;
}

}  // namespace eventcoder
