// Event detail: the coded facts of one merged event and every sentence that tells it, with the source,
// target, trigger, place and claimant highlighted from the record's spans, and the articles they come from.
import { getEvent } from './api.js';
import { h, quadColor, quadName, fmtGoldstein, highlightSentence, roleLegend, articleLink } from './util.js';

function actorCell(a) {
  if (!a) return h('span', { class: 'muted' }, 'none');
  return h('span', {}, h('b', {}, a.code || '?'),
    a.text ? ` “${a.text}”` : '',
    h('span', { class: 'muted' }, [a.country ? ` country ${a.country}` : ' no country', a.sectors?.length ? ` · ${a.sectors.join(', ')}` : ''].join('')));
}

export class DetailView {
  constructor(drawer, body, { onClose }) {
    Object.assign(this, { drawer, body, onClose });
    this.current = null;
    this.abort = null;
    drawer.querySelector('.close').addEventListener('click', () => this.onClose());
    document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && !drawer.hidden) this.onClose(); });
  }

  // Shows event `id`: from `cached` when the dashboard has it, else from /api/events/{id}.
  async open(id, cached) {
    if (this.current === id && !this.drawer.hidden) return;
    this.current = id;
    this.drawer.hidden = false;
    this.abort?.abort();
    if (cached) { this.render(cached); return; }
    this.body.replaceChildren(h('p', { class: 'loading-inline' }, 'Loading event…'));
    const ctl = (this.abort = new AbortController());
    try {
      const e = await getEvent(id, ctl.signal);
      if (this.current === id) this.render(e);
    } catch (err) {
      if (err.name === 'AbortError') return;
      this.body.replaceChildren(h('div', { class: 'error' }, `Event ${id} could not be loaded: ${err.message}`));
    }
  }

  close() {
    this.current = null;
    this.abort?.abort();
    this.drawer.hidden = true;
  }

  render(e) {
    const rows = [
      ['date', e.date ? `${e.date}${e.date_precision ? ` (${e.date_precision})` : ''}` : 'unknown'],
      ['source', actorCell(e.source)],
      ['event', h('span', {}, h('b', {}, e.cameo), ` ${e.cameo_name || ''}`, h('span', { class: 'muted' }, ` · root ${e.cameo_root}`))],
      ['target', actorCell(e.target)],
      ['quad class', h('span', {}, h('i', { class: 'swatch', style: { background: quadColor(e.quad_class) } }), `${e.quad_class} ${quadName(e.quad_class)}`)],
      ['Goldstein', fmtGoldstein(e.goldstein)],
      ['PLOVER', e.plover ? [e.plover.type, e.plover.mode, (e.plover.context || []).join(', ')].filter(Boolean).join(' · ') : h('span', { class: 'muted' }, 'none')],
      ['place', e.location ? h('span', {}, e.location.name, h('span', { class: 'muted' },
        [e.location.country ? ` ${e.location.country}` : '', typeof e.location.lat === 'number' ? ` · ${e.location.lat.toFixed(4)}, ${e.location.lon.toFixed(4)}` : '',
          e.location.precision ? ` · ${e.location.precision}` : ''].join(''))) : h('span', { class: 'muted' }, 'none')],
      ['claimed by', actorCell(e.claimed_by)],
      ['negated', e.negated ? h('span', { class: 'badge denial' }, 'yes: the act is denied') : 'no'],
      ['modality', e.modality || '–'],
      ['confidence', typeof e.confidence === 'number' ? e.confidence.toFixed(2) : '–'],
      ['reported', `${e.num_mentions ?? 1} mention${(e.num_mentions ?? 1) === 1 ? '' : 's'} · ${e.num_sources ?? 1} source${(e.num_sources ?? 1) === 1 ? '' : 's'} · ${e.num_articles ?? 1} article${(e.num_articles ?? 1) === 1 ? '' : 's'}`],
    ];
    const mentions = e.mentions?.length ? e.mentions
      : [{ article: e.article, sentence_index: e.sentence_index, sentence: e.sentence, spans: e.spans, claimed_by: e.claimed_by, confidence: e.confidence }];
    this.body.replaceChildren(
      h('h2', { id: 'detail-title' }, `${e.source?.code || '—'} → ${e.target?.code || '—'}`,
        h('span', { class: 'muted' }, ` ${e.cameo} ${e.cameo_name || ''}`)),
      h('p', { class: 'muted mono' }, `event ${e.event_id}`),
      h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('h3', {}, mentions.length === 1 ? 'Sentence' : `Sentences (${mentions.length})`),
      roleLegend(),
      h('ol', { class: 'mentions' }, mentions.map((m) => h('li', { class: 'mention' },
        h('blockquote', {}, highlightSentence(m.sentence, m.spans)),
        h('p', { class: 'mention-meta' }, articleLink(m.article),
          h('span', { class: 'muted' }, ` · sentence ${m.sentence_index ?? '?'}`),
          m.claimed_by ? h('span', { class: 'muted' }, ` · claimed by ${m.claimed_by.code}`) : null,
          typeof m.confidence === 'number' ? h('span', { class: 'muted' }, ` · confidence ${m.confidence.toFixed(2)}`) : null)))),
    );
    this.body.scrollTop = 0;
  }
}
