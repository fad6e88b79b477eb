// The dashboard page: one EventSource to the server, which polls LiveVox and samples the bridge for
// every open page. The page never sees LiveVox credentials; the only secret it holds is the dashboard
// token from its own URL, sent back for the event stream and the dead-letter actions. Every update
// carries the server's time, and every relative time on the page is measured on that clock.
import { startClock, syncClock } from './clock.js';
import { DeadLetterTable } from './dead-letters.js';
import { byId } from './dom.js';
import { renderHealth, SeriesChart } from './health.js';
import { renderWallboard } from './wallboard.js';
import { renderWfm } from './wfm.js';

const token = new URLSearchParams(window.location.search).get('token');
const connection = byId('connection');
const chart = new SeriesChart(byId('throughput-chart'));
const deadLetters = new DeadLetterTable(token);

function setConnection(state, text) {
  if (connection.dataset.state === state && connection.textContent === text) return;
  connection.dataset.state = state;
  connection.textContent = text;
}

/** Runs a renderer, keeping one broken panel from stopping the others. */
function safely(name, render) {
  return (event) => {
    try {
      render(JSON.parse(event.data));
    } catch (error) {
      console.error(`dashboard: cannot draw ${name}`, error);
    }
  };
}

function connect() {
  const url = `/dashboard/events${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const source = new EventSource(url);
  source.addEventListener('open', () => setConnection('live', 'Live'));
  source.addEventListener('error', () => {
    // EventSource retries by itself (the server asks for 3 s); CLOSED means it gave up (a 401 or 403).
    if (source.readyState === EventSource.CLOSED)
      setConnection('down', 'Disconnected: reload the page, with its ?token= if it had one');
    else setConnection('connecting', 'Reconnecting…');
  });
  const on = (event, render) => source.addEventListener(event, safely(event, render));
  on('hello', (hello) => {
    syncClock(hello.serverTime);
    byId('main').dataset.livevox = hello.wallboard ? 'on' : 'off';
    if (!hello.wallboard) byId('wallboard-updated').textContent = 'not configured';
  });
  on('history', (history) => {
    syncClock(history.serverTime);
    chart.setHistory(history);
  });
  on('point', (point) => chart.add(point));
  on('health', (sample) => {
    // A sample's time is the server's clock when it was taken.
    syncClock(sample.at);
    renderHealth(sample);
    renderWfm(sample);
  });
  on('wallboard', renderWallboard);
  on('deadLetters', (list) => {
    syncClock(list.serverTime);
    deadLetters.render(list);
  });
}

startClock();
connect();
