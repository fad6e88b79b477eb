import { describe, expect, it } from 'vitest';
import { call, harness, START } from './helpers.js';

const { emulator, receiver } = harness();

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Creates an enabled webhook that posts `events` to `url`; returns its path (the Location header). */
async function enabledWebhook(emulatorUrl: string, url: string, events: string[]): Promise<string> {
  const created = await call(emulatorUrl, 'POST', '/api/v1/webhooks', { url, events, enabled: true });
  return created.headers.get('location')!;
}

describe('webhooks', () => {
  it('an enabled webhook is PINGed with its credentials and headers, and never shows them back', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const created = await call(emu.url, 'POST', '/api/v1/webhooks', {
      name: 'Playvox WFM',
      url: hook.url,
      events: ['CONVERSATION/CREATED', 'CONVERSATION/CLOSED'],
      enabled: true,
      credentials: { username: 'playvox', password: 's3cret-pass' },
      headers: { 'X-Gladly-Token': 'header-secret' },
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/api\/v1\/webhooks\/[\w-]{22}$/);
    expect(created.text).toBe('');
    expect(hook.received).toHaveLength(1);
    const ping = hook.received[0]!;
    expect(ping.body).toMatchObject({ type: 'PING' });
    expect(ping.headers.authorization).toBe(basic('playvox', 's3cret-pass'));
    expect(ping.headers['x-gladly-token']).toBe('header-secret');
    expect(ping.headers['content-type']).toBe('application/json');

    const shown = await call(emu.url, 'GET', location);
    expect(shown.json()).toMatchObject({
      name: 'Playvox WFM',
      url: hook.url,
      enabled: true,
      hasCredentials: true,
      headerKeys: ['X-Gladly-Token'],
    });
    expect(shown.text).not.toContain('s3cret-pass');
    expect(shown.text).not.toContain('header-secret');
    expect((await call(emu.url, 'GET', '/api/v1/webhooks')).json()).toEqual([shown.json()]);
  });

  it('a PING that does not answer 200 (error, other 2xx, timeout) makes the save fail with a 400 naming the url', async () => {
    const emu = await emulator({ config: { webhooks: { timeoutMs: 200 } } });
    const failing = await receiver(() => 500);
    const accepted = await receiver(() => 202);
    const slow = await receiver(() => ({ status: 200, delayMs: 2_000 }));
    for (const target of [failing, accepted, slow]) {
      const response = await call(emu.url, 'POST', '/api/v1/webhooks', {
        url: target.url,
        events: ['CONVERSATION/CLOSED'],
        enabled: true,
      });
      expect(response.status).toBe(400);
      const [error] = (response.json() as { errors: Array<{ attr: string; code: string; detail: string }> })
        .errors;
      expect(error).toMatchObject({ attr: 'url', code: 'invalid' });
      expect(error!.detail).toContain(target.url);
    }
    expect((await call(emu.url, 'GET', '/api/v1/webhooks')).json()).toEqual([]);

    // Created disabled (no PING), then enabling it fails the same way and leaves it disabled.
    const created = await call(emu.url, 'POST', '/api/v1/webhooks', {
      url: failing.url,
      events: ['CONVERSATION/CLOSED'],
    });
    expect(created.status).toBe(201);
    expect(failing.received).toHaveLength(1);
    const id = created.headers.get('location')!.split('/').pop();
    const enable = await call(emu.url, 'PATCH', `/api/v1/webhooks/${id}`, { enabled: true });
    expect(enable.status).toBe(400);
    expect((await call(emu.url, 'GET', `/api/v1/webhooks/${id}`)).json()).toMatchObject({ enabled: false });
  });

  it('changing the url of an enabled webhook PINGs the new url', async () => {
    const emu = await emulator();
    const first = await receiver();
    const second = await receiver();
    const created = await call(emu.url, 'POST', '/api/v1/webhooks', {
      url: first.url,
      events: ['AGENT_STATUS/LOGGED_IN'],
      enabled: true,
    });
    const path = created.headers.get('location')!;
    expect((await call(emu.url, 'PATCH', path, { name: 'renamed' })).status).toBe(204);
    expect(first.received).toHaveLength(1);
    expect((await call(emu.url, 'PATCH', path, { url: second.url })).status).toBe(204);
    expect(second.received.map((request) => request.body.type)).toEqual(['PING']);
    expect((await call(emu.url, 'GET', path)).json()).toMatchObject({
      name: 'renamed',
      url: second.url,
      enabled: true,
    });
  });

  it('validates fields, url uniqueness, https and the limit of webhooks', async () => {
    const emu = await emulator({ config: { webhooks: { maxWebhooks: 2 } } });
    const missing = await call(emu.url, 'POST', '/api/v1/webhooks', { name: 'x'.repeat(201) });
    expect(
      (missing.json() as { errors: Array<{ attr: string; code: string }> }).errors.map(
        (error) => `${error.attr}:${error.code}`,
      ),
    ).toEqual(['name:too_long', 'url:blank', 'events:blank']);
    const create = (url: string, events = ['CONVERSATION/CLOSED']) =>
      call(emu.url, 'POST', '/api/v1/webhooks', { url, events });
    expect((await create('http://example.com/hook')).json()).toEqual({
      errors: [{ attr: 'url', code: 'invalid', detail: 'url must use https' }],
    });
    const unknownEvent = await create('https://example.com/a', [
      'CONVERSATION/CLOSED',
      'AGENT_STATE_CHANGED',
    ]);
    expect(unknownEvent.json()).toMatchObject({ errors: [{ attr: 'events[1]', code: 'invalid' }] });
    expect((await create('https://example.com/a')).status).toBe(201);
    expect((await create('https://example.com/a')).json()).toMatchObject({
      errors: [{ attr: 'url', code: 'taken' }],
    });
    expect((await create('https://example.com/b')).status).toBe(201);
    expect((await create('https://example.com/c')).json()).toEqual({
      errors: [{ code: 'invalid', detail: 'an organization can have at most 2 webhooks' }],
    });
  });

  it('an enabled webhook cannot be deleted; a disabled one can', async () => {
    const emu = await emulator();
    const hook = await receiver();
    const path = await enabledWebhook(emu.url, hook.url, ['CONVERSATION/CLOSED']);
    const refused = await call(emu.url, 'DELETE', path);
    expect(refused.status).toBe(400);
    expect(refused.json()).toEqual({
      errors: [
        {
          attr: 'enabled',
          code: 'invalid_state',
          detail: 'webhook must be disabled before it can be deleted',
        },
      ],
    });
    expect((await call(emu.url, 'PATCH', path, { enabled: false })).status).toBe(204);
    expect((await call(emu.url, 'DELETE', path)).status).toBe(204);
    expect((await call(emu.url, 'GET', path)).status).toBe(404);
    expect((await call(emu.url, 'DELETE', path)).status).toBe(404);
  });

  it('delivers subscribed events with the webhook’s credentials and headers', async () => {
    const emu = await emulator();
    const hook = await receiver();
    await call(emu.url, 'POST', '/api/v1/webhooks', {
      url: hook.url,
      events: ['AGENT_STATUS/LOGGED_IN', 'AGENT_STATUS/WENT_AWAY'],
      enabled: true,
      credentials: { username: 'wfm', password: 'pw' },
      headers: { 'X-Api-Key': 'k-123' },
    });
    const agentId = emu.simulator.agents()[0]!.id;
    emu.simulator.login(agentId);
    emu.simulator.setAvailability(agentId, ['VOICE']);
    emu.simulator.goAway(agentId, 'Break');
    await emu.deliveriesSettled();
    const deliveries = hook.deliveries();
    expect(deliveries.map((request) => request.body.type)).toEqual([
      'AGENT_STATUS/LOGGED_IN',
      'AGENT_STATUS/WENT_AWAY',
    ]);
    expect(deliveries[1]!.body).toMatchObject({
      initiator: { id: agentId, type: 'AGENT' },
      content: { agentId, awayReason: { name: 'Break' } },
    });
    for (const delivery of deliveries) {
      expect(delivery.method).toBe('POST');
      expect(delivery.headers.authorization).toBe(basic('wfm', 'pw'));
      expect(delivery.headers['x-api-key']).toBe('k-123');
    }
    expect(emu.truth().webhooks).toMatchObject({ attempted: 2, succeeded: 2, failed: 0, disabled: [] });
  });

  it('retries a failing delivery after 30 s, 5 min, 30 min and 1 h of emulator time, then disables the webhook', async () => {
    const emu = await emulator();
    const hook = await receiver((request) => (request.body.type === 'PING' ? 200 : 503));
    const path = await enabledWebhook(emu.url, hook.url, ['AGENT_STATUS/LOGGED_IN']);
    const agents = emu.simulator.agents();
    emu.simulator.login(agents[0]!.id);
    await emu.deliveriesSettled();
    expect(hook.deliveries()).toHaveLength(1);

    const steps = [30_000, 300_000, 1_800_000, 3_600_000];
    for (const [i, delay] of steps.entries()) {
      emu.clock.advance(delay - 1_000);
      await emu.deliveriesSettled();
      expect(hook.deliveries()).toHaveLength(i + 1);
      emu.clock.advance(1_000);
      await emu.deliveriesSettled();
      expect(hook.deliveries()).toHaveLength(i + 2);
    }
    const webhook = (await call(emu.url, 'GET', path)).json() as {
      enabled: boolean;
      disabledAtDueToRetryLimit?: string;
    };
    expect(webhook.enabled).toBe(false);
    expect(Date.parse(webhook.disabledAtDueToRetryLimit!)).toBeGreaterThanOrEqual(
      START + steps.reduce((a, b) => a + b, 0),
    );
    const truth = emu.truth().webhooks;
    expect(truth).toMatchObject({ attempted: 5, succeeded: 0, failed: 5, disabled: [path.split('/').pop()] });
    expect(truth.deliveries.map((delivery) => delivery.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(truth.deliveries[0]).toMatchObject({
      ok: false,
      status: 503,
      error: 'answered 503',
      eventType: 'AGENT_STATUS/LOGGED_IN',
    });

    // Disabled: new events are not delivered; re-enabling (with a PING) clears the mark.
    emu.simulator.login(agents[1]!.id);
    await emu.deliveriesSettled();
    expect(hook.deliveries()).toHaveLength(5);
    expect((await call(emu.url, 'PATCH', path, { enabled: true })).status).toBe(204);
    expect((await call(emu.url, 'GET', path)).json()).not.toHaveProperty('disabledAtDueToRetryLimit');
  });

  it('a delivery without an answer within the timeout fails; disabling a webhook drops its pending retries', async () => {
    const emu = await emulator({ config: { webhooks: { timeoutMs: 200 } } });
    const hook = await receiver((request) =>
      request.body.type === 'PING' ? 200 : { status: 200, delayMs: 2_000 },
    );
    const path = await enabledWebhook(emu.url, hook.url, ['AGENT_STATUS/LOGGED_IN']);
    emu.simulator.login(emu.simulator.agents()[0]!.id);
    await emu.deliveriesSettled();
    expect(emu.truth().webhooks.deliveries[0]).toMatchObject({ ok: false, error: 'no answer within 200 ms' });
    expect((await call(emu.url, 'PATCH', path, { enabled: false })).status).toBe(204);
    emu.clock.advance(60_000);
    await emu.deliveriesSettled();
    expect(emu.truth().webhooks.attempted).toBe(1);
  });

  it('posts at most maxConcurrentDeliveries deliveries at once and delivers them all', async () => {
    const emu = await emulator({ config: { webhooks: { maxConcurrentDeliveries: 2 } } });
    const hook = await receiver((request) =>
      request.body.type === 'PING' ? 200 : { status: 200, delayMs: 50 },
    );
    await call(emu.url, 'POST', '/api/v1/webhooks', {
      url: hook.url,
      events: ['AGENT_STATUS/LOGGED_IN'],
      enabled: true,
    });
    for (const agent of emu.simulator.agents().slice(0, 6)) emu.simulator.login(agent.id);
    await emu.deliveriesSettled();
    expect(hook.deliveries()).toHaveLength(6);
    expect(hook.maxInFlight()).toBe(2);
    expect(emu.truth().webhooks).toMatchObject({ attempted: 6, succeeded: 6 });
  });
});
