// IngestProgress: the live progress and the final summary of a long run over many articles
// (eventcoder ingest). It counts what happened to each article and writes to a stream it is given:
//
//   kTerminal  one status line, rewritten in place with '\r' at most 4 times a second, cut to the
//              terminal's width (the bar is left out first):
//              [######--------------]  12/40 files  1234 articles  85.2/s  3456 events  12 skipped  ETA 0:42
//   kLines     for logs and pipes: one machine-readable line every 5 seconds, nothing else:
//              progress files=12/40 articles=1234 events=3456 skipped=12 rate=85.2/s eta=42s
//
//   IngestProgress progress(std::cerr, IngestProgress::Mode::kLines, inputs.size());
//   progress.Read(); progress.Skipped("language fr");        // as articles are read and coded
//   progress.Stored(63, 170); progress.FilesDone(64);         // after each batch is stored
//   progress.Tick();                                          // from a timer: draws when due
//   progress.Note("eventcoder: skipped a.txt: empty file");  // a message line, clear of the status line
//   progress.Finish();
//   std::cerr << progress.Summary("events.db: 63 articles, 170 events, 60 stories");
//
// Time comes from a clock given to the constructor (seconds, never decreasing), so tests can drive it.
// The rate is articles (read or not) per second since the start; the ETA extrapolates the share of
// input files done (none while the first file, e.g. one big JSON Lines file, is still being read).
//
// Thread-safety: every method may be called from any thread; one mutex guards the counts and the stream.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

#include "base/status.h"

namespace eventcoder {

// The reason an input that could not be read is counted under: "unreadable" (missing file, I/O error),
// "bad input" (not text, not UTF-8, a bad JSON line or WARC record …), "too large", "unsupported".
std::string ReadSkipReason(const Status& status);

class IngestProgress {
 public:
  enum class Mode { kTerminal, kLines };
  using Clock = std::function<double()>;  // seconds

  // `total_files`: the inputs to work through (files, record files), for files done/total and the ETA.
  IngestProgress(std::ostream& out, Mode mode, size_t total_files, Clock clock = SteadyClock());

  void Read();                             // an article was read
  void AlreadyStored();                    // ... and was stored before (same bytes)
  void Skipped(const std::string& reason); // ... and was not coded ("language fr")
  void Failed(const Status& status);       // an input or record that could not be read: skipped
  void Stored(long articles, long events); // articles and their events committed to the store
  void FilesDone(size_t n = 1);

  void set_width(size_t columns);          // the terminal's width (default 80); 0 keeps it
  void Tick();                             // draws the status when it is due; call it often (a timer)
  void Note(std::string_view line);        // writes a line of its own (no '\n' needed)
  void Finish();                           // clears the status line (kTerminal)

  // The final summary, three lines at most:
  //   ingest: read 3, stored 1, already stored 1, skipped 2, events stored 4 (0.8 s, 3.7 articles/s)
  //   ingest: skipped: language fr 1, bad input 1
  //   ingest: events.db: 12 articles, 40 events, 11 stories
  // The reasons line appears only when something was skipped, most frequent reason first; `database`
  // (the last line) only when not empty.
  std::string Summary(std::string_view database) const;

  long read() const;
  long stored() const;
  long already_stored() const;
  long skipped() const;  // every reason
  long failed() const;   // skipped because they could not be read
  long events() const;
  std::map<std::string, long> skipped_by_reason() const;

  static Clock SteadyClock();
  static constexpr double kTerminalInterval = 0.25;  // seconds between status lines
  static constexpr double kLinesInterval = 5.0;

 private:
  std::string StatusLine(double now) const;  // mutex held
  void Clear();                              // mutex held

  mutable std::mutex mu_;
  std::ostream& out_;
  const Mode mode_;
  const Clock clock_;
  const double start_;
  double last_draw_;
  size_t width_ = 80;
  size_t shown_ = 0;  // width of the status line on the terminal, 0 when none is shown
  size_t total_files_, files_done_ = 0;
  long read_ = 0, known_ = 0, failed_ = 0, stored_ = 0, events_ = 0;
  std::map<std::string, long> skipped_;
};

}  // namespace eventcoder
