// The bridge-health panel: figures, the throughput chart (uPlot) and the queue depth per stage.
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

/** Every tile as `[id, label, value, detail, level]`. */
function tiles(h) {
  const pending = PENDING.reduce((sum, state) => sum + (h.queue[state] ?? 0), 0);
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
      'delivered',
      'Interactions delivered',
      `${formatRate(h.deliveredPerSecond)}/s`,
      `${formatCount(h.delivered)} in total`,
      '',
    ],
    [
      'lag',
      'End-to-end lag',
      h.latencySeconds === null ? '—' : formatDuration(h.latencySeconds),
      `oldest waiting ${h.oldestWaitingSeconds === null ? 'none' : formatDuration(h.oldestWaitingSeconds)}`,
      '',
    ],
    [
      'checkpoint',
      'Checkpoint age',
      age === null ? 'none yet' : formatDuration(age),
      'since the feed position was saved',
      age === null ? '' : age > 600 ? 'bad' : age > 120 ? 'warn' : '',
    ],
    ['pending', 'Pending interactions', formatCount(pending), 'not yet in Playvox', ''],
    ['rate-limit', ...rateLimitTile(h.rateLimit)],
    [
      'dead',
      'Dead letters',
      formatCount(h.deadLetters),
      'see the list below',
      h.deadLetters > 0 ? 'warn' : '',
    ],
    [
      'wfm',
      'WFM statuses unmatched',
      h.wfmUnmatched === null ? '—' : formatCount(h.wfmUnmatched),
      h.wfmUnmatched === null ? 'no WFM connector reporting' : 'matched no WFM task',
      h.wfmUnmatched > 0 ? 'warn' : '',
    ],
  ];
}

/**
 * Updates the tiles in place: the list is an aria-live region, so only the figures that changed are
 * announced, and the nodes are not replaced every second.
 */
function renderTiles(h) {
  const list = byId('health-tiles');
  for (const [id, label, value, detail, level] of tiles(h)) {
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
    setText(tile.querySelector('small'), detail);
  }
  const lastError = byId('last-error');
  lastError.hidden = !h.lastError;
  setText(lastError, h.lastError ? `Last error: ${h.lastError}` : '');
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

/** The throughput chart: keeps its own series and redraws on every sample. */
export class ThroughputChart {
  constructor(container, maxPoints) {
    this.container = container;
    this.maxPoints = maxPoints;
    this.data = [[], [], []];
    this.plot = undefined;
  }

  /** Replaces the series with a history of points. */
  setHistory(points) {
    this.data = [
      points.map((p) => p.at / 1000),
      points.map((p) => p.eventsPerSecond),
      points.map((p) => p.deliveredPerSecond),
    ];
    this.draw();
  }

  /** Appends one sample. */
  add(sample) {
    const [x, events, delivered] = this.data;
    if (x.length > 0 && x[x.length - 1] >= sample.at / 1000) return;
    x.push(sample.at / 1000);
    events.push(sample.eventsPerSecond);
    delivered.push(sample.deliveredPerSecond);
    if (x.length > this.maxPoints)
      for (const series of this.data) series.splice(0, series.length - this.maxPoints);
    this.draw();
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
        width: Math.max(200, this.container.clientWidth),
        height: 220,
        scales: { x: { time: true } },
        series: [
          {},
          { label: 'Events received/s', stroke: '#58a6ff', width: 2, fill: 'rgba(88,166,255,0.12)' },
          { label: 'Delivered/s', stroke: '#3fb950', width: 2 },
        ],
        axes: [axis, { ...axis, size: 50 }],
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
      },
      this.data,
      this.container,
    );
    new ResizeObserver(() =>
      this.plot.setSize({ width: Math.max(200, this.container.clientWidth), height: 220 }),
    ).observe(this.container);
  }
}

/** Draws a health sample (the chart is fed separately). */
export function renderHealth(sample) {
  renderTiles(sample);
  renderQueue(sample.queue);
}
