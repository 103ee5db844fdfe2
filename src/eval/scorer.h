// Scorer: compares coded events with hand-made gold events and reports precision, recall and F1
// per CAMEO root, at root level and at code level. docs/evaluation.md gives the matching rules.
//
//   Scorer s;
//   s.Add(unit_id, expected, predicted);   // once per gold sentence or article
//   ScoreReport r = s.Report();
//
// Thread-safety: one Scorer per thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace eventcoder {

struct GoldEvent {
  std::string source, target;     // actor keys: country, or the actor code when it has no country; "" = none
  std::string code;               // CAMEO code
  std::string claimed_by;         // actor key or ""
  bool negated = false;
  std::string sentence;           // for article-level gold: the sentence's opening words
  std::string text;               // for reports: the sentence
};

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double Recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct ScoreReport {
  Counts root_overall, code_overall;
  std::map<std::string, Counts> by_root;  // root-level matching, per root
  int claims_checked = 0, claims_agree = 0;
  std::vector<std::string> misses;        // "unit: expected … in: sentence"
  std::vector<std::string> false_alarms;
};

class Scorer {
 public:
  // Scores one unit: greedy one-to-one matching, same sentence (when given), source, target, root, negation.
  void Add(const std::string& unit, const std::vector<GoldEvent>& expected, const std::vector<GoldEvent>& predicted);
  const ScoreReport& Report() const { return report_; }

 private:
  ScoreReport report_;
};

std::string FormatReport(const ScoreReport& r, size_t worst);

}  // namespace eventcoder
