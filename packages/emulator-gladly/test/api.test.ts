import { WORK_SESSION_COLUMNS } from '@voxbridge/emulator-gladly';
import { rosterPerson } from '@voxbridge/emulator-kit';
import { describe, expect, it } from 'vitest';
import { call, harness, START } from './helpers.js';

const HOUR = 3_600_000;
const { emulator } = harness();

const minute = (ms: number) => `${new Date(ms).toISOString().slice(0, 16)}Z`;

describe('Gladly API emulator', () => {
  it('requires Basic credentials and answers in Gladly’s error format', async () => {
    const emu = await emulator();
    const anonymous = await fetch(`${emu.url}/api/v1/agents`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      errors: [{ code: 'unauthorized', detail: 'missing or invalid credentials' }],
    });
    const wrong = await call(emu.url, 'GET', '/api/v1/agents', undefined, {
      authorization: `Basic ${Buffer.from('api@demo.gladly.test:nope').toString('base64')}`,
    });
    expect(wrong.status).toBe(401);
    // The email is matched case-insensitively.
    const upper = await call(emu.url, 'GET', '/api/v1/agents', undefined, {
      authorization: `Basic ${Buffer.from('API@demo.gladly.test:demo-token').toString('base64')}`,
    });
    expect(upper.status).toBe(200);
  });

  it('serves agents, teams and inboxes, with 404 not_exist for unknown ids', async () => {
    const emu = await emulator({ config: { simulation: { agents: 6, teams: 3 } } });
    const agents = (await call(emu.url, 'GET', '/api/v1/agents')).json() as Array<{
      id: string;
      name: string;
      emailAddress: string;
    }>;
    expect(agents).toHaveLength(6);
    // Names and emails come from the shared roster of the seed.
    for (const [i, agent] of agents.entries()) {
      expect(agent.emailAddress).toBe(rosterPerson(1, i).email);
      expect(agent.name).toBe(rosterPerson(1, i).name);
    }
    expect((await call(emu.url, 'GET', `/api/v1/agents/${agents[2]!.id}`)).json()).toEqual(agents[2]);
    const missing = await call(emu.url, 'GET', '/api/v1/agents/nobody');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ errors: [{ code: 'not_exist', detail: 'agent does not exist' }] });
    const teams = (await call(emu.url, 'GET', '/api/v1/teams')).json() as Array<{ agentIds: string[] }>;
    expect(teams).toHaveLength(3);
    expect(teams.flatMap((team) => team.agentIds).sort()).toEqual(agents.map((agent) => agent.id).sort());
    const inboxes = (await call(emu.url, 'GET', '/api/v1/inboxes')).json() as Array<{
      id: string;
      name: string;
      disabled: boolean;
    }>;
    expect(inboxes.map((inbox) => inbox.name)).toContain('Customer_Support');
    expect(inboxes.filter((inbox) => inbox.disabled)).toHaveLength(1);
    expect((await call(emu.url, 'GET', `/api/v1/inboxes/${inboxes[0]!.id}`)).json()).toEqual(inboxes[0]);
    expect((await call(emu.url, 'GET', '/api/v1/conversations/none')).json()).toEqual({
      errors: [{ code: 'not_exist', detail: 'conversation does not exist' }],
    });
  });

  it('answers 429 with Retry-After when a raw burst exceeds 10 requests per second per method', async () => {
    const emu = await emulator();
    const burst = await Promise.all(
      Array.from({ length: 15 }, () => call(emu.url, 'GET', '/api/v1/inboxes')),
    );
    const limited = burst.filter((response) => response.status === 429);
    expect(burst.filter((response) => response.status === 200).length).toBeLessThanOrEqual(10);
    expect(limited.length).toBeGreaterThanOrEqual(5);
    expect(limited[0]!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited[0]!.json()).toEqual({
      errors: [{ code: 'too_many_requests', detail: 'rate limit exceeded' }],
    });
    // Each method has its own budget.
    const post = await call(emu.url, 'POST', '/api/v1/webhooks', {});
    expect(post.status).toBe(400);
  });

  it('validates startAt, endAt and entities of the Events API', async () => {
    const emu = await emulator();
    const errorsOf = async (query: string) => {
      const response = await call(emu.url, 'GET', `/api/v1/events${query}`);
      expect(response.status).toBe(400);
      return (response.json() as { errors: Array<{ attr?: string; code: string; detail: string }> }).errors;
    };
    expect(await errorsOf('?entities=AGENT_STATUS')).toEqual([
      { attr: 'startAt', code: 'blank', detail: 'startAt is required' },
    ]);
    const tooOld = new Date(START - 25 * HOUR).toISOString();
    expect(await errorsOf(`?startAt=${tooOld}&entities=AGENT_STATUS`)).toEqual([
      { attr: 'startAt', code: 'invalid', detail: 'startAt must be within the last 24 hours' },
    ]);
    const start = new Date(START - HOUR).toISOString();
    expect(
      await errorsOf(
        `?startAt=${start}&endAt=${new Date(START - 2 * HOUR).toISOString()}&entities=AGENT_STATUS`,
      ),
    ).toEqual([{ attr: 'startAt', code: 'invalid', detail: 'endAt must occur after startAt' }]);
    expect((await errorsOf(`?startAt=${start}`))[0]).toMatchObject({ attr: 'entities', code: 'blank' });
    expect((await errorsOf(`?startAt=${start}&entities=AGENTS`))[0]).toMatchObject({
      attr: 'entities',
      code: 'invalid',
    });
    expect((await errorsOf('?startAt=yesterday&entities=AGENT_STATUS'))[0]).toMatchObject({
      attr: 'startAt',
      code: 'invalid',
    });
  });

  it('streams only the asked entities and range, hides events younger than the visibility delay, and can cut a stream', async () => {
    const emu = await emulator({ seed: 4 });
    emu.generateBacklog({ hours: 2, agents: 4, endAt: START });
    const query = `/api/v1/events?startAt=${new Date(START - HOUR).toISOString()}&endAt=${new Date(START - HOUR / 2).toISOString()}&entities=AGENT_STATUS`;
    const response = await call(emu.url, 'GET', query);
    expect(response.headers.get('content-type')).toContain('application/x-jsonlines');
    const events = response.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; timestamp: string });
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event.type.startsWith('AGENT_STATUS/')).toBe(true);
      expect(Date.parse(event.timestamp)).toBeGreaterThanOrEqual(START - HOUR);
      expect(Date.parse(event.timestamp)).toBeLessThan(START - HOUR / 2);
    }
    const times = events.map((event) => Date.parse(event.timestamp));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const agentId = emu.simulator.agents()[0]!.id;
    if (emu.simulator.status().loggedIn > 0) await emu.stop({ drain: true });
    emu.configure({ events: { visibilityDelayMs: 15_000 } });
    emu.simulator.login(agentId);
    const recent = `/api/v1/events?startAt=${new Date(emu.clock.now() - 60_000).toISOString()}&entities=AGENT_STATUS`;
    expect((await call(emu.url, 'GET', recent)).text).not.toContain('LOGGED_IN');
    emu.clock.advance(15_000);
    expect((await call(emu.url, 'GET', recent)).text).toContain('AGENT_STATUS/LOGGED_IN');

    await call(emu.url, 'PUT', '/_emulator/faults', [{ path: '/api/v1/events', truncate: true, times: 1 }]);
    await expect(call(emu.url, 'GET', query)).rejects.toThrow();
  });

  it('serves the work-session report as CSV and enforces the report limits', async () => {
    const emu = await emulator({
      seed: 6,
      config: { reports: { processingDelayMs: 300, requestsPerWindow: 4 } },
    });
    emu.generateBacklog({ hours: 2, agents: 4, endAt: START });
    const body = { startAtTime: minute(START - 3 * HOUR), endAtTime: minute(START) };
    const [first, second, third] = await Promise.all(
      [0, 1, 2].map(() => call(emu.url, 'POST', '/api/v1/reports/work-session-events', body)),
    );
    const statuses = [first!, second!, third!].map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    const ok = [first!, second!, third!].find((response) => response.status === 200)!;
    expect(ok.headers.get('content-type')).toContain('text/csv');
    expect(ok.headers.get('content-disposition')).toMatch(
      /^attachment; filename=WorkSessionEventsReport-\d{8}T\d{4}Z-\d{8}T\d{4}Z\.csv$/,
    );
    const lines = ok.text.trim().split('\r\n');
    expect(lines[0]).toBe(WORK_SESSION_COLUMNS.join(','));
    expect(lines.length - 1).toBe(emu.simulator.contacts().length);
    expect(emu.truth().reports).toEqual({ requests: 3, rejected: 1, maxConcurrent: 2 });
    // Two more fit in the window of 4; the next is refused with Retry-After.
    expect((await call(emu.url, 'POST', '/api/v1/reports/work-session-events', body)).status).toBe(200);
    expect((await call(emu.url, 'POST', '/api/v1/reports/work-session-events', body)).status).toBe(200);
    const limited = await call(emu.url, 'POST', '/api/v1/reports/work-session-events', body);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const invalid = await call(emu.url, 'POST', '/api/v1/reports/work-session-events', {
      startAtTime: '2025-03-10',
      endAtTime: minute(START),
    });
    expect(invalid.json()).toEqual({
      errors: [
        {
          attr: 'startAtTime',
          code: 'invalid',
          detail: 'startAtTime must be in ISO 8601 format YYYY-mm-ddThh:mmZ',
        },
      ],
    });
    const reversed = await call(emu.url, 'POST', '/api/v1/reports/work-session-events', {
      startAtTime: minute(START),
      endAtTime: minute(START - HOUR),
    });
    expect(reversed.json()).toEqual({
      errors: [{ attr: 'startAtTime', code: 'invalid', detail: 'endAtTime must occur after startAtTime' }],
    });
  });

  it('publishes an OpenAPI 3.1 document, validates configuration and resets to the initial state', async () => {
    const emu = await emulator();
    const document = (await call(emu.url, 'GET', '/_emulator/openapi.json')).json() as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.1.0');
    const paths = ['/api/v1/events', '/api/v1/webhooks/{webhookId}', '/api/v1/reports/work-session-events'];
    const admin = ['/_emulator/truth', '/_emulator/clock', '/_emulator/health'];
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining([...paths, ...admin]));
    const bad = await call(emu.url, 'PUT', '/_emulator/config', { rateLimitScope: 'galaxy' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('rateLimitScope');
    expect(
      (await call(emu.url, 'PUT', '/_emulator/config', { webhooks: { timeoutMs: 500 } })).json(),
    ).toMatchObject({ webhooks: { timeoutMs: 500, maxWebhooks: 20 } });
    emu.generateBacklog({ hours: 1, agents: 3 });
    expect((await call(emu.url, 'POST', '/_emulator/reset')).status).toBe(200);
    expect(emu.config().webhooks.timeoutMs).toBe(15_000);
    expect(emu.simulator.agents()).toHaveLength(8);
    expect(emu.truth().agents.every((agent) => agent.statuses.length === 0)).toBe(true);
  });
});
