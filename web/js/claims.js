// Claims and denials: for two actors A and B (by country, else actor code), a chronology of what each
// side alleges against the other (events with claimed_by set, and accusations A → B) beside what each side
// denies (CAMEO 016 "deny responsibility" and negated events claimed by it).
import { actorKey, h, emptyState, eventSummary, highlightSentence, quadColor } from './util.js';

const KIND = {
  allegation: { label: 'alleges', order: 0 },
  claim: { label: 'claims', order: 1 },
  accusation: { label: 'accuses', order: 2 },
  denial: { label: 'denies', order: 3 },
};

const mentionKeys = (e) => (e.mentions?.length ? e.mentions : [{ article: e.article, sentence_index: e.sentence_index }])
  .map((m) => `${m.article?.id}#${m.sentence_index}`);

// What side X says about Y: [{kind, event, folded: [accusations told in the same sentence]}].
export function itemsFor(events, X, Y) {
  const items = [];
  const accusations = [];
  for (const e of events) {
    const src = actorKey(e.source);
    const tgt = actorKey(e.target);
    const by = actorKey(e.claimed_by);
    const is016 = String(e.cameo).startsWith('016');
    if (is016 && src === X && (!tgt || tgt === Y)) items.push({ kind: 'denial', event: e });
    else if (e.negated && by === X && [src, tgt].some((a) => a === X || a === Y)) items.push({ kind: 'denial', event: e });
    else if (e.negated && !by && src === X && tgt === Y) items.push({ kind: 'denial', event: e });
    else if (by === X && !e.negated && (src === Y || tgt === Y)) items.push({ kind: src === Y ? 'allegation' : 'claim', event: e });
    else if (!by && !e.negated && e.cameo_root === '11' && src === X && tgt === Y && X !== Y) accusations.push(e);
  }
  // An accusation told in the sentence of an allegation ("X accused Y of shelling Z") is shown with it.
  for (const a of accusations) {
    const keys = new Set(mentionKeys(a));
    const host = items.find((it) => it.kind !== 'denial' && mentionKeys(it.event).some((k) => keys.has(k)));
    if (host) (host.folded ||= []).push(a);
    else items.push({ kind: 'accusation', event: a });
  }
  return items;
}

// Pairs of actors with their number of claims (events with claimed_by set), most first.
export function claimPairs(events) {
  const pairs = new Map();
  const bump = (x, y, field) => {
    if (!x || !y || x === y) return;
    const [a, b] = [x, y].sort();
    const key = `${a}|${b}`;
    const p = pairs.get(key) || { a, b, claims: 0, other: 0, by: {} };
    p[field] += 1;
    if (field === 'claims') p.by[x] = (p.by[x] || 0) + 1;
    pairs.set(key, p);
  };
  for (const e of events) {
    const src = actorKey(e.source);
    const tgt = actorKey(e.target);
    const by = actorKey(e.claimed_by);
    if (by) bump(by, src !== by ? src : tgt, 'claims');
    else if (String(e.cameo).startsWith('016') && tgt) bump(src, tgt, 'other');
    else if (e.cameo_root === '11') bump(src, tgt, 'other');
  }
  return [...pairs.values()].sort((p, q) => q.claims - p.claims || q.other - p.other || `${p.a}${p.b}`.localeCompare(`${q.a}${q.b}`));
}

export class ClaimsView {
  constructor(container, { onOpenEvent, onPairChange, onClear }) {
    Object.assign(this, { container, onOpenEvent, onPairChange, onClear });
  }

  // pair: {a, b} from the URL (may be empty).
  render(events, pair) {
    const c = this.container;
    c.replaceChildren();
    const pairs = claimPairs(events);
    if (!pairs.length) {
      c.append(emptyState('No claims, accusations or denials between two actors match these filters.', this.onClear));
      return;
    }
    let { a, b } = pair || {};
    if (!a || !b || a === b) {
      const top = pairs[0];
      [a, b] = (top.by[top.b] || 0) > (top.by[top.a] || 0) ? [top.b, top.a] : [top.a, top.b];
    }
    const actors = new Map();
    for (const p of pairs) for (const x of [p.a, p.b]) actors.set(x, (actors.get(x) || 0) + p.claims + p.other);
    for (const x of [a, b]) if (!actors.has(x)) actors.set(x, 0);
    const options = [...actors.entries()].sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0]));
    const select = (name, value) => h('select', { name, id: `claims-${name}`, onchange: () => this.onPairChange(selA.value, selB.value) },
      options.map(([x, n]) => h('option', { value: x, selected: x === value }, n ? `${x} (${n})` : x)));
    const selA = select('a', a);
    const selB = select('b', b);

    const sideA = itemsFor(events, a, b);
    const sideB = itemsFor(events, b, a);
    const count = (items, kinds) => items.filter((it) => kinds.includes(it.kind)).length;
    const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const summary = (x, items) => {
      const said = count(items, ['allegation', 'claim', 'accusation']);
      return h('div', { class: 'side-summary' }, h('b', {}, x), ` ${plural(said, 'allegation')} or claim${said === 1 ? '' : 's'}, ${plural(count(items, ['denial']), 'denial')}`);
    };

    c.append(h('div', { class: 'claims-head' },
      h('label', {}, 'Side A ', selA),
      h('button', { type: 'button', class: 'small', title: 'swap the sides', onclick: () => this.onPairChange(b, a) }, '⇄'),
      h('label', {}, 'Side B ', selB),
      h('span', { class: 'muted top-pairs' }, 'Most claims: ', pairs.slice(0, 4).map((p, i) => [i ? ', ' : '',
        h('button', { type: 'button', class: 'link', onclick: () => this.onPairChange(p.a, p.b) }, `${p.a}–${p.b}`), ` (${p.claims})`]))));

    if (!sideA.length && !sideB.length) {
      c.append(emptyState(`No claims or denials between ${a} and ${b} match these filters.`));
      return;
    }

    // Chronology: one row per date, side A's items on the left, side B's on the right.
    const byDate = new Map();
    for (const [side, items] of [['a', sideA], ['b', sideB]]) {
      for (const it of items) {
        const d = it.event.date || '';
        if (!byDate.has(d)) byDate.set(d, { a: [], b: [] });
        byDate.get(d)[side].push(it);
      }
    }
    const dates = [...byDate.keys()].sort((x, y) => (x === '' ? 1 : y === '' ? -1 : x.localeCompare(y)));
    const order = (p, q) => KIND[p.kind].order - KIND[q.kind].order || String(p.event.cameo).localeCompare(String(q.event.cameo));
    const grid = h('div', { class: 'chronology' },
      h('div', { class: 'chron-head side-a' }, h('h3', {}, `${a} says`), summary(a, sideA)),
      h('div', { class: 'chron-head date' }, ''),
      h('div', { class: 'chron-head side-b' }, h('h3', {}, `${b} says`), summary(b, sideB)));
    for (const d of dates) {
      const row = byDate.get(d);
      grid.append(
        h('div', { class: 'chron-cell side-a' }, row.a.sort(order).map((it) => this.card(it, a, b))),
        h('div', { class: 'chron-date' }, d || 'undated'),
        h('div', { class: 'chron-cell side-b' }, row.b.sort(order).map((it) => this.card(it, b, a))));
    }
    c.append(grid);
  }

  card(item, X, Y) {
    const e = item.event;
    const place = e.location?.name ? ` · ${e.location.name}` : '';
    const m = e.mentions?.[0] || e;
    const more = (e.num_mentions || 1) - 1;
    const kindText = item.kind === 'denial'
      ? (e.negated ? `${X} denies that` : `${X} denies`)
      : item.kind === 'allegation' ? `${X} alleges` : item.kind === 'claim' ? `${X} claims` : `${X} accuses ${Y}`;
    return h('div', {
      class: `claim-card ${item.kind}`, role: 'button', tabindex: 0, 'data-event': e.event_id,
      onclick: () => this.onOpenEvent(e.event_id),
      onkeydown: (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); this.onOpenEvent(e.event_id); } },
    },
    h('div', { class: 'card-head' },
      h('span', { class: `badge ${item.kind}` }, kindText),
      h('i', { class: 'swatch', style: { background: quadColor(e.quad_class) }, title: `quad class ${e.quad_class}` }),
      h('span', { class: 'summary' }, eventSummary(e) + place),
      e.claimed_by ? h('span', { class: 'muted' }, ` (claimed by ${e.claimed_by.code})`) : null),
    h('p', { class: 'quote' }, highlightSentence(m.sentence, m.spans)),
    item.folded ? h('p', { class: 'muted folded' }, `also coded: ${item.folded.map((f) => eventSummary(f)).join('; ')}`) : null,
    more > 0 ? h('p', { class: 'muted' }, `+${more} more mention${more === 1 ? '' : 's'}`) : null);
  }
}
