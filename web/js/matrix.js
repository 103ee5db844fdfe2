// Who vs whom: a source × target matrix of the most active actors (by country, else actor code). Square
// size is the number of events, colour the mean Goldstein score (red: conflict, blue: cooperation).
import { QUADS, quadColor, quadName, actorKey, h, emptyState, escapeHtml, showTip, hideTip, eventSummary, fmtGoldstein, fmtNumber } from './util.js';

const d3 = window.d3;
const MAX_ACTORS = 18;
export const goldsteinColor = d3.scaleDiverging([-10, 0, 10], (t) => d3.interpolateRdBu(0.08 + 0.84 * t));

export function pairs(events) {
  const cells = new Map();
  for (const e of events) {
    const s = actorKey(e.source);
    const t = actorKey(e.target);
    if (!s || !t) continue;
    const key = `${s} > ${t}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { key, source: s, target: t, events: [], sum: 0, byQuad: { 1: 0, 2: 0, 3: 0, 4: 0 } }));
    c.events.push(e);
    c.sum += Number(e.goldstein) || 0;
    c.byQuad[e.quad_class] = (c.byQuad[e.quad_class] || 0) + 1;
  }
  for (const c of cells.values()) { c.count = c.events.length; c.mean = c.sum / c.count; }
  return [...cells.values()];
}

export class MatrixView {
  constructor(container, side, note, { onOpenEvent, onClear }) {
    Object.assign(this, { container, side, note, onOpenEvent, onClear });
    this.selected = null;
  }

  render(events) {
    const { container } = this;
    container.replaceChildren();
    this.side.replaceChildren();
    const cells = pairs(events);
    const paired = cells.reduce((a, c) => a + c.count, 0);
    const notes = [];
    if (events.length - paired) notes.push(`${fmtNumber(events.length - paired)} event${events.length - paired === 1 ? ' has' : 's have'} no target (or no source) and ${events.length - paired === 1 ? 'is' : 'are'} not in the matrix.`);
    if (!cells.length) {
      this.note.textContent = notes.join(' ');
      container.append(emptyState(events.length ? 'No events with both a source and a target match these filters.' : 'No events match these filters.', this.onClear));
      return;
    }
    // The most active actors, on both axes in the same order.
    const activity = new Map();
    for (const c of cells) {
      activity.set(c.source, (activity.get(c.source) || 0) + c.count);
      if (c.target !== c.source) activity.set(c.target, (activity.get(c.target) || 0) + c.count);
    }
    const actors = [...activity.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_ACTORS).map((a) => a[0]);
    const shown = cells.filter((c) => actors.includes(c.source) && actors.includes(c.target));
    if (activity.size > actors.length) notes.push(`Showing the ${actors.length} most active of ${activity.size} actors.`);
    this.note.textContent = notes.join(' ');

    const n = actors.length;
    const cell = Math.max(18, Math.min(42, Math.floor(((container.clientWidth || 700) - 110) / n)));
    const m = { top: 74, left: 80, right: 12, bottom: 70 };
    const width = m.left + n * cell + m.right;
    const height = m.top + n * cell + m.bottom;
    const x = d3.scaleBand().domain(actors).range([m.left, m.left + n * cell]);
    const y = d3.scaleBand().domain(actors).range([m.top, m.top + n * cell]);
    const maxCount = d3.max(shown, (c) => c.count) || 1;
    const size = d3.scaleSqrt().domain([0, maxCount]).range([0, cell - 3]);

    const svg = d3.select(container).append('svg')
      .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
      .attr('role', 'img').attr('aria-label', 'Who vs whom matrix');
    // Grid and diagonal (actions inside one country).
    const grid = svg.append('g').attr('class', 'matrix-grid');
    actors.forEach((a) => {
      grid.append('rect').attr('class', 'diag').attr('x', x(a)).attr('y', y(a)).attr('width', cell).attr('height', cell);
    });
    for (let i = 0; i <= n; ++i) {
      grid.append('line').attr('x1', m.left).attr('x2', m.left + n * cell).attr('y1', m.top + i * cell).attr('y2', m.top + i * cell);
      grid.append('line').attr('y1', m.top).attr('y2', m.top + n * cell).attr('x1', m.left + i * cell).attr('x2', m.left + i * cell);
    }
    svg.append('g').attr('class', 'axis-labels').selectAll('text').data(actors).join('text')
      .attr('x', m.left - 6).attr('y', (a) => y(a) + cell / 2).attr('dy', '0.35em').attr('text-anchor', 'end').text((a) => a);
    svg.append('g').attr('class', 'axis-labels').selectAll('text').data(actors).join('text')
      .attr('transform', (a) => `translate(${x(a) + cell / 2},${m.top - 6}) rotate(-55)`).attr('dy', '0.35em').text((a) => a);
    svg.append('text').attr('class', 'axis-title').attr('x', m.left - 8).attr('y', m.top - 24).attr('text-anchor', 'end').text('target →');
    svg.append('text').attr('class', 'axis-title').attr('x', m.left - 8).attr('y', m.top - 8).attr('text-anchor', 'end').text('source ↓');

    svg.append('g').selectAll('rect').data(shown).join('rect')
      .attr('class', 'cell')
      .attr('data-pair', (c) => c.key)
      .attr('x', (c) => x(c.target) + (cell - size(c.count)) / 2)
      .attr('y', (c) => y(c.source) + (cell - size(c.count)) / 2)
      .attr('width', (c) => Math.max(4, size(c.count)))
      .attr('height', (c) => Math.max(4, size(c.count)))
      .attr('rx', 2)
      .attr('fill', (c) => goldsteinColor(c.mean))
      .attr('tabindex', 0)
      .on('pointermove', (ev, c) => showTip(ev, `<b>${escapeHtml(c.source)} → ${escapeHtml(c.target)}</b><br>${c.count} event${c.count === 1 ? '' : 's'}, mean Goldstein ${fmtGoldstein(c.mean)}` +
        QUADS.filter((q) => c.byQuad[q.id]).map((q) => `<br><i class="swatch" style="background:${q.color}"></i>${quadName(q.id)}: ${c.byQuad[q.id]}`).join('')))
      .on('pointerleave', hideTip)
      .on('click', (ev, c) => this.select(c))
      .on('keydown', (ev, c) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); this.select(c); } });
    svg.append('g').attr('class', 'cell-counts').selectAll('text').data(shown.filter((c) => size(c.count) >= 16)).join('text')
      .attr('x', (c) => x(c.target) + cell / 2).attr('y', (c) => y(c.source) + cell / 2).attr('dy', '0.35em')
      .attr('text-anchor', 'middle').attr('fill', (c) => (Math.abs(c.mean) > 6 ? '#fff' : '#222')).text((c) => c.count);

    this.renderLegend(svg, m.left, m.top + n * cell + 22);
    const again = this.selected && shown.find((c) => c.key === this.selected);
    if (again) this.select(again);
    else {
      const top = [...shown].sort((a, b) => b.count - a.count).slice(0, 8);
      this.side.replaceChildren(h('h3', {}, 'Most frequent pairs'), h('ol', { class: 'place-list' }, top.map((c) =>
        h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => this.select(c) }, `${c.source} → ${c.target}`),
          h('span', { class: 'muted' }, ` ${c.count} · Goldstein ${fmtGoldstein(c.mean)}`)))));
    }
  }

  renderLegend(svg, x0, y0) {
    const w = 200;
    const lg = svg.append('g').attr('class', 'matrix-legend').attr('transform', `translate(${x0},${y0})`);
    const id = 'goldstein-gradient';
    const grad = svg.append('defs').append('linearGradient').attr('id', id);
    d3.range(0, 1.01, 0.1).forEach((t) => grad.append('stop').attr('offset', `${t * 100}%`).attr('stop-color', goldsteinColor(-10 + 20 * t)));
    lg.append('rect').attr('width', w).attr('height', 10).attr('fill', `url(#${id})`);
    const s = d3.scaleLinear([-10, 10], [0, w]);
    lg.append('g').attr('transform', 'translate(0,10)').call(d3.axisBottom(s).ticks(5).tickSize(4).tickFormat((v) => (v > 0 ? `+${v}` : `${v}`)))
      .call((g) => g.select('.domain').remove());
    lg.append('text').attr('x', 0).attr('y', -4).text('mean Goldstein: conflict ← → cooperation');
  }

  select(c) {
    this.selected = c.key;
    d3.select(this.container).selectAll('rect.cell').classed('selected', (d) => d.key === c.key);
    const list = [...c.events].sort((a, b) => String(b.date || '').localeCompare(String(a.date || '')));
    this.side.replaceChildren(
      h('h3', {}, `${c.source} → ${c.target}`),
      h('p', { class: 'muted' }, `${c.count} event${c.count === 1 ? '' : 's'} · mean Goldstein ${fmtGoldstein(c.mean)}`),
      h('ul', { class: 'event-list' }, list.map((e) => h('li', {},
        h('button', { type: 'button', class: 'event-link', 'data-event': e.event_id, onclick: () => this.onOpenEvent(e.event_id) },
          h('i', { class: 'swatch', style: { background: quadColor(e.quad_class) } }),
          h('span', { class: 'date' }, e.date || 'undated'), ' ', eventSummary(e),
          e.claimed_by ? h('span', { class: 'badge claim' }, `claimed by ${e.claimed_by.code}`) : null,
          e.negated ? h('span', { class: 'badge denial' }, 'denied') : null)))),
    );
  }
}
