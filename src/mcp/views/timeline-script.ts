/**
 * The timeline view's own code, run inside the host's sandboxed iframe after the ext-apps App
 * class (bound to `App` by timeline-view.ts). It draws what get_timeline's structuredContent
 * holds and nothing else: every string from the story goes in through textContent, never as
 * markup, because story text is untrusted.
 */
export const TIMELINE_SCRIPT = String.raw`
const W = 760, PAD = 40, AXIS_Y = 70, UNDATED_W = 150;
const svgNs = 'http://www.w3.org/2000/svg';
const root = document.getElementById('root');

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
function svg(tag, attrs, text) {
  const e = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}
const dayOf = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;

function showMessage(text) {
  root.replaceChildren(el('p', { class: 'message', 'data-state': 'message' }, text));
}

function isTimeline(d) {
  return d && typeof d === 'object' && typeof d.story_id === 'string' && Array.isArray(d.events);
}

function axis(events) {
  const dated = events.filter((e) => e.date_known && typeof e.date === 'string');
  const undated = events.filter((e) => !e.date_known || typeof e.date !== 'string');
  const rightEdge = W - (undated.length ? UNDATED_W : 0);
  const days = dated.map((e) => dayOf(e.date));
  const lo = Math.min(...days), hi = Math.max(...days);
  const x = (d) => (hi === lo ? (PAD + rightEdge - PAD) / 2 : PAD + ((d - lo) / (hi - lo)) * (rightEdge - PAD * 2));
  const stack = new Map();
  const rows = [];
  for (const e of dated) {
    const d = dayOf(e.date);
    const k = stack.get(d) || 0;
    stack.set(d, k + 1);
    rows.push({ e, cx: x(d), cy: AXIS_Y - 18 - k * 20 });
  }
  const height = AXIS_Y + 60;
  const s = svg('svg', { viewBox: '0 0 ' + W + ' ' + height, width: '100%', role: 'img', 'aria-label': 'Timeline of dated events on a time axis' });
  if (dated.length) {
    s.append(svg('line', { x1: PAD, y1: AXIS_Y, x2: rightEdge - PAD, y2: AXIS_Y, class: 'axis' }));
    const labelled = new Set();
    let row = 0;
    for (const r of rows) {
      const g = svg('g', { class: 'marker dated', 'data-marker-n': r.e.n });
      g.append(svg('line', { x1: r.cx, y1: AXIS_Y, x2: r.cx, y2: r.cy, class: 'stem' }));
      g.append(svg('circle', { cx: r.cx, cy: r.cy, r: 8 }));
      g.append(svg('text', { x: r.cx, y: r.cy + 4, 'text-anchor': 'middle', class: 'n' }, String(r.e.n)));
      g.append(svg('title', {}, r.e.date + ': ' + r.e.title));
      s.append(g);
      if (!labelled.has(r.e.date)) {
        labelled.add(r.e.date);
        s.append(svg('text', { x: r.cx, y: AXIS_Y + 18 + (row++ % 2) * 14, 'text-anchor': 'middle', class: 'tick' }, r.e.date));
      }
    }
  } else {
    s.append(svg('text', { x: PAD, y: AXIS_Y, class: 'tick' }, 'No dated events'));
  }
  if (undated.length) {
    const x0 = W - UNDATED_W + 10;
    s.append(svg('rect', { x: x0, y: 8, width: UNDATED_W - 20, height: height - 16, rx: 6, class: 'undated-lane' }));
    s.append(svg('text', { x: x0 + 8, y: 24, class: 'tick' }, 'Undated'));
    undated.forEach((e, i) => {
      const cx = x0 + 20 + (i % 5) * 24, cy = 44 + Math.floor(i / 5) * 24;
      const g = svg('g', { class: 'marker undated', 'data-marker-n': e.n });
      g.append(svg('circle', { cx, cy, r: 8 }));
      g.append(svg('text', { x: cx, y: cy + 4, 'text-anchor': 'middle', class: 'n' }, String(e.n)));
      g.append(svg('title', {}, 'undated: ' + e.title));
      s.append(g);
    });
  }
  return s;
}

function sourcesOf(sources) {
  const d = el('details', { class: 'sources' });
  d.append(el('summary', {}, 'Sources (' + sources.length + ', as the story lists them)'));
  const ul = el('ul');
  for (const src of sources) {
    const li = el('li', { 'data-source': '' });
    li.append(el('span', { class: 'publisher' }, src.publisher), document.createTextNode(': ' + src.title));
    // A URL is shown as text, never opened from here: the view makes no requests.
    if (src.url) li.append(document.createTextNode(' '), el('span', { class: 'url' }, src.url));
    ul.append(li);
  }
  d.append(ul);
  return d;
}

function render(data) {
  if (!isTimeline(data)) return showMessage('This result holds no timeline to draw.');
  const sources = Array.isArray(data.sources) ? data.sources : [];
  const head = el('header');
  head.append(el('h1', {}, data.story_title), el('p', { class: 'meta' }, 'story ' + data.story_id + ' · ' + data.events.length + ' event(s), oldest first · quoted from the story, cite by citation_id'));
  const list = el('ol', { class: 'events' });
  for (const e of data.events) {
    const li = el('li', { 'data-event-n': e.n, 'data-citation-id': e.citation_id || '', class: e.date_known ? 'dated' : 'undated' });
    const when = e.date_known ? el('span', { class: 'date' }, e.date) : el('span', { class: 'date undated-badge' }, 'undated');
    li.append(el('span', { class: 'n' }, '[' + e.n + ']'), when, el('strong', { class: 'title' }, e.title));
    if (!e.date_known && e.placement) li.append(el('div', { class: 'placement' }, e.placement));
    li.append(el('blockquote', { class: 'text' }, e.text));
    const cite = el('div', { class: 'cite' }, 'citation_id ');
    cite.append(el('code', {}, e.citation_id || 'none'));
    li.append(cite, sourcesOf(sources));
    list.append(li);
  }
  const parts = [head, axis(data.events)];
  if (data.undated_excluded) parts.push(el('p', { class: 'meta' }, data.undated_excluded + ' undated event(s) left out by the date range.'));
  parts.push(list);
  root.replaceChildren(...parts);
  root.setAttribute('data-state', 'rendered');
}

const app = new App({ name: 'Storyline timeline', version: '1' }, {}, { autoResize: true });
app.ontoolresult = (params) => {
  if (params.isError) return showMessage((params.content || []).map((c) => c.text || '').join('\n') || 'The tool call failed.');
  render(params.structuredContent);
};
showMessage('Waiting for the timeline…');
app.connect().catch((err) => showMessage('Could not reach the host: ' + (err && err.message ? err.message : String(err))));
`;

/** The view's stylesheet: light and dark, no fonts or images fetched. */
export const TIMELINE_STYLE = `
:root { color-scheme: light dark; --fg: #1d2330; --muted: #5b6474; --accent: #2f6fdf; --undated: #b25d00; --line: #c9cfda; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e9ef; --muted: #9aa3b2; --accent: #7aa7ff; --undated: #f0a35c; --line: #3d4555; } }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: transparent; }
#root { padding: 12px 16px; }
h1 { font-size: 16px; margin: 0 0 2px; }
.meta, .placement, .tick { color: var(--muted); font-size: 12px; }
svg .axis, svg .stem { stroke: var(--line); stroke-width: 2; }
svg .dated circle { fill: var(--accent); }
svg .undated circle { fill: none; stroke: var(--undated); stroke-width: 2; stroke-dasharray: 3 2; }
svg .n { fill: #fff; font-size: 10px; font-weight: 600; }
svg .undated .n { fill: var(--undated); }
svg .tick { fill: var(--muted); }
svg .undated-lane { fill: none; stroke: var(--line); stroke-dasharray: 4 3; }
ol.events { list-style: none; padding: 0; margin: 8px 0 0; }
ol.events li { border-top: 1px solid var(--line); padding: 8px 0; }
.n { color: var(--muted); margin-right: 6px; }
.date { font-variant-numeric: tabular-nums; margin-right: 8px; color: var(--accent); }
.undated-badge { color: var(--undated); border: 1px dashed var(--undated); border-radius: 4px; padding: 0 4px; }
blockquote { margin: 4px 0; padding-left: 10px; border-left: 3px solid var(--line); }
.cite, .sources { font-size: 12px; color: var(--muted); }
.sources ul { margin: 4px 0; padding-left: 18px; }
.message { color: var(--muted); }
`;
