#include "coder/coder.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <unordered_set>

#include "coder/analysis.h"
#include "dates/dates.h"

namespace eventcoder {
namespace {

using internal::AnalysisContext;
using internal::Group;
using internal::PlaceMention;
using internal::SentenceAnalysis;

struct Match {
  uint32_t pattern = 0;
  uint32_t trigger = 0;  // first token
  uint32_t end = 0;      // one past the last matched token
  int tgt_group = -1, tgt_place = -1, src_group = -1;
  bool reciprocal = false;
  bool tgt_pronoun = false;             // the TGT slot holds "them", "him", "her" or "it"
  uint32_t tgt_begin = 0, tgt_end = 0;  // token span of the target evidence
};

const std::unordered_set<std::string> kPrepositions = {
    "in", "of", "with", "by", "for", "from", "to", "against", "on", "at", "between", "over",
    "than", "near", "about", "across", "among", "into", "toward", "towards", "under", "without", "including",
    "like", "via", "despite", "during", "through", "behind", "upon", "amid", "per"};

const std::unordered_set<std::string> kNounContext = {
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those", "of", "for", "with", "new",
    "fresh", "further", "more", "many", "several", "any", "some", "such", "other", "'s", "recent", "latest",
    "first", "last", "major", "heavy", "deadly", "massive", "no", "every", "each", "mutual", "in", "on",
    "two", "three", "numerous", "continued", "continuous", "ongoing", "repeated", "alleged",
    // Prepositions that take a noun, not a finite verb ("during raids", "amid clashes").
    "during", "amid", "amidst", "despite", "after", "before", "against", "following", "between", "among"};

// The entry of a target the text does not name, taken from where the act happened or the only country named.
constexpr const char* kImpliedTarget = "implied target: the country of the act";

const std::unordered_set<std::string> kBe = {"was", "were", "is", "are", "been", "being", "be", "get", "got", "gets"};

bool IsBoundaryPunct(const Token& t) {
  return t.kind == TokenKind::kPunct && (t.lower == ";" || t.lower == ":" || t.lower == "\"" || t.lower == "(" ||
                                         t.lower == ")" || t.lower == "." || t.lower == "?" || t.lower == "!");
}

struct SentenceCtx {
  std::string_view text;
  const std::vector<Token>& tokens;
  const SentenceAnalysis& an;
  const Lexicon& lex;
  std::vector<uint32_t> time_end;  // token -> end of the time adverbial starting there (0: none)
};

// "on Sunday", "over the weekend", "early on Tuesday", "last week", "on March 3": a time adverbial that news
// style puts between a verb and its complement ("threatened on Sunday to impose tariffs"). Returns its end,
// or 0 when none starts at i.
uint32_t TimeAdverbialEnd(const std::vector<Token>& t, size_t i) {
  static const std::unordered_set<std::string> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend"};
  static const std::unordered_set<std::string> kMonths = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december"};
  static const std::unordered_set<std::string> kParts = {"night", "morning", "evening", "afternoon"};
  size_t k = i;
  auto at = [&](size_t q) -> const std::string& {
    static const std::string kNone;
    return q < t.size() ? t[q].lower : kNone;
  };
  if (at(k) == "early" || at(k) == "late" || at(k) == "earlier" || at(k) == "later") ++k;
  if (at(k) == "last" || at(k) == "this" || at(k) == "next") {
    if (at(k + 1) == "week" || at(k + 1) == "month" || at(k + 1) == "year" || at(k + 1) == "weekend" ||
        kDays.count(at(k + 1)))
      return static_cast<uint32_t>(k + 2);
    return 0;
  }
  if (at(k) != "on" && at(k) != "over") return 0;
  ++k;
  if (at(k) == "the") ++k;
  if (kDays.count(at(k))) {
    ++k;
    if (kParts.count(at(k))) ++k;
    return static_cast<uint32_t>(k);
  }
  if (kMonths.count(at(k)) && k + 1 < t.size() && t[k + 1].kind == TokenKind::kNumber) return static_cast<uint32_t>(k + 2);
  return 0;
}

std::vector<uint32_t> TimeAdverbials(const std::vector<Token>& t) {
  std::vector<uint32_t> out(t.size(), 0);
  for (size_t i = 0; i < t.size(); ++i) out[i] = TimeAdverbialEnd(t, i);
  return out;
}

bool WordMatches(const Token& t, std::string_view w) { return t.lower == w || t.lemma == w; }

// Matches the words of one alternative ("cease fire" is two) at pos; returns the end or -1.
int MatchWords(const SentenceCtx& c, std::string_view alt, size_t pos) {
  size_t start = 0;
  while (start <= alt.size()) {
    size_t sp = alt.find(' ', start);
    std::string_view w = alt.substr(start, sp == std::string_view::npos ? std::string_view::npos : sp - start);
    if (!w.empty()) {
      if (pos >= c.tokens.size() || !WordMatches(c.tokens[pos], w)) return -1;
      ++pos;
    }
    if (sp == std::string_view::npos) break;
    start = sp + 1;
  }
  return static_cast<int>(pos);
}

bool MatchSlot(const SentenceCtx& c, const VerbPattern& p, bool target, size_t pos, Match& m, size_t& end) {
  const auto& t = c.tokens;
  size_t q = pos;
  while (q < t.size() && q - pos < 2 && c.lex.cues().determiners.count(t[q].lower) && c.an.group_at[q] < 0) ++q;
  if (q >= t.size()) return false;
  if (target && q + 1 < t.size() &&
      ((t[q].lower == "each" && t[q + 1].lower == "other") || (t[q].lower == "one" && t[q + 1].lower == "another"))) {
    m.reciprocal = true;
    m.tgt_begin = static_cast<uint32_t>(q);
    m.tgt_end = static_cast<uint32_t>(q + 2);
    end = q + 2;
    return true;
  }
  // "accused them of …": an object pronoun fills the slot; the coder resolves it to the target before it.
  if (target && q == pos && c.an.group_at[q] < 0 &&
      (t[q].lower == "them" || t[q].lower == "him" || t[q].lower == "her" || t[q].lower == "it")) {
    m.tgt_pronoun = true;
    m.tgt_begin = static_cast<uint32_t>(q);
    m.tgt_end = static_cast<uint32_t>(q + 1);
    end = q + 1;
    return true;
  }
  int g = c.an.group_at[q];
  if (g >= 0 && c.an.groups[g].begin == q) {
    if (target) {
      m.tgt_group = g;
      m.tgt_begin = static_cast<uint32_t>(q);
      m.tgt_end = c.an.groups[g].end;
    } else {
      m.src_group = g;
    }
    end = c.an.groups[g].end;
    return true;
  }
  if (target && p.place_target) {
    // "the area near the city of Kapan": a place within a few words.
    for (size_t k = q; k < t.size() && k < q + 8; ++k) {
      if (IsBoundaryPunct(t[k]) || t[k].lower == ",") break;
      if (c.an.group_at[k] >= 0 && k != q) {
        // "an oil refinery in Russia's Ryazan region": a possessive before the place is part of it.
        const Group& g = c.an.groups[c.an.group_at[k]];
        if (g.end < t.size() && t[g.end].lower == "'s") {
          k = g.end;
          continue;
        }
        break;
      }
      int pl = c.an.place_at[k];
      if (pl >= 0) {
        m.tgt_place = pl;
        m.tgt_begin = static_cast<uint32_t>(pos);
        m.tgt_end = c.an.places[pl].end;
        end = c.an.places[pl].end;
        return true;
      }
    }
  }
  return false;
}

bool MatchElement(const SentenceCtx& c, const VerbPattern& p, size_t el, size_t pos, Match& m);

bool MatchFrom(const SentenceCtx& c, const VerbPattern& p, size_t el, size_t pos, Match& m) {
  if (el == p.elements.size()) {
    m.end = static_cast<uint32_t>(pos);
    return true;
  }
  if (MatchElement(c, p, el, pos, m)) return true;
  // "threatened on Sunday to impose": a time adverbial inside the pattern is passed over.
  if (pos < c.time_end.size() && c.time_end[pos] > pos) return MatchElement(c, p, el, c.time_end[pos], m);
  return false;
}

bool MatchElement(const SentenceCtx& c, const VerbPattern& p, size_t el, size_t pos, Match& m) {
  const PatternElement& e = p.elements[el];
  const auto& t = c.tokens;
  switch (e.kind) {
    case PatternElement::Kind::kWord:
    case PatternElement::Kind::kAlternatives:
      for (const std::string& alt : e.words) {
        int next = MatchWords(c, alt, pos);
        if (next >= 0 && MatchFrom(c, p, el + 1, static_cast<size_t>(next), m)) return true;
      }
      return false;
    case PatternElement::Kind::kGap:
      for (size_t k = 0; k <= 4; ++k) {
        if (k > 0) {
          size_t tok = pos + k - 1;
          if (tok >= t.size() || IsBoundaryPunct(t[tok]) || t[tok].lower == ",") return false;
        }
        Match saved = m;
        if (MatchFrom(c, p, el + 1, pos + k, m)) return true;
        m = saved;
      }
      return false;
    case PatternElement::Kind::kTarget:
    case PatternElement::Kind::kSource: {
      size_t end = 0;
      Match saved = m;
      bool target = e.kind == PatternElement::Kind::kTarget;
      if (!MatchSlot(c, p, target, pos, m, end)) {
        // A target at the very end of a pattern may be missing: "shelled the city" has no actor.
        if (target && el + 1 == p.elements.size()) {
          m.end = static_cast<uint32_t>(pos);
          return true;
        }
        return false;
      }
      // "between Azerbaijani and Armenian forces": SRC took a group of two; "and TGT" is then done.
      if (!target && m.src_group >= 0 && c.an.groups[m.src_group].actors.size() >= 2 && el + 2 < p.elements.size() &&
          p.elements[el + 1].kind == PatternElement::Kind::kWord && p.elements[el + 1].words[0] == "and" &&
          p.elements[el + 2].kind == PatternElement::Kind::kTarget && MatchFrom(c, p, el + 3, end, m)) {
        m.reciprocal = true;
        return true;
      }
      if (MatchFrom(c, p, el + 1, end, m)) return true;
      m = saved;
      return false;
    }
  }
  return false;
}

bool LooksLikeVerb(const std::vector<Token>& t, size_t i) {
  if (i > 0 && t[i].capitalised) return false;
  size_t k = i;
  while (k > 0 && t[k - 1].lower.size() > 3 && t[k - 1].lower.compare(t[k - 1].lower.size() - 2, 2, "ly") == 0) --k;
  if (k == 0) return true;
  const std::string& prev = t[k - 1].lower;
  bool gerund = t[i].lower.size() > 4 && t[i].lower.compare(t[i].lower.size() - 3, 3, "ing") == 0;
  if (gerund && (prev == "of" || prev == "for" || prev == "by" || prev == "after" || prev == "before" ||
                 prev == "without" || prev == "from" || prev == "in")) return true;
  return kNounContext.count(prev) == 0;
}

std::vector<Match> FindMatches(const SentenceCtx& c) {
  std::vector<Match> out;
  const auto& t = c.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != TokenKind::kWord || c.an.group_at[i] >= 0 || c.an.place_at[i] >= 0) continue;
    std::optional<Match> best;
    auto score = [&](const Match& m) {
      const VerbPattern& p = c.lex.pattern(m.pattern);
      return std::make_tuple(p.literal_count, static_cast<int>(m.end - m.trigger), static_cast<int>(p.code.size()));
    };
    auto consider = [&](const std::vector<uint32_t>* ids, bool verb) {
      if (!ids) return;
      for (uint32_t id : *ids) {
        const VerbPattern& p = c.lex.pattern(id);
        // The first element must meet this token (its lemma for verbs, the word for nouns).
        for (const std::string& alt : p.elements[0].words) {
          size_t sp = alt.find(' ');
          std::string_view first = std::string_view(alt).substr(0, sp);
          bool hit = verb ? (t[i].lemma == first || t[i].lower == first) : t[i].lower == first;
          if (!hit) continue;
          Match m;
          m.pattern = id;
          m.trigger = static_cast<uint32_t>(i);
          int next = sp == std::string::npos ? static_cast<int>(i + 1)
                                             : MatchWords(c, std::string_view(alt).substr(sp + 1), i + 1);
          if (next < 0 && sp != std::string::npos && i + 1 < t.size() && c.time_end[i + 1] > i + 1)
            next = MatchWords(c, std::string_view(alt).substr(sp + 1), c.time_end[i + 1]);
          if (next < 0) continue;
          if (MatchFrom(c, p, 1, static_cast<size_t>(next), m) && (!best || score(m) > score(*best))) best = m;
        }
      }
    };
    // "a Palestinian state": after a determiner and a country adjective the word is a noun.
    bool after_modifier = false;
    if (i > 0 && c.an.group_at[i - 1] >= 0) {
      const Group& g = c.an.groups[c.an.group_at[i - 1]];
      after_modifier = g.modifier_only && g.end == i && g.begin > 0 && c.lex.cues().determiners.count(t[g.begin - 1].lower);
    }
    if (!after_modifier && LooksLikeVerb(t, i)) consider(c.lex.VerbPatternsFor(t[i].lemma), true);
    consider(c.lex.NounPatternsFor(t[i].lower), false);
    if (best) {
      out.push_back(*best);
      // Words inside a matched pattern do not start another one (but a TGT group may hold a noun event).
      i = best->end > i + 1 ? best->end - 1 : i;
      // "accused the RSF of committing genocide": after an accusation's target the act it names is matched
      // too, as the claimed act.
      if (c.lex.pattern(best->pattern).claim && best->tgt_end > best->trigger && best->tgt_end < best->end)
        i = best->tgt_end - 1;
    }
  }
  return out;
}

// The subject: the last group in [from, to) that does not stand after a preposition.

int SubjectBefore(const SentenceCtx& c, size_t from, size_t to) {
  int best = -1, best_rank = -1;
  for (size_t gi = 0; gi < c.an.groups.size(); ++gi) {
    const Group& g = c.an.groups[gi];
    if (g.begin < from || g.end > to) continue;
    size_t k = g.begin;
    while (k > from && c.lex.cues().determiners.count(c.tokens[k - 1].lower)) --k;
    // "with both sides accusing each other": the group right before a gerund is its subject.
    bool before_gerund = g.end == to && to < c.tokens.size() && c.tokens[to].lower.size() > 4 &&
                         c.tokens[to].lower.compare(c.tokens[to].lower.size() - 3, 3, "ing") == 0;
    // "thousands of Venezuelans", "supporters of Imran Khan": the group after "of" is the subject.
    bool quantity_of = k > 1 && c.tokens[k - 1].lower == "of" && c.lex.cues().quantity_heads.count(c.tokens[k - 2].lower);
    // "a drone launched by the Houthis killed a man": the agent of a participle in the subject, right before
    // the verb, is the doer.
    const Token* before_by = k > 1 && c.tokens[k - 1].lower == "by" ? &c.tokens[k - 2] : nullptr;
    bool subject_agent = before_by && g.end == to && before_by->verb_form && before_by->lower != before_by->lemma &&
                         before_by->lower.size() > 3 &&
                         before_by->lower.compare(before_by->lower.size() - 3, 3, "ing") != 0;
    if (k > 0 && kPrepositions.count(c.tokens[k - 1].lower) && !before_gerund && !quantity_of && !subject_agent) continue;
    // "Russia's invasion": a possessive is a modifier; it stands as subject only when nothing else does.
    bool possessive = g.end < c.tokens.size() && c.tokens[g.end].lower == "'s";
    auto rank = [&](const Group& x, bool poss) { return (poss ? 0 : 2) + (x.modifier_only ? 0 : 1); };
    int r = rank(g, possessive);
    if (best < 0 || r >= best_rank) {
      best = static_cast<int>(gi);
      best_rank = r;
    }
  }
  return best;
}

// ", a move Israel condemned as …", ", a decision Moscow called …": the subject group stands right after
// a comma and "a move"; returns the subject group, or -1.
int ReactionTo(const SentenceCtx& c, int subject, size_t from) {
  if (subject < 0) return -1;
  size_t b = c.an.groups[subject].begin;
  if (b < from + 3 || b < 3) return -1;
  const std::string& noun = c.tokens[b - 1].lower;
  const std::string& det = c.tokens[b - 2].lower;
  if (noun != "move" && noun != "decision" && noun != "step" && noun != "measure" && noun != "action") return -1;
  if ((det != "a" && det != "the") || c.tokens[b - 3].lower != ",") return -1;
  return subject;
}

int GroupAfterBy(const SentenceCtx& c, size_t from) {
  for (size_t k = from; k < c.tokens.size() && k < from + 3; ++k) {
    if (c.tokens[k].lower == "by") {
      size_t q = k + 1;
      while (q < c.tokens.size() && c.lex.cues().determiners.count(c.tokens[q].lower) && c.an.group_at[q] < 0) ++q;
      if (q < c.tokens.size() && c.an.group_at[q] >= 0) return c.an.group_at[q];
      return -1;
    }
    if (IsBoundaryPunct(c.tokens[k])) break;
  }
  return -1;
}

// An agent with no country or organisation ("soldiers", "the ministry"): its code is only its sectors.
bool SectorsOnly(const ActorRef& a) {
  if (!a.country.empty()) return false;
  std::string joined;
  for (const std::string& s : a.sectors) joined += s;
  return a.code == joined;
}

std::optional<int> ParseCount(const Token& t) {
  static const std::map<std::string, int> kWords = {
      {"a", 1}, {"an", 1}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
      {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"fifteen", 15},
      {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"hundred", 100}};
  if (t.kind == TokenKind::kNumber) {
    std::string digits;
    for (char ch : t.lower)
      if (ch >= '0' && ch <= '9') digits.push_back(ch);
      else if (ch == '.') return std::nullopt;
    if (digits.empty() || digits.size() > 7) return std::nullopt;
    return std::atoi(digits.c_str());
  }
  auto it = kWords.find(t.lower);
  if (it != kWords.end()) return it->second;
  return std::nullopt;
}

// The CAMEO threat (13x) that names a threatened act of the given code.
std::string ThreatCode(const std::string& act) {
  std::string_view a(act);
  std::string_view root = a.substr(0, 2);
  if (root == "19") return a.substr(0, 3) == "191" ? "1381" : a.substr(0, 3) == "192" ? "1382" : "1384";
  if (root == "20") return a.substr(0, 3) == "204" ? "1385" : "138";
  if (root == "18") return "1383";
  if (root == "15") return "138";
  if (root == "17") {
    if (a.substr(0, 3) == "172") return a.size() == 4 && a[3] >= '1' && a[3] <= '4' ? std::string("132") + a[3] : "132";
    return "137";
  }
  if (root == "16") {
    if (a.substr(0, 3) == "161") return "1313";
    if (a.substr(0, 3) == "162") return "1311";
    if (a.substr(0, 3) == "163") return "1312";
    return "131";
  }
  if (root == "14") return "133";
  return "130";
}

struct MagnitudeMention {
  uint32_t at = 0;
  int kind = 0;  // 0 killed, 1 injured, 2 arrested
  int count = 0;
};

std::vector<MagnitudeMention> FindMagnitudes(const SentenceCtx& c) {
  std::vector<MagnitudeMention> out;
  const auto& t = c.tokens;
  const Cues& cues = c.lex.cues();
  auto kind_of = [&](const Token& tok) {
    if (cues.kill.count(tok.lemma) || cues.kill.count(tok.lower)) return 0;
    if (cues.injure.count(tok.lemma) || cues.injure.count(tok.lower)) return 1;
    if (cues.arrest.count(tok.lemma) || cues.arrest.count(tok.lower)) return 2;
    return -1;
  };
  for (size_t i = 0; i < t.size(); ++i) {
    int kind = kind_of(t[i]);
    if (kind < 0) continue;
    // "killing three civilians", "killed a civilian"
    for (size_t k = i + 1; k < t.size() && k <= i + 2; ++k) {
      std::optional<int> n = ParseCount(t[k]);
      if (!n) continue;
      for (size_t h = k + 1; h < t.size() && h <= k + 3; ++h) {
        if (cues.person_nouns.count(t[h].lower)) {
          out.push_back(MagnitudeMention{static_cast<uint32_t>(i), kind, *n});
          break;
        }
      }
      break;
    }
    // "three civilians were killed", "20 people have been arrested"
    for (size_t k = i; k-- > 0 && k + 7 > i;) {
      std::optional<int> n = ParseCount(t[k]);
      if (!n || t[k].lower == "a" || t[k].lower == "an") continue;
      bool person = false;
      for (size_t h = k + 1; h < i && h <= k + 3; ++h) person = person || cues.person_nouns.count(t[h].lower);
      if (person) out.push_back(MagnitudeMention{static_cast<uint32_t>(i), kind, *n});
      break;
    }
  }
  return out;
}

}  // namespace

void Coder::Code(Document& doc, const CoderOptions& options) const {
  const Lexicon& lex = lexicon_;
  const Cues& cues = lex.cues();
  doc.events.clear();

  // Countries the article talks about, most mentioned first: context for places and "the two sides".
  const std::vector<std::string> article_countries = internal::ArticleCountries(doc, lex);

  ActorRef last_person;  // for "he"/"she"
  std::map<std::string, std::string> last_by_sectors;  // "MIL" -> country of the last army named
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    std::string_view text = doc.SentenceText(si);
    const std::vector<Token>& tokens = doc.sentences[si].tokens;
    if (tokens.empty()) continue;
    AnalysisContext actx{lex, gazetteer_, doc.published, &article_countries};
    SentenceAnalysis an = internal::AnalyzeSentence(text, tokens, actx);
    // "the junta", "the ministry": an agent with no country is the last actor of the article with its sectors.
    for (size_t gi = 0; gi < an.groups.size(); ++gi)
      for (ActorRef& a : an.groups[gi].actors) {
        if (!SectorsOnly(a)) continue;
        // "its troops", "their forces": the country of the nearest actor before them in the sentence.
        uint32_t b = an.groups[gi].begin;
        const std::string& before = b > 0 ? tokens[b - 1].lower : std::string();
        if (before == "its" || before == "their" || before == "his" || before == "her") {
          for (size_t prev = gi; prev-- > 0;) {
            const ActorRef& owner = an.groups[prev].actors[0];
            if (owner.country.empty()) continue;
            a.country = owner.country;
            a.code = owner.country + a.code;
            a.entry += ", country of '" + owner.text + "' (" + before + ")";
            break;
          }
          if (!a.country.empty()) continue;
        }
        auto it = last_by_sectors.find(a.code);
        if (it == last_by_sectors.end()) continue;
        a.country = it->second;
        a.code = it->second + a.code;
        a.entry += ", country of the last " + a.text + " named before";
      }
    for (const Group& g : an.groups)
      for (const ActorRef& a : g.actors)
        if (!a.country.empty() && !a.sectors.empty()) {
          std::string key;
          for (const std::string& sct : a.sectors) key += sct;
          last_by_sectors[key] = a.country;
        }
    SentenceCtx c{text, tokens, an, lex, TimeAdverbials(tokens)};
    std::vector<Match> matches = FindMatches(c);
    // People named in this sentence become the referent of a later "he"/"she" (after this sentence's own uses).
    ActorRef person_here;
    for (const Group& g : an.groups)
      for (const ActorRef& a : g.actors)
        if (a.entry.find("people.txt") != std::string::npos) person_here = a;
    struct PersonUpdate {
      ActorRef& target;
      ActorRef& value;
      ~PersonUpdate() {
        if (!value.code.empty()) target = value;
      }
    } person_update{last_person, person_here};
    if (matches.empty()) continue;
    std::vector<DateMention> dates = FindDates(tokens, doc.published);
    std::vector<MagnitudeMention> magnitudes = FindMagnitudes(c);
    const bool conditional_sentence = cues.conditions.count(tokens[0].lower) > 0;
    // The one country the sentence names in its actors and places, if it names just one.
    std::string only_country;
    {
      bool one = true;
      auto note = [&](const std::string& ctry) {
        if (ctry.empty()) return;
        if (only_country.empty()) only_country = ctry;
        else if (only_country != ctry) one = false;
      };
      for (const Group& g : an.groups)
        for (const ActorRef& a : g.actors) note(a.country);
      for (const PlaceMention& pm : an.places) note(pm.country);
      if (!one) only_country.clear();
    }

    struct Built {
      Event event;
      size_t match;
    };
    std::vector<Built> built;
    std::vector<std::vector<ActorRef>> match_sources(matches.size());
    std::vector<bool> match_claimed(matches.size(), false);
    std::vector<std::vector<ActorRef>> match_targets(matches.size());

    // Claim / speech / denial contexts, set by earlier matches in the sentence.
    struct ClaimCtx {
      bool active = false;
      std::vector<ActorRef> claimers, accused;
      bool reciprocal = false;
      uint32_t from = 0;
      size_t last_match = static_cast<size_t>(-1);
    } claim;
    std::vector<ActorRef> speakers;
    uint32_t speech_from = 0;
    std::vector<ActorRef> deniers;
    uint32_t deny_from = 0;

    for (size_t mi = 0; mi < matches.size(); ++mi) {
      const Match& m = matches[mi];
      const VerbPattern& p = lex.pattern(m.pattern);
      const Token& trig = tokens[m.trigger];
      std::vector<std::string> why;
      why.push_back("pattern " + p.code + " '" + p.text + "' (" + p.where + ")");

      // ", killing a civilian" elaborates the event before it: a magnitude, not a new event.
      if (m.trigger > 0 && tokens[m.trigger - 1].lower == "," && trig.lower.size() > 4 &&
          trig.lower.compare(trig.lower.size() - 3, 3, "ing") == 0 &&
          (cues.kill.count(trig.lemma) || cues.injure.count(trig.lemma) || cues.consequence.count(trig.lemma)) &&
          !built.empty())
        continue;

      size_t window_from = mi > 0 ? matches[mi - 1].end : 0;
      // The clause opener nearest before the trigger starts the subject window.
      bool passive = false;
      if (!p.noun && m.trigger > 0) {
        size_t k = m.trigger;
        while (k > 0 && (tokens[k - 1].lower.size() > 3 &&
                         tokens[k - 1].lower.compare(tokens[k - 1].lower.size() - 2, 2, "ly") == 0))
          --k;
        passive = k > 0 && kBe.count(tokens[k - 1].lower) && trig.lower != trig.lemma &&
                  trig.lower.size() > 2 && trig.lower.compare(trig.lower.size() - 3, 3, "ing") != 0;
      }

      // "a swap mediated by Qatar", "a truce brokered by China": a past participle after a noun, with a "by"
      // phrase, is a passive without "was".
      bool reduced_passive = false;
      if (!p.noun && !passive && m.trigger > 0 && trig.lower != trig.lemma && trig.lower.size() > 4 &&
          trig.lower.compare(trig.lower.size() - 2, 2, "ed") == 0 && an.group_at[m.trigger - 1] < 0 &&
          tokens[m.trigger - 1].kind == TokenKind::kWord &&
          !(tokens[m.trigger - 1].verb_form && tokens[m.trigger - 1].lower.size() > 2 &&
            tokens[m.trigger - 1].lower.compare(tokens[m.trigger - 1].lower.size() - 2, 2, "ed") == 0)) {
        static const std::unordered_set<std::string> kNotNoun = {"has", "have", "had", "and", "or", "it", "they",
                                                                "he", "she", "we", "who", "which", "that", "then"};
        reduced_passive = !kNotNoun.count(tokens[m.trigger - 1].lower) && GroupAfterBy(c, m.end) >= 0;
      }
      std::vector<ActorRef> sources, targets;
      bool inherited = false, reciprocal = m.reciprocal;
      bool infinitive_of_intent = false;  // the act named by "agreed to …": it replaces the 03 event
      bool mutual_governor = false;       // … and that verb is mutual: a targetless act is among its subjects
      bool responsibility = false;        // the act a group claimed responsibility for
      std::optional<PlaceMention> target_place;
      auto group_actors = [&](int g) { return g >= 0 ? an.groups[g].actors : std::vector<ActorRef>{}; };

      int subject = SubjectBefore(c, window_from, m.trigger);
      // "… the Janjaweed militias that fought …": after a relative pronoun the subject is the phrase right
      // before it, or unknown — never an actor further back.
      {
        size_t k = m.trigger;
        while (k > window_from && (kBe.count(tokens[k - 1].lower) || tokens[k - 1].lower == "had" ||
                                   tokens[k - 1].lower == "has" || tokens[k - 1].lower == "have" ||
                                   (tokens[k - 1].lower.size() > 3 &&
                                    tokens[k - 1].lower.compare(tokens[k - 1].lower.size() - 2, 2, "ly") == 0)))
          --k;
        if (k > window_from && (tokens[k - 1].lower == "that" || tokens[k - 1].lower == "which" ||
                                tokens[k - 1].lower == "who")) {
          int g = k >= 2 ? an.group_at[k - 2] : -1;
          if (k >= 2 && tokens[k - 2].lower == ",") g = k >= 3 ? an.group_at[k - 3] : -1;
          subject = (g >= 0 && an.groups[g].end >= k - 2) ? g : -1;
          if (subject < 0) window_from = k;  // nothing before the pronoun may stand in
        }
      }
      // ", accusing Tehran of …": a participle after a comma belongs to the main clause's subject.
      bool participle = !p.noun && mi > 0 && m.trigger > 0 && tokens[m.trigger - 1].lower == "," &&
                        trig.lower.size() > 4 && trig.lower.compare(trig.lower.size() - 3, 3, "ing") == 0;
      if (participle) subject = -1;
      if (p.noun) {
        if (m.src_group >= 0) {
          sources = group_actors(m.src_group);
          why.push_back("source: the SRC slot");
        } else if (int by = GroupAfterBy(c, m.end); by >= 0) {
          sources = group_actors(by);
          why.push_back("source: the 'by' phrase");
        } else if (m.trigger > 1 && tokens[m.trigger - 1].lower == "'s" && an.group_at[m.trigger - 2] >= 0) {
          sources = group_actors(an.group_at[m.trigger - 2]);
          why.push_back("source: the possessive before the noun");
        } else {
          // "a Russian drone attack": an actor word right before the noun (one modifier between at most).
          for (uint32_t back = 1; back <= 2 && back <= m.trigger; ++back) {
            int g = an.group_at[m.trigger - back];
            if (g >= 0 && an.groups[g].end == m.trigger - back + 1) {
              sources = group_actors(g);
              why.push_back("source: the actor word before the noun");
              break;
            }
            if (tokens[m.trigger - back].kind != TokenKind::kWord) break;
          }
        }
      } else if (passive) {
        int by = GroupAfterBy(c, m.end);
        sources = group_actors(by);
        if (subject >= 0 && m.tgt_group < 0) {
          targets = group_actors(subject);
        } else if (m.tgt_group < 0) {
          // "The border town of Vovchansk was shelled by …": the place before the verb is the target.
          for (const PlaceMention& pm : an.places)
            if (pm.end <= m.trigger && pm.begin >= window_from) target_place = pm;
        }
        why.push_back("passive voice: source from the 'by' phrase, target from the subject");
      } else if (reduced_passive) {
        sources = group_actors(GroupAfterBy(c, m.end));
        // "… agreed to a ceasefire during talks mediated by Qatar": the parties of the act before it.
        for (size_t b = mi; b-- > 0 && targets.empty();)
          if (!match_sources[b].empty()) {
            for (const std::vector<ActorRef>* side : {&match_sources[b], &match_targets[b]})
              for (const ActorRef& a : *side)
                if (std::none_of(targets.begin(), targets.end(), [&](const ActorRef& x) { return x.code == a.code; }))
                  targets.push_back(a);
          }
        why.push_back("participle with a 'by' phrase: source from it, target the parties of the act before it");
      }
      // A claim covers the act right after it ("accused Y of shelling …") and acts coordinated with that one.
      bool in_claim = false;
      if (claim.active && m.trigger >= claim.from && SubjectBefore(c, claim.from, m.trigger) < 0) {
        bool near = m.trigger - claim.from <= 5;
        for (size_t k = claim.from; near && k < m.trigger; ++k)
          if (tokens[k].lower == "," || an.group_at[k] >= 0 || IsBoundaryPunct(tokens[k])) near = false;
        if (near) {  // "… of shelling", "… of carrying out ethnic cleansing"
          in_claim = true;
        } else if (mi > 0 && claim.last_match == mi - 1 && m.trigger - matches[mi - 1].end <= 14) {
          // "… of attacking X and after attempting to launch Y": another act in the same gerund chain.
          bool joined = false, gerund = false;
          for (size_t k = matches[mi - 1].end; k <= m.trigger; ++k) {
            if (tokens[k].lower == "and" || tokens[k].lower == "or") joined = true;
            const std::string& w = tokens[k].lower;
            if (w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0 && tokens[k].verb_form) gerund = true;
          }
          in_claim = joined && gerund;
        }
      }
      if (in_claim) claim.last_match = mi;
      // A denial covers what follows it in the sentence ("denied that Russian forces target …") up to a
      // contrast ("…, but a monitor confirmed …").
      bool in_denial = !deniers.empty() && m.trigger >= deny_from;
      for (size_t k = deny_from; in_denial && k < m.trigger; ++k) {
        const std::string& w = tokens[k].lower;
        if (w == "but" || w == ";" || w == "while" || w == "although" || w == "however") in_denial = false;
        // "…, saying …" and "… and accused …" start acts of the denier's own.
        const std::string& next = k + 1 < tokens.size() ? tokens[k + 1].lower : std::string();
        if (w == "," && next.size() > 4 && next.compare(next.size() - 3, 3, "ing") == 0 && tokens[k + 1].verb_form)
          in_denial = false;
        if (w == "and" && k + 1 == m.trigger && !p.noun) in_denial = false;
      }
      if (sources.empty() && !passive) {
        if (in_claim) {
          sources = claim.accused;
          reciprocal = reciprocal || claim.reciprocal;
          why.push_back("source: the accused of the claim before it");
        } else if (p.noun && !in_denial && subject < 0 && m.src_group < 0) {
          // A noun event with no actor of its own: the coordinated or clause subject below.
          // A noun event with no actor of its own takes the clause subject if there is one below.
        } else if (subject >= 0 && !p.noun) {
          sources = group_actors(subject);
          why.push_back("source: the subject before the verb");
        }
        if (sources.empty() && participle) {
          for (size_t b = 0; b < mi; ++b)
            if (!match_sources[b].empty() && !match_claimed[b]) {
              sources = match_sources[b];
              why.push_back("source: the main clause's subject (participle)");
              break;
            }
        }
        if (sources.empty() && !p.noun && subject < 0 && !last_person.code.empty()) {
          // "He said …": the last person named before, in this sentence or an earlier one.
          size_t k = m.trigger;
          while (k > window_from && (tokens[k - 1].lower.size() > 3 && tokens[k - 1].lower.compare(tokens[k - 1].lower.size() - 2, 2, "ly") == 0))
            --k;
          size_t pr = k;
          while (pr > window_from && pr + 3 > k && tokens[pr - 1].lower != "he" && tokens[pr - 1].lower != "she") --pr;
          if (pr > window_from && (tokens[pr - 1].lower == "he" || tokens[pr - 1].lower == "she") && pr + 3 > k) {
            sources = {last_person};
            // The span is the pronoun's: the person's own span may lie in an earlier sentence.
            sources[0].begin = tokens[pr - 1].begin;
            sources[0].end = tokens[pr - 1].end;
            why.push_back("source: '" + tokens[pr - 1].lower + "' is the last person named (" + last_person.text + ")");
          }
        }
        if (sources.empty() && !p.noun && subject < 0 && mi > 0 && !match_sources[mi - 1].empty()) {
          // "the army said it had retaken the palace", "Iran warned it would …": "it", "they" or "we" after a
          // verb of saying is the speaker.
          size_t k = m.trigger;
          while (k > window_from) {
            const Token& w = tokens[k - 1];
            if (kBe.count(w.lower) || w.lower == "had" || w.lower == "has" || w.lower == "have" || w.lower == "would" ||
                w.lower == "will" || (w.lower.size() > 3 && w.lower.compare(w.lower.size() - 2, 2, "ly") == 0)) {
              --k;
            } else if (w.lower == "to" && k >= 2 && k - 1 > window_from &&  // "it plans to send", "they vowed to"
                       (cues.intend.count(tokens[k - 2].lemma) || cues.threaten.count(tokens[k - 2].lemma))) {
              k -= 2;
            } else {
              break;
            }
          }
          const VerbPattern& prev = lex.pattern(matches[mi - 1].pattern);
          bool speech = prev.say || cues.threaten.count(tokens[matches[mi - 1].trigger].lemma) > 0;
          size_t pr = k > 0 ? k - 1 : 0;
          bool pronoun = k > window_from && (tokens[pr].lower == "it" || tokens[pr].lower == "they" || tokens[pr].lower == "we");
          if (pronoun && pr > 0 && tokens[pr - 1].lower == "that") --pr;
          if (pronoun && speech && pr <= matches[mi - 1].end + 3) {
            sources = match_sources[mi - 1];
            why.push_back("source: '" + tokens[k - 1].lower + "' is the speaker before it");
          }
        }
        if (sources.empty() && in_denial) {
          sources = deniers;
          why.push_back("source: the denier");
        }
        if (sources.empty() && mi > 0 && !p.noun && m.trigger > 0 && tokens[m.trigger - 1].lower == "to" &&
            (m.trigger == matches[mi - 1].end + 1 || m.trigger == matches[mi - 1].end) &&
            lex.pattern(matches[mi - 1].pattern).code.compare(0, 2, "03") == 0 && !match_sources[mi - 1].empty()) {
          // "agreed to halt", "pledged to send": the act in the infinitive is done by the subject of the verb of
          // agreement or intent before it. (After an appeal, "urged Iran to release", the act has not happened.)
          sources = match_sources[mi - 1];
          inherited = true;
          infinitive_of_intent = true;
          mutual_governor = lex.pattern(matches[mi - 1].pattern).mutual && sources.size() >= 2;
          why.push_back("source: the subject of the verb before the infinitive");
        }
        if (sources.empty() && mi > 0 && !match_sources[mi - 1].empty()) {
          // Coordinated verbs share the subject: "agreed to a truce but accused each other"; a noun event
          // right after a verb is its object ("fought a brief war with Georgia", "in a series of calls with").
          bool coordinated = false;
          bool comma = false;
          for (size_t k = matches[mi - 1].end; k < m.trigger; ++k) {
            const std::string& w = tokens[k].lower;
            if (w == "," || w == ";") comma = true;
            if (w == "and" || w == "but" || w == "," || w == "then" || (!p.noun && (w == "with" || w == "in")))
              coordinated = true;
            // "… after attempting to": "after" joins a gerund, not a clause with a subject of its own ("a day
            // after a drone launched by the Houthis killed …").
            if (w == "after" && !p.noun && (k + 1 == m.trigger || (tokens[k + 1].lower.size() > 4 &&
                                                                   tokens[k + 1].lower.compare(tokens[k + 1].lower.size() - 3, 3, "ing") == 0)))
              coordinated = true;
          }
          // A noun event is the object of the verb before it only for acts done by the subject ("fought a
          // war", "held talks"), not for words about another's act ("condemned North Korea's violation").
          const std::string& prev_code = lex.pattern(matches[mi - 1].pattern).code;
          bool verbal = prev_code.compare(0, 2, "01") == 0 || prev_code.compare(0, 2, "02") == 0 ||
                        prev_code.compare(0, 2, "03") == 0 || prev_code.compare(0, 2, "05") == 0 ||
                        (prev_code >= "10" && prev_code < "14");
          if (p.noun) coordinated = !comma && !verbal && m.trigger - matches[mi - 1].end <= 6;
          // "…, where it is fighting the Arakan Army": a clause with a subject of its own.
          for (size_t k = matches[mi - 1].end; k < m.trigger; ++k) {
            const std::string& w = tokens[k].lower;
            bool object_pronoun = k == matches[mi - 1].end;  // "negotiated it in a series of calls"
            if (((w == "it" || w == "they" || w == "he" || w == "she" || w == "we" || w == "i") && !object_pronoun) ||
                w == "where" || w == "who" || w == "which")
              coordinated = false;
          }
          size_t from_match = mi - 1;
          if (claim.active && claim.last_match == mi - 1) {
            for (size_t b = mi; b-- > 0;)
              if (lex.pattern(matches[b].pattern).claim) {
                from_match = b;
                break;
              }
          }
          if (coordinated && !match_sources[from_match].empty()) {
            sources = match_sources[from_match];
            inherited = true;
            why.push_back("source: shared with the coordinated verb before it");
          }
        }
        if (sources.empty() && p.noun && mi > 0 && !match_sources[mi - 1].empty() &&
            lex.pattern(matches[mi - 1].pattern).code == "015" && m.trigger - matches[mi - 1].end <= 8) {
          // "Islamic State claimed responsibility for the twin bombings": the claimer did the act it names.
          bool for_act = false, crossed = false;
          for (size_t k = matches[mi - 1].end; k < m.trigger; ++k) {
            for_act = for_act || tokens[k].lower == "for";
            crossed = crossed || tokens[k].lower == "," || IsBoundaryPunct(tokens[k]);
          }
          if (for_act && !crossed) {
            sources = match_sources[mi - 1];
            responsibility = true;
            why.push_back("source: the group that claimed responsibility for it");
          }
        }
        if (sources.empty() && p.noun && subject >= 0) {
          sources = group_actors(subject);
          why.push_back("source: the clause subject");
        }
      }
      match_sources[mi] = sources;
      match_claimed[mi] = in_claim;

      // Target.
      if (targets.empty()) {
        if (m.tgt_group >= 0) {
          targets = group_actors(m.tgt_group);
          why.push_back("target: the TGT slot");
        } else if (m.tgt_place >= 0) {
          target_place = an.places[m.tgt_place];
          why.push_back("target: the country of the place in the TGT slot");
        } else if (int prior = ReactionTo(c, subject, mi > 0 ? matches[mi - 1].end : 0);
                   prior >= 0 && mi > 0 && !p.say && !p.deny && !reciprocal) {
          // "Spain recognised a Palestinian state, a move Israel condemned": the reaction is to the doer of
          // the act before it.
          for (size_t b = mi; b-- > 0;)
            if (!match_sources[b].empty()) {
              targets = match_sources[b];
              why.push_back("target: the doer of the act the reaction is to ('a move')");
              break;
            }
        } else if (m.tgt_pronoun) {
          // "expelled three French diplomats, accusing them of …": an object pronoun is the target before it.
          for (size_t b = mi; b-- > 0;)
            if (!match_targets[b].empty()) {
              targets = match_targets[b];
              why.push_back("target: '" + tokens[m.tgt_begin].lower + "' is the target of the act before it");
              break;
            }
          // "MINUSMA ended its deployment after the junta ordered it to leave": else the nearest actor before
          // the subject.
          for (size_t gi = an.groups.size(); targets.empty() && gi-- > 0;) {
            const Group& g = an.groups[gi];
            if (g.end > m.trigger || static_cast<int>(gi) == subject || g.actors.empty() || SectorsOnly(g.actors[0]))
              continue;
            targets = g.actors;
            why.push_back("target: '" + tokens[m.tgt_begin].lower + "' is the nearest actor before the subject");
          }
        } else if (!p.say && !p.deny && !reciprocal) {
          size_t stop = mi + 1 < matches.size() ? matches[mi + 1].trigger : tokens.size();
          for (size_t k = m.end; k < stop; ++k) {
            // Quotation marks inside a clause ("hailed the \"ironclad friendship\" between …") do not end it.
            if ((IsBoundaryPunct(tokens[k]) && tokens[k].lower != "\"") || tokens[k].lower == "," ||
                (cues.clause_openers.count(tokens[k].lower) && tokens[k].lower != "and"))
              break;
            // "… agreements to coordinate their interests in Syria": an infinitive starts another clause.
            if (tokens[k].lower == "to" && k + 1 < stop && tokens[k + 1].verb_form && tokens[k + 1].lemma == tokens[k + 1].lower &&
                an.group_at[k + 1] < 0)
              break;
            if (an.group_at[k] >= 0) {
              // "what the State Department called excessive force": the speaker of an embedded label.
              size_t ge = an.groups[an.group_at[k]].end;
              if (ge < stop && tokens[ge].verb_form &&
                  (tokens[ge].lemma == "call" || tokens[ge].lemma == "describe" || tokens[ge].lemma == "term" ||
                   tokens[ge].lemma == "say" || tokens[ge].lemma == "claim")) {
                k = ge;
                continue;
              }
              size_t b = an.groups[an.group_at[k]].begin;
              size_t q = b;
              while (q > 0 && cues.determiners.count(tokens[q - 1].lower)) --q;
              // "at a space launch centre in Russia's Far East": a possessive after "in"/"at" names a place.
              bool place_owner = q > 0 && (tokens[q - 1].lower == "in" || tokens[q - 1].lower == "at") &&
                                 an.groups[an.group_at[k]].end < tokens.size() &&
                                 tokens[an.groups[an.group_at[k]].end].lower == "'s";
              // "condemned a resolution passed by the IAEA": the agent of a participle in the object is the target.
              bool agent_of_object = q > 1 && tokens[q - 1].lower == "by" && tokens[q - 2].verb_form &&
                                     tokens[q - 2].lower != tokens[q - 2].lemma && q - 2 > m.end &&
                                     tokens[q - 2].lower.size() > 3 &&
                                     tokens[q - 2].lower.compare(tokens[q - 2].lower.size() - 3, 3, "ing") != 0;
              bool after_prep = place_owner || (q > 0 && (tokens[q - 1].lower == "since" || tokens[q - 1].lower == "during" ||
                                                          tokens[q - 1].lower == "than" ||
                                                          (tokens[q - 1].lower == "by" && !agent_of_object)));
              if (!after_prep) {
                targets = group_actors(an.group_at[k]);
                why.push_back("target: the first actor after the verb");
              }
              break;
            }
            if (p.place_target && an.place_at[k] >= 0) {
              target_place = an.places[an.place_at[k]];
              why.push_back("target: the country of the place after the verb");
              break;
            }
          }
        }
      }
      for (ActorRef& t : targets) {
        if (!SectorsOnly(t)) continue;
        // "militant hideouts in Afghanistan's Paktika province": the place after the target.
        size_t stop = mi + 1 < matches.size() ? matches[mi + 1].trigger : tokens.size();
        for (const PlaceMention& pm : an.places) {
          if (pm.begin < m.end || pm.begin >= stop || pm.country.empty()) continue;
          bool crossed = false;
          for (size_t k = m.end; k < pm.begin; ++k) crossed = crossed || IsBoundaryPunct(tokens[k]) || tokens[k].lower == ",";
          if (crossed) break;
          t.country = pm.country;
          t.code = pm.country + t.code;
          t.entry += ", country of the place after it";
          break;
        }
      }
      // Protests (root 14): the protesters are of the country where they march, and a protest with no
      // named target is against their own country's authorities ("Thousands rallied in Caracas").
      if (p.code.compare(0, 2, "14") == 0) {
        const PlaceMention* here = nullptr;
        for (const PlaceMention& pm : an.places)
          if (!pm.country.empty()) {
            here = &pm;
            break;
          }
        if (sources.empty() && here) {
          ActorRef r;
          r.country = here->country;
          r.sectors = {"CVL"};
          r.code = r.country + "CVL";
          r.begin = tokens[window_from < m.trigger ? window_from : m.trigger].begin;
          r.end = trig.begin;
          r.text = std::string(TrimView(text.substr(r.begin, r.end - r.begin)));
          r.entry = "protesters of the country where they protest";
          sources = {r};
          why.push_back("source: protesters in " + here->country);
        }
        for (ActorRef& src : sources)
          if (SectorsOnly(src) && here) {
            src.country = here->country;
            src.code = src.country + src.code;
          }
        if (targets.empty() && !target_place && sources.size() == 1 && !sources[0].country.empty()) {
          ActorRef r;
          r.country = sources[0].country;
          r.code = r.country;
          r.begin = trig.begin;
          r.end = trig.end;
          r.text = std::string(text.substr(trig.begin, trig.end - trig.begin));
          r.entry = "a protest with no named target is against the protesters' own country";
          targets = {r};
          why.push_back("target: the protesters' own country");
        }
      }
      // "Venezuelan authorities arrested more than 2,000 people": coercion of unnamed people is domestic.
      if (targets.empty() && !target_place && p.code.compare(0, 2, "17") == 0 && sources.size() == 1 &&
          !sources[0].country.empty()) {
        for (size_t k = m.trigger + 1; k < tokens.size() && k <= m.end + 5; ++k) {
          if (IsBoundaryPunct(tokens[k]) || an.group_at[k] >= 0) break;
          if (cues.person_nouns.count(tokens[k].lower)) {
            ActorRef r;
            r.country = sources[0].country;
            r.sectors = {"CVL"};
            r.code = r.country + "CVL";
            r.begin = tokens[k].begin;
            r.end = tokens[k].end;
            r.text = std::string(text.substr(r.begin, r.end - r.begin));
            r.entry = "unnamed people held by their own country's authorities";
            targets = {r};
            why.push_back("target: unnamed people, taken to be of the source's country");
            break;
          }
        }
      }
      if (targets.empty() && !target_place && !p.say && !p.deny && !reciprocal && !(p.mutual && sources.size() >= 2)) {
        // "rejected an Israeli proposal": an actor word inside the matched words.
        for (size_t k = m.trigger + 1; k < m.end; ++k) {
          int g = an.group_at[k];
          if (g < 0 || an.groups[g].begin != k) continue;
          targets = group_actors(g);
          why.push_back("target: the actor word inside the pattern");
          break;
        }
      }
      if (target_place && !target_place->country.empty()) {
        // "rebels seized Damascus": rebels, soldiers or police acting on a place are of its country.
        for (ActorRef& src : sources) {
          if (!SectorsOnly(src) || src.sectors.empty()) continue;
          if (std::any_of(src.sectors.begin(), src.sectors.end(), [](const std::string& sec) {
                return sec == "UAF" || sec == "RAD" || sec == "CRM" || sec == "IGO" || sec == "NGO";
              }))
            continue;
          src.country = target_place->country;
          src.code = src.country + src.code;
          src.entry += ", country of the place it acts on";
        }
        ActorRef r;
        r.country = target_place->country;
        r.code = target_place->country;
        uint32_t b = m.tgt_end > m.tgt_begin ? m.tgt_begin : target_place->begin;
        r.begin = tokens[b].begin;
        r.end = tokens[target_place->end - 1].end;
        r.text = std::string(text.substr(r.begin, r.end - r.begin));
        r.entry = "place as target";
        targets = {r};
      }

      match_targets[mi] = targets;

      // Contexts that later matches inherit.
      if (p.claim && (!targets.empty() || reciprocal)) {
        claim.active = true;
        claim.claimers = sources;
        claim.accused = reciprocal ? sources : targets;
        claim.reciprocal = reciprocal;
        claim.from = m.tgt_end > m.trigger && m.tgt_end < m.end ? m.tgt_end : m.end;
        claim.last_match = static_cast<size_t>(-1);
      }
      if (p.say && !sources.empty()) {
        speakers = sources;
        speech_from = m.end;
      }
      if (p.deny && !sources.empty()) {
        deniers = sources;
        deny_from = m.end;
      }

      // Modality and negation from the words just before the trigger.
      Modality modality = Modality::kAsserted;
      bool negated = false;
      if (p.intent) modality = Modality::kIntended;
      if (p.threat) modality = Modality::kThreatened;
      size_t clause_begin = subject >= 0 ? an.groups[subject].end : window_from;
      for (size_t k = clause_begin; k < m.trigger; ++k) {
        const Token& w = tokens[k];
        if (p.noun && cues.hypothetical.count(w.lower) && w.lower != "if" && w.lower != "can")
          modality = Modality::kHypothetical;
        if (cues.negators.count(w.lower) && m.trigger - k <= 4) negated = true;
        if (cues.hypothetical.count(w.lower) && m.trigger - k <= 4 && w.lower != "if") modality = Modality::kHypothetical;
        if (w.lower == "to" && k + 1 == m.trigger && k > 0) {
          size_t v = k - 1;  // the word that governs "to": skip an object group ("expected the two sides to …")
          for (size_t b = v > 5 ? v - 5 : 0; b < v; ++b)  // and a time adverbial ("threatened on Sunday to …")
            if (c.time_end[b] == v + 1) {
              v = b - (b > 0 ? 1 : 0);
              break;
            }
          if (an.group_at[v] >= 0 && an.groups[an.group_at[v]].begin > 0) {
            v = an.groups[an.group_at[v]].begin - 1;
            while (v > 0 && cues.determiners.count(tokens[v].lower)) --v;
          }
          // "urged the rival groups to agree to a truce": an act asked for (02) or demanded (10) has not happened.
          bool requested = false;
          if (mi > 0 && matches[mi - 1].end <= k + 1 && k + 1 - matches[mi - 1].end <= 12) {
            std::string_view root = std::string_view(lex.pattern(matches[mi - 1].pattern).code).substr(0, 2);
            requested = root == "02" || root == "10";
            for (size_t q = matches[mi - 1].end; q < k && requested; ++q)
              if (tokens[q].lower == "," || IsBoundaryPunct(tokens[q]) || cues.clause_openers.count(tokens[q].lower))
                requested = false;
          }
          if (requested) modality = Modality::kHypothetical;
          else if (cues.threaten.count(tokens[v].lemma)) modality = Modality::kThreatened;
          else if (cues.intend.count(tokens[v].lemma) || cues.intend.count(tokens[v].lower)) modality = Modality::kIntended;
          // "their right to protest", "a bid to join": an act named after a noun has not happened.
          else if (!p.noun && !tokens[v].verb_form && tokens[v].kind == TokenKind::kWord && an.group_at[v] < 0)
            modality = Modality::kHypothetical;
        }
        if ((w.lower == "will" || w.lower == "shall") && m.trigger - k <= 2) modality = Modality::kIntended;
      }
      bool conditional = conditional_sentence;
      for (size_t k = window_from; k < m.trigger && !conditional; ++k)
        if (cues.conditions.count(tokens[k].lower) && tokens[k].lower != "should") conditional = true;
      if (conditional) modality = Modality::kHypothetical;
      // "a Chinese invasion of Taiwan would be …", "a Chinese attack on Taiwan could trigger …": a noun event
      // that is the subject of a modal has not happened.
      if (p.noun) {
        for (size_t k = m.end; k < tokens.size() && k < m.end + 6; ++k) {
          const std::string& w = tokens[k].lower;
          if (w == "would" || w == "could" || w == "might" || w == "may") {
            modality = Modality::kHypothetical;
            break;
          }
          if (tokens[k].verb_form || w == "," || IsBoundaryPunct(tokens[k]) || cues.clause_openers.count(w)) break;
        }
      }
      // "Iran warned it would close the strait", "Medvedev said Moscow would use a nuclear weapon": force the
      // speaker's own side would use is a threat.
      if (!conditional && (modality == Modality::kHypothetical || modality == Modality::kIntended) && !sources.empty() &&
          !sources[0].country.empty()) {
        bool would = false;
        for (size_t k = m.trigger > 4 ? m.trigger - 4 : 0; k < m.trigger; ++k)
          would = would || tokens[k].lower == "would" || tokens[k].lower == "will";
        std::string_view root = std::string_view(p.code).substr(0, 2);
        bool force = root == "15" || root == "18" || root == "19" || root == "20";
        bool own = false;
        for (size_t b = 0; b < mi && would; ++b) {
          const VerbPattern& pb = lex.pattern(matches[b].pattern);
          if (!(pb.say || pb.threat) || match_sources[b].empty()) continue;
          own = own || match_sources[b][0].country == sources[0].country;
        }
        if (would && force && own) {
          modality = Modality::kThreatened;
          why.push_back("threat: force the speaker's own side would use");
        } else if (would && own) {
          // "the State Department said it would revoke the visa": a decision announced by its maker.
          modality = Modality::kIntended;
          why.push_back("intent: an act the speaker's own side would do");
        }
      }
      if (in_denial && !p.deny) {
        negated = true;
        why.push_back("denied by " + deniers[0].text);
      }

      // Date: the nearest date expression; none -> the publication date.
      PartialDate date;
      {
        int best = -1, best_dist = 1 << 30;
        for (size_t d = 0; d < dates.size(); ++d) {
          // A date inside a relative clause ("… who took part in the 1994 genocide") dates that clause.
          uint32_t lo = std::min<uint32_t>(dates[d].begin, m.trigger), hi = std::max<uint32_t>(dates[d].begin, m.trigger);
          bool relative = false;
          for (uint32_t k = lo; k < hi; ++k) {
            const std::string& w = tokens[k].lower;
            if (w == "who" || w == "which" || w == "whose" || w == "whom" || w == "where") relative = true;
          }
          if (relative) continue;
          int dist = dates[d].begin >= m.trigger ? static_cast<int>(dates[d].begin - m.trigger)
                                                 : static_cast<int>(m.trigger - std::min<uint32_t>(dates[d].end, m.trigger));
          if (dist < best_dist) {
            best_dist = dist;
            best = static_cast<int>(d);
          }
        }
        if (best >= 0 && dates[best].decade > 0) {
          // "in the early 2000s": background, not datable to a day or year.
          if (doc.published && doc.published->valid() && dates[best].decade + 10 <= doc.published->year)
            modality = modality == Modality::kAsserted ? Modality::kHistorical : modality;
          why.push_back("date: a decade, left undated");
        } else if (best >= 0) {
          if (!dates[best].vague) date = dates[best].date;
          why.push_back(dates[best].vague ? "date: vague time expression, left undated" : "date: from the text");
        } else if (doc.published && doc.published->valid()) {
          date = *doc.published;
          why.push_back("date: the publication date");
        }
      }
      // CAMEO codes an intention to cooperate as 03x ("ready to sign a peace treaty" → 037).
      std::string code = p.code;
      if (modality == Modality::kIntended) {
        std::string_view root = std::string_view(code).substr(0, 2);
        if (root == "04") code = (code.compare(0, 3, "045") == 0) ? "039" : "036";
        else if (root == "05") code = (code.compare(0, 3, "057") == 0) ? "037" : "032";
        else if (root == "06") code = "031";
        else if (root == "07") code = "033";
        else if (root == "08") code = (code.compare(0, 3, "087") == 0) ? "037" : "035";
        if (code != p.code) {
          modality = Modality::kAsserted;  // the intention itself is what is reported
          why.push_back("intent to cooperate: " + p.code + " becomes " + code);
        }
      }
      // CAMEO codes a threatened act as a threat (13x): "threatened to bomb Iran" → 1384, "threatened to
      // impose tariffs" → 1312.
      if (modality == Modality::kThreatened && code.compare(0, 2, "13") != 0) {
        std::string threat = ThreatCode(code);
        why.push_back("threatened act: " + code + " becomes " + threat);
        code = threat;
        modality = Modality::kAsserted;  // the threat itself is what is reported
      }
      if (date.valid() && doc.published && doc.published->valid() && date.year <= doc.published->year - 2 &&
          modality == Modality::kAsserted)
        modality = Modality::kHistorical;

      // Location: the target place, else the first place after the trigger in the clause, else the nearest.
      std::optional<PlaceMention> where;
      if (target_place) where = target_place;
      if (!where) {
        size_t stop = mi + 1 < matches.size() ? matches[mi + 1].trigger : tokens.size();
        for (const PlaceMention& pm : an.places)
          if (pm.begin >= m.trigger && pm.begin < stop) {
            where = pm;
            break;
          }
      }
      if (!where && !an.places.empty()) {
        int best_dist = 1 << 30;
        for (const PlaceMention& pm : an.places) {
          int dist = pm.begin >= m.trigger ? static_cast<int>(pm.begin - m.trigger) : static_cast<int>(m.trigger - pm.end);
          if (dist < best_dist) {
            best_dist = dist;
            where = pm;
          }
        }
      }

      if (mutual_governor && targets.empty() && !target_place) reciprocal = true;
      // "Putin and Xi signed a joint statement", "Colombia and Venezuela reopened their shared border":
      // cooperation (03–06, 08) by a group of countries with no one else named is among its members.
      if (!reciprocal && targets.empty() && !target_place && sources.size() >= 2 && !p.say && !p.deny) {
        std::string_view root = std::string_view(p.code).substr(0, 2);
        bool cooperation = root == "03" || root == "04" || root == "05" || root == "06" || root == "08";
        bool countries = false;  // two countries at least among the members
        for (const ActorRef& a : sources)
          countries = countries || (!a.country.empty() && !sources[0].country.empty() && a.country != sources[0].country);
        if (cooperation && countries) {
          reciprocal = true;
          why.push_back("cooperation by a group with no one else named: among its members");
        }
      }
      // No target found: acts other than statements (01) and force postures (15) have one all the same. It
      // is the country where the act took place ("pulled passengers off buses in Pakistan's Balochistan
      // province"), else the one country the sentence names, when the source is of it or has no country
      // ("Colombia's electoral authority opened an investigation into …"). Unnamed people as target ("warned
      // protesters") are of that country too.
      const bool targetless_root = p.code.compare(0, 2, "01") == 0 || p.code.compare(0, 2, "15") == 0;
      if (!targetless_root && !p.say && !p.deny && !reciprocal && !(p.mutual && sources.size() >= 2) && !m.tgt_pronoun &&
          !sources.empty() && !target_place) {
        std::string ctry, why_country;
        if (where && !where->country.empty()) {
          ctry = where->country;
          why_country = "the country where it took place";
        } else if (!only_country.empty() && (sources[0].country == only_country || sources[0].country.empty())) {
          ctry = only_country;
          why_country = "the only country the sentence names";
        }
        // A pattern that needs a target does not get one this way.
        if (!ctry.empty() && targets.empty() && !p.needs_target) {
          ActorRef r;
          r.country = ctry;
          r.code = ctry;
          r.begin = trig.begin;
          r.end = trig.end;
          r.text = std::string(text.substr(trig.begin, trig.end - trig.begin));
          r.entry = kImpliedTarget;
          targets = {r};
          why.push_back("target: " + why_country);
        } else if (!ctry.empty()) {
          for (ActorRef& t : targets)
            if (SectorsOnly(t) && !t.sectors.empty()) {
              t.country = ctry;
              t.code = ctry + t.code;
              t.entry += ", country: " + why_country;
            }
        }
      }

      // "hours after rebels seized Damascus": unnamed rebels are of the country where they act, else of the
      // country they act against.
      for (ActorRef& src : sources) {
        if (!SectorsOnly(src) || src.sectors.empty() ||
            !std::all_of(src.sectors.begin(), src.sectors.end(),
                         [](const std::string& sec) { return sec == "REB" || sec == "SEP"; }))
          continue;
        std::string ctry = where && !where->country.empty() ? where->country
                           : !targets.empty()               ? targets[0].country
                                                            : std::string();
        if (ctry.empty()) continue;
        src.country = ctry;
        src.code = ctry + src.code;
        src.entry += ", country where the rebels act";
      }

      // Pairs.
      std::vector<std::pair<std::optional<ActorRef>, std::optional<ActorRef>>> pairs;
      if ((reciprocal || (p.mutual && (targets.empty() || m.tgt_group < 0))) && sources.size() >= 2) {
        for (const ActorRef& s : sources)
          for (const ActorRef& t : sources)
            if (&s != &t && s.code != t.code) pairs.emplace_back(s, t);
        why.push_back(reciprocal ? "reciprocal: each member of the group against the others" : "mutual: each member of the group with the others");
      } else if (!sources.empty()) {
        for (const ActorRef& s : sources) {
          if (targets.empty()) pairs.emplace_back(s, std::nullopt);
          for (const ActorRef& t : targets) pairs.emplace_back(s, t);
        }
      } else {
        for (const ActorRef& t : targets) pairs.emplace_back(std::nullopt, t);
      }
      if (p.reverse)
        for (auto& [s, t] : pairs) std::swap(s, t);

      for (auto& [s, t] : pairs) {
        if (s && t && s->code == t->code && s->text == t->text) t.reset();
        // "Azerbaijan's right" after an Azerbaijani subject: a bare own country is no target, but it is
        // an object, so a pattern that needs one still holds ("Aliyev insisted on Azerbaijan's right").
        bool own_country_object = false;
        if (s && t && m.tgt_group < 0 && t->entry != "place as target" && t->entry != kImpliedTarget &&
            p.code.compare(0, 2, "14") != 0 &&
            !s->country.empty() &&
            t->country == s->country && t->sectors.empty() && t->code == t->country) {
          t.reset();
          own_country_object = true;  // the verb had an object: its own country
        }
        // An act with no source and only a place for a target says nothing of who did it.
        if (!s && t && t->entry == "place as target") continue;
        bool known_source = s && !SectorsOnly(*s);
        // Violence by unnamed armed men against a known country is coded with no source country ("gunmen
        // abducted 280 pupils in Nigeria's Kaduna state").
        std::string_view root = std::string_view(code).substr(0, 2);
        bool unnamed_violence =
            s && !known_source && !p.noun && (root == "18" || root == "19" || root == "20") && t &&
            !t->country.empty() && !negated && !s->sectors.empty() &&
            std::all_of(s->sectors.begin(), s->sectors.end(), [](const std::string& sec) {
              return sec == "UAF" || sec == "RAD" || sec == "REB" || sec == "CRM";
            });
        // Without a known doer an act is not coded ("was assassinated", "relatives of hostages appealed").
        if (!known_source && !unnamed_violence) continue;
        if (p.needs_target && !t && !own_country_object) continue;
        if (p.say && !t) continue;  // a plain statement with no one addressed is not an event
        if (modality == Modality::kHypothetical && !options.include_hypothetical) continue;
        Event e;
        e.sentence_index = static_cast<int>(si);
        e.source = s;
        e.target = t;
        e.cameo = code;
        e.trigger = std::string(text.substr(trig.begin, tokens[m.end - 1].end - trig.begin));
        e.trigger_begin = trig.begin;
        e.trigger_end = trig.end;
        e.negated = negated;
        e.modality = modality;
        e.date = date;
        if (in_claim) {
          for (const ActorRef& cl : claim.claimers) {
            // In a reciprocal claim each side is the claimer of the other's act.
            if (claim.reciprocal && t && cl.code != t->code) continue;
            e.claimed_by = cl;
            break;
          }
          why.push_back("claimed by " + (e.claimed_by ? e.claimed_by->text : std::string("?")));
        } else if (in_denial && !p.deny) {
          e.claimed_by = deniers[0];
        } else if (responsibility && s) {
          e.claimed_by = *s;
        } else if (!speakers.empty() && m.trigger >= speech_from && !(s && s->code == speakers[0].code)) {
          e.claimed_by = speakers[0];
          why.push_back("reported speech of " + speakers[0].text);
        }
        if (where && gazetteer_) {
          const Place& pl = gazetteer_->place(where->place);
          Location loc;
          // GeoNames marks the Russian soft sign with ’ ("Ryazan’", "Vovchans’k"); news writes without it.
          loc.name = pl.name;
          for (const char* mark : {"\u2019", "\u02B9"})
            for (size_t at = loc.name.find(mark); at != std::string::npos; at = loc.name.find(mark))
              loc.name.erase(at, std::string_view(mark).size());
          loc.country = pl.country;
          loc.admin1 = pl.admin1;
          loc.lat = pl.lat;
          loc.lon = pl.lon;
          loc.geonames_id = pl.geonames_id;
          loc.precision = pl.precision;
          loc.begin = tokens[where->begin].begin;
          loc.end = tokens[where->end - 1].end;
          e.location = loc;
        }
        // Confidence from the evidence (docs/coding.md).
        double conf = 0.4;
        if (s && (!s->country.empty() || s->code.rfind("IGO", 0) == 0 || s->code.size() > 3)) conf += 0.2;
        if (t && (!t->country.empty() || !t->code.empty())) conf += 0.15;
        if (!t && (p.deny || p.mutual)) conf += 0.1;
        if (p.literal_count >= 2) conf += 0.1;
        if (!inherited && !p.noun) conf += 0.05;
        if (s && SectorsOnly(*s)) conf -= 0.15;
        if (t && (t->entry == "place as target" || t->entry == kImpliedTarget)) conf -= 0.05;
        e.confidence = std::clamp(conf, 0.05, 0.99);
        if (options.explain) {
          e.explain = why;
          if (s) e.explain.push_back("source entry: " + s->entry);
          if (t) e.explain.push_back("target entry: " + t->entry);
        }
        built.push_back(Built{std::move(e), mi});
      }
      // "agreed to halt all military action": the act agreed to is the event, not a bare intent (03).
      if (infinitive_of_intent &&
          std::any_of(built.begin(), built.end(), [&](const Built& b) { return b.match == mi && b.event.cameo.compare(0, 2, "03") != 0; }))
        built.erase(std::remove_if(built.begin(), built.end(),
                                   [&](const Built& b) { return b.match == mi - 1 && b.event.cameo.compare(0, 2, "03") == 0; }),
                    built.end());
    }

    // ", officials said." at the end of the sentence: the speaker claims what comes before.
    for (size_t mi = 0; mi < matches.size(); ++mi) {
      const VerbPattern& p = lex.pattern(matches[mi].pattern);
      if (!p.say) continue;
      int subj = SubjectBefore(c, mi > 0 ? matches[mi - 1].end : 0, matches[mi].trigger);
      if (subj < 0) continue;
      size_t b = an.groups[subj].begin;
      while (b > 0 && cues.determiners.count(tokens[b - 1].lower)) --b;
      bool postposed = b > 0 && (tokens[b - 1].lower == "," || tokens[b - 1].lower == "\"");
      if (!postposed) continue;
      for (Built& bt : built)
        if (bt.match < mi && !bt.event.claimed_by && !(bt.event.source && bt.event.source->code == an.groups[subj].actors[0].code))
          bt.event.claimed_by = an.groups[subj].actors[0];
    }
    // "according to X"
    for (size_t k = 0; k + 2 < tokens.size(); ++k) {
      if (tokens[k].lower != "according" || tokens[k + 1].lower != "to") continue;
      size_t q = k + 2;
      while (q < tokens.size() && cues.determiners.count(tokens[q].lower) && an.group_at[q] < 0) ++q;
      if (q >= tokens.size() || an.group_at[q] < 0) continue;
      const ActorRef& who = an.groups[an.group_at[q]].actors[0];
      for (Built& bt : built)
        if (!bt.event.claimed_by && !(bt.event.source && bt.event.source->code == who.code)) bt.event.claimed_by = who;
    }
    // Magnitudes go to the nearest event at or before them.
    for (const MagnitudeMention& mm : magnitudes) {
      Built* best = nullptr;
      for (Built& bt : built)
        if (matches[bt.match].trigger <= mm.at) best = &bt;
      if (!best && !built.empty()) best = &built.front();
      if (!best) continue;
      for (Built& bt : built) {
        if (bt.match != best->match) continue;
        Magnitude& mag = bt.event.magnitude;
        (mm.kind == 0 ? mag.killed : mm.kind == 1 ? mag.injured : mag.arrested) = mm.count;
      }
    }
    // One event per (source, target, root, claim, negation) in a sentence, and no targetless copy of an
    // act that is also there with a target.
    auto actor_key = [](const std::optional<ActorRef>& a) {
      return !a ? std::string("-") : a->country.empty() ? a->code : a->country;
    };
    auto key = [&](const Event& e) {
      return actor_key(e.source) + "|" + actor_key(e.target) + "|" + e.cameo.substr(0, 2) + "|" +
             actor_key(e.claimed_by) + "|" + (e.negated ? "n" : "a");
    };
    std::vector<bool> drop(built.size(), false);
    for (size_t a = 0; a < built.size(); ++a) {
      const Event& e = built[a].event;
      for (size_t b = 0; b < built.size() && !drop[a]; ++b) {
        if (a == b || drop[b]) continue;
        const Event& o = built[b].event;
        if (b < a && key(o) == key(e)) drop[a] = true;
        bool weak = !e.target || (e.target->country.empty() && SectorsOnly(*e.target));
        bool strong_other = o.target && !(o.target->country.empty() && SectorsOnly(*o.target));
        if (!e.source && o.source && e.target && o.target && e.target->country == o.target->country &&
            o.cameo.compare(0, 2, e.cameo, 0, 2) == 0)
          drop[a] = true;
        if (weak && strong_other && o.cameo.compare(0, 2, e.cameo, 0, 2) == 0 &&
            (o.source ? o.source->code : "") == (e.source ? e.source->code : "") &&
            (o.claimed_by ? o.claimed_by->code : "") == (e.claimed_by ? e.claimed_by->code : "") && o.negated == e.negated)
          drop[a] = true;
      }
    }
    for (size_t a = 0; a < built.size(); ++a) {
      Built& bt = built[a];
      bool dup = drop[a];
      if (!dup) doc.events.push_back(std::move(bt.event));
    }
  }
}

std::vector<PatternSpan> Coder::MatchPatterns(const Document& doc) const {
  std::vector<PatternSpan> out;
  std::vector<std::string> article_countries = internal::ArticleCountries(doc, lexicon_);
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const std::vector<Token>& tokens = doc.sentences[si].tokens;
    if (tokens.empty()) continue;
    std::string_view text = doc.SentenceText(si);
    AnalysisContext actx{lexicon_, gazetteer_, doc.published, &article_countries};
    SentenceAnalysis an = internal::AnalyzeSentence(text, tokens, actx);
    for (const Match& m : FindMatches(SentenceCtx{text, tokens, an, lexicon_, TimeAdverbials(tokens)}))
      out.push_back(PatternSpan{static_cast<int>(si), m.trigger, m.end, m.pattern});
  }
  return out;
}

}  // namespace eventcoder
