/** The WFM emulator over real HTTP: workstreams, contacts matched to them, and agent metrics. */
import { type PlayvoxWfmEmulator, startPlayvoxWfmEmulator } from '@voxbridge/emulator-playvox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { wfmCall, wfmToken } from './wfm-helpers.js';

let emu: PlayvoxWfmEmulator;
let token: string;

const call = (method: string, path: string, body?: unknown) => wfmCall(emu, token, method, path, body);

beforeAll(async () => {
  emu = await startPlayvoxWfmEmulator({ userCount: 5 });
});
afterAll(() => emu.close());
beforeEach(async () => {
  emu.reset();
  token = await wfmToken(emu);
});

const email = () => emu.state.directory.list()[0]!.email;
const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;

describe('contacts, workstreams and metrics', () => {
  beforeEach(async () => {
    const created = await call('POST', '/api/workactivity/workstreams', {
      name: 'Customer_Support',
      channel: 'chat',
      integrationIdentifiers: { gladly: 'BBWGXUw8R4W9EBT4oqfXXX|Customer_Support' },
    });
    expect(created.status).toBe(201);
    await call('POST', '/api/workactivity/workstreams', {
      name: 'Voice',
      channel: 'voice',
      integrationIdentifiers: { gladly: 'INBOX_VOICE|Voice' },
    });
  });

  it('matches contacts to workstreams by inbox id or name and reports the rest', async () => {
    const base = { userEmail: email(), startTime: at('10:00') };
    const res = await call('POST', '/api/workactivity/integrations/gladly/contacts', {
      events: [
        { ...base, eventId: 'c1', event: 'created', contactId: 'k1', workstream: 'BBWGXUw8R4W9EBT4oqfXXX' },
        { ...base, eventId: 'c2', event: 'created', contactId: 'k2', workstream: 'Customer_Support' },
        { ...base, eventId: 'c3', event: 'created', contactId: 'k3', workstream: 'Billing' },
        {
          ...base,
          eventId: 'c4',
          event: 'created',
          contactId: 'k4',
          workstream: 'Voice',
          userEmail: 'ghost@example.com',
        },
      ],
    });
    expect(
      res.json.data.results.map((r: { match: string; workstreamId: number | null }) => [
        r.match,
        r.workstreamId,
      ]),
    ).toEqual([
      ['matched', 1],
      ['matched', 1],
      ['unmatched', null],
      ['unknown_user', 2],
    ]);
    const contacts = (await call('GET', '/api/workactivity/integrations/gladly/contacts')).json.data;
    expect(
      contacts.map((c: { contactId: string; workstreamName: string | null }) => [
        c.contactId,
        c.workstreamName,
      ]),
    ).toEqual([
      ['k1', 'Customer_Support'],
      ['k2', 'Customer_Support'],
      ['k3', null],
      ['k4', 'Voice'],
    ]);
    const issues = (await call('GET', '/api/workactivity/integrations/gladly/unmatched')).json.data;
    expect(issues.map((i: { kind: string; reason: string }) => `${i.kind}:${i.reason}`)).toEqual([
      'contact:unmatched',
      'contact:unknown_user',
    ]);
    expect(emu.truth()).toMatchObject({
      contacts: 4,
      contactEvents: 4,
      contactIssues: { unmatchedWorkstream: 1, ambiguousWorkstream: 0, unknownUser: 1 },
    });
  });

  it('closes contacts idempotently and serves agent metrics in the tap-playvox shape', async () => {
    const user = emu.state.directory.list()[0]!;
    const events = [
      {
        eventId: 'o1',
        event: 'created',
        contactId: 'k1',
        conversationId: 'conv1',
        workstream: 'Customer_Support',
        userEmail: user.email,
        startTime: at('10:00'),
      },
      {
        eventId: 'o2',
        event: 'closed',
        contactId: 'k1',
        workstream: 'Customer_Support',
        userEmail: user.email,
        startTime: at('10:00'),
        endTime: at('10:05'),
        handleTimeSeconds: 240,
      },
      {
        eventId: 'o3',
        event: 'closed',
        contactId: 'k2',
        conversationId: 'conv1',
        workstream: 'Customer_Support',
        userEmail: user.email,
        startTime: at('11:00'),
        endTime: at('11:02'),
      },
      {
        eventId: 'o4',
        event: 'closed',
        contactId: 'k3',
        workstream: 'Voice',
        direction: 'outbound',
        userEmail: user.email,
        startTime: at('12:00'),
        handleTimeSeconds: 300,
      },
      {
        eventId: 'o5',
        event: 'created',
        contactId: 'k4',
        workstream: 'Voice',
        userEmail: user.email,
        startTime: at('13:00'),
      },
    ];
    await call('POST', '/api/workactivity/integrations/gladly/contacts', { events });
    expect(
      (await call('POST', '/api/workactivity/integrations/gladly/contacts', { events })).json.data.duplicates,
    ).toBe(5);

    const metrics = await call(
      'GET',
      `/api/workactivity/workstreams/metrics/agents?startTime=${at('00:00')}&endTime=${at('23:59')}&userGrouping=true&dateGrouping=true`,
    );
    expect(metrics.status).toBe(200);
    const [day] = metrics.json.data.dates;
    expect(day.date).toBe('2026-03-02');
    expect(day.users).toHaveLength(1);
    expect(day.users[0]).toMatchObject({ id: user.id, firstName: user.firstName, lastName: user.lastName });
    const byChannel = Object.fromEntries(
      day.users[0].channels.map((c: { channel: string }) => [c.channel, c]),
    );
    expect(byChannel.chat).toMatchObject({
      totalInteractions: 2,
      totalHandleTime: 360,
      totalWorkstreamsHandled: 1,
      averageHandleTime: 180,
      totalChatInteractions: 2,
      handledCalls: 0,
    });
    expect(byChannel.voice).toMatchObject({
      totalInteractions: 1,
      totalHandleTime: 300,
      totalOutboundHandleTime: 300,
      totalOutboundPhoneInteractions: 1,
      handledCalls: 1,
    });
    // Every metric of the schema is present, null where the contacts cannot tell.
    expect(Object.keys(byChannel.chat)).toHaveLength(90);
    expect(byChannel.chat.totalCsatResponses).toBeNull();

    const whole = await call(
      'GET',
      `/api/workactivity/workstreams/metrics/agents?startTime=${at('00:00')}&endTime=${at('23:59')}&userGrouping=false&dateGrouping=false`,
    );
    expect(whole.json.data.dates).toHaveLength(1);
    expect(whole.json.data.dates[0]).toMatchObject({ date: null, users: [{ id: null }] });
    expect((await call('GET', '/api/workactivity/workstreams/metrics/agents')).status).toBe(400);
  });
});
