import { ValidationError } from '@voxbridge/core';
import { GladlyApiError, parseEventLine, WebhookEnabledError } from '@voxbridge/gladly';
import { afterEach, describe, expect, it } from 'vitest';
import { clientOf, closeAll, emulator, FAST_CLIENT, FAST_LIMITS, receiver } from './helpers.js';

afterEach(closeAll);

describe('Gladly client: webhooks', () => {
  it('creates, lists, gets and updates webhooks; Gladly PINGs the receiver with its credentials and headers', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    const gladly = clientOf(emu, FAST_CLIENT);
    const first = await receiver();
    const created = await gladly.webhooks.create({
      name: 'Playvox conversations',
      url: first.url,
      events: ['CONVERSATION/CREATED', 'CONVERSATION/CLOSED'],
      enabled: true,
      credentials: { username: 'playvox', password: 'receiver-password' },
      headers: { 'X-Gladly-Token': 'shared-token' },
    });
    expect(created).toMatchObject({
      name: 'Playvox conversations',
      url: first.url,
      enabled: true,
      hasCredentials: true,
      headerKeys: ['X-Gladly-Token'],
    });
    expect(created.id).toMatch(/^[\w-]{22}$/);
    expect(first.received).toHaveLength(1);
    expect(first.received[0]!.body.type).toBe('PING');
    expect(first.received[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('playvox:receiver-password').toString('base64')}`,
    );
    expect(first.received[0]!.headers['x-gladly-token']).toBe('shared-token');
    expect(await gladly.webhooks.list()).toEqual([created]);
    expect(await gladly.webhooks.get(created.id)).toEqual(created);

    const second = await receiver();
    await gladly.webhooks.update(created.id, { name: 'renamed', url: second.url, headers: null });
    expect(second.received.map((request) => request.body.type)).toEqual(['PING']);
    expect(await gladly.webhooks.get(created.id)).toMatchObject({
      name: 'renamed',
      url: second.url,
      headerKeys: [],
      hasCredentials: true,
    });

    // Deliveries arrive at the new URL and parse as events.
    const agentId = emu.simulator.agents()[0]!.id;
    emu.simulator.login(agentId);
    emu.simulator.setAvailability(agentId, ['MESSAGING']);
    const { conversationId } = emu.simulator.createConversation({ channel: 'CHAT' });
    await emu.deliveriesSettled();
    const delivered = second.received
      .slice(1)
      .map((request, i) => parseEventLine(JSON.stringify(request.body), i + 1));
    expect(delivered.map((event) => event.type)).toEqual(['CONVERSATION/CREATED']);
    expect(delivered[0]!.content).toMatchObject({
      conversationId,
      context: { assignee: { inboxId: emu.simulator.inboxes()[0]!.id } },
    });
  });

  it('a failed PING fails the save with a GladlyApiError naming the url', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    const gladly = clientOf(emu, FAST_CLIENT);
    const broken = await receiver(() => 500);
    const error = await gladly.webhooks
      .create({ url: broken.url, events: ['CONVERSATION/CLOSED'], enabled: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GladlyApiError);
    expect((error as GladlyApiError).status).toBe(400);
    expect((error as GladlyApiError).errors[0]).toMatchObject({ attr: 'url', code: 'invalid' });
    expect((error as GladlyApiError).message).toMatch(
      /^POST \/api\/v1\/webhooks failed with 400: url: PING to http:\/\/127\.0\.0\.1:\d+\/gladly answered 500/,
    );
    expect(await gladly.webhooks.list()).toEqual([]);

    const disabled = await gladly.webhooks.create({ url: broken.url, events: ['CONVERSATION/CLOSED'] });
    expect(disabled.enabled).toBe(false);
    await expect(gladly.webhooks.update(disabled.id, { enabled: true })).rejects.toMatchObject({
      status: 400,
      errors: [{ attr: 'url' }],
    });
    expect((await gladly.webhooks.get(disabled.id)).enabled).toBe(false);
  });

  it('refuses to delete an enabled webhook with a clear error, or disables it first when asked', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    const gladly = clientOf(emu, FAST_CLIENT);
    const hook = await receiver();
    const webhook = await gladly.webhooks.create({
      url: hook.url,
      events: ['CONVERSATION/CLOSED'],
      enabled: true,
    });
    const error = await gladly.webhooks.delete(webhook.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebhookEnabledError);
    expect(error).toBeInstanceOf(GladlyApiError);
    expect((error as WebhookEnabledError).webhookId).toBe(webhook.id);
    expect((error as WebhookEnabledError).message).toContain('disableFirst: true');
    expect((error as WebhookEnabledError).errors).toEqual([
      { attr: 'enabled', code: 'invalid_state', detail: 'webhook must be disabled before it can be deleted' },
    ]);
    expect((await gladly.webhooks.get(webhook.id)).enabled).toBe(true);

    await gladly.webhooks.delete(webhook.id, { disableFirst: true });
    await expect(gladly.webhooks.get(webhook.id)).rejects.toMatchObject({
      status: 404,
      errors: [{ code: 'not_exist' }],
    });
  });

  it('shows a webhook Gladly disabled after its last retry', async () => {
    const emu = await emulator({ config: { ...FAST_LIMITS, webhooks: { retryDelaysMs: [30_000] } } });
    const gladly = clientOf(emu, FAST_CLIENT);
    const hook = await receiver((request) => (request.body.type === 'PING' ? 200 : 500));
    const webhook = await gladly.webhooks.create({
      url: hook.url,
      events: ['AGENT_STATUS/LOGGED_IN'],
      enabled: true,
    });
    emu.simulator.login(emu.simulator.agents()[0]!.id);
    await emu.deliveriesSettled();
    emu.clock.advance(30_000);
    await emu.deliveriesSettled();
    const after = await gladly.webhooks.get(webhook.id);
    expect(after.enabled).toBe(false);
    expect(after.disabledAtDueToRetryLimit).toEqual(expect.any(String));
    expect(hook.received.map((request) => request.body.type)).toEqual([
      'PING',
      'AGENT_STATUS/LOGGED_IN',
      'AGENT_STATUS/LOGGED_IN',
    ]);
    await gladly.webhooks.delete(webhook.id);
  });

  it('validates webhook fields before sending them', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    const gladly = clientOf(emu, FAST_CLIENT);
    await expect(gladly.webhooks.create({ url: 'https://example.com/x', events: [] })).rejects.toMatchObject({
      field: 'events',
    });
    await expect(
      gladly.webhooks.create({ url: 'ftp://example.com/x', events: ['CONVERSATION/CLOSED'] }),
    ).rejects.toMatchObject({ field: 'url' });
    await expect(
      gladly.webhooks.create({
        name: 'n'.repeat(201),
        url: 'https://example.com/x',
        events: ['CONVERSATION/CLOSED'],
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(gladly.webhooks.update('id', { events: ['conversation closed'] })).rejects.toMatchObject({
      field: 'events[0]',
    });
    expect(emu.stats().total).toBe(0);
  });

  it('checks webhooks with the contract’s rules but lets a newer event type through to Gladly to judge', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    const gladly = clientOf(emu, FAST_CLIENT);
    await expect(
      gladly.webhooks.create({
        url: 'https://example.com/x',
        events: ['CONVERSATION/CLOSED'],
        headers: { 'a b': 'x' },
      }),
    ).rejects.toMatchObject({ field: 'headers.a b' });
    expect(emu.stats().total).toBe(0);
    // The emulator knows only the documented list, so it answers as Gladly would for an unknown type.
    await expect(
      gladly.webhooks.create({ url: 'https://example.com/x', events: ['CONVERSATION/ARCHIVED'] }),
    ).rejects.toMatchObject({ status: 400, errors: [{ attr: 'events[0]', code: 'invalid' }] });
    expect(emu.stats().total).toBe(1);
  });
});
