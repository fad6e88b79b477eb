// The bridge-health panel: the tiles, the last hour's chart (uPlot) and the queue depth per stage.
import { byId, el, formatCount, formatDuration, formatPercent, formatRate, setText } from './dom.js';

const STAGES = [
  ['assembling', 'Assembling (voice calls waiting for their last event)'],
  ['ready', 'Ready to map'],
  ['mapped', 'Mapped, waiting to send'],
  ['sending', 'Sending'],
  ['submitted', 'Submitted, job running'],
  ['delivered', 'Delivered'],
  ['dead', 'Dead-lettered'],
];
const PENDING = ['assembling', 'ready', 'mapped', 'sending', 'submitted'];

/** A tile's figures: `[value, detail, level]`. */
function rateLimitTile(rateLimit) {
  if (!rateLimit) return ['Playvox rate-limit budget', '—', 'not in this process', ''];
  const paused =
    rateLimit.pausedSeconds > 0 ? ` · paused ${formatDuration(rateLimit.pausedSeconds)} after a 429` : '';
  const detail = `${formatCount(rateLimit.queued)} queued · ${formatCount(rateLimit.inFlight)} in flight${paused}`;
  if (rateLimit.ratePerSecond === null)
    return [
      'Playvox requests',
      `${formatRate(rateLimit.admittedPerSecond)}/s`,
      `no rate set · ${detail}`,
      paused ? 'warn' : '',
    ];
  const level = paused || rateLimit.usedPercent >= 80 ? 'warn' : '';
  return [
    'Playvox rate-limit budget',
    formatPercent(rateLimit.usedPercent),
    `of ${formatRate(rateLimit.ratePerSecond)}/s · ${detail}`,
    level,
  ];
}

const CIRCUIT_RANK = { closed: 0, 'half-open': 1, open: 2 };

/** The circuit tile: the worst state among the destinations, or n/a when the bridge reports none. */
function circuitTile(circuits) {
  if (!circuits || circuits.length === 0) return ['Circuit', 'n/a', 'not reported by this bridge', ''];
  const worst = circuits.reduce((a, b) => (CIRCUIT_RANK[b.state] > CIRCUIT_RANK[a.state] ? b : a));
  const detail = circuits.map((c) => `${c.destination} ${c.state}`).join(' · ');
  return [
    'Circuit',
    worst.state,
    worst.state === 'closed' ? detail : `${detail}${worst.reason ? ` (${worst.reason})` : ''}`,
    worst.state === 'open' ? 'bad' : worst.state === 'half-open' ? 'warn' : '',
  ];
}

/** The workers tile: how many, and which (one today; a list when the bridge reports several). */
function workersTile(workers, at) {
  if (!workers || workers.length === 0) return ['Workers', 'n/a', 'not visible from the store alone', ''];
  const batch = (w) =>
    w.lastBatchAt === null ? 'no batch yet' : `batch ${formatDuration((at - w.lastBatchAt) / 1000)} ago`;
  if (workers.length === 1) return ['Workers', '1', `${workers[0].id} · ${batch(workers[0])}`, ''];
  return ['Workers', formatCount(workers.length), workers.map((w) => `${w.id}: ${batch(w)}`), ''];
}

/** The tiles above the fold, as `[id, label, value, detail, level]`. */
function primaryTiles(h) {
  const pending = PENDING.reduce((sum, state) => sum + (h.queue[state] ?? 0), 0);
  return [
    [
      'lag',
      'End-to-end lag',
      h.latencySeconds === null ? '—' : formatDuration(h.latencySeconds),
      `oldest waiting ${h.oldestWaitingSeconds === null ? 'none' : formatDuration(h.oldestWaitingSeconds)}`,
      h.oldestWaitingSeconds > 600 ? 'bad' : h.oldestWaitingSeconds > 120 ? 'warn' : '',
    ],
    ['pending', 'Pending', formatCount(pending), 'interactions not yet in Playvox', ''],
    [
      'delivered',
      'Delivered',
      `${formatRate(h.deliveredPerSecond)}/s`,
      `${formatCount(h.delivered)} in total`,
      '',
    ],
    [
      'dead',
      'Dead letters',
      formatCount(h.deadLetters),
      h.deadPerSecond > 0 ? `${formatRate(h.deadPerSecond)}/s added` : 'see the groups below',
      h.deadLetters > 0 ? 'warn' : '',
    ],
    ['circuit', ...circuitTile(h.circuits)],
    ['workers', ...workersTile(h.workers, h.at)],
    ...(h.connections ? [['connections', ...connectionsTile(h.connections)]] : []),
  ];
}

/** The connections tile (several tenants in one process): each one's state; a failing one is named. */
function connectionsTile(connections) {
  const failing = connections.filter((c) => !c.ready);
  const line = (c) =>
    `${c.name}: ${c.state}${c.ready ? '' : ' (not ready)'} · ${formatCount(c.delivered)} delivered${c.error ? ` · ${c.error}` : ''}`;
  return [
    'Connections',
    `${formatCount(connections.length - failing.length)} of ${formatCount(connections.length)} ready`,
    connections.map(line),
    failing.length === 0 ? '' : failing.length === connections.length ? 'bad' : 'warn',
  ];
}

/** The smaller tiles under them. */
function secondaryTiles(h) {
  const age = h.checkpointAgeSeconds;
  return [
    [
      'events',
      'Events received',
      `${formatRate(h.eventsPerSecond)}/s`,
      `${formatCount(h.eventsReceived)} in total`,
      '',
    ],
    [
      'checkpoint',
      'Checkpoint age',
      age === null ? 'none yet' : formatDuration(age),
      'since the feed position was saved',
      age === null ? '' : age > 600 ? 'bad' : age > 120 ? 'warn' : '',
    ],
    ['rate-limit', ...rateLimitTile(h.rateLimit)],
  ];
}

/**
 * Updates a tile list in place: it is an aria-live region, so only the figures that changed are
 * announced, and the nodes are not replaced every second.
 */
function renderTiles(list, tiles) {
  for (const [id, label, value, detail, level] of tiles) {
    let tile = list.querySelector(`[data-tile="${id}"]`);
    if (!tile) {
      tile = el(
        'div',
        { class: 'tile', dataset: { tile: id } },
        el('dt'),
        el('dd', {}, el('span', { class: 'value' }), el('small')),
      );
      list.append(tile);
    }
    tile.className = `tile${level ? ` ${level}` : ''}`;
    setText(tile.querySelector('dt'), label);
    setText(tile.querySelector('.value'), value);
    const small = tile.querySelector('small');
    if (Array.isArray(detail)) {
      const text = detail.join('\n');
      if (small.dataset.list !== text) {
        small.dataset.list = text;
        small.replaceChildren(
          el('ul', { class: 'workers' }, ...detail.map((line) => el('li', { text: line }))),
        );
      }
    } else {
      delete small.dataset.list;
      setText(small, detail);
    }
  }
}

function renderQueue(queue) {
  const largest = Math.max(1, ...PENDING.map((state) => queue[state] ?? 0), queue.dead ?? 0);
  const rows = STAGES.map(([state, label]) => {
    const n = queue[state] ?? 0;
    const meter = state === 'delivered' ? null : el('span', { class: 'meter', 'aria-hidden': 'true' });
    if (meter) meter.style.width = `${Math.round((n / largest) * 5 * 10) / 10}rem`;
    return el(
      'tr',
      { dataset: { stage: state } },
      el('th', { scope: 'row', text: label }),
      el('td', { class: 'num' }, meter, formatCount(n)),
    );
  });
  byId('queue').tBodies[0].replaceChildren(...rows);
}

/** The last hour's chart: the server's series, one point per bucket, drawn with uPlot. */
export class SeriesChart {
  constructor(container) {
    this.container = container;
    this.windowMs = 3_600_000;
    this.data = [[], [], [], []];
    this.plot = undefined;
  }

  /** Replaces the series with the server's history (`{ bucketMs, windowMs, points }`). */
  setHistory(history) {
    this.windowMs = history.windowMs;
    const points = history.points;
    this.data = [
      points.map((p) => p.at / 1000),
      points.map((p) => p.eventsPerSecond),
      points.map((p) => p.deliveredPerSecond),
      points.map((p) => p.deadPerSecond),
    ];
    setText(byId('series-bucket'), `${formatDuration(history.bucketMs / 1000)}`);
    this.draw();
  }

  /** Appends one point as its bucket closes on the server, dropping what left the window. */
  add(point) {
    const [x] = this.data;
    if (x.length > 0 && x[x.length - 1] >= point.at / 1000) return;
    const values = [point.at / 1000, point.eventsPerSecond, point.deliveredPerSecond, point.deadPerSecond];
    for (const [i, value] of values.entries()) this.data[i].push(value);
    const oldest = (point.at - this.windowMs) / 1000;
    let drop = 0;
    while (drop < x.length && x[drop] <= oldest) drop++;
    if (drop > 0) for (const series of this.data) series.splice(0, drop);
    this.draw();
  }

  size() {
    const width = Math.max(200, this.container.clientWidth);
    return { width, height: width < 500 ? 180 : 220 };
  }

  draw() {
    const uPlot = window.uPlot;
    if (!uPlot) {
      this.container.textContent = 'The chart library did not load; the figures above are live.';
      return;
    }
    if (this.plot) return this.plot.setData(this.data);
    const axis = {
      stroke: '#9da7b3',
      grid: { stroke: '#30363d', width: 1 },
      ticks: { stroke: '#30363d', width: 1 },
    };
    this.plot = new uPlot(
      {
        ...this.size(),
        scales: { x: { time: true } },
        series: [
          {},
          { label: 'Events/s', stroke: '#58a6ff', width: 2, fill: 'rgba(88,166,255,0.12)' },
          { label: 'Delivered/s', stroke: '#3fb950', width: 2 },
          { label: 'Dead/s', stroke: '#ff7b72', width: 2, dash: [6, 4] },
        ],
        axes: [axis, { ...axis, size: 44 }],
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
      },
      this.data,
      this.container,
    );
    new ResizeObserver(() => this.plot.setSize(this.size())).observe(this.container);
  }
}

/** Draws a health sample (the chart is fed separately). */
export function renderHealth(sample) {
  renderTiles(byId('health-tiles'), primaryTiles(sample));
  renderTiles(byId('health-more'), secondaryTiles(sample));
  const lastError = byId('last-error');
  lastError.hidden = !sample.lastError;
  setText(lastError, sample.lastError ? `Last error: ${sample.lastError}` : '');
  renderQueue(sample.queue);
}
