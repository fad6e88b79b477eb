/**
 * Issue 13 item 7: `voxbridge status` and `/readyz` report the last error of every kind, each provoked
 * here against the emulators over loopback (a poison feed item, the LiveVox session expiring, a
 * Playvox outage, a locked SQLite store, a 30-hour gap on LiveVox's frozen clock, wrong Playvox
 * credentials; wrong Gladly and Playvox WFM credentials too), and none of them carries a secret.
 * `log.level: debug` logs one line per request.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BridgeConfig,
  ERROR_KINDS,
  ErrorNotes,
  gladlyClient,
  type LastErrors,
  type RunningBridge,
  startQaBridge,
  wfmClient,
} from '@voxbridge/bridge';
import { LIVEVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-livevox';
import { PLAYVOX_DEFAULT_CREDENTIALS, PLAYVOX_WFM_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-playvox';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { keptLogger, tempDir } from '../../bridge/test/helpers.js';
import {
  advanceLiveVox,
  e2eConfig,
  postAdmin,
  putFaults,
  sharedEmulators,
  startEmulators,
  waitFor,
} from './e2e-helpers.js';
import { trackWorlds, worldConfig } from './wfm-helpers.js';
import { BUILT_BRIDGE, CLI_BIN, runCli } from './workers-helpers.js';

const HOUR = 3_600_000;
const WRONG_KEY = 'wrong-playvox-key-5b1e0c';
/** Every credential the test uses: none may appear in a note. */
const SECRETS = [
  LIVEVOX_DEFAULT_CREDENTIALS.password,
  LIVEVOX_DEFAULT_CREDENTIALS.accessToken,
  PLAYVOX_DEFAULT_CREDENTIALS.key,
  WRONG_KEY,
];

/** The gap note once the restarted feed measured it: 30 hours and a little more. */
const GAP_MEASURED = /had a 3\d(\.\d+)? h gap in LiveVox's time/;

const WFM_SECRET = PLAYVOX_WFM_DEFAULT_CREDENTIALS.secret;

const built = existsSync(CLI_BIN) && existsSync(BUILT_BRIDGE);

async function readyz(
  bridge: RunningBridge,
): Promise<{ status: number; text: string; lastErrors: LastErrors }> {
  const res = await fetch(`${bridge.url}/readyz`);
  const text = await res.text();
  return { status: res.status, text, lastErrors: JSON.parse(text).details.lastErrors };
}

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe.skipIf(!built)('the last error of every kind (built CLI, frozen LiveVox clock)', () => {
  const emulators = sharedEmulators(() => startEmulators({ seed: 11, frozen: true }));
  let file: string;
  let config: BridgeConfig;
  beforeAll(() => {
    const dir = tempDir('voxbridge-last-errors-');
    file = join(dir, 'voxbridge.yaml');
    config = e2eConfig(emulators, { store: { path: join(dir, 'state.db') } });
    writeFileSync(file, JSON.stringify(config));
  });
  const advance = (ms: number, stepMs?: number) => advanceLiveVox(emulators.livevox.url, ms, stepMs);
  /** Completed SMS and emails spread over LiveVox's last hour (no live traffic: clock jumps stay cheap). */
  const backlog = () =>
    postAdmin(emulators.livevox.url, 'traffic', { agents: 4, calls: 0, sms: 8, emails: 8 });

  it('provokes each kind, reports it on /readyz while running and in status --json afterwards', async () => {
    const bridge = await startQaBridge(config, { logger: keptLogger('info').logger });
    const noted = async (kind: keyof LastErrors, pattern: RegExp) =>
      waitFor(
        async () => pattern.test((await readyz(bridge)).lastErrors[kind]?.message ?? ''),
        60_000,
        async () => `${kind}: ${JSON.stringify((await readyz(bridge)).lastErrors)}`,
      );
    try {
      await bridge.pipeline.waitUntilPositioned();
      expect((await readyz(bridge)).lastErrors).toEqual(
        Object.fromEntries(ERROR_KINDS.map((kind) => [kind, null])),
      );
      await backlog();
      await waitFor(async () => (await bridge.store.counts()).interactions.delivered > 5, 30_000);

      // A poison item in the feed: dead-lettered alone, its reason noted.
      await postAdmin(emulators.livevox.url, 'poison', { count: 1, kinds: ['not-object'] });
      await backlog(); // poison rides along with real events
      await noted('deadLetter', /poison item: not an object/);

      // LiveVox forgets the session after 2 idle hours (its clock): the client logs in again.
      await advance(3 * HOUR, 3 * HOUR);
      await noted('tokenExpiry', /^livevox: .* answered 401: the session or token had expired/);

      // A Playvox outage: the circuit opens, and why.
      await putFaults(emulators.playvox.url, [{ status: 503 }]);
      await backlog();
      await noted('circuit', /^playvox-qa: circuit open after consecutive failures \(status 503\)/);
      await putFaults(emulators.playvox.url, []);

      // Another connection holds SQLite's write lock past the store's 5 s busy timeout.
      const holder = new Database(config.store.path);
      try {
        holder.exec('BEGIN EXCLUSIVE');
        await backlog();
        // Each write blocks this process for the busy timeout, the server too: read the notes directly
        // (the /readyz body is checked below, once the lock is gone).
        await waitFor(
          () => /database is locked/.test(bridge.metrics.errors.snapshot().store?.message ?? ''),
          60_000,
        );
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }

      // 30 hours at once on LiveVox's clock: the feed's position is past the 24 hours LiveVox keeps.
      await advance(30 * HOUR, 30 * HOUR);
      await noted('gap', /older than the 24 hours LiveVox keeps/);
      // The restarted feed's first events give LiveVox's time: the gap is measured in it.
      await postAdmin(emulators.livevox.url, 'traffic', { agents: 4, smsPerMinute: 1, emailsPerMinute: 1 });
      await advance(10 * 60_000, 60_000);
      await noted('gap', GAP_MEASURED);

      const ready = await readyz(bridge);
      expect(ready.status).toBe(200);
      for (const kind of ERROR_KINDS)
        if (kind !== 'auth') expect(ready.lastErrors[kind], kind).not.toBeNull();
      expect(ready.lastErrors.auth).toBeNull();
      expectNoSecret(ready.text);
    } finally {
      await postAdmin(emulators.livevox.url, 'traffic', { stop: true });
      await bridge.stop();
    }

    // Wrong Playvox credentials: the start is refused (401), and the refusal is noted in the store.
    const wrong: BridgeConfig = { ...config, playvox: { ...config.playvox, key: WRONG_KEY } };
    await expect(startQaBridge(wrong, { logger: keptLogger('info').logger })).rejects.toThrow(/401/);

    const run = await runCli(['status', '--json', '-c', file]);
    expect(run.code, run.stderr).toBe(0);
    expectNoSecret(run.stdout + run.stderr);
    const status = JSON.parse(run.stdout) as { lastError: unknown; lastErrors: LastErrors };
    expect(status).toHaveProperty('lastError');
    const { lastErrors } = status;
    expect(Object.keys(lastErrors).sort()).toEqual([...ERROR_KINDS].sort());
    for (const kind of ERROR_KINDS) {
      expect(lastErrors[kind], kind).not.toBeNull();
      expect(Date.parse(lastErrors[kind]!.at), kind).toBeGreaterThan(0);
    }
    expect(lastErrors.auth).toMatchObject({
      destination: 'playvox-qa',
      message: expect.stringMatching(/^playvox-qa: \w+ \S+ answered 401: the credentials were refused$/),
    });
    expect(lastErrors.tokenExpiry).toMatchObject({ destination: 'livevox' });
    expect(lastErrors.circuit).toMatchObject({ destination: 'playvox-qa' });
    expect(lastErrors.gap?.message).toMatch(GAP_MEASURED);
    expect(lastErrors.deadLetter?.message).toMatch(/^source: .*poison item: not an object/);
    expect(lastErrors.store?.message).toMatch(/database is locked/);

    const text = await runCli(['status', '-c', file]);
    expect(text.code, text.stderr).toBe(0);
    for (const kind of ERROR_KINDS) expect(text.stdout).toMatch(new RegExp(`^  ${kind} +\\d{4}-`, 'm'));
    expectNoSecret(text.stdout);
  }, 240_000);
});

describe('log.level: debug logs each request', () => {
  const emulators = sharedEmulators(() => startEmulators({ seed: 12 }));

  /** Runs a bridge at `level` until it delivered some interactions; its log lines and its metrics text. */
  async function runAt(level: 'debug' | 'info') {
    const config = e2eConfig(emulators, { log: { level } });
    const { logger, lines } = keptLogger(level);
    const bridge = await startQaBridge(config, { logger, serve: false });
    const listeners = bridge.playvox.http.listenerCount('response');
    try {
      await bridge.pipeline.waitUntilPositioned();
      await postAdmin(emulators.livevox.url, 'traffic', {
        agents: 4,
        calls: 5,
        sms: 10,
        emails: 10,
        seed: 3,
      });
      await waitFor(async () => (await bridge.store.counts()).interactions.delivered >= 20, 30_000);
    } finally {
      await bridge.stop();
    }
    return { lines, listeners, metrics: await bridge.metrics.registry.metrics() };
  }

  /** `voxbridge_http_requests_total` summed for one destination. */
  function requestsOf(metrics: string, destination: string): number {
    let total = 0;
    for (const line of metrics.split('\n'))
      if (line.startsWith('voxbridge_http_requests_total{') && line.includes(`destination="${destination}"`))
        total += Number(line.split(' ').at(-1));
    return total;
  }

  it('one line per request at debug (method, path without query, status, ms; no secret), none at info', async () => {
    const debug = await runAt('debug');
    const requests = debug.lines.filter((l) => l.msg === 'request' || l.msg === 'request failed');
    for (const destination of ['livevox', 'playvox-qa']) {
      const mine = requests.filter((l) => l.destination === destination);
      expect(mine.length, destination).toBeGreaterThan(0);
      expect(mine.length, destination).toBe(requestsOf(debug.metrics, destination));
    }
    for (const line of requests.filter((l) => l.msg === 'request')) {
      expect(line).toMatchObject({
        method: expect.stringMatching(/^(GET|POST|PUT|PATCH|DELETE)$/),
        path: expect.stringMatching(/^\/[^?]*$/),
        status: expect.any(Number),
        ms: expect.any(Number),
      });
    }
    expectNoSecret(JSON.stringify(debug.lines));

    const info = await runAt('info');
    expect(info.lines.filter((l) => l.msg === 'request' || l.msg === 'request failed')).toEqual([]);
    // No listener is attached at info: requests cost nothing extra.
    expect(info.listeners).toBe(debug.listeners - 1);
  }, 120_000);
});

describe('auth and token expiry on the WFM services', () => {
  const { world } = trackWorlds();

  it('notes refused Gladly and Playvox WFM credentials, naming the service and never the secret', async () => {
    const w = await world({ gladly: true, users: [] });
    const config = worldConfig(w);
    const notes = new ErrorNotes();
    const gladly = gladlyClient({ ...config.gladly!, apiToken: WRONG_KEY });
    const wfm = wfmClient({ ...config.wfm!, secret: WRONG_KEY });
    notes.observeClient(gladly.http, 'gladly');
    notes.observeClient(wfm.http, 'playvox-wfm');

    await expect(gladly.webhooks.list()).rejects.toThrow(/401/);
    expect(notes.snapshot().auth).toMatchObject({
      destination: 'gladly',
      message: expect.stringMatching(/^gladly: GET \S+ answered 401: the credentials were refused$/),
    });
    await expect(wfm.taskDefinitions()).rejects.toThrow(/401/);
    expect(notes.snapshot().auth).toMatchObject({
      destination: 'playvox-wfm',
      message: expect.stringMatching(/^playvox-wfm: GET \S+ answered 401: the credentials were refused$/),
    });
    expect(notes.snapshot().tokenExpiry).toBeNull();
    expectNoSecret(JSON.stringify(notes.snapshot()));
    expect(JSON.stringify(notes.snapshot())).not.toContain(WFM_SECRET);
  });
});
