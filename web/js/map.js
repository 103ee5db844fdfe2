// Map: events grouped by place on an offline world map (world-atlas countries-110m, d3-geo), sized by count
// and coloured by their most frequent quad class. Click a point for its events.
import { QUADS, quadColor, quadName, h, emptyState, escapeHtml, showTip, hideTip, eventSummary, fmtNumber } from './util.js';

const d3 = window.d3;
let worldPromise = null;

function loadWorld() {
  if (!worldPromise) {
    worldPromise = fetch('/vendor/node_modules/world-atlas/countries-110m.json').then((r) => {
      if (!r.ok) throw new Error(`world map: ${r.status}`);
      return r.json();
    }).then((world) => ({
      land: window.topojson.feature(world, world.objects.countries),
      borders: window.topojson.mesh(world, world.objects.countries, (a, b) => a !== b),
    }));
    worldPromise.catch(() => { worldPromise = null; });
  }
  return worldPromise;
}

// Places: events with a location, grouped by coordinates (to 3 decimals) and name.
export function groupPlaces(events) {
  const places = new Map();
  for (const e of events) {
    const loc = e.location;
    if (!loc || typeof loc.lat !== 'number' || typeof loc.lon !== 'number') continue;
    const key = `${loc.lat.toFixed(3)},${loc.lon.toFixed(3)},${loc.name}`;
    let p = places.get(key);
    if (!p) places.set(key, (p = { key, name: loc.name, country: loc.country, lat: loc.lat, lon: loc.lon, events: [], byQuad: { 1: 0, 2: 0, 3: 0, 4: 0 } }));
    p.events.push(e);
    p.byQuad[e.quad_class] = (p.byQuad[e.quad_class] || 0) + 1;
  }
  for (const p of places.values()) {
    p.count = p.events.length;
    p.quad = [1, 2, 3, 4].reduce((best, q) => (p.byQuad[q] > p.byQuad[best] || (p.byQuad[q] === p.byQuad[best] && q > best) ? q : best), 1);
  }
  return [...places.values()].sort((a, b) => b.count - a.count);
}

export class MapView {
  constructor(container, side, note, { onOpenEvent, onClear }) {
    Object.assign(this, { container, side, note, onOpenEvent, onClear });
    this.selected = null;
  }

  async render(events) {
    const { container, side } = this;
    const places = groupPlaces(events);
    const placed = places.reduce((a, p) => a + p.count, 0);
    const unplaced = events.length - placed;
    this.note.textContent = unplaced ? `${fmtNumber(unplaced)} of ${fmtNumber(events.length)} events name no place and are not on the map.` : '';
    side.replaceChildren();
    if (!events.length) {
      container.replaceChildren(emptyState('No events match these filters.', this.onClear));
      return;
    }
    container.replaceChildren(h('p', { class: 'loading-inline' }, 'Loading the world map…'));
    let world;
    try {
      world = await loadWorld();
    } catch (err) {
      container.replaceChildren(emptyState(`The world map could not be loaded (${err.message}). Run scripts/setup to install the front-end libraries.`));
      return;
    }
    container.replaceChildren();
    const width = Math.max(420, container.clientWidth || 800);
    const height = Math.round(width * 0.52);
    const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], { type: 'Sphere' });
    const path = d3.geoPath(projection);
    const svg = d3.select(container).append('svg')
      .attr('viewBox', `0 0 ${width} ${height}`).attr('width', width).attr('height', height)
      .attr('role', 'img').attr('aria-label', 'Map of events');
    const g = svg.append('g');
    g.append('path').attr('class', 'sphere').attr('d', path({ type: 'Sphere' }));
    g.append('path').attr('class', 'graticule').attr('d', path(d3.geoGraticule10()));
    g.append('path').attr('class', 'land').attr('d', path(world.land));
    g.append('path').attr('class', 'borders').attr('d', path(world.borders));

    const maxCount = d3.max(places, (p) => p.count) || 1;
    const r = d3.scaleSqrt().domain([0, maxCount]).range([0, maxCount > 1 ? 20 : 7]);
    const radius = (p) => Math.max(4, r(p.count));
    for (const p of places) [p.x, p.y] = projection([p.lon, p.lat]);

    const points = g.append('g').attr('class', 'points').selectAll('circle').data(places).join('circle')
      .attr('class', (p) => `point q${p.quad}`)
      .attr('cx', (p) => p.x).attr('cy', (p) => p.y).attr('r', radius)
      .attr('fill', (p) => quadColor(p.quad))
      .attr('tabindex', 0)
      .attr('aria-label', (p) => `${p.name}: ${p.count} events`)
      .on('pointermove', (ev, p) => showTip(ev, `<b>${escapeHtml(p.name)}</b>${p.country ? ` (${escapeHtml(p.country)})` : ''}<br>${p.count} event${p.count === 1 ? '' : 's'}` +
        QUADS.filter((q) => p.byQuad[q.id]).map((q) => `<br><i class="swatch" style="background:${q.color}"></i>${quadName(q.id)}: ${p.byQuad[q.id]}`).join('')))
      .on('pointerleave', hideTip)
      .on('click', (ev, p) => this.select(p))
      .on('keydown', (ev, p) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); this.select(p); } });

    // Zoom: circles and strokes keep their size on screen.
    const zoom = d3.zoom().scaleExtent([1, 16]).translateExtent([[0, 0], [width, height]])
      .on('zoom', (ev) => {
        g.attr('transform', ev.transform);
        const k = ev.transform.k;
        points.attr('r', (p) => radius(p) / k).attr('stroke-width', 1.2 / k);
        g.select('.borders').attr('stroke-width', 0.6 / k);
      });
    svg.call(zoom);
    this.fit = () => {
      if (!places.length) return svg.call(zoom.transform, d3.zoomIdentity);
      const [x0, x1] = d3.extent(places, (p) => p.x);
      const [y0, y1] = d3.extent(places, (p) => p.y);
      const pad = 60;
      const k = Math.max(1, Math.min(6, 0.9 / Math.max((x1 - x0 + 2 * pad) / width, (y1 - y0 + 2 * pad) / height)));
      const t = d3.zoomIdentity.translate(width / 2, height / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2);
      svg.call(zoom.transform, t);
    };
    this.fit();

    this.renderLegend(svg, width, height, r, maxCount);
    const again = this.selected && places.find((p) => p.key === this.selected);
    if (again) this.select(again);
    else this.renderSideHint(places);
  }

  renderLegend(svg, width, height, r, maxCount) {
    const lg = svg.append('g').attr('class', 'map-legend').attr('transform', `translate(10,${height - 134})`);
    lg.append('rect').attr('class', 'legend-bg').attr('x', -4).attr('y', -6).attr('width', 170).attr('height', 136).attr('rx', 4);
    QUADS.forEach((q, i) => {
      lg.append('circle').attr('cx', 6).attr('cy', 6 + i * 15).attr('r', 5).attr('fill', q.color);
      lg.append('text').attr('x', 16).attr('y', 6 + i * 15).attr('dy', '0.35em').text(q.name);
    });
    // Size key: circles at their size on the map, side by side.
    const sizes = [...new Set([1, Math.round(maxCount / 2), maxCount])].filter((n) => n >= 1);
    lg.append('text').attr('x', 0).attr('y', 100).attr('dy', '0.35em').text('events:');
    let x = 48;
    for (const n of sizes) {
      const rad = Math.max(4, r(n));
      lg.append('circle').attr('class', 'size-key').attr('cx', x + rad).attr('cy', 100).attr('r', rad);
      lg.append('text').attr('x', x + 2 * rad + 3).attr('y', 100).attr('dy', '0.35em').text(n);
      x += 2 * rad + 12 + 7 * String(n).length;
    }
  }

  renderSideHint(places) {
    this.side.replaceChildren(
      h('h3', {}, 'Places'),
      places.length ? h('ol', { class: 'place-list' }, places.slice(0, 12).map((p) =>
        h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => this.select(p) }, p.name),
          h('span', { class: 'muted' }, ` ${p.country || ''} · ${p.count}`)))) : h('p', { class: 'muted' }, 'No event names a place.'),
      ...(places.length > 12 ? [h('p', { class: 'muted' }, `and ${places.length - 12} more`)] : []),
    );
  }

  select(p) {
    this.selected = p.key;
    d3.select(this.container).selectAll('circle.point').classed('selected', (d) => d.key === p.key);
    const list = [...p.events].sort((a, b) => String(b.date || '').localeCompare(String(a.date || '')));
    this.side.replaceChildren(
      h('h3', {}, p.name, h('span', { class: 'muted' }, p.country ? ` ${p.country}` : '')),
      h('p', { class: 'muted' }, `${p.count} event${p.count === 1 ? '' : 's'} · ${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}`),
      h('ul', { class: 'event-list' }, list.map((e) => h('li', {},
        h('button', { type: 'button', class: 'event-link', 'data-event': e.event_id, onclick: () => this.onOpenEvent(e.event_id) },
          h('i', { class: 'swatch', style: { background: quadColor(e.quad_class) } }),
          h('span', { class: 'date' }, e.date || 'undated'), ' ', eventSummary(e),
          e.claimed_by ? h('span', { class: 'badge claim' }, `claimed by ${e.claimed_by.code}`) : null,
          e.negated ? h('span', { class: 'badge denial' }, 'denied') : null)))),
    );
  }
}
