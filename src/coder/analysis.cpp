#include "coder/analysis.h"

#include <algorithm>
#include <unordered_set>
#include <map>

namespace eventcoder::internal {
namespace {

int KindRank(ActorKind k) {
  switch (k) {
    case ActorKind::kPerson: return 0;
    case ActorKind::kOrganisation: return 1;
    case ActorKind::kCountryName: return 2;
    case ActorKind::kCountryAdj: return 3;
    case ActorKind::kCapital: return 4;
    case ActorKind::kSeat: return 5;
    case ActorKind::kPeople: return 6;
    case ActorKind::kAgent: return 7;
  }
  return 8;
}

struct Atom {
  uint32_t begin = 0, end = 0;
  uint32_t entry = 0;
  ActorKind kind = ActorKind::kAgent;
};

bool IsCountryKind(ActorKind k) {
  return k == ActorKind::kCountryName || k == ActorKind::kCountryAdj || k == ActorKind::kCapital ||
         k == ActorKind::kSeat || k == ActorKind::kPeople;
}

const Role* PickRole(const ActorEntry& e, const std::optional<PartialDate>& when) {
  if (e.roles.empty()) return nullptr;
  if (when && when->valid()) {
    for (const Role& r : e.roles)
      if (r.when.Contains(*when)) return &r;
  }
  // Outside every role: the most recent one.
  const Role* best = &e.roles[0];
  auto start = [](const Role& r) { return r.when.from ? r.when.from->year * 10000 + r.when.from->month * 100 + r.when.from->day : 0; };
  for (const Role& r : e.roles)
    if (start(r) > start(*best)) best = &r;
  return best;
}

std::string Concat(const std::string& country, const std::vector<std::string>& sectors) {
  std::string code = country;
  for (const std::string& s : sectors) code += s;
  return code;
}

void AddUnique(std::vector<std::string>& v, const std::vector<std::string>& add) {
  for (const std::string& s : add)
    if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

void CollectCountries(std::string_view sentence, const std::vector<Token>& tokens, const Lexicon& lex,
                      std::vector<std::string>* out) {
  std::vector<uint32_t> entries;
  for (size_t i = 0; i < tokens.size();) {
    int n = tokens[i].kind == TokenKind::kPunct ? 0 : lex.MatchActorAt(sentence, tokens, i, &entries);
    if (n == 0) {
      ++i;
      continue;
    }
    for (uint32_t id : entries) {
      const ActorEntry& e = lex.actor(id);
      if (!e.country.empty() && IsCountryKind(e.kind)) {
        out->push_back(e.country);
        break;
      }
    }
    i += n;
  }
}

SentenceAnalysis AnalyzeSentence(std::string_view sentence, const std::vector<Token>& tokens,
                                 const AnalysisContext& ctx) {
  const Lexicon& lex = ctx.lexicon;
  const Cues& cues = lex.cues();
  const size_t n = tokens.size();
  SentenceAnalysis out;
  out.group_at.assign(n, -1);
  out.place_at.assign(n, -1);

  // 1. Atoms: the longest dictionary phrase at each position.
  std::vector<Atom> atoms;
  std::vector<uint32_t> entries;
  for (size_t i = 0; i < n;) {
    int len = tokens[i].kind == TokenKind::kPunct ? 0 : lex.MatchActorAt(sentence, tokens, i, &entries);
    if (len == 0) {
      ++i;
      continue;
    }
    uint32_t best = entries[0];
    for (uint32_t id : entries)
      if (KindRank(lex.actor(id).kind) < KindRank(lex.actor(best).kind)) best = id;
    // Two people with one name ("Aliyev"): the one in office on the article's date.
    if (lex.actor(best).kind == ActorKind::kPerson && ctx.when && ctx.when->valid()) {
      for (uint32_t id : entries) {
        const ActorEntry& e = lex.actor(id);
        if (e.kind != ActorKind::kPerson) continue;
        bool in_office = false;
        for (const Role& r : e.roles) in_office = in_office || r.when.Contains(*ctx.when);
        if (in_office) {
          best = id;
          break;
        }
      }
    }
    // "Thérèse Kayikwamba Wagner": an organisation's name right after unknown capitalised words is the end
    // of a person's name.
    if (lex.actor(best).kind == ActorKind::kOrganisation && i >= 2 && tokens[i - 1].capitalised &&
        tokens[i - 1].kind == TokenKind::kWord && (atoms.empty() || atoms.back().end < i) &&
        tokens[i - 2].capitalised && tokens[i - 2].kind == TokenKind::kWord) {
      i += len;
      continue;
    }
    atoms.push_back(Atom{static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), best, lex.actor(best).kind});
    i += len;
  }

  // 2. Phrases: adjacent atoms, joined by "'s", fillers, "of" (agent of country) or "and" between adjectives.
  std::vector<std::vector<Atom>> phrase_atoms;
  for (size_t a = 0; a < atoms.size(); ++a) {
    std::vector<Atom> cur = {atoms[a]};
    while (a + 1 < atoms.size()) {
      const Atom& next = atoms[a + 1];
      uint32_t gap_begin = cur.back().end, gap_end = next.begin;
      bool ok = true;
      bool has_and = false;
      // "White House national security spokesman": up to two plain lower-case nouns may stand between a
      // country word and the agent it qualifies.
      bool compound_ok = IsCountryKind(cur.back().kind) && next.kind == ActorKind::kAgent && gap_end - gap_begin <= 2;
      for (uint32_t k = gap_begin; k < gap_end && compound_ok; ++k) {
        const Token& t = tokens[k];
        compound_ok = t.kind == TokenKind::kWord && !t.capitalised && !t.verb_form &&
                      !cues.determiners.count(t.lower) && !cues.locatives.count(t.lower) &&
                      !cues.clause_openers.count(t.lower) && t.lower != "to" && t.lower != "and";
      }
      for (uint32_t k = gap_begin; k < gap_end && ok; ++k) {
        const std::string& w = tokens[k].lower;
        if (compound_ok) continue;
        if (w == "'s" || w == "'" || cues.fillers.count(w)) continue;
        if (w == "of" && cur.back().kind == ActorKind::kAgent && IsCountryKind(next.kind) && gap_end - gap_begin == 1) continue;
        if ((w == "and" || w == ",") && cur.back().kind == ActorKind::kCountryAdj && next.kind == ActorKind::kCountryAdj) {
          has_and = true;
          continue;
        }
        ok = false;
      }
      if (!ok || gap_end - gap_begin > 3) break;
      // "Armenia and Azerbaijan" are two phrases (a group), not one; only adjectives distribute.
      (void)has_and;
      cur.push_back(next);
      ++a;
    }
    phrase_atoms.push_back(std::move(cur));
  }

  std::vector<Phrase> phrases;
  for (const std::vector<Atom>& pa : phrase_atoms) {
    Phrase p;
    p.begin = pa.front().begin;
    p.end = pa.back().end;
    if (p.end < n && tokens[p.end].lower == "'s") p.possessive = true;
    const Atom* person = nullptr;
    const Atom* org = nullptr;
    std::vector<const Atom*> countries;  // country-type atoms in order
    std::vector<std::string> agent_sectors;
    std::vector<std::string> where;
    bool last_is_adj = pa.back().kind == ActorKind::kCountryAdj;
    for (const Atom& at : pa) {
      const ActorEntry& e = lex.actor(at.entry);
      where.push_back(e.where);
      if (at.kind == ActorKind::kPerson) person = &at;
      else if (at.kind == ActorKind::kOrganisation) org = &at;
      else if (at.kind == ActorKind::kAgent) AddUnique(agent_sectors, e.sectors);
      else countries.push_back(&at);
    }
    std::string text(sentence.substr(tokens[p.begin].begin, tokens[p.end - 1].end - tokens[p.begin].begin));
    auto make_ref = [&](std::string code, std::string country, std::vector<std::string> sectors) {
      ActorRef r;
      r.text = text;
      r.code = std::move(code);
      r.country = std::move(country);
      r.sectors = std::move(sectors);
      r.begin = tokens[p.begin].begin;
      r.end = tokens[p.end - 1].end;
      for (const std::string& w : where) r.entry += (r.entry.empty() ? "" : ", ") + w;
      return r;
    };
    // "Abbas Kamel" is not Mahmoud Abbas: a name that goes on past the alias is someone else.
    if (person && person->end < n && tokens[person->end].capitalised && tokens[person->end].kind == TokenKind::kWord &&
        std::none_of(atoms.begin(), atoms.end(), [&](const Atom& at) { return at.begin == person->end; }) &&
        !(countries.empty() && agent_sectors.empty()))
      person = nullptr;
    if (person) {
      const ActorEntry& e = lex.actor(person->entry);
      const Role* role = PickRole(e, ctx.when);
      std::string c = role ? role->country : "";
      std::vector<std::string> sectors = role ? role->sectors : std::vector<std::string>{};
      if (c.size() == 3) {
        std::string state = lex.StateOf(c);
        p.actors.push_back(make_ref(Concat(state, sectors), state, sectors));
      } else {
        // An organisation's code in the role ("IGOUNO") or no country at all.
        p.actors.push_back(make_ref(c.empty() ? Concat("", sectors) : c, "", sectors));
      }
    } else if (org && (countries.empty() || org->begin > countries.back()->begin || !agent_sectors.empty())) {
      const ActorEntry& e = lex.actor(org->entry);
      p.actors.push_back(make_ref(e.code, e.country.empty() ? "" : lex.StateOf(e.country), e.sectors));
    } else if (!countries.empty()) {
      // Distributive adjectives ("Armenian and Azerbaijani forces") give one actor each.
      std::vector<const Atom*> heads;
      if (!agent_sectors.empty()) {
        for (const Atom* c : countries)
          if (c->kind == ActorKind::kCountryAdj || c->kind == ActorKind::kCountryName) heads.push_back(c);
        if (heads.empty()) heads.push_back(countries.back());
        // Only adjectives joined by "and" distribute; otherwise the last country word counts.
        bool distributive = false;
        for (uint32_t k = p.begin; k < p.end; ++k)
          if (tokens[k].lower == "and" || tokens[k].lower == ",") distributive = true;
        if (!distributive) heads = {heads.back()};
      } else {
        heads.push_back(countries.back());
      }
      for (const Atom* h : heads) {
        const ActorEntry& e = lex.actor(h->entry);
        std::vector<std::string> sectors = agent_sectors.empty() ? e.sectors : agent_sectors;
        bool territory = e.code != e.country;
        if (territory) sectors = e.sectors.empty() ? agent_sectors : e.sectors;  // territory's own sectors
        if (agent_sectors.empty() && h->kind == ActorKind::kCountryAdj) sectors.clear();
        p.actors.push_back(make_ref(Concat(e.country, sectors), e.country, sectors));
      }
      p.modifier_only = agent_sectors.empty() && last_is_adj && countries.size() == pa.size();
    } else {
      // Agents alone: "soldiers", "the ministry" — no country.
      p.actors.push_back(make_ref(Concat("", agent_sectors), "", agent_sectors));
    }
    phrases.push_back(std::move(p));
  }

  // 3. A country or capital after a locative preposition is a place, not an actor ("in Moscow").
  auto locative_before = [&](uint32_t b, bool strict) {
    size_t k = b;
    while (k > 0) {
      const std::string& w = tokens[k - 1].lower;
      if (w == "the" || (w.size() >= 7 && w.compare(w.size() - 3, 3, "ern") == 0)) {  // "southeastern", "the"
        --k;
        continue;
      }
      break;
    }
    if (k == 0) return false;
    const std::string& w = tokens[k - 1].lower;
    if (strict) return w == "in" || w == "at" || w == "near" || w == "inside" || w == "outside" || w == "throughout" ||
                       w == "through" || w == "across" || w == "within" || w == "into";
    return w == "in" || w == "at" || w == "near" || w == "inside" || w == "outside" || w == "to" || w == "from" ||
           w == "into" || w == "through" || w == "throughout" || w == "across" || w == "within";
  };
  std::vector<Phrase> actors;
  for (Phrase& p : phrases) {
    bool single_place_word = p.end - p.begin >= 1 && p.actors.size() == 1 && !p.possessive;
    ActorKind k = ActorKind::kAgent;
    std::string entry_code;
    for (const Atom& at : atoms)
      if (at.begin == p.begin && at.end == p.end) {
        k = at.kind;
        entry_code = lex.actor(at.entry).code;
      }
    bool is_place = false;
    if (single_place_word && k == ActorKind::kCountryName && locative_before(p.begin, true)) is_place = true;
    if (single_place_word && k == ActorKind::kCapital && locative_before(p.begin, false)) is_place = true;
    if (is_place && ctx.gazetteer) {
      std::string name(sentence.substr(tokens[p.begin].begin, tokens[p.end - 1].end - tokens[p.begin].begin));
      std::optional<uint32_t> id;
      const std::string& country = p.actors[0].country;
      // A state's name is the country; a territory's name ("Nagorno-Karabakh") is looked up as a place.
      if (k == ActorKind::kCountryName && entry_code == country) id = ctx.gazetteer->Country(country);
      if (!id) {
        std::vector<std::string> context = {country};
        id = ctx.gazetteer->Resolve(name, context);
      }
      if (id) {
        out.places.push_back(PlaceMention{p.begin, p.end, *id, ctx.gazetteer->place(*id).country});
        continue;
      }
    }
    // "in Syria and Libya": a country joined to a place is a place too.
    if (!is_place && single_place_word && (k == ActorKind::kCountryName || k == ActorKind::kCapital) &&
        !out.places.empty() && ctx.gazetteer) {
      const PlaceMention& prev = out.places.back();
      bool joined = p.begin > prev.end && p.begin - prev.end <= 2;
      for (uint32_t g = prev.end; g < p.begin && joined; ++g)
        joined = tokens[g].lower == "and" || tokens[g].lower == "or" || tokens[g].lower == ",";
      if (joined) {
        std::optional<uint32_t> id;
        if (k == ActorKind::kCountryName && entry_code == p.actors[0].country) id = ctx.gazetteer->Country(p.actors[0].country);
        if (!id) {
          std::vector<std::string> context = {p.actors[0].country};
          id = ctx.gazetteer->Resolve(std::string(sentence.substr(tokens[p.begin].begin, tokens[p.end - 1].end - tokens[p.begin].begin)), context);
        }
        if (id) {
          out.places.push_back(PlaceMention{p.begin, p.end, *id, ctx.gazetteer->place(*id).country});
          continue;
        }
      }
    }
    if (is_place) continue;
    actors.push_back(std::move(p));
  }

  // 4. Groups: phrases joined by "and", ",", "as well as".
  for (size_t i = 0; i < actors.size(); ++i) {
    Group g;
    g.begin = actors[i].begin;
    g.end = actors[i].end;
    g.actors = actors[i].actors;
    g.modifier_only = actors[i].modifier_only;
    // A list: "Armenia and Azerbaijan", "Seoul, Tokyo and Washington" (commas count only when an "and" ends it).
    // Its last phrase is found first and the actors are copied only for a list that is kept: copying a
    // comma run that is then undone, from every phrase of it, made long lists quadratic.
    size_t last = i;
    bool ended_with_and = false, used_comma = false;
    while (last + 1 < actors.size()) {
      const Phrase& next = actors[last + 1];
      uint32_t gb = actors[last].end, ge = next.begin;
      bool ok = ge > gb && ge - gb <= 3;
      bool has_and = false, comma = false;
      for (uint32_t k = gb; k < ge && ok; ++k) {
        const std::string& w = tokens[k].lower;
        if (w == "and" || w == "&" || w == "as" || w == "well") has_and = true;
        else if (w == ",") comma = true;
        else if (cues.determiners.count(w)) continue;
        else ok = false;
      }
      if (!ok || (!has_and && !comma) || actors[last].possessive) break;
      ++last;
      used_comma = used_comma || (comma && !has_and);
      ended_with_and = has_and;
      if (has_and) break;
    }
    // "Russia, the ally of Armenia": a comma run without "and" is an apposition, not a list.
    if (!(used_comma && !ended_with_and)) {
      for (size_t k = i + 1; k <= last; ++k) {
        g.actors.insert(g.actors.end(), actors[k].actors.begin(), actors[k].actors.end());
        g.modifier_only = g.modifier_only && actors[k].modifier_only;
      }
      g.end = actors[last].end;
      i = last;
    }
    out.groups.push_back(std::move(g));
  }
  // "the two sides", "both countries": the article's two most mentioned countries.
  if (ctx.article_countries && ctx.article_countries->size() >= 2) {
    for (size_t i = 0; i < n; ++i) {
      for (const std::vector<std::string>& d : cues.dyads) {
        if (d.empty() || i + d.size() > n) continue;
        bool hit = true;
        for (size_t k = 0; k < d.size() && hit; ++k) hit = tokens[i + k].lower == d[k];
        if (!hit) continue;
        bool free = true;
        for (const Group& g : out.groups) free = free && (g.end <= i || g.begin >= i + d.size());
        if (!free) continue;
        Group g;
        g.begin = static_cast<uint32_t>(i);
        g.end = static_cast<uint32_t>(i + d.size());
        for (size_t c = 0; c < 2; ++c) {
          ActorRef r;
          r.country = (*ctx.article_countries)[c];
          r.code = r.country;
          r.text = std::string(sentence.substr(tokens[i].begin, tokens[g.end - 1].end - tokens[i].begin));
          r.begin = tokens[i].begin;
          r.end = tokens[g.end - 1].end;
          r.entry = "the article's two most mentioned countries";
          g.actors.push_back(std::move(r));
        }
        out.groups.push_back(std::move(g));
      }
    }
    std::sort(out.groups.begin(), out.groups.end(), [](const Group& a, const Group& b) { return a.begin < b.begin; });
  }
  for (size_t gi = 0; gi < out.groups.size(); ++gi)
    for (uint32_t k = out.groups[gi].begin; k < out.groups[gi].end; ++k) out.group_at[k] = static_cast<int>(gi);

  // 5. Places from the gazetteer: capitalised words after a locative, before a place noun, or our regions.
  if (ctx.gazetteer) {
    std::vector<std::string> context;
    for (const Group& g : out.groups)
      for (const ActorRef& a : g.actors)
        if (!a.country.empty()) context.push_back(a.country);
    for (const PlaceMention& pm : out.places) context.push_back(pm.country);
    if (ctx.article_countries) context.insert(context.end(), ctx.article_countries->begin(), ctx.article_countries->end());
    struct Candidate { uint32_t begin, end; bool accepted; };
    std::vector<Candidate> cands;
    static const std::unordered_set<std::string> kCalendarWords = {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"};
    for (size_t i = 0; i < n; ++i) {
      if (!tokens[i].capitalised || out.group_at[i] >= 0 || tokens[i].kind != TokenKind::kWord) continue;
      if (kCalendarWords.count(tokens[i].lower)) continue;  // "In August": a date, not the town of August
      bool covered = false;
      for (const PlaceMention& pm : out.places)
        if (i >= pm.begin && i < pm.end) covered = true;
      if (covered) continue;
      for (size_t len = std::min<size_t>(4, n - i); len >= 1; --len) {
        bool all_caps_words = true;
        for (size_t k = i; k < i + len; ++k)
          if (!(tokens[k].capitalised || tokens[k].lower == "-" || tokens[k].lower == "of") || out.group_at[k] >= 0) all_caps_words = false;
        if (!all_caps_words || tokens[i + len - 1].lower == "of") continue;
        std::string_view name = sentence.substr(tokens[i].begin, tokens[i + len - 1].end - tokens[i].begin);
        std::vector<uint32_t> ids = ctx.gazetteer->Lookup(name);
        if (ids.empty()) continue;
        bool curated = false;
        for (uint32_t id : ids)
          if (ctx.gazetteer->place(id).geonames_id == 0) curated = true;
        bool after_locative = i > 0 && cues.locatives.count(tokens[i - 1].lower);
        bool before_noun = i + len < n && cues.place_nouns.count(tokens[i + len].lower);
        bool sentence_start = i == 0;
        // "shelled Kharkiv", "visited Kyiv": right after a verb.
        bool after_verb = i > 0 && tokens[i - 1].verb_form && !tokens[i - 1].capitalised;
        bool accepted = curated || before_noun || (after_locative && !sentence_start) || after_verb;
        cands.push_back(Candidate{static_cast<uint32_t>(i), static_cast<uint32_t>(i + len), accepted});
        i += len - 1;
        break;
      }
    }
    // "the Terter and Agdam regions": a candidate joined by "and"/"," to an accepted one is accepted too.
    for (int pass = 0; pass < 2; ++pass)
      for (size_t c = 0; c < cands.size(); ++c) {
        if (cands[c].accepted) continue;
        auto joined = [&](const Candidate& a, const Candidate& b) {
          if (b.begin < a.end) return false;
          for (uint32_t k = a.end; k < b.begin; ++k)
            if (tokens[k].lower != "and" && tokens[k].lower != "," && tokens[k].lower != "or") return false;
          return b.begin > a.end && b.begin - a.end <= 2;
        };
        if ((c + 1 < cands.size() && cands[c + 1].accepted && joined(cands[c], cands[c + 1])) ||
            (c > 0 && cands[c - 1].accepted && joined(cands[c - 1], cands[c])))
          cands[c].accepted = true;
      }
    for (const Candidate& c : cands) {
      if (!c.accepted) continue;
      std::string_view name = sentence.substr(tokens[c.begin].begin, tokens[c.end - 1].end - tokens[c.begin].begin);
      std::optional<uint32_t> id = ctx.gazetteer->Resolve(name, context);
      if (id) out.places.push_back(PlaceMention{c.begin, c.end, *id, ctx.gazetteer->place(*id).country});
    }
    std::sort(out.places.begin(), out.places.end(), [](const PlaceMention& a, const PlaceMention& b) { return a.begin < b.begin; });
    for (size_t pi = 0; pi < out.places.size(); ++pi)
      for (uint32_t k = out.places[pi].begin; k < out.places[pi].end; ++k) out.place_at[k] = static_cast<int>(pi);
  }

  // 6. Agents with no country take the country of the sentence's places when there is just one.
  // (Only when the sentence names one country in all, in its places and actors.)
  std::string only_country;
  bool one = true;
  auto note = [&](const std::string& c) {
    if (c.empty()) return;
    if (only_country.empty()) only_country = c;
    else if (only_country != c) one = false;
  };
  for (const PlaceMention& pm : out.places) note(pm.country);
  for (const Group& g : out.groups)
    for (const ActorRef& a : g.actors) note(a.country);
  bool has_place = false;
  for (const PlaceMention& pm : out.places) has_place = has_place || !pm.country.empty();
  // Armed men of unknown allegiance, jihadists and criminals ("gunmen abducted pupils in Nigeria's Kaduna
  // state") are not of the country where they strike.
  auto unaligned = [](const ActorRef& a) {
    return std::any_of(a.sectors.begin(), a.sectors.end(),
                       [](const std::string& s) { return s == "UAF" || s == "RAD" || s == "CRM"; });
  };
  if (one && !only_country.empty()) {
    for (Group& g : out.groups)
      for (ActorRef& a : g.actors)
        if (a.country.empty() && !a.sectors.empty() && a.code == Concat("", a.sectors) && !unaligned(a) &&
            (has_place || a.sectors[0] == "OPP" || a.sectors[0] == "GOV" || a.sectors[0] == "COP")) {
          a.country = only_country;
          a.code = Concat(only_country, a.sectors);
          a.entry += ", country from the only country the sentence names";
        }
  }
  return out;
}

std::vector<std::string> ArticleCountries(const Document& doc, const Lexicon& lexicon) {
  std::vector<std::string> mentioned;
  for (size_t s = 0; s < doc.sentences.size(); ++s)
    CollectCountries(doc.SentenceText(s), doc.sentences[s].tokens, lexicon, &mentioned);
  std::map<std::string, int> counts;
  for (const std::string& c : mentioned) ++counts[c];
  std::vector<std::string> out;
  for (const auto& [c, k] : counts) out.push_back(c);
  std::stable_sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) { return counts[a] > counts[b]; });
  return out;
}

}  // namespace eventcoder::internal
