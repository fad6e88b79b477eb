// The server's clock on the page. Every update carries the server's time; the page keeps the offset
// between that and the browser's clock, so "12 s ago" is measured on the server's clock even when the
// browser's clock is wrong. Elements made by relativeTime() are refreshed once a second.
import { el, formatDuration, setText } from './dom.js';

let offset = 0;
let synced = false;

/** Takes the server's time from an update (epoch ms); ignores anything that is not a number. */
export function syncClock(serverTime) {
  if (typeof serverTime !== 'number' || !Number.isFinite(serverTime)) return;
  offset = serverTime - Date.now();
  synced = true;
}

/** Now, on the server's clock (epoch ms). */
export function serverNow() {
  return Date.now() + offset;
}

/** "12 s ago", "4:05 ago", or "in 41:00" for a time still to come. */
export function relativeText(epochMs) {
  if (epochMs === null || epochMs === undefined) return '—';
  const seconds = (serverNow() - epochMs) / 1000;
  if (seconds >= -0.5) return `${formatDuration(Math.max(0, seconds))} ago`;
  return `in ${formatDuration(-seconds)}`;
}

/** A `<time>` showing how long ago (or how soon) `epochMs` is, kept current by the ticker. */
export function relativeTime(epochMs) {
  if (epochMs === null || epochMs === undefined) return el('span', { text: '—' });
  return el('time', {
    datetime: new Date(epochMs).toISOString(),
    dataset: { at: String(epochMs) },
    text: relativeText(epochMs),
  });
}

/** Points an existing `<time>` at another moment. */
export function setRelativeTime(node, epochMs) {
  if (epochMs === null || epochMs === undefined) {
    delete node.dataset.at;
    node.removeAttribute('datetime');
    setText(node, '—');
    return;
  }
  node.dataset.at = String(epochMs);
  node.setAttribute('datetime', new Date(epochMs).toISOString());
  setText(node, relativeText(epochMs));
}

function tick() {
  for (const node of document.querySelectorAll('time[data-at]'))
    setText(node, relativeText(Number(node.dataset.at)));
  const clock = document.getElementById('server-time');
  if (clock && synced) {
    const now = serverNow();
    clock.setAttribute('datetime', new Date(now).toISOString());
    setText(
      clock,
      new Date(now).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    );
  }
}

/** Starts the once-a-second refresh of relative times. */
export function startClock() {
  tick();
  setInterval(tick, 1000);
}
