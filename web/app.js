// The eventcoder dashboard: one filters bar driving a timeline, a map, a who-vs-whom matrix, the claims and
// denials view and an event list, with an event detail drawer. All state lives in the URL's query string
// (filters, view, claims pair, open event), so a view can be shared and reloaded.
import { loadEvents, loadActors, ApiError } from './js/api.js';
import { ROOTS, h, fmtNumber, quadLegend, emptyState } from './js/util.js';
import { renderTimeline } from './js/timeline.js';
import { MapView } from './js/map.js';
import { MatrixView } from './js/matrix.js';
import { ClaimsView } from './js/claims.js';
import { EventsView } from './js/events.js';
import { DetailView } from './js/detail.js';

const FILTERS = ['from', 'to', 'actor', 'root', 'code', 'quad', 'claims', 'text'];
const TYPE_FILTERS = ['root', 'code', 'quad', 'claims'];  // left out of the claims view
const VIEWS = ['map', 'matrix', 'claims', 'events'];
const MAX_EVENTS = 20000;

const $ = (id) => document.getElementById(id);
const form = $('filters');

// ---- state <-> URL -------------------------------------------------------------------------------------

function readUrl() {
  const q = new URLSearchParams(location.search);
  const filters = {};
  for (const k of FILTERS) filters[k] = q.get(k) || '';
  if (filters.claims && !['1', 'yes', 'true'].includes(filters.claims)) filters.claims = '';
  if (filters.claims) filters.claims = '1';
  const view = VIEWS.includes(q.get('view')) ? q.get('view') : 'map';
  return { filters, view, a: q.get('a') || '', b: q.get('b') || '', event: q.get('event') || '' };
}

let state = readUrl();

function writeUrl(push = true) {
  const q = new URLSearchParams();
  for (const k of FILTERS) if (state.filters[k]) q.set(k, state.filters[k]);
  if (state.view !== 'map') q.set('view', state.view);
  if (state.a && state.b) { q.set('a', state.a); q.set('b', state.b); }
  if (state.event) q.set('event', state.event);
  const url = `${location.pathname}${q.toString() ? `?${q}` : ''}`;
  if (url === `${location.pathname}${location.search}`) return;
  history[push ? 'pushState' : 'replaceState'](null, '', url);
}

// ---- the filters bar ---------------------------------------------------------------------------------------

function initForm() {
  const root = form.elements.root;
  for (const [code, name] of ROOTS) root.append(h('option', { value: code }, `${code} ${name}`));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); applyForm(); });
  form.addEventListener('change', (ev) => { if (ev.target.name !== 'text' && ev.target.name !== 'actor' && ev.target.name !== 'code') applyForm(); });
  for (const name of ['text', 'actor', 'code']) form.elements[name].addEventListener('change', () => applyForm());
  $('reset').addEventListener('click', () => clearFilters());
}

function syncForm() {
  for (const k of FILTERS) {
    const input = form.elements[k];
    if (input.type === 'checkbox') input.checked = !!state.filters[k];
    else input.value = state.filters[k];
  }
  // An actor or code not in the lists still shows (values from a shared URL).
  const root = form.elements.root;
  if (state.filters.root && root.value !== state.filters.root) {
    root.append(h('option', { value: state.filters.root }, state.filters.root));
    root.value = state.filters.root;
  }
  for (const k of FILTERS) form.elements[k].closest('label')?.classList.toggle('active', !!state.filters[k]);
}

function applyForm() {
  const f = {};
  for (const k of FILTERS) {
    const input = form.elements[k];
    f[k] = input.type === 'checkbox' ? (input.checked ? '1' : '') : input.value.trim();
  }
  f.actor = f.actor.toUpperCase();
  if (f.code && !/^\d{1,4}$/.test(f.code)) { form.elements.code.setCustomValidity('1 to 4 digits'); form.elements.code.reportValidity(); return; }
  form.elements.code.setCustomValidity('');
  if (f.from && f.to && f.from > f.to) [f.from, f.to] = [f.to, f.from];
  setFilters(f);
}

function setFilters(f) {
  const next = { ...state.filters, ...f };
  if (FILTERS.every((k) => next[k] === state.filters[k])) { syncForm(); return; }
  state.filters = next;
  syncForm();
  writeUrl(true);
  refresh();
}

function clearFilters() {
  setFilters(Object.fromEntries(FILTERS.map((k) => [k, ''])));
}
const clearButton = () => h('button', { type: 'button', class: 'small', onclick: clearFilters }, 'Clear the filters');

// ---- data ----------------------------------------------------------------------------------------------------

function apiParams(filters, withTypes = true) {
  const p = { from: filters.from, to: filters.to, actor: filters.actor, text: filters.text };
  if (withTypes) Object.assign(p, { root: filters.root, code: filters.code, quad: filters.quad });
  return p;
}

const cache = new Map();  // query string -> Promise<{events, truncated}>
function fetchEvents(params, onProgress) {
  const key = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
  if (!cache.has(key)) {
    const p = loadEvents(params, { cap: MAX_EVENTS, onProgress });
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    if (cache.size > 12) cache.delete(cache.keys().next().value);
  }
  return cache.get(key);
}

let data = { events: [], truncated: false, base: null, version: 0 };
let loadSeq = 0;
const rendered = {};  // view -> data.version it shows

function setStatus(text, kind = '') {
  const s = $('status');
  s.textContent = text;
  s.className = `status ${kind}`;
  document.body.classList.toggle('is-loading', kind === 'loading');
}

function showBanner(content, kind) {
  const b = $('banner');
  if (!content) { b.hidden = true; b.replaceChildren(); return; }
  b.className = `banner ${kind || ''}`;
  b.replaceChildren(...[].concat(content));
  b.hidden = false;
}

async function refresh() {
  const seq = ++loadSeq;
  setStatus('Loading events…', 'loading');
  showBanner(null);
  const f = state.filters;
  try {
    const main = await fetchEvents(apiParams(f, true), (n) => { if (seq === loadSeq) setStatus(`Loading events… ${fmtNumber(n)}`, 'loading'); });
    if (seq !== loadSeq) return;
    const events = f.claims ? main.events.filter((e) => e.claimed_by) : main.events;
    data = { events, truncated: main.truncated, base: TYPE_FILTERS.some((k) => f[k]) ? null : main, version: data.version + 1 };
    setStatus('');
    if (main.truncated) showBanner(`Showing the first ${fmtNumber(main.events.length)} matching events: narrow the filters to see them all.`, 'warn');
    renderCounts();
    renderTimelinePanel();
    await renderView();
  } catch (err) {
    if (seq !== loadSeq) return;
    setStatus('');
    document.body.classList.add('has-error');
    showBanner([h('span', {}, `The events could not be loaded: ${err instanceof ApiError ? err.message : err}`), ' ',
      h('button', { type: 'button', class: 'small', onclick: () => { document.body.classList.remove('has-error'); refresh(); } }, 'Retry')], 'error');
    for (const id of ['count-events', 'count-mentions', 'count-articles']) $(id).textContent = '–';
    return;
  }
  document.body.classList.remove('has-error');
}

function renderCounts() {
  const articles = new Set();
  let mentions = 0;
  for (const e of data.events) {
    mentions += e.num_mentions ?? 1;
    for (const m of e.mentions || [e]) if (m.article?.id) articles.add(m.article.id);
  }
  $('count-events').textContent = fmtNumber(data.events.length);
  $('count-mentions').textContent = fmtNumber(mentions);
  $('count-articles').textContent = fmtNumber(articles.size);
}

// ---- views -----------------------------------------------------------------------------------------------------

const openEvent = (id) => {
  state.event = id;
  writeUrl(true);
  showDetail();
};
const views = {
  map: new MapView($('map'), $('map-side'), $('map-note'), { onOpenEvent: openEvent, onClear: clearButton() }),
  matrix: new MatrixView($('matrix'), $('matrix-side'), $('matrix-note'), { onOpenEvent: openEvent, onClear: clearButton() }),
  claims: new ClaimsView($('claims'), {
    onOpenEvent: openEvent,
    onClear: clearButton(),
    onPairChange: (a, b) => {
      state.a = a; state.b = b;
      writeUrl(true);
      rendered.claims = -1;
      renderView();
    },
  }),
  events: new EventsView($('events'), { onOpenEvent: openEvent, onClear: clearButton() }),
};
const detail = new DetailView($('detail'), $('detail-body'), {
  onClose: () => { state.event = ''; writeUrl(true); detail.close(); },
});

function renderTimelinePanel() {
  const note = renderTimeline($('timeline'), data.events, {
    range: state.filters,
    onBrush: (from, to) => setFilters({ from, to }),
    onClear: clearButton(),
  });
  $('timeline-note').textContent = note;
  $('timeline-all').hidden = !(state.filters.from || state.filters.to);
}

async function renderView() {
  const view = state.view;
  for (const tab of document.querySelectorAll('.tabs [data-view]')) {
    const on = tab.dataset.view === view;
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.classList.toggle('active', on);
  }
  for (const sec of document.querySelectorAll('section.view')) sec.hidden = sec.dataset.view !== view;
  if (rendered[view] === data.version) return;
  rendered[view] = data.version;
  const section = $(`view-${view}`);
  section.classList.add('rendering');
  try {
    if (view === 'claims') {
      // The claims view keeps denials (016) and accusations in sight whatever the event-type filters are.
      let base = data.base;
      if (!base) {
        $('claims').replaceChildren(h('p', { class: 'loading-inline' }, 'Loading claims and denials…'));
        const version = data.version;
        base = await fetchEvents(apiParams(state.filters, false));
        if (version !== data.version || state.view !== 'claims') return;
      }
      views.claims.render(base.events, { a: state.a, b: state.b });
    } else {
      await views[view].render(data.events);
    }
  } catch (err) {
    rendered[view] = -1;
    $(view === 'claims' ? 'claims' : view).replaceChildren(emptyState(`This view could not be drawn: ${err.message}`));
  } finally {
    section.classList.remove('rendering');
    section.dataset.ready = String(data.version);
  }
}

function showDetail() {
  if (!state.event) { detail.close(); return; }
  const cached = data.events.find((e) => e.event_id === state.event) || data.base?.events.find((e) => e.event_id === state.event);
  detail.open(state.event, cached);
}

function initTabs() {
  for (const tab of document.querySelectorAll('.tabs [data-view]')) {
    tab.addEventListener('click', () => {
      if (state.view === tab.dataset.view) return;
      state.view = tab.dataset.view;
      writeUrl(true);
      renderView();
    });
  }
  $('map-reset').addEventListener('click', () => views.map.fit?.());
  $('timeline-all').addEventListener('click', () => setFilters({ from: '', to: '' }));
}

async function initActors() {
  const list = $('actor-list');
  let actors = [];
  try {
    actors = await loadActors();
  } catch { /* suggestions then come from the loaded events */ }
  if (!actors.length) {
    const seen = new Map();
    for (const e of data.events) for (const a of [e.source, e.target]) if (a?.code) seen.set(a.code, a);
    actors = [...seen.values()];
  }
  const values = new Map();
  for (const a of actors) {
    const n = a.events ?? a.count ?? a.num_events;
    if (a.country) values.set(a.country, values.get(a.country) || `${a.country} (country)`);
    if (a.code) values.set(a.code, [a.name, n !== undefined ? `${n} events` : ''].filter(Boolean).join(' · ') || a.code);
  }
  list.replaceChildren(...[...values.entries()].sort((x, y) => x[0].localeCompare(y[0]))
    .map(([v, label]) => h('option', { value: v, label })));
}

// ---- start ----------------------------------------------------------------------------------------------

function start() {
  if (!window.d3 || !window.topojson) {
    showBanner('The front-end libraries are missing (web/vendor). Run scripts/setup, or: npm install --prefix web/vendor --no-audit --no-fund d3@7 topojson-client@3 world-atlas@2', 'error');
    return;
  }
  quadLegend($('quad-legend'));
  initForm();
  initTabs();
  syncForm();
  writeUrl(false);
  window.addEventListener('popstate', () => {
    const prev = JSON.stringify(state.filters);
    state = readUrl();
    syncForm();
    if (JSON.stringify(state.filters) !== prev) refresh().then(showDetail);
    else { rendered.claims = -1; renderView(); showDetail(); }
  });
  let resizeTimer = 0;
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (window.innerWidth === lastWidth) return;
      lastWidth = window.innerWidth;
      for (const k of Object.keys(rendered)) rendered[k] = -1;
      renderTimelinePanel();
      renderView();
    }, 200);
  });
  refresh().then(() => { showDetail(); initActors(); });
}

start();
