import { AuthenticationError, NotFoundError, ValidationError } from '@voxbridge/core';
import { Gladly, GladlyApiError, gladlyBaseUrl } from '@voxbridge/gladly';
import { afterEach, describe, expect, it } from 'vitest';
import { clientOf, closeAll, emulator, FAST_CLIENT, FAST_LIMITS } from './helpers.js';

afterEach(closeAll);

describe('Gladly client: resources', () => {
  it('lists and gets agents, teams and inboxes', async () => {
    const emu = await emulator({ config: { ...FAST_LIMITS, simulation: { agents: 5, teams: 2 } } });
    const gladly = clientOf(emu, FAST_CLIENT);
    const agents = await gladly.agents.list();
    expect(agents).toEqual(emu.simulator.agents());
    expect(await gladly.agents.get(agents[3]!.id)).toEqual(agents[3]);
    const teams = await gladly.teams.list();
    expect(teams).toHaveLength(2);
    expect(await gladly.teams.get(teams[1]!.id)).toEqual(teams[1]);
    const inboxes = await gladly.inboxes.list();
    expect(inboxes.map((inbox) => inbox.name)).toEqual([
      'Customer_Support',
      'Billing',
      'VIP',
      'Legacy_Email',
    ]);
    expect(await gladly.inboxes.get(inboxes[2]!.id)).toEqual({
      id: inboxes[2]!.id,
      name: 'VIP',
      disabled: false,
    });
  });

  it('gets a conversation, its items and one item', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    const gladly = clientOf(emu, FAST_CLIENT);
    const agentId = emu.simulator.agents()[0]!.id;
    emu.simulator.login(agentId);
    emu.simulator.setAvailability(agentId, ['MAIL']);
    const { conversationId } = emu.simulator.createConversation({
      channel: 'EMAIL',
      inboxId: emu.simulator.inboxes()[1]!.id,
    });
    emu.clock.advance(120_000);
    emu.simulator.closeConversation(conversationId);
    const conversation = await gladly.conversations.get(conversationId);
    expect(conversation).toMatchObject({
      id: conversationId,
      agentId,
      inboxId: emu.simulator.inboxes()[1]!.id,
      status: 'CLOSED',
    });
    expect(Date.parse(conversation.closedAt!) - Date.parse(conversation.createdAt)).toBeGreaterThanOrEqual(
      120_000,
    );
    const items = await gladly.conversations.items(conversationId);
    expect(items.map((item) => item.content.type)).toEqual(['EMAIL', 'EMAIL', 'CONVERSATION_STATUS_CHANGE']);
    expect(items[0]).toMatchObject({
      conversationId,
      customerId: conversation.customerId,
      initiator: { type: 'CUSTOMER' },
    });
    expect(items[1]).toMatchObject({
      initiator: { id: agentId, type: 'AGENT' },
      responder: { type: 'CUSTOMER' },
    });
    expect(await gladly.conversations.getItem(items[1]!.id)).toEqual(items[1]);
  });

  it('turns Gladly error bodies into GladlyApiError with the errors list and the core class as cause', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    const gladly = clientOf(emu, FAST_CLIENT);
    const error = await gladly.agents.get('no-such-agent').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GladlyApiError);
    const typed = error as GladlyApiError;
    expect(typed.status).toBe(404);
    expect(typed.errors).toEqual([{ code: 'not_exist', detail: 'agent does not exist' }]);
    expect(typed.has('not_exist')).toBe(true);
    expect(typed.cause).toBeInstanceOf(NotFoundError);
    expect(typed.message).toBe(
      'GET /api/v1/agents/no-such-agent failed with 404: agent does not exist (not_exist)',
    );
    await expect(gladly.conversations.items('nope')).rejects.toThrow(/conversation does not exist/);
  });

  it('keeps the API token out of errors and events when the credentials are wrong', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    const token = 'very-secret-token-123';
    const gladly = clientOf(emu, FAST_CLIENT, { email: 'api@demo.gladly.test', apiToken: token });
    const seen: unknown[] = [];
    for (const name of ['request', 'response', 'retry', 'failure'] as const)
      gladly.http.on(name, (event) => seen.push(event));
    const error = (await gladly.agents.list().catch((caught: unknown) => caught)) as GladlyApiError;
    expect(error).toBeInstanceOf(GladlyApiError);
    expect(error.cause).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    const basic = Buffer.from(`api@demo.gladly.test:${token}`).toString('base64');
    const everything = JSON.stringify({
      message: error.message,
      stack: error.stack,
      error,
      body: error.body,
      headers: error.headers,
      request: error.request,
      seen,
    });
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(basic);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('retries a 503 through the core policy', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    const gladly = clientOf(emu, { ...FAST_CLIENT, retry: { baseDelayMs: 10, maxDelayMs: 20 } });
    const faults = await fetch(`${emu.url}/_emulator/faults`, {
      method: 'PUT',
      body: JSON.stringify([{ path: '^/api/v1/teams$', status: 503, times: 1 }]),
      headers: { 'content-type': 'application/json' },
    });
    expect(faults.status).toBe(200);
    const retries: string[] = [];
    gladly.http.on('retry', (event) => retries.push(event.reason));
    expect(await gladly.teams.list()).toHaveLength(2);
    expect(retries).toEqual(['status 503']);
  });

  it('builds base URLs and validates its arguments before sending anything', async () => {
    expect(gladlyBaseUrl({ org: 'acme' })).toBe('https://acme.gladly.com/api/v1');
    expect(gladlyBaseUrl({ org: 'Acme', sandbox: true })).toBe('https://acme.gladly.qa/api/v1');
    expect(gladlyBaseUrl({ baseUrl: 'http://127.0.0.1:4030' })).toBe('http://127.0.0.1:4030/api/v1');
    expect(gladlyBaseUrl({ baseUrl: 'https://us-1.gladly.com/api/v1/' })).toBe(
      'https://us-1.gladly.com/api/v1',
    );
    expect(() => gladlyBaseUrl({ org: 'acme.evil.com/x' })).toThrow(ValidationError);
    expect(() => gladlyBaseUrl({ baseUrl: 'not a url' })).toThrow(ValidationError);
    expect(() => new Gladly({ org: 'acme' }, { email: 'a@b.c', apiToken: '' })).toThrow(/apiToken/);
    const emu = await emulator({ config: FAST_LIMITS });
    const gladly = clientOf(emu, FAST_CLIENT);
    await expect(gladly.agents.get('')).rejects.toBeInstanceOf(ValidationError);
    expect(emu.stats().total).toBe(0);
  });
});
