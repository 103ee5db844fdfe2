#include "eval/scorer.h"

#include <cstdio>
#include <sstream>

namespace eventcoder {
namespace {

std::string Root(const std::string& code) { return code.substr(0, 2); }

bool SameSentence(const GoldEvent& e, const GoldEvent& p) {
  if (e.sentence.empty()) return true;
  return p.text.compare(0, e.sentence.size(), e.sentence) == 0;
}

bool CodePrefix(const std::string& a, const std::string& b) {
  return a.compare(0, std::min(a.size(), b.size()), b, 0, std::min(a.size(), b.size())) == 0;
}

std::string Describe(const GoldEvent& e) {
  return (e.source.empty() ? "-" : e.source) + " " + e.code + (e.negated ? " (negated)" : "") + " " +
         (e.target.empty() ? "-" : e.target) + (e.claimed_by.empty() ? "" : " claimed by " + e.claimed_by);
}

}  // namespace

void Scorer::Add(const std::string& unit, const std::vector<GoldEvent>& expected, const std::vector<GoldEvent>& predicted) {
  for (int level = 0; level < 2; ++level) {
    std::vector<bool> used(predicted.size(), false);
    Counts& overall = level == 0 ? report_.root_overall : report_.code_overall;
    for (const GoldEvent& e : expected) {
      int hit = -1;
      // Prefer a prediction that also gets the full code right.
      for (int pass = 0; pass < 2 && hit < 0; ++pass) {
        for (size_t i = 0; i < predicted.size(); ++i) {
          const GoldEvent& p = predicted[i];
          if (used[i] || !SameSentence(e, p) || p.source != e.source || p.target != e.target ||
              Root(p.code) != Root(e.code) || p.negated != e.negated)
            continue;
          bool code_ok = CodePrefix(p.code, e.code);
          if ((level == 1 || pass == 0) && !code_ok) continue;
          hit = static_cast<int>(i);
          break;
        }
      }
      if (hit >= 0) {
        used[hit] = true;
        ++overall.tp;
        if (level == 0) {
          ++report_.by_root[Root(e.code)].tp;
          ++report_.claims_checked;
          if (predicted[hit].claimed_by == e.claimed_by) ++report_.claims_agree;
        }
      } else {
        ++overall.fn;
        if (level == 0) {
          ++report_.by_root[Root(e.code)].fn;
          report_.misses.push_back(unit + ": missed " + Describe(e) + (e.text.empty() ? "" : "  in: " + e.text));
        }
      }
    }
    for (size_t i = 0; i < predicted.size(); ++i) {
      if (used[i]) continue;
      ++overall.fp;
      if (level == 0) {
        ++report_.by_root[Root(predicted[i].code)].fp;
        report_.false_alarms.push_back(unit + ": extra " + Describe(predicted[i]) + "  in: " + predicted[i].text);
      }
    }
  }
}

std::string FormatReport(const ScoreReport& r, size_t worst) {
  std::ostringstream out;
  char line[200];
  out << "root  name-level  expected  coded  matched  precision  recall  F1\n";
  for (const auto& [root, c] : r.by_root) {
    std::snprintf(line, sizeof line, "%-4s  %-10s  %8d  %5d  %7d  %9.2f  %6.2f  %4.2f\n", root.c_str(), "", c.tp + c.fn,
                  c.tp + c.fp, c.tp, c.Precision(), c.Recall(), c.F1());
    out << line;
  }
  const Counts& a = r.root_overall;
  std::snprintf(line, sizeof line, "root-level overall: precision %.3f recall %.3f F1 %.3f (%d expected, %d coded, %d matched)\n",
                a.Precision(), a.Recall(), a.F1(), a.tp + a.fn, a.tp + a.fp, a.tp);
  out << line;
  const Counts& b = r.code_overall;
  std::snprintf(line, sizeof line, "code-level overall: precision %.3f recall %.3f F1 %.3f\n", b.Precision(), b.Recall(), b.F1());
  out << line;
  if (r.claims_checked) {
    std::snprintf(line, sizeof line, "claimed_by agrees on %d of %d matched events\n", r.claims_agree, r.claims_checked);
    out << line;
  }
  if (worst) {
    out << "misses:\n";
    for (size_t i = 0; i < r.misses.size() && i < worst; ++i) out << "  " << r.misses[i] << "\n";
    out << "extra events:\n";
    for (size_t i = 0; i < r.false_alarms.size() && i < worst; ++i) out << "  " << r.false_alarms[i] << "\n";
  }
  return out.str();
}

}  // namespace eventcoder
