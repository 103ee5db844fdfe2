// Events: a table of the merged events that pass the filters, newest first.
import { h, emptyState, quadColor, quadName, actorLabel, fmtGoldstein, fmtNumber } from './util.js';

const PAGE = 200;

export class EventsView {
  constructor(container, { onOpenEvent, onClear }) {
    Object.assign(this, { container, onOpenEvent, onClear });
  }

  render(events) {
    const c = this.container;
    c.replaceChildren();
    if (!events.length) {
      c.append(emptyState('No events match these filters.', this.onClear));
      return;
    }
    const sorted = [...events].sort((a, b) => String(b.date || '').localeCompare(String(a.date || '')) || a.event_id.localeCompare(b.event_id));
    const body = h('tbody');
    const table = h('table', { class: 'events-table' },
      h('thead', {}, h('tr', {}, ['date', 'source', 'event', 'target', 'place', 'claimed by', 'Goldstein', 'mentions'].map((t) => h('th', {}, t)))),
      body);
    let shown = 0;
    const more = h('button', { type: 'button', class: 'small', onclick: () => addRows() }, '');
    const addRows = () => {
      for (const e of sorted.slice(shown, shown + PAGE)) {
        body.append(h('tr', {
          'data-event': e.event_id, tabindex: 0,
          onclick: () => this.onOpenEvent(e.event_id),
          onkeydown: (ev) => { if (ev.key === 'Enter') this.onOpenEvent(e.event_id); },
        },
        h('td', { class: 'date' }, e.date || '–'),
        h('td', { title: e.source?.text || '' }, actorLabel(e.source)),
        h('td', {}, h('i', { class: 'swatch', style: { background: quadColor(e.quad_class) }, title: quadName(e.quad_class) }),
          `${e.cameo} ${e.cameo_name || ''}`, e.negated ? h('span', { class: 'badge denial' }, 'negated') : null),
        h('td', { title: e.target?.text || '' }, actorLabel(e.target)),
        h('td', {}, e.location?.name || '–'),
        h('td', {}, e.claimed_by ? e.claimed_by.code : '–'),
        h('td', { class: 'num' }, fmtGoldstein(e.goldstein)),
        h('td', { class: 'num' }, e.num_mentions ?? 1)));
      }
      shown = Math.min(sorted.length, shown + PAGE);
      more.textContent = `Show more (${fmtNumber(shown)} of ${fmtNumber(sorted.length)} shown)`;
      more.hidden = shown >= sorted.length;
    };
    addRows();
    c.append(h('div', { class: 'table-wrap' }, table), more);
  }
}
