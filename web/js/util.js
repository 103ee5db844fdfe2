// Shared constants and helpers of the dashboard: quad classes, CAMEO roots, actor keys, HTML building,
// evidence highlighting and the tooltip.

export const QUADS = [
  { id: 1, name: 'Verbal cooperation', color: '#7fb8da' },
  { id: 2, name: 'Material cooperation', color: '#1f6fae' },
  { id: 3, name: 'Verbal conflict', color: '#f4a259' },
  { id: 4, name: 'Material conflict', color: '#c8312b' },
];
export const quadColor = (q) => QUADS[q - 1]?.color ?? '#999';
export const quadName = (q) => QUADS[q - 1]?.name ?? 'unknown';

// The twenty CAMEO root classes (ontology/cameo.tsv).
export const ROOTS = [
  ['01', 'Make public statement'], ['02', 'Appeal'], ['03', 'Express intent to cooperate'],
  ['04', 'Consult'], ['05', 'Engage in diplomatic cooperation'], ['06', 'Engage in material cooperation'],
  ['07', 'Provide aid'], ['08', 'Yield'], ['09', 'Investigate'], ['10', 'Demand'], ['11', 'Disapprove'],
  ['12', 'Reject'], ['13', 'Threaten'], ['14', 'Protest'], ['15', 'Exhibit force posture'],
  ['16', 'Reduce relations'], ['17', 'Coerce'], ['18', 'Assault'], ['19', 'Fight'],
  ['20', 'Use unconventional mass violence'],
];

// The evidence roles of `spans`, in the order they are listed in legends.
export const ROLES = [
  { id: 'source', name: 'source' },
  { id: 'trigger', name: 'event' },
  { id: 'target', name: 'target' },
  { id: 'location', name: 'place' },
  { id: 'claimed_by', name: 'claimed by' },
];

// An actor's key for grouping: its country, else its code (IGOs, actors without a country).
export const actorKey = (a) => (a ? a.country || a.code || null : null);
export const actorLabel = (a) => (a ? a.code || a.country || '?' : '—');

export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// Builds an element: h('div', {class: 'x', onclick: f}, child, 'text', …).
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else if (k === 'html') node.innerHTML = v;
    else if (k === 'style' && typeof v === 'object') Object.assign(node.style, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function fmtNumber(n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString('en');
}

export function fmtGoldstein(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return '–';
  return (g > 0 ? '+' : g < 0 ? '−' : '') + Math.abs(g).toFixed(1);
}

// A one-line summary of an event: "RUSMIL → UKR · 195 Employ aerial weapons".
export function eventSummary(e) {
  return `${actorLabel(e.source)} → ${actorLabel(e.target)} · ${e.cameo} ${e.cameo_name || ''}`.trim();
}

// The sentence with its evidence spans marked. spans: {role: [start, end)} in code points.
// Overlapping spans are cut into segments; each <mark> lists every role covering it in data-roles and takes
// the colour of the narrowest one.
export function highlightSentence(sentence, spans) {
  const cps = Array.from(sentence || '');
  const list = [];
  for (const role of ROLES) {
    const s = spans?.[role.id];
    if (!Array.isArray(s) || s.length !== 2) continue;
    const a = Math.max(0, Math.min(cps.length, s[0]));
    const b = Math.max(0, Math.min(cps.length, s[1]));
    if (b > a) list.push({ role: role.id, a, b });
  }
  const cuts = [...new Set([0, cps.length, ...list.flatMap((x) => [x.a, x.b])])].sort((x, y) => x - y);
  const frag = document.createDocumentFragment();
  for (let i = 0; i + 1 < cuts.length; ++i) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const text = cps.slice(a, b).join('');
    const covering = list.filter((x) => x.a <= a && x.b >= b).sort((x, y) => (x.b - x.a) - (y.b - y.a));
    if (!covering.length) { frag.append(text); continue; }
    const roles = covering.map((x) => x.role);
    const mark = h('mark', {
      class: `hl hl-${roles[0]}` + (roles.length > 1 ? ` in-${roles[1]}` : ''),
      'data-roles': roles.join(' '),
      title: roles.map((r) => ROLES.find((x) => x.id === r).name).join(', '),
    }, text);
    frag.append(mark);
  }
  return h('span', { class: 'sentence' }, frag);
}

export function roleLegend() {
  return h('div', { class: 'legend roles' },
    ROLES.map((r) => h('span', { class: 'key' }, h('mark', { class: `hl hl-${r.id}` }, r.name))));
}

export function quadLegend(container) {
  container.replaceChildren(...QUADS.map((q) =>
    h('span', { class: 'key' }, h('i', { class: 'swatch', style: { background: q.color } }), q.name)));
}

export function emptyState(message, action) {
  return h('div', { class: 'empty' }, h('p', {}, message), action || null);
}

// One tooltip for the whole page.
const tip = () => document.getElementById('tooltip');
export function showTip(event, html) {
  const t = tip();
  t.innerHTML = html;
  t.hidden = false;
  const pad = 14;
  const { innerWidth: w, innerHeight: hgt } = window;
  const r = t.getBoundingClientRect();
  let x = event.clientX + pad;
  let y = event.clientY + pad;
  if (x + r.width > w - 4) x = event.clientX - r.width - pad;
  if (y + r.height > hgt - 4) y = event.clientY - r.height - pad;
  t.style.left = `${Math.max(4, x)}px`;
  t.style.top = `${Math.max(4, y)}px`;
}
export function hideTip() { tip().hidden = true; }

// Dates of the event record: "YYYY-MM-DD", "YYYY-MM" or "YYYY".
export const isDay = (d) => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d);

export function articleLink(article) {
  if (!article) return h('span', {}, 'unknown article');
  const title = article.title || article.path || article.url || article.id;
  const bits = [];
  if (article.url) bits.push(h('a', { href: article.url, target: '_blank', rel: 'noopener noreferrer', class: 'article-link' }, title));
  else bits.push(h('span', { class: 'article-title' }, title));
  if (article.published) bits.push(h('span', { class: 'muted' }, ` · ${article.published}`));
  if (article.path) bits.push(h('code', { class: 'path', title: 'file the article was read from' }, article.path));
  return h('span', { class: 'article' }, bits);
}
