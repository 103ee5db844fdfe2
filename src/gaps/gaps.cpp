#include "gaps/gaps.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

// The sentence analysis the coder itself uses (actor groups, places), so that a gap is exactly what the
// coder did not see.
#include "coder/analysis.h"

namespace eventcoder {
namespace {

using internal::SentenceAnalysis;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Words written with a capital at the start of a sentence or clause that are no names ("The", "In").
const std::unordered_set<std::string> kFunctionWords = {
    "the", "a", "an", "in", "on", "at", "of", "for", "to", "from", "by", "with", "after", "before", "during",
    "since", "until", "as", "and", "but", "or", "nor", "if", "when", "while", "where", "though", "although",
    "because", "despite", "amid", "over", "under", "about", "against", "between", "among", "into", "through",
    "without", "within", "across", "around", "near", "outside", "inside", "following", "according", "meanwhile",
    "however", "also", "still", "yet", "then", "thus", "so", "now", "here", "there", "this", "that", "these",
    "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "who",
    "what", "which", "why", "how", "whose", "whom", "some", "many", "most", "all", "both", "each", "every", "no",
    "not", "any", "other", "another", "such", "several", "few", "more", "one", "two", "three", "last", "next",
    "earlier", "later", "today", "yesterday", "tomorrow", "tonight", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr",
    "dr.", "sir", "dear", "yes", "oh", "please", "thank", "thanks"};

// Days and months: capitalised, never actors or places.
const std::unordered_set<std::string> kCalendar = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan.", "feb.",
    "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."};

// Auxiliaries and modals between a subject and its verb ("Hamas has rejected", "the RSF would").
const std::unordered_set<std::string> kAuxiliaries = {
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would", "can", "could",
    "may", "might", "must", "shall", "should", "did", "does", "do", "'s", "'re", "'ve", "'d", "'ll"};
const std::unordered_set<std::string> kBe = {"is", "are", "was", "were", "be", "been", "being", "'s", "'re"};

// Past tenses spelled like the base form ("the RSF hit the city").
const std::unordered_set<std::string> kSameFormPast = {
    "hit", "put", "set", "cut", "shut", "let", "quit", "spread", "cast", "beat", "bid", "burst", "cost", "hurt",
    "split", "thrust", "upset", "read", "broadcast", "forecast", "shed", "rid"};

// Acronyms that name no actor ("a TV screen", "08:47 GMT").
const std::unordered_set<std::string> kNotNames = {"tv", "gmt", "utc", "am", "pm", "km", "gdp", "covid", "covid-19"};

// Words WordNet knows as verbs that news uses otherwise between two actors ("last month", "carry out").
const std::unordered_set<std::string> kNotVerbs = {"last", "next", "out", "up", "down", "off", "back", "away",
                                                    "according", "about", "like", "near", "further", "long"};

// Words after which a verb form is a verb: "to", a conjunction, a subject pronoun, a relative.
const std::unordered_set<std::string> kBeforeVerb = {"to", ",", "and", "or", "but", "then", "also", "he", "she",
                                                     "it", "they", "we", "who", "which", "that", "whom"};

// Lower-case words inside a name: "Bank of England", "Mohammed bin Salman".
const std::unordered_set<std::string> kNameLinks = {"of", "bin", "ibn", "bint", "al", "el", "de", "del",
                                                     "da", "di", "van", "von", "der"};

// Prepositions after which an unresolved place name is looked for.
const std::unordered_set<std::string> kPlacePrepositions = {"in", "near", "at", "outside", "from"};

// After these a word is a noun ("of talks"), unless it is a gerund ("of shelling").
const std::unordered_set<std::string> kPrepositions = {
    "in", "of", "with", "by", "for", "from", "to", "against", "on", "at", "between", "over", "than", "near",
    "about", "across", "among", "into", "toward", "towards", "under", "without", "including", "like", "via",
    "despite", "during", "through", "behind", "upon", "amid", "per", "after", "before"};

// Words with an agent-like ending that name no one.
const std::unordered_set<std::string> kNotAgents = {
    "other", "others", "another", "after", "never", "over", "under", "together", "whether", "either", "neither",
    "rather", "former", "latter", "earlier", "later", "ever", "however", "proper", "sooner", "major", "minor",
    "senior", "junior", "interior", "exterior", "prior", "poor", "door", "floor", "error", "horror", "terror",
    "sector", "factor", "corridor", "mirror", "labor", "favor", "honor", "rumor", "media", "criteria", "events",
    "incidents", "accidents", "contents", "degrees", "fees", "trees", "proposals", "funerals", "materials",
    "arrivals", "intervals", "sites", "websites", "towards", "afterwards", "backwards", "standards", "boundaries",
    "salaries", "summaries", "libraries", "anniversaries", "diaries", "primaries", "commentaries", "human",
    "woman's", "cancer", "center", "centre", "chapter", "quarter", "shelter", "winter", "summer", "water",
    "border", "power", "paper", "letter", "number", "order", "matter", "weather", "murder"};

// Nouns that name people or groups: "gunmen", "protesters", "settlers", "militias", "doctors".
bool AgentLike(const std::string& w, const Cues& cues) {
  if (cues.person_nouns.count(w)) return true;
  if (w.size() < 5 || kNotAgents.count(w) || EndsWith(w, "ment") || EndsWith(w, "ments")) return false;
  // Singular "-er"/"-or" is left out: too many comparatives ("wider") and plain nouns ("border").
  for (const char* s : {"ers", "ors", "ists", "ians", "men", "man", "ants", "ents", "ees", "ites", "ards", "aries",
                        "ias", "als", "ist", "ian", "ia"})
    if (EndsWith(w, s)) return true;
  return false;
}

// Arabic names written with the article: "al-Burhan", "el-Sisi".
bool ArabicArticleName(std::string_view w) {
  for (std::string_view p : {"al-", "el-", "ash-", "as-", "ad-", "ar-", "az-", "at-", "an-"})
    if (w.size() > p.size() && w.substr(0, p.size()) == p && std::isupper(static_cast<unsigned char>(w[p.size()])))
      return true;
  return false;
}

// A hyphenated word is a name only when its last part is: "Nagorno-Karabakh", "al-Burhan", not
// "Russian-made", "Hamas-led", "Shahed-136".
bool NameHyphenation(std::string_view w) {
  size_t dash = w.rfind('-');
  if (dash == std::string_view::npos) return true;
  if (dash + 1 >= w.size()) return false;
  unsigned char c = static_cast<unsigned char>(w[dash + 1]);
  return std::isupper(c) || c >= 0x80;
}

bool AllCapitals(std::string_view w) {
  int letters = 0;
  for (char ch : w) {
    if (std::islower(static_cast<unsigned char>(ch))) return false;
    if (std::isupper(static_cast<unsigned char>(ch))) ++letters;
  }
  return letters >= 2;
}

bool IsBoundary(const Token& t) {
  return t.kind == TokenKind::kPunct && (t.lower == ";" || t.lower == ":" || t.lower == "\"" || t.lower == "(" ||
                                         t.lower == ")" || t.lower == "." || t.lower == "?" || t.lower == "!");
}

// An agent with no country or organisation ("officials", "the Army"): its code is only its sectors.
bool SectorsOnly(const ActorRef& a) {
  if (!a.country.empty()) return false;
  std::string joined;
  for (const std::string& s : a.sectors) joined += s;
  return a.code == joined;
}

// Whether `verb` can be the verb of `subject` (its last word): a base form after a singular noun is a
// noun compound instead ("the Georgian Dream party", "the Wagner group", "a military base").
bool AgreesWithSubject(const Token& subject, const Token& verb) {
  bool base = verb.lower == verb.lemma && !kSameFormPast.count(verb.lower);
  return !base || EndsWith(subject.lower, "s");
}

// One sentence with what the coder saw in it.
struct SentenceView {
  std::string_view text;
  const std::vector<Token>& tokens;
  const SentenceAnalysis& an;
  std::vector<bool> in_match;   // token inside a matched pattern
  std::vector<bool> trigger;    // the first word of a matched pattern
  std::vector<bool> match_end;  // a matched pattern ends right before this token (size n + 1)
  std::vector<bool> weak;       // group index -> only sector words ("Army", "officials"), no country
  size_t first_word = 0;        // the first word token

  std::string Surface(size_t b, size_t e) const {
    return std::string(text.substr(tokens[b].begin, tokens[e - 1].end - tokens[b].begin));
  }
  bool Covered(size_t k) const { return an.group_at[k] >= 0 || an.place_at[k] >= 0; }
  // A word that may be part of an unknown name: capitalised, not a place, not a pattern's first word ("Talks
  // between …"), not inside an actor that has a country or an organisation. A name inside a matched
  // pattern counts: "attacked the Zorgan Front near Kapan" matched up to the place.
  bool NameWord(size_t k) const {
    const Token& t = tokens[k];
    if (t.kind != TokenKind::kWord || kCalendar.count(t.lower) || kNotNames.count(t.lower) || an.place_at[k] >= 0 ||
        trigger[k])
      return false;
    int g = an.group_at[k];
    if (g >= 0 && !weak[g]) return false;
    std::string w = Surface(k, k + 1);
    return (t.capitalised || ArabicArticleName(w)) && NameHyphenation(w);
  }
  // The end of a name run starting at b: name words, joined by "of (the)", "bin", "al" …
  size_t NameEnd(size_t b) const {
    size_t e = b + 1;
    const size_t n = tokens.size();
    while (e < n) {
      if (NameWord(e)) {
        ++e;
        continue;
      }
      if (!tokens[e].capitalised && kNameLinks.count(tokens[e].lower)) {
        size_t q = e + 1;
        if (tokens[e].lower == "of" && q < n && tokens[q].lower == "the") ++q;
        if (q < n && NameWord(q)) {
          e = q + 1;
          continue;
        }
      }
      break;
    }
    return e;
  }
};

}  // namespace

GapCollector::GapCollector(const Lexicon& lexicon, const Gazetteer* gazetteer)
    : lexicon_(lexicon), gazetteer_(gazetteer), coder_(lexicon, gazetteer) {}

void GapCollector::Note(Tally& tally, const Document& doc, size_t sentence) {
  ++tally.count;
  tally.articles.insert(articles_);
  long order = seen_++;
  if (tally.examples.size() >= 2) return;
  std::string text(doc.SentenceText(sentence));
  for (const auto& [o, ex] : tally.examples)
    if (ex.sentence == text) return;
  tally.examples.emplace_back(order, GapExample{doc.path.empty() ? doc.id : doc.path, static_cast<int>(sentence), text});
}

void GapCollector::Merge(Tally& into, const Tally& from) {
  into.count += from.count;
  into.articles.insert(from.articles.begin(), from.articles.end());
  std::vector<std::pair<long, GapExample>> all = into.examples;
  all.insert(all.end(), from.examples.begin(), from.examples.end());
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  into.examples.clear();
  for (const auto& ex : all) {
    bool dup = false;
    for (const auto& kept : into.examples) dup = dup || kept.second.sentence == ex.second.sentence;
    if (!dup && into.examples.size() < 2) into.examples.push_back(ex);
  }
}

void GapCollector::Add(const Document& doc) {
  ++articles_;
  const Cues& cues = lexicon_.cues();
  const std::vector<std::string> article_countries = internal::ArticleCountries(doc, lexicon_);
  const std::vector<PatternSpan> spans = coder_.MatchPatterns(doc);
  size_t next_span = 0;

  // A gazetteer name counts as a place when it lies in a country the article talks about, is one of our
  // own regions, or is a large city ("Lviv was shelled" in an article about Ukraine).
  auto plausible_place = [&](const std::string& name) {
    if (!gazetteer_) return false;
    for (uint32_t id : gazetteer_->Lookup(name)) {
      const Place& p = gazetteer_->place(id);
      if (p.geonames_id == 0 || p.population >= 100000 ||
          std::find(article_countries.begin(), article_countries.end(), p.country) != article_countries.end())
        return true;
    }
    return false;
  };

  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    ++sentences_;
    const std::vector<Token>& tokens = doc.sentences[si].tokens;
    std::vector<const PatternSpan*> matched;
    while (next_span < spans.size() && spans[next_span].sentence_index == static_cast<int>(si))
      matched.push_back(&spans[next_span++]);
    if (tokens.empty()) continue;
    const size_t n = tokens.size();
    std::string_view text = doc.SentenceText(si);
    internal::AnalysisContext actx{lexicon_, gazetteer_, doc.published, &article_countries};
    const SentenceAnalysis an = internal::AnalyzeSentence(text, tokens, actx);

    SentenceView s{text, tokens, an, std::vector<bool>(n, false), std::vector<bool>(n, false),
                   std::vector<bool>(n + 1, false), std::vector<bool>(an.groups.size(), true), 0};
    for (const PatternSpan* m : matched) {
      if (m->begin < n) s.trigger[m->begin] = true;
      for (uint32_t k = m->begin; k < m->end && k < n; ++k) s.in_match[k] = true;
      if (m->end <= n) s.match_end[m->end] = true;
    }
    for (size_t g = 0; g < an.groups.size(); ++g)
      for (const ActorRef& a : an.groups[g].actors) s.weak[g] = s.weak[g] && SectorsOnly(a);
    while (s.first_word < n && tokens[s.first_word].kind != TokenKind::kWord) ++s.first_word;
    for (const Token& t : tokens)
      if (t.kind == TokenKind::kWord && !t.capitalised) lower_words_.insert(t.lower);

    // 1. Lower-case agent nouns before a matched verb pattern whose event has no source ("gunmen attacked").
    std::vector<bool> taken(n, false);
    for (const PatternSpan* m : matched) {
      if (lexicon_.pattern(m->pattern).noun || m->begin >= n) continue;
      const uint32_t trig = m->begin;
      bool sourced = false;
      for (const Event& e : doc.events)
        if (e.sentence_index == static_cast<int>(si) && e.trigger_begin == tokens[trig].begin && e.source) sourced = true;
      if (sourced) continue;
      size_t k = trig;
      bool be = false;
      while (k > 0 && k + 4 > trig) {
        const std::string& w = tokens[k - 1].lower;
        bool skip = kAuxiliaries.count(w) || w == "not" || w == "n't" || w == "never" || w == "also" ||
                    (w.size() > 3 && EndsWith(w, "ly"));
        if (!skip) break;
        be = be || kBe.count(w);
        --k;
      }
      if (k == 0) continue;
      const Token& verb = tokens[trig];
      if (be && verb.lower != verb.lemma && !EndsWith(verb.lower, "ing")) continue;  // passive: the subject is the target
      const size_t j = k - 1;
      const Token& w = tokens[j];
      if (w.kind != TokenKind::kWord || s.Covered(j) || s.in_match[j]) continue;
      if (w.capitalised && j != s.first_word) continue;  // a name: rule 2 takes it
      if (kFunctionWords.count(w.lower) || kCalendar.count(w.lower) || cues.determiners.count(w.lower) ||
          cues.fillers.count(w.lower))
        continue;
      if (w.verb_form && w.lower != w.lemma && !EndsWith(w.lower, "s")) continue;  // "said", "fighting"
      if (!AgentLike(w.lower, cues)) continue;
      taken[j] = true;
      Note(actors_[w.lower], doc, si);
    }

    // 2. Capitalised names as subject or object that no actor entry and no place covers.
    auto subject_at = [&](size_t e) {
      size_t k = e;
      bool aux = false;
      while (k < n && k < e + 3) {
        const std::string& w = tokens[k].lower;
        if (kAuxiliaries.count(w) && w != "'s") aux = true;
        else if (!(w.size() > 3 && EndsWith(w, "ly") && tokens[k].kind == TokenKind::kWord) && w != "also" && w != "not")
          break;
        ++k;
      }
      if (aux) return true;
      if (k >= n) return false;
      const Token& v = tokens[k];
      if (v.kind != TokenKind::kWord || v.capitalised || !v.verb_form || s.Covered(k)) return false;
      return AgreesWithSubject(tokens[e - 1], v);
    };
    auto object_at = [&](size_t b) {
      size_t k = b;
      while (k > 0 && cues.determiners.count(tokens[k - 1].lower) && an.group_at[k - 1] < 0) --k;
      if (k == 0) return false;
      if (s.match_end[k]) return true;  // right after a matched pattern
      const Token& v = tokens[k - 1];
      if (v.kind != TokenKind::kWord || v.capitalised || s.Covered(k - 1)) return false;
      if (v.verb_form && !kPrepositions.count(v.lower)) return true;
      // The agent of a passive: "was hit by Wagner fighters".
      const Token* p = k >= 2 ? &tokens[k - 2] : nullptr;
      return v.lower == "by" && p && p->kind == TokenKind::kWord && p->verb_form && p->lower != p->lemma;
    };
    for (size_t i = 0; i < n; ++i) {
      if (!s.NameWord(i) || taken[i]) continue;
      size_t b = i, e = s.NameEnd(i);
      i = e - 1;
      // Leading function words ("The", "In"), titles and sector words ("Regional Governor", "Army").
      while (b < e && (kFunctionWords.count(tokens[b].lower) || cues.fillers.count(tokens[b].lower) ||
                       an.group_at[b] >= 0 || !s.NameWord(b)))
        ++b;
      if (b == e) continue;
      bool unknown = false;
      for (size_t k = b; k < e; ++k) unknown = unknown || (an.group_at[k] < 0 && s.NameWord(k));
      if (!unknown) continue;
      // "Georgian Dream": a one-word name keeps the country adjective before it.
      if (e - b == 1 && b > 0 && an.group_at[b - 1] >= 0) {
        const internal::Group& g = an.groups[an.group_at[b - 1]];
        if (g.modifier_only && g.end == b) b = g.begin;
      }
      if (!subject_at(e) && !object_at(b)) continue;
      std::string name = s.Surface(b, e);
      if (plausible_place(name)) continue;
      if (b == s.first_word && e - b == 1 && !AllCapitals(name)) {
        // Sentence-initial: "Speaking …" is a verb; "Witnesses said" is a common noun when the corpus writes
        // it in lower case too (decided in Report).
        const Token& t = tokens[b];
        if (t.verb_form && t.lower != t.lemma) continue;
        InitialName& in = initial_actors_[name];
        in.first_lower = t.lower;
        Note(in.tally, doc, si);
        continue;
      }
      Note(actors_[name], doc, si);
    }

    // 3. Verbs between two actors that no pattern matched.
    std::vector<size_t> actors;
    for (size_t g = 0; g < an.groups.size(); ++g)
      if (!an.groups[g].modifier_only) actors.push_back(g);
    for (size_t a = 0; a + 1 < actors.size(); ++a) {
      const internal::Group& left = an.groups[actors[a]];
      const internal::Group& right = an.groups[actors[a + 1]];
      if (right.begin < left.end || right.begin - left.end > 12) continue;
      bool same_clause = true;
      for (uint32_t k = left.end; k < right.begin; ++k) same_clause = same_clause && !IsBoundary(tokens[k]);
      if (!same_clause) continue;
      for (uint32_t k = left.end; k < right.begin; ++k) {
        const Token& t = tokens[k];
        if (t.kind != TokenKind::kWord || t.capitalised || !t.verb_form || s.Covered(k) || s.in_match[k] ||
            kNotVerbs.count(t.lower))
          continue;
        if (t.lemma == "be" || t.lemma == "have" || t.lemma == "do" || kAuxiliaries.count(t.lower)) continue;
        if (cues.intend.count(t.lemma) || cues.threaten.count(t.lemma) || cues.hypothetical.count(t.lower) ||
            cues.negators.count(t.lower))
          continue;
        // Used as a verb: after an actor or a name, "to", an auxiliary, a negator, an adverb, a conjunction,
        // a subject pronoun or a relative; a gerund after a preposition ("of supporting"). Not "the talks",
        // "Russia's push", "a phone call", "builds drones".
        const Token& before = tokens[k - 1];  // k >= left.end >= 1
        const std::string& prev = before.lower;
        bool verb_use = false;
        if (kPrepositions.count(prev)) verb_use = EndsWith(t.lower, "ing");
        else if (cues.determiners.count(prev) || prev == "'s" || prev == "'") verb_use = false;
        else if (an.group_at[k - 1] >= 0)  // "Iranian drones": nothing after an adjective is a verb
          verb_use = !an.groups[an.group_at[k - 1]].modifier_only && AgreesWithSubject(before, t);
        else if (before.capitalised)
          verb_use = AgreesWithSubject(before, t);
        else
          verb_use = kAuxiliaries.count(prev) || cues.negators.count(prev) || kBeforeVerb.count(prev) ||
                     (prev.size() > 3 && EndsWith(prev, "ly"));
        if (verb_use) Note(verbs_[t.lemma], doc, si);
      }
    }

    // 4. Capitalised words after in / near / at / outside / from that are neither actors nor places.
    for (size_t k = 0; k + 1 < n; ++k) {
      if (!kPlacePrepositions.count(tokens[k].lower)) continue;
      size_t b = k + 1;
      if (tokens[b].lower == "the" && b + 1 < n) ++b;
      if (!s.NameWord(b) || an.group_at[b] >= 0 || kFunctionWords.count(tokens[b].lower)) continue;
      size_t e = b + 1;
      while (e < n && s.NameWord(e) && an.group_at[e] < 0) ++e;
      // "the Gulf of Aden", "Khan Younis"
      while (e + 1 < n && tokens[e].lower == "of" && s.NameWord(e + 1) && an.group_at[e + 1] < 0) {
        e += 2;
        while (e < n && s.NameWord(e) && an.group_at[e] < 0) ++e;
      }
      std::string name = s.Surface(b, e);
      if (gazetteer_ && gazetteer_->Contains(name)) continue;
      Note(places_[name], doc, si);
      k = e - 1;
    }
  }
}

std::vector<Gap> GapCollector::Rank(const std::map<std::string, Tally>& tallies, size_t top) {
  std::vector<Gap> out;
  for (const auto& [text, t] : tallies) {
    Gap g;
    g.text = text;
    g.count = t.count;
    g.articles = static_cast<int>(t.articles.size());
    for (const auto& ex : t.examples) g.examples.push_back(ex.second);
    out.push_back(std::move(g));
  }
  std::stable_sort(out.begin(), out.end(), [](const Gap& a, const Gap& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.articles > b.articles;  // ties stay alphabetical (the map's order)
  });
  if (top > 0 && out.size() > top) out.resize(top);
  return out;
}

GapReport GapCollector::Report(size_t top) const {
  GapReport r;
  r.articles = articles_;
  r.sentences = sentences_;
  std::map<std::string, Tally> actors = actors_;
  for (const auto& [name, in] : initial_actors_)
    if (!lower_words_.count(in.first_lower)) Merge(actors[name], in.tally);
  r.unknown_actors = Rank(actors, top);
  r.unmatched_verbs = Rank(verbs_, top);
  r.unresolved_places = Rank(places_, top);
  return r;
}

}  // namespace eventcoder
