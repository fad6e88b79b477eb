// DOM and formatting helpers of the dashboard page. Text always goes in through textContent, never
// as HTML, so nothing LiveVox or the store sends can inject markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Sets attributes (and `text`) on an element and appends children. */
function fill(node, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** `el('td', { class: 'num', text: 3 })` */
export function el(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function svg(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** `document.getElementById`, failing loudly when the page and the script disagree. */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node;
}

/** Sets a node's text only when it changed (a live region then announces only real changes). */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** Shows or hides a section's error line. */
export function setError(id, message) {
  const node = document.getElementById(id);
  if (!node) return;
  node.hidden = !message;
  setText(node, message ? `Not refreshed: ${message}` : '');
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** 12 345 */
export function formatCount(value) {
  return value === null || value === undefined ? '—' : integer.format(value);
}

/** 3.4 */
export function formatRate(value) {
  return value === null || value === undefined ? '—' : decimal.format(value);
}

/** 97.5 % */
export function formatPercent(value) {
  return value === null || value === undefined ? '—' : `${decimal.format(value)} %`;
}

/** 42 s, 3:07, 1:02:03 */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A duration for screen readers: "3 minutes 7 seconds". */
export function spokenDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return 'unknown';
  const total = Math.max(0, Math.round(seconds));
  const parts = [];
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (s || parts.length === 0) parts.push(`${s} second${s === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** 14:05:09 in the browser's time zone. */
export function formatClock(epochMs) {
  if (epochMs === null || epochMs === undefined) return '—';
  return new Date(epochMs).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** 14:05 */
export function formatHourMinute(epochMs) {
  if (epochMs === null || epochMs === undefined) return '—';
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** A `<time>` element with its machine-readable value. */
export function timeElement(epochMs, text) {
  return el('time', { datetime: new Date(epochMs).toISOString(), text });
}
