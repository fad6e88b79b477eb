import { type WireOperation, wireProblems } from '@voxbridge/core';
import { GLADLY_ADMIN_OPERATIONS, gladlyOpenApi } from '@voxbridge/emulator-gladly';
import { ADMIN_OPERATIONS, invalidExamples, undocumentedRoutes } from '@voxbridge/emulator-kit';
import { agentStatusOf, type GladlyEvent } from '@voxbridge/gladly';
import {
  createWebhook,
  deleteWebhook,
  GLADLY_OPERATIONS,
  GladlyEventSchema,
  getInbox,
  getWebhook,
  knownEventSchema,
  listAgents,
  listInboxes,
  listTeams,
  PingEventSchema,
  streamEvents,
  updateWebhook,
  WORK_SESSION_COLUMNS,
  workSessionReport,
} from '@voxbridge/gladly/wire';
import { describe, expect, it } from 'vitest';
import {
  SEED_CREDENTIALS,
  SEED_INBOX,
  SEED_TASKS,
  SEED_WEBHOOK,
  SPEC_EVENTS,
  SPEC_PING,
  SPEC_RESOURCES,
  SPEC_WORK_SESSIONS,
} from '../../gladly/test/fixtures/seed-examples.js';
import { AUTH, call, harness, START } from './helpers.js';

const HOUR = 3_600_000;
const started = harness();
/** An emulator with three simulated hours of history before START, and no live traffic. */
const emulator = () => started.emulator({ seed: 2, traffic: { backlogHours: 3, live: false } });

/** The problems of an answer against the operation's schema for its status ('' when it passes). */
function answerProblems(op: WireOperation, status: number, body: unknown): string {
  const schema = op.responses[status]?.schema;
  if (!schema) return `${op.operationId} documents no answer ${status}`;
  return wireProblems(schema, body) ?? '';
}

describe('the Gladly emulator serves the wire contract', () => {
  it('documents every route it serves, API and admin, with examples that pass their own schemas', async () => {
    const emu = await emulator();
    const document = (await call(emu.url, 'GET', '/_emulator/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(undocumentedRoutes(emu.routers.api, document)).toEqual([]);
    // The admin router is mounted under /_emulator: its patterns are relative to that prefix.
    const adminPaths = Object.fromEntries(
      Object.entries(document.paths)
        .filter(([path]) => path.startsWith('/_emulator/'))
        .map(([path, item]) => [path.slice('/_emulator'.length), item]),
    );
    expect(undocumentedRoutes(emu.routers.admin, { paths: adminPaths })).toEqual([]);
    for (const op of [...GLADLY_OPERATIONS, ...GLADLY_ADMIN_OPERATIONS, ...ADMIN_OPERATIONS])
      expect(document.paths[op.path]?.[op.method.toLowerCase()], op.operationId).toBeDefined();
    expect(invalidExamples([...emu.routers.api.operations, ...emu.routers.admin.operations])).toEqual([]);
    // The exported document is the served one, less the kit's shared admin paths.
    expect(document.paths).toMatchObject(gladlyOpenApi().paths as object);
    expect(JSON.stringify(document.paths['/api/v1/inboxes/{inboxId}'])).toContain(SEED_INBOX.value.id);
  });

  it('answers the seed’s API user (email and token, Basic) with agents, teams and inboxes in the documents’ shape', async () => {
    expect(SEED_CREDENTIALS.source.quote).toContain('Enter the API token');
    const emu = await emulator();
    const agents = await call(emu.url, 'GET', '/api/v1/agents', undefined, { authorization: AUTH });
    expect(agents.status).toBe(200);
    expect(answerProblems(listAgents, 200, agents.json())).toBe('');
    const agentList = agents.json() as Array<Record<string, unknown>>;
    for (const agent of agentList)
      expect(Object.keys(agent).sort()).toEqual([...SPEC_RESOURCES.keys.agents].sort());
    // Users sync "based on matching emails": each agent's email is its own.
    expect(new Set(agentList.map((agent) => agent.emailAddress)).size).toBe(agentList.length);
    const teams = await call(emu.url, 'GET', '/api/v1/teams');
    expect(answerProblems(listTeams, 200, teams.json())).toBe('');
    for (const team of teams.json() as object[])
      expect(SPEC_RESOURCES.keys.teams).toEqual(expect.arrayContaining(Object.keys(team)));

    const inboxes = await call(emu.url, 'GET', '/api/v1/inboxes');
    expect(answerProblems(listInboxes, 200, inboxes.json())).toBe('');
    for (const inbox of inboxes.json() as Array<{ id: string; name: string }>) {
      expect(Object.keys(inbox)).toEqual(Object.keys(SEED_INBOX.value));
      const one = await call(emu.url, 'GET', `/api/v1/inboxes/${inbox.id}`);
      expect(answerProblems(getInbox, 200, one.json())).toBe('');
      // The seed's workstream identifier, `id|name`, is built from the same two fields.
      expect(`${inbox.id}|${inbox.name}`).toMatch(/^[^|]+\|[^|]+$/);
    }
    const missing = await call(emu.url, 'GET', '/api/v1/inboxes/nope');
    expect(answerProblems(getInbox, 404, missing.json())).toBe('');
  });

  it('streams the spec’s Events API request (repeated entities) as JSON lines whose agent statuses match the seed’s tasks', async () => {
    const emu = await emulator();
    const query = `startAt=${new Date(START - 3 * HOUR).toISOString()}&endAt=${new Date(START).toISOString()}`;
    const entities = ['AGENT_STATUS', 'AGENT_AVAILABILITY', 'CONVERSATION'];
    const response = await call(
      emu.url,
      'GET',
      `/api/v1/events?${query}&${entities.map((entity) => `entities=${entity}`).join('&')}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(streamEvents.responses[200].contentType);
    const events = response.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as GladlyEvent);
    expect(events.length).toBeGreaterThan(50);
    const statuses = new Set<string>();
    for (const event of events) {
      expect(wireProblems(GladlyEventSchema, event), event.type).toBeUndefined();
      const known = knownEventSchema(event.type);
      if (known) expect(wireProblems(known, event), event.type).toBeUndefined();
      expect(entities).toContain(event.type.split('/')[0]!.replace('CONVERSATION_ASSIGNEE', 'CONVERSATION'));
      const status = agentStatusOf(event);
      if (status !== null) statuses.add(status);
    }
    for (const status of statuses)
      expect(
        SEED_TASKS.patterns.some((pattern) => pattern.test(status)),
        status,
      ).toBe(true);
    expect(statuses.size).toBeGreaterThanOrEqual(4);

    const reversed = await call(
      emu.url,
      'GET',
      `/api/v1/events?startAt=${new Date(START).toISOString()}&endAt=${new Date(START - HOUR).toISOString()}&entities=AGENT_STATUS`,
    );
    expect(reversed.status).toBe(400);
    expect(answerProblems(streamEvents, 400, reversed.json())).toBe('');
    expect(reversed.json()).toMatchObject(SPEC_EVENTS.badRange);
  });

  it('creates the seed’s webhook as the spec says (201 and Location, PING, 204, 400 while enabled) and delivers conversation events', async () => {
    const emu = await emulator();
    const receiver = await started.receiver();
    const body = { ...createWebhook.requestExamples.specWebhook.value, url: receiver.url };
    expect(body.events).toEqual(SEED_WEBHOOK.events);
    const created = await call(emu.url, 'POST', '/api/v1/webhooks', body);
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    expect(location).toMatch(/^\/api\/v1\/webhooks\/[^/]+$/);
    expect(receiver.received).toHaveLength(1);
    expect(wireProblems(PingEventSchema, receiver.received[0]!.body)).toBeUndefined();
    expect(receiver.received[0]!.body).toMatchObject(SPEC_PING.value);
    expect(receiver.received[0]!.headers['x-gladly-token']).toBe(body.headers['X-Gladly-Token']);

    const shown = await call(emu.url, 'GET', location);
    expect(answerProblems(getWebhook, 200, shown.json())).toBe('');
    expect(shown.json()).toMatchObject({
      enabled: true,
      headerKeys: ['X-Gladly-Token'],
      hasCredentials: false,
    });
    expect(shown.text).not.toContain('shared-secret');

    const conversation = (
      await call(emu.url, 'POST', '/_emulator/conversations', { channel: 'CHAT' })
    ).json() as {
      conversationId: string;
    };
    await call(emu.url, 'POST', `/_emulator/conversations/${conversation.conversationId}/close`);
    await emu.deliveriesSettled();
    const delivered = receiver.deliveries().map((request) => request.body);
    expect(delivered.map((event) => event.type)).toEqual(SEED_WEBHOOK.events);
    for (const event of delivered)
      expect(wireProblems(knownEventSchema(event.type!)!, event)).toBeUndefined();

    const refused = await call(emu.url, 'DELETE', location);
    expect(refused.status).toBe(400);
    expect(answerProblems(deleteWebhook, 400, refused.json())).toBe('');
    expect(refused.json()).toMatchObject({ errors: [{ code: 'invalid_state' }] });
    expect((await call(emu.url, 'PATCH', location, { enabled: false })).status).toBe(204);
    const invalid = await call(emu.url, 'PATCH', location, { events: [] });
    expect(answerProblems(updateWebhook, 400, invalid.json())).toBe('');
    expect((await call(emu.url, 'DELETE', location)).status).toBe(204);
    expect(answerProblems(deleteWebhook, 404, (await call(emu.url, 'DELETE', location)).json())).toBe('');
  });

  it('answers the spec’s work-session request with CSV in the spec’s columns', async () => {
    const emu = await emulator();
    const empty = await call(emu.url, 'POST', '/api/v1/reports/work-session-events', SPEC_WORK_SESSIONS.body);
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-type')).toContain('text/csv');
    expect(answerProblems(workSessionReport, 200, empty.text)).toBe('');
    expect(empty.text.split('\r\n')[0]).toBe(SPEC_WORK_SESSIONS.columns.join(','));
    const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16)}Z`;
    const day = await call(emu.url, 'POST', '/api/v1/reports/work-session-events', {
      startAtTime: minute(START - 3 * HOUR),
      endAtTime: minute(START),
    });
    const rows = day.text.split('\r\n').filter(Boolean);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(1)) expect(row.split(',')).toHaveLength(WORK_SESSION_COLUMNS.length);
    const bad = await call(emu.url, 'POST', '/api/v1/reports/work-session-events', { startAtTime: 'soon' });
    expect(answerProblems(workSessionReport, 400, bad.json())).toBe('');
  });

  it('checks its admin requests with the admin operations and names the field at fault', async () => {
    const emu = await emulator();
    const detail = async (path: string, body?: unknown) => {
      const response = await call(emu.url, 'POST', path, body);
      expect(response.status).toBe(400);
      return (response.json() as { errors: Array<{ detail: string }> }).errors[0]!.detail;
    };
    expect(await detail('/_emulator/clock', { speed: 0 })).toBe('speed: must be above 0 and at most 10000');
    expect(await detail('/_emulator/clock', {})).toBe('body: give advanceMs and/or speed');
    expect(await detail('/_emulator/activity', { drain: true })).toMatch(/^action: must be 'start', 'stop'/);
    expect(await detail('/_emulator/agents/a1/dance')).toBe(
      'action: must be login, logout, away, return or availability',
    );
    expect(await detail('/_emulator/conversations', { channel: 'PIGEON' })).toMatch(/^channel: /);
    const advanced = await call(emu.url, 'POST', '/_emulator/clock', { advanceMs: 60_000 });
    // The clock runs at speed 1 meanwhile, so it is at least a minute ahead.
    expect((advanced.json() as { now: number }).now).toBeGreaterThanOrEqual(START + 60_000);
  });
});
