#include "pipeline/progress.h"

#include <gtest/gtest.h>

#include <sstream>

namespace eventcoder {
namespace {

struct FakeClock {
  double now = 100;
  IngestProgress::Clock clock() {
    return [this] { return now; };
  }
};

TEST(IngestProgress, WithoutATerminalWritesOneMachineReadableLineEveryFiveSeconds) {
  std::ostringstream out;
  FakeClock t;
  IngestProgress p(out, IngestProgress::Mode::kLines, 4, t.clock());
  for (int i = 0; i < 10; ++i) p.Read();
  p.Skipped("language fr");
  p.Stored(9, 25);
  p.FilesDone(1);
  t.now = 101;
  p.Tick();
  t.now = 104.9;
  p.Tick();
  EXPECT_EQ(out.str(), "");
  t.now = 105;
  p.Tick();
  // 10 articles in 5 s; one file of four done in 5 s leaves 15 s.
  EXPECT_EQ(out.str(), "progress files=1/4 articles=10 events=25 skipped=1 rate=2.0/s eta=15s\n");
  t.now = 107;
  p.Tick();
  p.Failed(InvalidInput("b.txt: empty file"));
  p.FilesDone(3);
  t.now = 110;
  p.Tick();
  EXPECT_EQ(out.str(),
            "progress files=1/4 articles=10 events=25 skipped=1 rate=2.0/s eta=15s\n"
            "progress files=4/4 articles=11 events=25 skipped=2 rate=1.1/s eta=0s\n");
  p.Finish();
  EXPECT_EQ(out.str().find('\r'), std::string::npos);
}

TEST(IngestProgress, LinesHaveNoEtaBeforeTheFirstFileIsDone) {
  std::ostringstream out;
  FakeClock t;
  IngestProgress p(out, IngestProgress::Mode::kLines, 1, t.clock());
  p.Read();
  t.now = 106;
  p.Tick();
  EXPECT_EQ(out.str(), "progress files=0/1 articles=1 events=0 skipped=0 rate=0.2/s\n");
}

TEST(IngestProgress, NotesArePlainLinesWithoutATerminal) {
  std::ostringstream out;
  FakeClock t;
  IngestProgress p(out, IngestProgress::Mode::kLines, 1, t.clock());
  p.Note("eventcoder: skipped a.txt: empty file");
  EXPECT_EQ(out.str(), "eventcoder: skipped a.txt: empty file\n");
}

TEST(IngestProgress, OnATerminalTheStatusLineIsRewrittenInPlaceAndClearedForNotes) {
  std::ostringstream out;
  FakeClock t;
  IngestProgress p(out, IngestProgress::Mode::kTerminal, 2, t.clock());
  p.set_width(120);
  p.Read();
  p.Stored(1, 3);
  p.FilesDone();
  t.now = 100.2;
  p.Tick();
  EXPECT_EQ(out.str(), "") << "not due before a quarter of a second";
  t.now = 101;
  p.Tick();
  const std::string first = "[##########----------]  1/2 files  1 articles  1.0/s  3 events  0 skipped  ETA 0:01";
  EXPECT_EQ(out.str(), "\r" + first);
  out.str("");
  p.Note("eventcoder: skipped b.txt: empty file");
  EXPECT_EQ(out.str(), "\r" + std::string(first.size(), ' ') + "\r" + "eventcoder: skipped b.txt: empty file\n" +
                           "\r" + first);
  out.str("");
  p.Finish();
  EXPECT_EQ(out.str(), "\r" + std::string(first.size(), ' ') + "\r");
}

TEST(IngestProgress, OnANarrowTerminalTheBarGoesFirstThenTheEndOfTheLine) {
  std::ostringstream out;
  FakeClock t;
  IngestProgress p(out, IngestProgress::Mode::kTerminal, 2, t.clock());
  p.set_width(100);
  p.Read();
  p.FilesDone();
  t.now = 101;
  p.Tick();
  const std::string line = "1/2 files  1 articles  1.0/s  0 events  0 skipped  ETA 0:01";  // 59 columns
  EXPECT_EQ(out.str(), "\r[##########----------]  " + line);
  out.str("");
  p.set_width(70);
  t.now = 102;
  p.Tick();
  // Rewritten without the bar, padded over the longer line before.
  const std::string narrow = "1/2 files  1 articles  0.5/s  0 events  0 skipped  ETA 0:02";
  EXPECT_EQ(out.str(), "\r" + narrow + std::string(24, ' '));
  out.str("");
  p.set_width(30);
  t.now = 103;
  p.Tick();
  const std::string cut = "1/2 files  1 articles  0.3/s ";  // 29 columns of 59
  EXPECT_EQ(out.str(), "\r" + cut + std::string(30, ' '));
}

TEST(IngestProgress, SummaryCountsEverySkipByReasonMostFrequentFirst) {
  std::ostringstream out;
  FakeClock t;
  IngestProgress p(out, IngestProgress::Mode::kLines, 3, t.clock());
  for (int i = 0; i < 6; ++i) p.Read();
  p.AlreadyStored();
  p.Skipped("language fr");
  p.Skipped("language de");
  p.Skipped("language fr");
  p.Failed(TooLarge("big.txt: larger than the 10 MB limit"));
  p.Failed(InvalidInput("c.jsonl:3: not JSON"));
  p.Failed(NotFound("gone.txt: cannot open"));
  p.Stored(2, 7);
  t.now = 103;
  EXPECT_EQ(p.Summary("events.db: 2 articles, 7 events, 2 stories"),
            "ingest: read 6, stored 2, already stored 1, skipped 6, events stored 7 (3.0 s, 3.0 articles/s)\n"
            "ingest: skipped: language fr 2, bad input 1, language de 1, too large 1, unreadable 1\n"
            "ingest: events.db: 2 articles, 7 events, 2 stories\n");
  EXPECT_EQ(p.failed(), 3);
  EXPECT_EQ(p.skipped(), 6);
  EXPECT_EQ(p.skipped_by_reason().at("language fr"), 2);
  EXPECT_EQ(out.str(), "") << "counting writes nothing";
}

TEST(IngestProgress, SummaryWithoutSkipsHasNoReasonsLine) {
  std::ostringstream out;
  FakeClock t;
  IngestProgress p(out, IngestProgress::Mode::kLines, 1, t.clock());
  p.Read();
  p.Stored(1, 0);
  t.now = 102;
  EXPECT_EQ(p.Summary(""), "ingest: read 1, stored 1, already stored 0, skipped 0, events stored 0 (2.0 s, 0.5 articles/s)\n");
}

TEST(IngestProgress, ReadErrorsAreCountedUnderTheirKind) {
  EXPECT_EQ(ReadSkipReason(TooLarge("x")), "too large");
  EXPECT_EQ(ReadSkipReason(InvalidInput("x")), "bad input");
  EXPECT_EQ(ReadSkipReason(Unsupported("x")), "unsupported");
  EXPECT_EQ(ReadSkipReason(NotFound("x")), "unreadable");
  EXPECT_EQ(ReadSkipReason(IoError("x")), "unreadable");
}

}  // namespace
}  // namespace eventcoder
