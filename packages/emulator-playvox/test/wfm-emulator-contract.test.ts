/** The WFM emulator against its wire contract: every route documented, every example valid, the seed answered. */
import { type WireOperation, wireProblems } from '@voxbridge/core';
import { invalidExamples, Router, undocumentedRoutes } from '@voxbridge/emulator-kit';
import {
  buildWfmAdminRouter,
  buildWfmRouter,
  PLAYVOX_WFM_DEFAULT_CONFIG,
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  type PlayvoxWfmEmulator,
  startPlayvoxWfmEmulator,
  WFM_ADMIN_OPERATION_LIST,
  WfmState,
  wfmOpenApi,
} from '@voxbridge/emulator-playvox';
import { wfm } from '@voxbridge/playvox/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedStatuses,
  seedTaskRows,
  seedWorkstreamRows,
} from '../../playvox/test/fixtures/wfm-connector-setup.js';

const state = () => new WfmState({ seed: 1, credentials: [PLAYVOX_WFM_DEFAULT_CREDENTIALS] });
const apiRouter = () => buildWfmRouter({ state: state(), config: () => PLAYVOX_WFM_DEFAULT_CONFIG });

/** The admin router as the kit mounts it, under `/_emulator`. */
function mountedAdmin(router: Router): Router {
  const mounted = new Router();
  for (const route of router.routes) mounted.add(route.method, `/_emulator${route.pattern}`, route.handler);
  return mounted;
}

describe('the generated document', () => {
  it('describes every route of the API router and the admin router', () => {
    const router = apiRouter();
    const document = wfmOpenApi([...router.operations, ...WFM_ADMIN_OPERATION_LIST]);
    expect(router.routes).toHaveLength(wfm.WFM_OPERATIONS.length);
    expect(undocumentedRoutes(router, document)).toEqual([]);
    const admin = buildWfmAdminRouter(state());
    expect(admin.routes.length).toBe(WFM_ADMIN_OPERATION_LIST.length);
    expect(undocumentedRoutes(mountedAdmin(admin), document)).toEqual([]);
  });

  it('holds only examples that pass their own schemas', () => {
    expect(invalidExamples([...apiRouter().operations, ...WFM_ADMIN_OPERATION_LIST])).toEqual([]);
  });
});

describe('over HTTP', () => {
  let emu: PlayvoxWfmEmulator;
  let bearer: string;

  /** Sends a request for an operation (path parameters filled in) and checks the answer against the contract. */
  async function send(
    op: WireOperation,
    init: { params?: Record<string, string>; query?: string; body?: unknown; form?: string } = {},
  ) {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => init.params?.[name] ?? '');
    const headers: Record<string, string> = op.public ? {} : { authorization: `Bearer ${bearer}` };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${emu.url}${path}${init.query ? `?${init.query}` : ''}`, {
      method: op.method,
      headers,
      body: init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const json = (await res.json()) as { data: unknown };
    const schema = op.responses[res.status]?.schema;
    expect(schema, `${op.operationId} answered ${res.status}: ${JSON.stringify(json)}`).toBeDefined();
    expect(wireProblems(schema!, json), `${op.operationId} ${res.status}`).toBeUndefined();
    return { status: res.status, json };
  }

  /** Back to the seeded state (which revokes tokens), then a fresh token checked against the contract. */
  async function resetAndLogin(): Promise<void> {
    emu.reset();
    const { accessKeyId, secret } = PLAYVOX_WFM_DEFAULT_CREDENTIALS;
    const res = await fetch(`${emu.url}${wfm.issueToken.path}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${accessKeyId}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const token = (await res.json()) as unknown;
    expect(wireProblems(wfm.issueToken.responses[200].schema, token)).toBeUndefined();
    bearer = (token as { data: { accessToken: string } }).data.accessToken;
  }

  beforeAll(async () => {
    emu = await startPlayvoxWfmEmulator({ userCount: 3 });
    await resetAndLogin();
  });
  afterAll(() => emu.close());

  it('serves the generated document, every route in it', async () => {
    const document = (await (await fetch(`${emu.url}/_emulator/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-voxbridge-design'?: boolean }>>;
    };
    expect(undocumentedRoutes(apiRouter(), document)).toEqual([]);
    expect(document.paths['/_emulator/health']?.get).toBeDefined();
    expect(document.paths['/_emulator/truth']?.get).toBeDefined();
    expect(document.paths['/api/schedule/tasks/definitions']?.post?.['x-voxbridge-design']).toBe(true);
    expect(document.paths['/api/schedule/tasks/definitions']?.get?.['x-voxbridge-design']).toBeUndefined();
    expect(JSON.stringify(document.paths['/api/schedule/tasks/definitions']?.post)).toContain(
      'gladly-playvox-connector-setup.txt',
    );
  });

  it("answers the seed's task definitions, workstream, statuses and contacts in the contract's shapes", async () => {
    await resetAndLogin();
    const tasks = new Map<string, number>();
    for (const row of seedTaskRows) {
      const body = { name: row.name, integrationIdentifiers: { gladly: row.identifier } };
      const created = await send(wfm.createTaskDefinition, { body });
      expect(created.status).toBe(201);
      expect(created.json.data).toMatchObject(body);
      tasks.set(row.name, (created.json.data as { id: number }).id);
    }
    const [inbox] = seedWorkstreamRows;
    const workstream = await send(wfm.createWorkstream, {
      body: { name: inbox!.inbox.name, integrationIdentifiers: { gladly: inbox!.identifier } },
    });
    expect(workstream.status).toBe(201);

    const email = emu.state.directory.list()[0]!.email;
    const events = seedStatuses.map(({ status }, i) => ({
      eventId: `seed-${i}`,
      userEmail: email,
      status,
      timestamp: new Date(Date.UTC(2026, 2, 2, 9, i)).toISOString(),
    }));
    const sent = await send(wfm.sendAgentStatuses, { params: { integration: 'gladly' }, body: { events } });
    const results = (sent.json.data as { results: Array<{ match: string; taskId: number }> }).results;
    expect(results.map((result) => [result.match, result.taskId])).toEqual(
      seedStatuses.map(({ task }) => ['matched', tasks.get(task)]),
    );
    const intervals = await send(wfm.listTaskIntervals, {
      query: 'taskStartTimeFrom=2026-03-02T00:00:00Z&taskStartTimeTo=2026-03-03T00:00:00Z',
    });
    expect((intervals.json.data as Array<{ name: string }>).map((interval) => interval.name)).toEqual(
      seedStatuses.map(({ task }) => task),
    );

    const contact = (event: 'created' | 'closed', value: string, id: string) => ({
      eventId: `${id}:${event}`,
      event,
      contactId: id,
      workstream: value,
      userEmail: email,
      channel: 'chat',
      startTime: '2026-03-02T10:00:00Z',
      ...(event === 'closed' ? { endTime: '2026-03-02T10:05:00Z' } : {}),
    });
    await send(wfm.sendContacts, {
      params: { integration: 'gladly' },
      body: [contact('created', inbox!.inbox.id, 'c1'), contact('closed', inbox!.inbox.name, 'c2')],
    });
    const contacts = await send(wfm.listContacts, { params: { integration: 'gladly' } });
    expect(contacts.json.data).toEqual([
      expect.objectContaining({
        contactId: 'c1',
        workstreamName: 'Customer_Support',
        workstreamMatch: 'matched',
      }),
      expect.objectContaining({ contactId: 'c2', workstreamName: 'Customer_Support', status: 'closed' }),
    ]);
    await send(wfm.listUnmatched, { params: { integration: 'gladly' } });
    await send(wfm.agentMetricsOperation, {
      query: 'startTime=2026-03-02T00:00:00Z&endTime=2026-03-03T00:00:00Z',
    });
    await send(wfm.listUsers, { query: 'pageSize=2' });
    await send(wfm.listWorkstreams);
    await send(wfm.getTaskDefinition, { params: { id: '1' } });
    await send(wfm.mapUsers, {
      params: { integration: 'gladly' },
      body: { mappings: [{ email, identifier: 'a-1' }] },
    });
    await send(wfm.listUserMappings, { params: { integration: 'gladly' } });
  });

  it("answers every example the document publishes, and its errors in the contract's error shape", async () => {
    await resetAndLogin();
    const email = emu.state.directory.list()[0]!.email;
    for (const op of [...wfm.WFM_OPERATIONS, ...WFM_ADMIN_OPERATION_LIST]) {
      for (const example of Object.values(op.requestExamples ?? {})) {
        const init =
          op.bodyContentType === 'application/x-www-form-urlencoded'
            ? { form: new URLSearchParams(example.value as Record<string, string>).toString() }
            : { body: JSON.parse(JSON.stringify(example.value).replaceAll('ava.adams@example.com', email)) };
        if (op.public && op.path.startsWith('/api/')) continue; // the token needs Basic credentials
        const answer = await send(op, { params: { integration: 'gladly' }, ...init });
        expect(answer.status, op.operationId).toBeLessThan(300);
      }
    }
    const broken = await send(wfm.createTaskDefinition, { body: { name: '' } });
    expect(broken.status).toBe(422);
    const badQuery = await send(wfm.agentMetricsOperation, { query: 'startTime=yesterday' });
    expect(badQuery.json).toMatchObject({ error: { status: 400, field: 'startTime' } });
    expect((await send(wfm.getWorkstream, { params: { id: 'abc' } })).status).toBe(404);
    const empty = await send(wfm.sendAgentStatuses, { params: { integration: 'gladly' }, body: [] });
    expect(empty.json).toMatchObject({
      error: { status: 400, message: 'body: must hold at least one event' },
    });
    const noList = await send(wfm.mapUsers, { params: { integration: 'gladly' }, body: { mappings: 'x' } });
    expect(noList.status).toBe(400);
  });
});
