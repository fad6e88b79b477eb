import { GLADLY_EVENT_STREAM, gladlyWebhookRoute, type ReceiverEvents } from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import {
  configureWorld,
  connectWorld,
  EVERY_GLADLY_AGENT,
  trackWorlds,
  WEBHOOK_PASSWORD,
  waitFor,
} from './wfm-helpers.js';
import { secretsIn } from './wfm-truth.js';

const { connectors, world } = trackWorlds();

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Gladly webhook receiver', () => {
  it('checks the credentials, answers PING, stores each event once before answering 200', async () => {
    const w = await world({});
    const outcomes: string[] = [];
    let wakes = 0;
    const events: ReceiverEvents = {
      received: (outcome) => outcomes.push(outcome),
      stored: () => (wakes += 1),
    };
    w.server.addRoute(
      gladlyWebhookRoute({
        path: '/webhooks/gladly',
        username: 'voxbridge',
        password: WEBHOOK_PASSWORD,
        store: w.store,
        events,
      }),
    );
    const url = `${w.server.url}/webhooks/gladly`;
    const post = (body: string, authorization?: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body,
      });
    const good = basic('voxbridge', WEBHOOK_PASSWORD);

    const ping = await post(
      JSON.stringify({ id: 'p1', type: 'PING', timestamp: '2026-03-02T08:00:00.000Z' }),
      good,
    );
    expect(ping.status).toBe(200);
    const anonymous = await post('{"type":"PING"}');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="voxbridge"');
    expect((await post('{"type":"PING"}', basic('voxbridge', 'not-the-password'))).status).toBe(401);
    expect((await post('{"type":"PING"}', basic('someone-else', WEBHOOK_PASSWORD))).status).toBe(401);
    expect((await post('{"type":"PING"}', 'Bearer abc')).status).toBe(401);
    expect((await fetch(url, { method: 'GET', headers: { authorization: good } })).status).toBe(405);
    // Poison bodies are dead-lettered and answered 200 (a 4xx makes Gladly retry, then disable the webhook).
    expect((await post('{not json', good)).status).toBe(200);
    expect((await post('{"type":"CONVERSATION/CREATED"}', good)).status).toBe(200);
    expect((await w.store.listDeadLetters()).map((letter) => [letter.stage, letter.payload])).toEqual([
      ['source', '{not json'],
      ['source', '{"type":"CONVERSATION/CREATED"}'],
    ]);

    const event = {
      id: 'evt-1',
      type: 'AGENT_STATUS/LOGGED_IN',
      timestamp: '2026-03-02T08:00:00.000Z',
      initiator: { id: 'agent-1', type: 'AGENT' },
      content: { agentId: 'agent-1', occurredAt: '2026-03-02T08:00:00.000Z' },
    };
    const first = await post(JSON.stringify(event), good);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, duplicate: false });
    const again = await post(JSON.stringify(event), good);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    const stored = await w.store.eventsAfterCursor('test', GLADLY_EVENT_STREAM, 10);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      eventId: 'gladly:evt-1',
      payload: { ...event, receivedVia: 'webhook' },
    });
    expect(outcomes).toEqual([
      'ping',
      'unauthorized',
      'unauthorized',
      'unauthorized',
      'unauthorized',
      'invalid',
      'invalid',
      'stored',
      'duplicate',
    ]);
    expect(wakes).toBe(1);
    expect((await fetch(`${w.server.url}/other`)).status).toBe(404);
  });

  it('recovers lost deliveries with the poll, and re-enables a webhook Gladly disabled', async () => {
    const w = await world({
      gladly: true,
      users: EVERY_GLADLY_AGENT,
    });
    const gladlyEmu = w.gladlyEmulator!;
    const { config, clients } = await configureWorld(w);
    const connector = await connectWorld(w, config, { clients, metrics: w.metrics.registry });
    connectors.push(connector);
    await waitFor(
      async () => (await clients.gladly!.webhooks.list())[0]?.enabled === true,
      'the webhook to be enabled',
    );
    const [webhook] = await clients.gladly!.webhooks.list();
    expect(connector.stats().gladly!.webhook).toMatchObject({ pings: 1, restored: 0 });

    // Someone disables it by hand: the watchdog turns it back on.
    await clients.gladly!.webhooks.update(webhook!.id, { enabled: false });
    await waitFor(
      async () => connector.stats().gladly!.webhook.restored === 1,
      'the webhook to be re-enabled',
    );
    expect(await w.metrics.registry.metrics()).toContain(
      'voxbridge_wfm_webhook_reenabled_total{connection="default",reason="disabled"} 1',
    );

    // Someone changes the webhook's password: every delivery now gets 401 and is lost to the webhook.
    await clients.gladly!.webhooks.update(webhook!.id, {
      credentials: { username: 'voxbridge', password: 'a-wrong-password' },
    });
    const agent = gladlyEmu.simulator.agents()[0]!;
    const act = async (action: () => void) => {
      gladlyEmu.clock.advance(60_000);
      action();
      await gladlyEmu.deliveriesSettled();
    };
    await act(() => gladlyEmu.simulator.login(agent.id));
    await act(() => gladlyEmu.simulator.setAvailability(agent.id, ['VOICE']));
    await act(() => gladlyEmu.simulator.goAway(agent.id, 'Lunch'));
    await act(() => gladlyEmu.simulator.returnFromAway(agent.id));
    expect(connector.stats().gladly!.webhook.unauthorized).toBeGreaterThanOrEqual(4);
    await waitFor(
      async () => (w.wfmEmulator.truth().perIntegration.gladly?.statuses ?? 0) === 4,
      'the poll to bring the 4 lost statuses',
    );
    expect(connector.stats().gladly!.poll.gapFills).toBeGreaterThanOrEqual(4);
    expect(connector.stats().gladly!.webhook.stored).toBe(0);

    // Gladly retries after 30 s, 5 min, 30 min and 1 h, then disables the webhook.
    for (const delay of [30_000, 300_000, 1_800_000, 3_600_000]) {
      gladlyEmu.clock.advance(delay + 1_000);
      await gladlyEmu.deliveriesSettled();
    }
    expect(gladlyEmu.truth().webhooks.disabled).toContain(webhook!.id);
    // The watchdog notices, and turns it back on with the right credentials (Gladly PINGs first).
    await waitFor(
      async () => connector.stats().gladly!.webhook.restored >= 2,
      'the webhook to be re-enabled',
    );
    await waitFor(
      async () => (await clients.gladly!.webhooks.get(webhook!.id)).enabled,
      'the webhook to be enabled',
    );
    expect(await clients.gladly!.webhooks.get(webhook!.id)).toMatchObject({ hasCredentials: true });
    expect(await w.metrics.registry.metrics()).toMatch(
      /voxbridge_wfm_webhook_reenabled_total\{connection="default",reason="retry_limit"\} [1-9]/,
    );

    await act(() => gladlyEmu.simulator.logout(agent.id));
    const last = gladlyEmu.truth().webhooks.deliveries.at(-1)!;
    expect(last).toMatchObject({ eventType: 'AGENT_STATUS/LOGGED_OUT', ok: true, status: 200 });
    await waitFor(
      async () => (w.wfmEmulator.truth().perIntegration.gladly?.statuses ?? 0) === 5,
      'the logout in WFM',
    );
    const { stored, duplicates } = connector.stats().gladly!.webhook;
    expect(stored + duplicates).toBe(1);
    expect(w.wfmEmulator.truth().duplicates).toBe(0);
    expect(secretsIn(w.logLines)).toEqual([]);
    expect(w.logLines.some((line) => line.includes('a-wrong-password'))).toBe(false);
  });
});
