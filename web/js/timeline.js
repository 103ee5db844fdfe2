// Timeline: events per day (or week, or month on long ranges) stacked by quad class, with a brush that
// picks a date range.
import { QUADS, quadColor, quadName, isDay, showTip, hideTip, emptyState, fmtNumber } from './util.js';

const d3 = window.d3;
const parseDay = d3.utcParse('%Y-%m-%d');
const fmtDay = d3.utcFormat('%Y-%m-%d');

// Picks the bin so that a range keeps at most ~120 bars.
function binning(days) {
  if (days <= 120) return { interval: d3.utcDay, unit: 'day', label: d3.utcFormat('%a %d %b %Y') };
  if (days <= 840) return { interval: d3.utcMonday, unit: 'week', label: (d) => `week of ${d3.utcFormat('%d %b %Y')(d)}` };
  return { interval: d3.utcMonth, unit: 'month', label: d3.utcFormat('%B %Y') };
}

// events: merged events; range: {from, to} of the filters (YYYY-MM-DD or ''); onBrush(from, to).
// Returns a note on what is not drawn.
export function renderTimeline(container, events, { range, onBrush, onClear }) {
  container.replaceChildren();
  const dated = events.filter((e) => isDay(e.date));
  const partial = events.filter((e) => e.date && !isDay(e.date)).length;
  const undated = events.filter((e) => !e.date).length;
  const notes = [];
  if (partial) notes.push(`${fmtNumber(partial)} event${partial > 1 ? 's' : ''} dated only to a month or year`);
  if (undated) notes.push(`${fmtNumber(undated)} without a date`);
  const note = notes.length ? `Not drawn: ${notes.join(', ')}.` : '';

  if (!dated.length) {
    container.append(emptyState(events.length ? 'No events dated to the day match these filters.' : 'No events match these filters.', onClear));
    return note;
  }

  const days = dated.map((e) => parseDay(e.date));
  let lo = d3.min(days);
  let hi = d3.utcDay.offset(d3.max(days), 1);
  if (isDay(range.from)) lo = d3.min([lo, parseDay(range.from)]);
  if (isDay(range.to)) hi = d3.max([hi, d3.utcDay.offset(parseDay(range.to), 1)]);
  const spanDays = d3.utcDay.count(lo, hi);
  const bin = binning(spanDays);
  lo = bin.interval.floor(lo);
  hi = bin.interval.ceil(hi);
  if (+hi === +lo) hi = bin.interval.offset(lo, 1);

  // counts[binStart] = {1: n, 2: n, 3: n, 4: n}
  const byBin = d3.rollup(dated, (v) => {
    const c = { 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const e of v) c[e.quad_class] = (c[e.quad_class] || 0) + 1;
    return c;
  }, (e) => +bin.interval.floor(parseDay(e.date)));
  const bins = bin.interval.range(lo, hi).map((start) => ({ start, end: bin.interval.offset(start, 1), ...(byBin.get(+start) || { 1: 0, 2: 0, 3: 0, 4: 0 }) }));

  const width = Math.max(480, container.clientWidth || 900);
  const height = 190;
  const m = { top: 10, right: 16, bottom: 26, left: 44 };
  const x = d3.scaleUtc().domain([lo, hi]).range([m.left, width - m.right]);
  const maxY = d3.max(bins, (b) => b[1] + b[2] + b[3] + b[4]) || 1;
  const y = d3.scaleLinear().domain([0, maxY]).nice().range([height - m.bottom, m.top]);
  const stacked = d3.stack().keys([1, 2, 3, 4])(bins);

  const svg = d3.select(container).append('svg')
    .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
    .attr('role', 'img').attr('aria-label', `Events per ${bin.unit} by quad class`);

  svg.append('g').attr('class', 'grid').attr('transform', `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickSize(-(width - m.left - m.right)).tickFormat(''))
    .call((g) => g.select('.domain').remove());

  const gap = (bins.length > 1 ? (x(bins[1].start) - x(bins[0].start)) : width) > 4 ? 1 : 0;
  svg.append('g').selectAll('g').data(stacked).join('g')
    .attr('fill', (s) => quadColor(s.key))
    .selectAll('rect').data((s) => s.map((d) => ({ d, key: s.key })).filter(({ d }) => d[1] > d[0])).join('rect')
    .attr('class', ({ key }) => `bar q${key}`)
    .attr('x', ({ d }) => x(d.data.start) + gap / 2)
    .attr('width', ({ d }) => Math.max(1, x(d.data.end) - x(d.data.start) - gap))
    .attr('y', ({ d }) => y(d[1]))
    .attr('height', ({ d }) => Math.max(0, y(d[0]) - y(d[1])));

  svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - m.bottom})`)
    .call(d3.axisBottom(x).ticks(Math.min(10, Math.floor(width / 90))).tickSizeOuter(0)
      .tickFormat((d, i) => (i === 0 ? d3.utcFormat(bin.unit === 'month' ? '%b %Y' : '%-d %b %Y')(d) : x.tickFormat()(d))));
  svg.append('g').attr('class', 'axis').attr('transform', `translate(${m.left},0)`)
    .call(d3.axisLeft(y).ticks(4).tickFormat(d3.format('d')))
    .call((g) => g.select('.domain').remove());
  svg.append('text').attr('class', 'axis-label').attr('x', m.left - 36).attr('y', m.top - 1)
    .attr('dy', '0.7em').attr('transform', `rotate(-90 ${m.left - 36} ${m.top})`).attr('text-anchor', 'end')
    .text(`per ${bin.unit}`);

  // Brush: a selection snaps to whole days and becomes the filters' date range.
  const brush = d3.brushX().extent([[m.left, m.top], [width - m.right, height - m.bottom]])
    .on('end', (ev) => {
      if (!ev.sourceEvent || !ev.selection) return;
      const [a, b] = ev.selection.map(x.invert);
      const from = d3.utcDay.round(a);
      let to = d3.utcDay.offset(d3.utcDay.round(b), -1);
      if (to < from) to = from;
      onBrush(fmtDay(from), fmtDay(to));
    });
  const gb = svg.append('g').attr('class', 'brush').call(brush);

  // Tooltip per bin, read from the pointer position (the brush overlay receives the pointer events).
  gb.select('.overlay')
    .on('pointermove.tip', (ev) => {
      const t = x.invert(d3.pointer(ev)[0]);
      const b = bins.find((d) => d.start <= t && t < d.end);
      if (!b) return hideTip();
      const total = b[1] + b[2] + b[3] + b[4];
      showTip(ev, `<b>${bin.label(b.start)}</b><br>${total} event${total === 1 ? '' : 's'}` +
        QUADS.filter((q) => b[q.id]).map((q) => `<br><i class="swatch" style="background:${q.color}"></i>${quadName(q.id)}: ${b[q.id]}`).join(''));
    })
    .on('pointerleave.tip', hideTip);
  return note;
}
