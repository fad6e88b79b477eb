/** The WFM emulator over real HTTP: task definitions, and agent statuses into task intervals. */
import { type PlayvoxWfmEmulator, startPlayvoxWfmEmulator } from '@voxbridge/emulator-playvox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { wfmCall, wfmToken } from './wfm-helpers.js';

let emu: PlayvoxWfmEmulator;
let token: string;

const call = (method: string, path: string, body?: unknown) => wfmCall(emu, token, method, path, body);

const SEED_TABLE = [
  { name: 'Agent Status – Logged In', gladly: 'LOGGED_IN', flags: {} },
  { name: 'Agent Status – Logged Out', gladly: 'LOGGED_OUT', flags: { isPaid: false, isProductive: false } },
  {
    name: 'Agent Status – Went Away',
    gladly: 'Break|Lunch|Meeting|Other|WENT_AWAY',
    flags: { isBreak: true, isProductive: false },
  },
  { name: 'Agent Status – Returned from Away', gladly: 'RETURNED_FROM_AWAY', flags: {} },
  { name: 'Agent Status – Availability Updated', gladly: 'AvailableFor:.*|Unavailable', flags: {} },
];

beforeAll(async () => {
  emu = await startPlayvoxWfmEmulator({ userCount: 5, config: { inbound: { maxBatchSize: 50 } } });
});
afterAll(() => emu.close());
beforeEach(async () => {
  emu.reset();
  token = await wfmToken(emu);
  for (const row of SEED_TABLE) {
    expect(
      (
        await call('POST', '/api/schedule/tasks/definitions', {
          name: row.name,
          ...row.flags,
          integrationIdentifiers: { gladly: row.gladly },
        })
      ).status,
    ).toBe(201);
  }
});

const email = () => emu.state.directory.list()[0]!.email;
const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;

describe('task definitions', () => {
  it('lists, updates and guards names and regular expressions', async () => {
    const list = (await call('GET', '/api/schedule/tasks/definitions')).json.data;
    expect(list.map((task: { name: string }) => task.name)).toEqual(SEED_TABLE.map((row) => row.name));
    expect(list[0]).toMatchObject({
      id: 1,
      taskIdentifier: 'AGENT_STATUS_LOGGED_IN',
      isPaid: true,
      isBreak: false,
      integrationIdentifiers: { gladly: 'LOGGED_IN' },
    });
    const updated = await call('PUT', '/api/schedule/tasks/definitions/1', {
      colour: '#000000',
      integrationIdentifiers: { gladly: 'LOGGED_IN', livevox: 'READY' },
    });
    expect(updated.json.data).toMatchObject({
      colour: '#000000',
      name: 'Agent Status – Logged In',
      integrationIdentifiers: { livevox: 'READY' },
    });
    const taken = await call('POST', '/api/schedule/tasks/definitions', { name: 'agent status – logged in' });
    expect(taken.status).toBe(409);
    const broken = await call('POST', '/api/schedule/tasks/definitions', {
      name: 'Broken',
      integrationIdentifiers: { gladly: 'Lunch(' },
    });
    expect(broken.status).toBe(422);
    expect(broken.json.error.field).toBe('integrationIdentifiers.gladly');
    expect((await call('PUT', '/api/schedule/tasks/definitions/99', { colour: '#fff' })).status).toBe(404);
  });
});

describe('agent statuses into task intervals', () => {
  it('opens an interval per matched status and closes it with the next status of that user', async () => {
    const events = [
      { eventId: 'e1', userEmail: email().toUpperCase(), status: 'LOGGED_IN', timestamp: at('09:00') },
      { eventId: 'e2', userEmail: email(), status: 'AvailableFor:VOICE,MESSAGING', timestamp: at('09:01') },
      { eventId: 'e4', userEmail: email(), status: 'RETURNED_FROM_AWAY', timestamp: at('12:30') },
      // Arrives after e4 but happened before it: the timeline is ordered by event time.
      { eventId: 'e3', userEmail: email(), status: 'Lunch', timestamp: at('12:00') },
    ];
    const res = await call('POST', '/api/workactivity/integrations/gladly/agent-status', { events });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ received: 4, accepted: 4, duplicates: 0 });
    expect(res.json.data.results.map((r: { match: string }) => r.match)).toEqual([
      'matched',
      'matched',
      'matched',
      'matched',
    ]);

    const tasks = await call(
      'GET',
      `/api/workactivity/tasks?taskStartTimeFrom=${at('00:00')}&taskStartTimeTo=${at('23:59')}`,
    );
    const intervals = tasks.json.data as Array<Record<string, unknown>>;
    expect(intervals.map((i) => [i.name, i.startTime, i.endTime])).toEqual([
      ['Agent Status – Logged In', at('09:00'), at('09:01')],
      ['Agent Status – Availability Updated', at('09:01'), at('12:00')],
      ['Agent Status – Went Away', at('12:00'), at('12:30')],
      ['Agent Status – Returned from Away', at('12:30'), null],
    ]);
    expect(intervals[2]).toMatchObject({
      isBreak: 1,
      isProductive: 0,
      isPaid: 1,
      isLeave: 0,
      integrationAlias: 'gladly',
      userEmail: email(),
      taskId: 3,
    });
  });

  it('pages intervals with nextPageToken and filters by start time', async () => {
    const events = Array.from({ length: 7 }, (_, i) => ({
      eventId: `p${i}`,
      userEmail: email(),
      status: i % 2 ? 'LOGGED_OUT' : 'LOGGED_IN',
      timestamp: at(`1${i}:00`),
    }));
    await call('POST', '/api/workactivity/integrations/gladly/agent-status', events);
    const ids: number[] = [];
    let page = await call(
      'GET',
      `/api/workactivity/tasks?taskStartTimeFrom=${at('11:00')}&taskStartTimeTo=${at('16:00')}&pageSize=2`,
    );
    for (let n = 0; n < 10; n++) {
      ids.push(...page.json.data.map((i: { id: number }) => i.id));
      if (!page.json.nextPageToken) break;
      page = await call('GET', `/api/workactivity/tasks?nextPageToken=${page.json.nextPageToken}`);
    }
    expect(ids).toEqual([2, 3, 4, 5, 6]);
    expect((await call('GET', '/api/workactivity/tasks?taskStartTimeTo=2026-03-02T10:00:00Z')).status).toBe(
      400,
    );
  });

  it('keeps and reports unmatched, ambiguous and unknown-user statuses, never dropping them', async () => {
    await call('POST', '/api/schedule/tasks/definitions', {
      name: 'Meal',
      integrationIdentifiers: { gladly: 'Lunch|Dinner' },
    });
    const res = await call('POST', '/api/workactivity/integrations/gladly/agent-status', {
      events: [
        { eventId: 'u1', userEmail: email(), status: 'LOGGED_IN', timestamp: at('08:00') },
        { eventId: 'u2', userEmail: email(), status: 'ON_A_CALL', timestamp: at('08:30') },
        { eventId: 'u3', userEmail: email(), status: 'Lunch', timestamp: at('12:00') },
        { eventId: 'u4', userEmail: 'nobody@example.com', status: 'LOGGED_IN', timestamp: at('08:00') },
        // Anchored: a status that merely contains an identifier does not match it.
        { eventId: 'u5', userEmail: email(), status: 'NOT_LOGGED_IN', timestamp: at('13:00') },
      ],
    });
    expect(res.json.data.results.map((r: { match: string }) => r.match)).toEqual([
      'matched',
      'unmatched',
      'ambiguous',
      'unknown_user',
      'unmatched',
    ]);
    const report = (await call('GET', '/api/workactivity/integrations/gladly/unmatched')).json.data;
    expect(
      report.map((issue: { reason: string; value: string }) => `${issue.reason}:${issue.value}`),
    ).toEqual([
      'unmatched:ON_A_CALL',
      'ambiguous:Lunch',
      'unknown_user:LOGGED_IN',
      'unmatched:NOT_LOGGED_IN',
    ]);
    expect(report[1].candidates.map((c: { name: string }) => c.name)).toEqual([
      'Agent Status – Went Away',
      'Meal',
    ]);
    // The unmatched status still ends the interval before it.
    const tasks = (
      await call(
        'GET',
        `/api/workactivity/tasks?taskStartTimeFrom=${at('00:00')}&taskStartTimeTo=${at('23:00')}`,
      )
    ).json.data;
    expect(tasks).toHaveLength(1);
    expect(tasks[0].endTime).toBe(at('08:30'));
    const truth = emu.truth();
    expect(truth).toMatchObject({
      statuses: 5,
      taskIntervals: 1,
      unmatched: 2,
      ambiguous: 1,
      unknownUsers: 1,
      duplicates: 0,
    });
    expect(truth.perUser[email()]).toMatchObject({
      statuses: 4,
      taskIntervals: 1,
      unmatched: 2,
      ambiguous: 1,
      currentTask: { gladly: null },
    });
    // Another integration has its own report.
    expect((await call('GET', '/api/workactivity/integrations/livevox/unmatched')).json.data).toEqual([]);
  });

  it('matches users by integration id and statuses per integration only', async () => {
    await fetch(`${emu.url}/_emulator/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: email(), integrations: { livevox: '9001' } }),
    });
    await call('PUT', '/api/schedule/tasks/definitions/2', {
      integrationIdentifiers: { gladly: 'LOGGED_OUT', livevox: 'NOT_READY:.*' },
    });
    const res = await call('POST', '/api/workactivity/integrations/livevox/agent-status', [
      { eventId: 'l1', userId: 9001, status: 'NOT_READY:Break', timestamp: at('10:00') },
      { eventId: 'l2', userId: '9001', status: 'LOGGED_IN', timestamp: at('10:05') },
    ]);
    expect(
      res.json.data.results.map((r: { match: string; taskId: number | null }) => [r.match, r.taskId]),
    ).toEqual([
      ['matched', 2],
      ['unmatched', null],
    ]);
  });

  it('accepts a repeated eventId and ignores it, counting a duplicate', async () => {
    const events = [
      { eventId: 'd1', userEmail: email(), status: 'LOGGED_IN', timestamp: at('09:00') },
      { eventId: 'd2', userEmail: email(), status: 'LOGGED_OUT', timestamp: at('17:00') },
    ];
    await call('POST', '/api/workactivity/integrations/gladly/agent-status', { events });
    const again = await call('POST', '/api/workactivity/integrations/gladly/agent-status', {
      events: [...events, { ...events[0], status: 'Lunch' }],
    });
    expect(again.status).toBe(200);
    expect(again.json.data).toMatchObject({ received: 3, accepted: 0, duplicates: 3 });
    expect(emu.truth()).toMatchObject({
      statuses: 2,
      taskIntervals: 2,
      duplicates: 3,
      duplicatesByKind: { statuses: 3, contacts: 0 },
    });
    // The same eventId in another integration is another event.
    await call('POST', '/api/workactivity/integrations/livevox/agent-status', events[0]);
    expect(emu.truth().statuses).toBe(3);
  });

  it('checks a whole batch before applying any of it', async () => {
    const bad = await call('POST', '/api/workactivity/integrations/gladly/agent-status', {
      events: [
        { eventId: 'b1', userEmail: email(), status: 'LOGGED_IN', timestamp: at('09:00') },
        { eventId: 'b2', userEmail: email(), status: 'LOGGED_OUT', timestamp: '2026-03-02 17:00' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe('events[1].timestamp');
    expect(
      (
        await call('POST', '/api/workactivity/integrations/gladly/agent-status', {
          events: [{ eventId: 'x', status: 'LOGGED_IN', timestamp: at('09:00') }],
        })
      ).json.error.field,
    ).toBe('events[0].userEmail');
    const many = Array.from({ length: 51 }, (_, i) => ({
      eventId: `m${i}`,
      userEmail: email(),
      status: 'LOGGED_IN',
      timestamp: at('09:00'),
    }));
    expect((await call('POST', '/api/workactivity/integrations/gladly/agent-status', many)).status).toBe(400);
    expect(
      (await call('POST', '/api/workactivity/integrations/Bad%20Name/agent-status', many.slice(0, 1))).status,
    ).toBe(400);
    expect(emu.truth().statuses).toBe(0);
  });
});
