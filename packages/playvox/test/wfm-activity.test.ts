/** PlayvoxWfm against the WFM emulator: the seed's task table applied, statuses into intervals, contacts, metrics. */
import { ValidationError } from '@voxbridge/core';
import {
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  type PlayvoxWfmEmulator,
  startPlayvoxWfmEmulator,
} from '@voxbridge/emulator-playvox';
import { GLADLY_TASK_DEFINITIONS, PlayvoxWfm, queueWorkstream } from '@voxbridge/playvox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let emu: PlayvoxWfmEmulator;
let wfm: PlayvoxWfm;
let agent: string;
const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;
const DAY = { from: at('00:00'), to: at('23:59') };

async function setFaults(rules: unknown[]): Promise<void> {
  await fetch(`${emu.url}/_emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rules),
  });
}

beforeAll(async () => {
  emu = await startPlayvoxWfmEmulator({ userCount: 4 });
  wfm = new PlayvoxWfm({ baseUrl: emu.url }, PLAYVOX_WFM_DEFAULT_CREDENTIALS, {
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    inboundBatchSize: 3,
  });
});
afterAll(() => emu.close());
beforeEach(async () => {
  emu.reset();
  wfm.auth.invalidate();
  agent = emu.state.directory.list()[0]!.email;
  const applied = await wfm.applyTaskDefinitions(GLADLY_TASK_DEFINITIONS);
  expect(applied.created).toHaveLength(5);
});

describe('task definitions (voxbridge apply)', () => {
  it("applies the seed's table once, then finds nothing to change, then updates what differs", async () => {
    const definitions = await wfm.taskDefinitions();
    expect(definitions.map((task) => [task.name, task.integrationIdentifiers.gladly])).toEqual([
      ['Agent Status – Logged In', 'LOGGED_IN'],
      ['Agent Status – Logged Out', 'LOGGED_OUT'],
      ['Agent Status – Went Away', 'Break|Lunch|Meeting|Other|WENT_AWAY'],
      ['Agent Status – Returned from Away', 'RETURNED_FROM_AWAY'],
      ['Agent Status – Availability Updated', 'AvailableFor:.*|Unavailable'],
    ]);
    const again = await wfm.applyTaskDefinitions(GLADLY_TASK_DEFINITIONS);
    expect([again.created.length, again.updated.length, again.unchanged.length]).toEqual([0, 0, 5]);
    const changed = GLADLY_TASK_DEFINITIONS.map((input) =>
      input.taskIdentifier === 'LOGGED_IN'
        ? { ...input, integrationIdentifiers: { gladly: 'LOGGED_IN', livevox: 'READY' } }
        : input,
    );
    const third = await wfm.applyTaskDefinitions(changed);
    expect(third.updated.map((task) => task.integrationIdentifiers)).toEqual([
      { gladly: 'LOGGED_IN', livevox: 'READY' },
    ]);
  });

  it('checks a definition before sending it', async () => {
    await expect(
      wfm.createTaskDefinition({ name: 'Broken', integrationIdentifiers: { gladly: 'Lunch(' } }),
    ).rejects.toThrow(ValidationError);
    await expect(wfm.applyTaskDefinitions([{ name: '' }])).rejects.toMatchObject({ field: '[0].name' });
  });
});

describe('agent statuses', () => {
  it('become intervals of the matching task, each closed by the next status of the user', async () => {
    const statuses = [
      'LOGGED_IN',
      'AvailableFor:VOICE,MESSAGING',
      'WENT_AWAY',
      'RETURNED_FROM_AWAY',
      'Meeting',
      'Unavailable',
      'LOGGED_OUT',
    ];
    const times = ['08:00', '08:01', '10:15', '10:30', '13:00', '14:00', '17:00'];
    const result = await wfm.sendAgentStatuses(
      'gladly',
      statuses.map((status, i) => ({
        eventId: `s${i}`,
        userEmail: agent,
        status,
        timestamp: new Date(at(times[i]!)),
      })),
    );
    expect(result).toMatchObject({
      received: 7,
      accepted: 7,
      duplicates: 0,
      matches: { matched: 7, unmatched: 0, ambiguous: 0, unknown_user: 0 },
    });

    const intervals = await wfm.workActivityTasks({ ...DAY, pageSize: 3 }).toArray({ limit: 100 });
    expect(intervals.map((i) => [i.name, i.startTime, i.endTime])).toEqual([
      ['Agent Status – Logged In', at('08:00'), at('08:01')],
      ['Agent Status – Availability Updated', at('08:01'), at('10:15')],
      ['Agent Status – Went Away', at('10:15'), at('10:30')],
      ['Agent Status – Returned from Away', at('10:30'), at('13:00')],
      ['Agent Status – Went Away', at('13:00'), at('14:00')],
      ['Agent Status – Availability Updated', at('14:00'), at('17:00')],
      ['Agent Status – Logged Out', at('17:00'), null],
    ]);
    expect(intervals[2]).toMatchObject({
      isBreak: 1,
      isProductive: 0,
      userEmail: agent,
      integrationAlias: 'gladly',
    });
    expect(intervals[6]).toMatchObject({ isPaid: 0, isProductive: 0 });
    const window = await wfm
      .workActivityTasks({ from: at('10:00'), to: at('13:00') })
      .toArray({ limit: 100 });
    expect(window.map((i) => i.startTime)).toEqual([at('10:15'), at('10:30')]);
  });

  it('reports unmatched and ambiguous statuses instead of dropping them', async () => {
    await wfm.createTaskDefinition({ name: 'Meal', integrationIdentifiers: { gladly: 'Lunch|Dinner' } });
    const result = await wfm.sendAgentStatuses('gladly', [
      { eventId: 'a1', userEmail: agent, status: 'LOGGED_IN', timestamp: at('09:00') },
      { eventId: 'a2', userEmail: agent, status: 'Lunch', timestamp: at('12:00') },
      { eventId: 'a3', userEmail: agent, status: 'IN_A_MEETING_ROOM', timestamp: at('13:00') },
      { eventId: 'a4', userEmail: 'stranger@example.com', status: 'LOGGED_IN', timestamp: at('09:00') },
    ]);
    expect(result.matches).toEqual({ matched: 1, unmatched: 1, ambiguous: 1, unknown_user: 1 });
    const issues = await wfm.unmatched('gladly');
    expect(issues.map((issue) => [issue.reason, issue.value, issue.candidates.map((c) => c.name)])).toEqual([
      ['ambiguous', 'Lunch', ['Agent Status – Went Away', 'Meal']],
      ['unmatched', 'IN_A_MEETING_ROOM', []],
      ['unknown_user', 'LOGGED_IN', []],
    ]);
    expect(emu.truth()).toMatchObject({
      statuses: 4,
      taskIntervals: 1,
      unmatched: 1,
      ambiguous: 1,
      unknownUsers: 1,
    });
  });

  it('are idempotent by eventId, so a batch whose answer was lost can be sent again', async () => {
    const events = Array.from({ length: 5 }, (_, i) => ({
      eventId: `i${i}`,
      userEmail: agent,
      status: i % 2 ? 'LOGGED_OUT' : 'LOGGED_IN',
      timestamp: at(`0${i + 1}:00`),
    }));
    // The emulator applies the first batch and cuts its answer: the client retries, and the retry is a duplicate.
    await setFaults([{ method: 'POST', path: 'agent-status$', truncate: true, times: 1 }]);
    const first = await wfm.sendAgentStatuses('gladly', events);
    expect(first).toMatchObject({ received: 5, accepted: 2, duplicates: 3 });
    const second = await wfm.sendAgentStatuses('gladly', events);
    expect(second).toMatchObject({ received: 5, accepted: 0, duplicates: 5 });
    expect(emu.truth()).toMatchObject({ statuses: 5, taskIntervals: 5, duplicates: 8 });
    expect(await wfm.workActivityTasks(DAY).toArray({ limit: 100 })).toHaveLength(5);
  });

  it('are checked whole before the first batch leaves', async () => {
    const events = [
      { eventId: 'v1', userEmail: agent, status: 'LOGGED_IN', timestamp: at('09:00') },
      { eventId: 'v2', userEmail: agent, status: 'LOGGED_OUT', timestamp: '2026-03-02 17:00' },
    ];
    await expect(wfm.sendAgentStatuses('gladly', events)).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'events[1].timestamp',
    });
    await expect(wfm.sendAgentStatuses('Gladly App', events.slice(0, 1))).rejects.toMatchObject({
      field: 'integration',
    });
    expect(emu.truth().statuses).toBe(0);
  });
});

describe('workstreams, contacts and metrics', () => {
  it('match contacts to workstreams by inbox id or name, and report the others', async () => {
    const inbox = { id: 'BBWGXUw8R4W9EBT4oqfXXX', name: 'Customer_Support' };
    const applied = await wfm.applyWorkstreams([
      queueWorkstream('gladly', inbox, { channel: 'chat' }),
      queueWorkstream('gladly', { id: 'VOX1', name: 'Phones' }, { channel: 'voice' }),
    ]);
    expect(applied.created.map((w) => w.integrationIdentifiers.gladly)).toEqual([
      'BBWGXUw8R4W9EBT4oqfXXX|Customer_Support',
      'VOX1|Phones',
    ]);
    expect(
      (await wfm.applyWorkstreams([queueWorkstream('gladly', inbox, { channel: 'chat' })])).unchanged,
    ).toHaveLength(1);
    const support = applied.created[0]!;
    const result = await wfm.sendContacts('gladly', [
      {
        eventId: 'c1',
        event: 'created',
        contactId: 'k1',
        workstream: inbox.id,
        userEmail: agent,
        startTime: at('10:00'),
      },
      {
        eventId: 'c2',
        event: 'created',
        contactId: 'k2',
        workstream: inbox.name,
        userEmail: agent,
        startTime: at('10:10'),
      },
      {
        eventId: 'c3',
        event: 'created',
        contactId: 'k3',
        workstream: 'Some_Other_Inbox',
        userEmail: agent,
        startTime: at('10:20'),
      },
    ]);
    expect(result.results.map((r) => [r.match, r.workstreamId])).toEqual([
      ['matched', support.id],
      ['matched', support.id],
      ['unmatched', null],
    ]);
    const contacts = await wfm.contacts('gladly');
    expect(contacts.map((c) => c.workstreamName)).toEqual(['Customer_Support', 'Customer_Support', null]);
    expect((await wfm.unmatched('gladly')).map((i) => `${i.kind}:${i.value}`)).toEqual([
      'contact:Some_Other_Inbox',
    ]);
    const renamed = await wfm.updateWorkstream(support.id, { ahtGoal: 300 });
    expect(renamed).toMatchObject({ name: 'Customer_Support', ahtGoal: 300, channel: 'chat' });
  });

  it('read agent metrics in the tap-playvox shape', async () => {
    await wfm.applyWorkstreams([
      queueWorkstream('gladly', { id: 'VOX1', name: 'Phones' }, { channel: 'voice' }),
    ]);
    const user = emu.state.directory.list()[0]!;
    await wfm.sendContacts('gladly', [
      {
        eventId: 'm1',
        event: 'created',
        contactId: 'call-1',
        workstream: 'VOX1',
        userEmail: agent,
        startTime: at('09:00'),
      },
      {
        eventId: 'm2',
        event: 'closed',
        contactId: 'call-1',
        workstream: 'VOX1',
        userEmail: agent,
        startTime: at('09:00'),
        endTime: at('09:07'),
        handleTimeSeconds: 400,
      },
      {
        eventId: 'm3',
        event: 'closed',
        contactId: 'call-2',
        workstream: 'VOX1',
        userEmail: agent,
        startTime: at('11:00'),
        endTime: at('11:05'),
      },
    ]);
    const metrics = await wfm.agentMetrics({ startTime: at('00:00'), endTime: new Date(at('23:59')) });
    expect(metrics.dates).toHaveLength(1);
    const [day] = metrics.dates;
    expect(day!.date).toBe('2026-03-02');
    expect(day!.users[0]).toMatchObject({ id: user.id, firstName: user.firstName, lastName: user.lastName });
    expect(day!.users[0]!.channels).toEqual([
      expect.objectContaining({
        channel: 'voice',
        totalInteractions: 2,
        totalHandleTime: 700,
        averageHandleTime: 350,
        handledCalls: 2,
        totalWorkstreamsHandled: 2,
        totalTalkTime: null,
      }),
    ]);
    await expect(wfm.agentMetrics({ startTime: 'yesterday' })).rejects.toThrow(ValidationError);
  });
});
