import { request } from 'node:http';
import { join } from 'node:path';
import { INTERACTION_STREAM, SqliteStore } from '@voxbridge/bridge';
import {
  createDashboard,
  type Dashboard,
  type ServedDashboard,
  serveDashboard,
  storeBridgeView,
  tokenMatches,
  WallboardPoller,
} from '@voxbridge/dashboard';
import { LIVEVOX_DEFAULT_CREDENTIALS, type LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { LiveVox } from '@voxbridge/livevox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, memoryLogger, openEventStream, startBusyLiveVox, tempDir } from './helpers.js';

const TOKEN = 'dashboard-test-token-7f3a9c';

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function statsRequests(livevox: LiveVoxEmulator): number {
  return Object.values(livevox.stats().byRoute['POST /realtime/service/stats'] ?? {}).reduce(
    (sum, n) => sum + n,
    0,
  );
}

describe('dashboard over HTTP: standalone store view and the LiveVox emulator', () => {
  let livevox: LiveVoxEmulator;
  let store: SqliteStore;
  let dashboard: Dashboard;
  let served: ServedDashboard;
  const logs = memoryLogger();

  beforeAll(async () => {
    livevox = await startBusyLiveVox();
    store = new SqliteStore({ path: join(tempDir(), 'state.db'), synchronous: 'normal' });
    await store.appendEvents(
      INTERACTION_STREAM,
      [{ eventId: 'e-1', payload: { interactionType: 'SMS' } }],
      'feed-token-1',
    );
    // Dead letters of real (dead) interactions, so that retry has something to re-drive.
    const deadRow = (key: string) => ({
      key,
      type: 'SMS' as const,
      state: 'dead' as const,
      interactionId: key.replace(':', '-'),
      events: [],
      firstSeenAt: Date.now(),
      updatedAt: Date.now(),
      attempts: 0,
      retryAt: 0,
      record: { interactionType: 'SMS' },
    });
    await store.deadLetter(
      {
        key: 'SMS:s-1',
        stage: 'map',
        reason: 'assignee_id: the record has no agentLoginId',
        payload: { a: 1 },
      },
      deadRow('SMS:s-1'),
    );
    await store.deadLetter(
      { key: 'SMS:s-2', stage: 'deliver', reason: 'playvox refused the item', payload: { a: 2 } },
      deadRow('SMS:s-2'),
    );
    await store.deadLetter(
      { key: 'SMS:s-3', stage: 'map', reason: 'to drop', payload: { a: 3 } },
      deadRow('SMS:s-3'),
    );
    const lv = new LiveVox({ baseUrl: livevox.url, ...LIVEVOX_DEFAULT_CREDENTIALS });
    dashboard = createDashboard({
      livevox: lv,
      bridge: storeBridgeView(store, { wfmUnmatched: () => 4 }),
      token: TOKEN,
      pollIntervalMs: 300,
      sampleIntervalMs: 200,
      seriesBucketMs: 400,
      seriesWindowMs: 60_000,
      logger: logs.logger,
    });
    served = await serveDashboard({ dashboard, port: 0 });
  });

  afterAll(async () => {
    await served?.close();
    store?.close();
    await livevox?.close();
  });

  it('serves the page on loopback without a token, with a strict content security policy', async () => {
    for (const path of ['/', '/dashboard/']) {
      const res = await fetch(served.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await res.text()).toContain('<h2 id="services-title">Services</h2>');
    }
    for (const file of ['app.js', 'app.css', 'uplot.min.js', 'uplot.min.css', 'wallboard.js']) {
      const res = await fetch(`${served.url}/dashboard/static/${file}`);
      expect(res.status, file).toBe(200);
      await res.arrayBuffer();
    }
    expect((await fetch(`${served.url}/dashboard/static/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${served.url}/dashboard/nothing`)).status).toBe(404);
    expect((await fetch(`${served.url}/metrics`)).status).toBe(404);
    expect(served.pageUrl).toBe(`${served.url}/?token=${TOKEN}`);
  });

  it('pushes the wallboard, the bridge figures and the dead letters over one event stream', async () => {
    const stream = await openEventStream(`${served.url}/dashboard/events`);
    try {
      expect(stream.status).toBe(200);
      const hello = await stream.next('hello');
      expect(hello).toMatchObject({ wallboard: true, pollIntervalMs: 300 });
      // The server's clock comes with the updates: the page measures relative times from it.
      expect(Math.abs(hello.serverTime - Date.now())).toBeLessThan(5_000);
      const history = await stream.next('history');
      expect(history).toMatchObject({ bucketMs: 400, windowMs: 60_000 });
      expect(Math.abs(history.serverTime - Date.now())).toBeLessThan(5_000);
      const wallboard = await stream.next('wallboard', (w) => w.agents.length > 0);
      expect(wallboard.services.map((s: { serviceName: string }) => s.serviceName)).toEqual([
        'Inbound Support',
        'Inbound Billing',
        'Outbound Collections',
      ]);
      expect(wallboard.liveConnects).toHaveLength(6);
      expect(wallboard.agentAverages).toHaveLength(3);
      expect(wallboard.campaigns.length).toBeGreaterThan(0);
      expect(wallboard.errors).toEqual({});
      for (const agent of wallboard.agents) {
        expect(agent.state).toMatch(/^(Logged On|Ready|Not Ready|In Call|Wrap Up)$/);
        expect(agent.secondsInState).toBeGreaterThanOrEqual(0);
      }
      const health = await stream.next('health');
      expect(health).toMatchObject({
        eventsReceived: 1,
        deadLetters: 3,
        wfmUnmatched: 4,
        rateLimit: null,
        latencySeconds: null,
      });
      expect(health.checkpointAgeSeconds).toBeGreaterThanOrEqual(0);
      // A store read from another process knows no workers, no circuits and no WFM connector.
      expect(health).toMatchObject({ workers: [], wfm: null, deadPerSecond: 0 });
      expect(health).not.toHaveProperty('circuits');
      // Points of the series arrive as their buckets close, aligned on the server's clock.
      const point = await stream.next('point');
      expect(point.at % 400).toBe(0);
      expect(point).toMatchObject({ deadPerSecond: 0 });
      const letters = await stream.next('deadLetters');
      expect(letters.total).toBe(3);
      expect(Math.abs(letters.serverTime - Date.now())).toBeLessThan(5_000);
      expect(letters.grouped).toBe(3);
      expect(
        letters.groups.map((g: { stage: string; pattern: string; count: number }) => [
          g.stage,
          g.pattern,
          g.count,
        ]),
      ).toEqual([
        ['map', 'assignee_id', 1],
        ['deliver', 'playvox refused the item', 1],
        ['map', 'to drop', 1],
      ]);
      expect(letters.items.map((l: { group: string }) => l.group)).toEqual(
        letters.groups.map((g: { key: string }) => g.key),
      );
      expect(letters.items.map((l: { reason: string }) => l.reason)).toContain('playvox refused the item');
      expect(JSON.stringify(letters)).not.toContain('"payload"');
    } finally {
      stream.close();
    }
  });

  it('polls LiveVox once for every open page, and not at all when none is open', async () => {
    const first = await openEventStream(`${served.url}/dashboard/events`);
    const second = await openEventStream(`${served.url}/dashboard/events`);
    try {
      const before = statsRequests(livevox);
      await eventually('five polls seen by both pages', () => {
        const count = (s: typeof first) => s.events.filter((e) => e.event === 'wallboard').length;
        return count(first) >= 5 && count(second) >= 5;
      });
      const polls = new Set(first.events.filter((e) => e.event === 'wallboard').map((e) => e.data.polledAt))
        .size;
      // Both pages got the same snapshots; LiveVox was asked once per poll (plus one in flight), not once per page.
      expect(statsRequests(livevox) - before).toBeLessThanOrEqual(polls + 1);
    } finally {
      first.close();
      second.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const idle = statsRequests(livevox);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(statsRequests(livevox) - idle).toBeLessThanOrEqual(1);
  });

  it('retries and drops dead letters only with the token, sent in a header', async () => {
    const [first, second, third] = await store.listDeadLetters(10);
    const post = (path: string, headers: Record<string, string> = {}) =>
      fetch(served.url + path, { method: 'POST', headers });
    expect((await post(`/dashboard/dead-letters/${first!.id}/retry`)).status).toBe(401);
    expect((await post(`/dashboard/dead-letters/${first!.id}/retry?token=${TOKEN}`)).status).toBe(401);
    expect(
      (await post(`/dashboard/dead-letters/${first!.id}/retry`, { 'x-dashboard-token': `${TOKEN}x` })).status,
    ).toBe(401);
    expect(
      (
        await post(`/dashboard/dead-letters/${first!.id}/retry`, {
          'x-dashboard-token': TOKEN,
          origin: 'http://evil.example',
        })
      ).status,
    ).toBe(403);
    expect(
      (await fetch(`${served.url}/dashboard/dead-letters/${first!.id}/retry?token=${TOKEN}`)).status,
    ).toBe(405);
    expect(await store.listDeadLetters(10)).toHaveLength(3);

    const retried = await post(`/dashboard/dead-letters/${first!.id}/retry`, { 'x-dashboard-token': TOKEN });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ ok: true, id: first!.id, action: 'retry' });
    expect(
      (await post(`/dashboard/dead-letters/${first!.id}/retry`, { authorization: `Bearer ${TOKEN}` })).status,
    ).toBe(404);
    expect(
      (await post(`/dashboard/dead-letters/${third!.id}/drop`, { authorization: `Bearer ${TOKEN}` })).status,
    ).toBe(200);
    expect((await store.listDeadLetters(10)).map((l) => l.id)).toEqual([second!.id]);
    expect((await store.counts()).deadLetters).toBe(1);
  });

  it('never writes the token to its log', async () => {
    const text = logs.text();
    expect(text).toContain('dead letter retried');
    expect(text).toContain('dead letter dropped');
    expect(text).not.toContain(TOKEN);
  });

  it('refuses a tokenless read addressed to a host name other than loopback (DNS rebinding)', async () => {
    expect(await getWithHost(`${served.url}/`, 'evil.example:80')).toBe(403);
    expect(await getWithHost(`${served.url}/dashboard/state`, 'localhost')).toBe(200);
    expect(await getWithHost(`${served.url}/?token=${TOKEN}`, 'dashboard.example')).toBe(200);
  });

  it('off loopback, the page, its state and its event stream need the token too', async () => {
    const open = createDashboard({
      bridge: storeBridgeView(store),
      token: TOKEN,
      host: '0.0.0.0',
      sampleIntervalMs: 200,
    });
    const server = await serveDashboard({ dashboard: open, port: 0 });
    try {
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(401);
      expect(await page.text()).not.toContain(TOKEN);
      expect((await fetch(`${server.url}/?token=wrong`)).status).toBe(401);
      expect((await fetch(`${server.url}/dashboard/state`)).status).toBe(401);
      expect((await fetch(`${server.url}/?token=${TOKEN}`)).status).toBe(200);
      const state = await fetch(`${server.url}/dashboard/state`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(await state.json()).toMatchObject({ hello: { wallboard: false }, wallboard: null });
      const refused = await openEventStream(`${server.url}/dashboard/events`);
      expect(refused.status).toBe(401);
      const stream = await openEventStream(
        `${server.url}/dashboard/events?token=${encodeURIComponent(TOKEN)}`,
      );
      expect(stream.status).toBe(200);
      expect(await stream.next('hello')).toMatchObject({ wallboard: false });
      stream.close();
    } finally {
      await server.close();
    }
  });

  it('keeps the last good value of a section LiveVox could not answer, and says why', async () => {
    const lv = new LiveVox({ baseUrl: livevox.url, ...LIVEVOX_DEFAULT_CREDENTIALS });
    const section = memoryLogger();
    const poller = new WallboardPoller(lv, {
      intervalMs: 1000,
      maxAverageServices: 2,
      onSnapshot: () => {},
      logger: section.logger,
    });
    const first = await poller.pollOnce();
    expect(first.errors).toEqual({});
    expect(first.agentAverages).toHaveLength(2);
    const fault = await fetch(`${livevox.url}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ method: 'POST', path: '^/realtime/campaign/stats$', status: 400, times: 1 }]),
    });
    expect(fault.status).toBe(200);
    const second = await poller.pollOnce();
    expect(second.errors.campaigns).toMatch(/campaign\/stats failed with 400/);
    expect(second.campaigns).toEqual(first.campaigns);
    expect(second.polledAt).toBeGreaterThanOrEqual(first.polledAt);
    const third = await poller.pollOnce();
    expect(third.errors).toEqual({});
    expect(section.text()).toContain('LiveVox section could not be refreshed');
    expect(section.text()).toContain('LiveVox section refreshed again');
    expect(section.text()).not.toContain(LIVEVOX_DEFAULT_CREDENTIALS.password);
    await lv.session.logout();
  });

  it('makes up a random token when none is configured, and compares tokens exactly', async () => {
    const generated = createDashboard({ bridge: storeBridgeView(store) });
    try {
      expect(generated.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(generated.url('http://127.0.0.1:9464/')).toBe(`http://127.0.0.1:9464/?token=${generated.token}`);
      expect(tokenMatches(generated.token, generated.token)).toBe(true);
      expect(tokenMatches(`${generated.token} `, generated.token)).toBe(false);
      expect(tokenMatches(undefined, generated.token)).toBe(false);
      expect(tokenMatches('', generated.token)).toBe(false);
    } finally {
      await generated.close();
    }
  });
});
