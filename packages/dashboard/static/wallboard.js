// The wallboard panels: services, agent board, live connects, agent averages, campaigns.
import { setRelativeTime } from './clock.js';
import {
  byId,
  el,
  formatCount,
  formatDuration,
  formatHourMinute,
  formatPercent,
  setError,
  setText,
  spokenDuration,
  svg,
} from './dom.js';

/** The colour family of a LiveVox agent state (the state's name is always shown as text too). */
export function stateKind(state) {
  const name = String(state ?? '')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  if (name === 'ready') return 'ready';
  if (name === 'notready') return 'not-ready';
  if (name === 'incall' || name === 'oncall' || name === 'talking') return 'in-call';
  if (name === 'wrapup') return 'wrap-up';
  return 'other';
}

function renderServices(services) {
  const rows = services.map((s) =>
    el(
      'tr',
      { dataset: { service: s.serviceId } },
      el('th', { scope: 'row', text: s.serviceName }),
      el('td', { class: `num${s.callsInQueue > 0 ? ' warn' : ''}`, text: formatCount(s.callsInQueue) }),
      el('td', {
        class: 'num',
        text: formatDuration(s.longestWaitSeconds),
        title: spokenDuration(s.longestWaitSeconds),
      }),
      el('td', { class: 'num', text: formatPercent(s.serviceLevel) }),
      el('td', { class: `num${s.abandonRate >= 10 ? ' bad' : ''}`, text: formatPercent(s.abandonRate) }),
      el('td', { class: 'num', text: formatCount(s.offered) }),
      el('td', { class: 'num', text: formatCount(s.handled) }),
      el('td', {
        class: 'num',
        text: `${formatCount(s.agents)} (${formatCount(s.callsWithAgent)} on calls)`,
      }),
    ),
  );
  if (rows.length === 0)
    rows.push(el('tr', {}, el('td', { colspan: 8, text: 'No voice service reported by LiveVox.' })));
  byId('services').tBodies[0].replaceChildren(...rows);
  const queued = services.reduce((sum, s) => sum + s.callsInQueue, 0);
  const longest = services.reduce((max, s) => Math.max(max, s.longestWaitSeconds), 0);
  const offered = services.reduce((sum, s) => sum + s.offered, 0);
  const handled = services.reduce((sum, s) => sum + s.handled, 0);
  setText(
    byId('wallboard-summary'),
    `${formatCount(queued)} call${queued === 1 ? '' : 's'} in queue across ${services.length} service${services.length === 1 ? '' : 's'}` +
      ` · longest wait ${formatDuration(queued > 0 ? longest : 0)} · ${formatCount(offered)} offered, ${formatCount(handled)} handled today`,
  );
}

function renderAgents(agents) {
  const cards = agents.map((a) => {
    const kind = stateKind(a.state);
    return el(
      'li',
      { class: 'agent', dataset: { kind, login: a.loginId } },
      el('span', {
        class: 'name',
        title: a.serviceName ? `${a.name} — ${a.serviceName}` : a.name,
        text: a.name,
      }),
      el(
        'span',
        { class: 'detail' },
        el('span', { class: 'badge', text: a.state }),
        el('span', { class: 'reason', text: a.reasonCode || (a.callType ? a.callType.toLowerCase() : '') }),
        el(
          'span',
          { class: 'time' },
          el('span', { class: 'visually-hidden', text: 'in state for ' }),
          formatDuration(a.secondsInState),
        ),
      ),
    );
  });
  if (cards.length === 0) cards.push(el('li', { class: 'summary', text: 'No agent is logged on.' }));
  byId('agents').replaceChildren(...cards);
  const byState = new Map();
  for (const a of agents) byState.set(a.state, (byState.get(a.state) ?? 0) + 1);
  const parts = [...byState.entries()].sort((x, y) => y[1] - x[1]).map(([state, n]) => `${n} ${state}`);
  setText(
    byId('agent-summary'),
    `${agents.length} agent${agents.length === 1 ? '' : 's'} logged on${parts.length ? `: ${parts.join(', ')}` : ''}`,
  );
}

function renderLiveConnects(bars) {
  const width = 360;
  const height = 170;
  const top = 22;
  const bottom = 26;
  const slot = width / Math.max(bars.length, 1);
  const max = Math.max(1, ...bars.map((b) => b.total));
  const spoken = bars.map((b) => `${formatHourMinute(b.at)}: ${b.total}`).join(', ');
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-label': bars.length
      ? `Right-party live connects per 5 minutes, ending at ${spoken}`
      : 'No live connects reported',
  });
  chart.append(svg('line', { class: 'axis', x1: 0, x2: width, y1: height - bottom, y2: height - bottom }));
  bars.forEach((b, i) => {
    const h = Math.round(((height - top - bottom) * b.total) / max);
    const x = i * slot + slot * 0.15;
    const y = height - bottom - h;
    chart.append(
      svg(
        'g',
        {},
        svg(
          'rect',
          { class: 'bar', x, y, width: slot * 0.7, height: Math.max(h, 1), rx: 2 },
          svg('title', { text: `${formatHourMinute(b.at)}: ${b.total} live connects` }),
        ),
        svg('text', { class: 'value', x: x + slot * 0.35, y: y - 5, text: b.total }),
        svg('text', { class: 'label', x: x + slot * 0.35, y: height - 8, text: formatHourMinute(b.at) }),
      ),
    );
  });
  byId('live-connects').replaceChildren(chart);
}

function renderAverages(rows) {
  const body = rows.map((r) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row', text: r.serviceName }),
      ...[r.ready, r.notReady, r.talk, r.wrapup, r.hold].map((s) =>
        el('td', { class: 'num', text: formatDuration(s) }),
      ),
    ),
  );
  if (body.length === 0) body.push(el('tr', {}, el('td', { colspan: 6, text: 'No averages yet.' })));
  byId('averages').tBodies[0].replaceChildren(...body);
}

function renderCampaigns(campaigns) {
  const items = campaigns.map((c) => {
    const title = `Campaign ${c.campaignId}${c.serviceName ? ` · ${c.serviceName}` : ''}`;
    const zones = c.timezones.map((z) => `${z.timezone} ${formatCount(z.count)}`).join(' · ');
    return el(
      'li',
      { class: 'campaign', dataset: { campaign: c.campaignId } },
      el(
        'div',
        { class: 'head' },
        el('strong', { text: title }),
        el('span', { text: formatPercent(c.percentComplete) }),
      ),
      el('progress', {
        max: 100,
        value: c.percentComplete,
        'aria-label': `${title}: ${c.percentComplete} percent complete`,
      }),
      el('p', {
        class: 'meta',
        text: `${formatCount(c.loaded)} loaded · ${formatCount(c.remaining)} remaining · ${formatCount(c.uploaded)} uploaded`,
      }),
      el('p', { class: 'zones', text: zones ? `Remaining by time zone: ${zones}` : 'Nothing remaining' }),
    );
  });
  if (items.length === 0) items.push(el('li', { class: 'summary', text: 'No campaign today.' }));
  byId('campaigns').replaceChildren(...items);
}

/** Draws a wallboard snapshot. */
export function renderWallboard(snapshot) {
  renderServices(snapshot.services);
  renderAgents(snapshot.agents);
  renderLiveConnects(snapshot.liveConnects);
  renderAverages(snapshot.agentAverages);
  renderCampaigns(snapshot.campaigns);
  for (const section of ['services', 'agents', 'liveConnects', 'agentAverages', 'campaigns']) {
    setError(`${section}-error`, snapshot.errors[section]);
  }
  setRelativeTime(byId('wallboard-updated'), snapshot.polledAt);
}
