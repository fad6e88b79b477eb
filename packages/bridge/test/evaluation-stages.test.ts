import { describe, expect, it } from 'vitest';
import { configJsonSchema, parseConfig } from '../src/index.js';
import { callData } from '../src/qa/stages/assemble.js';
import { lookupKey, PlayvoxUserDirectory } from '../src/qa/stages/assignee.js';
import { completeRecord } from '../src/qa/stages/complete.js';
import { mapRecord } from '../src/qa/stages/map.js';
import { maskContacts, maskValue } from '../src/qa/stages/privacy.js';
import { baseConfig } from './helpers.js';

/** The base configuration with `overrides`; `mapping` is merged into the base mapping. */
function config(overrides: Record<string, unknown> = {}) {
  const base = baseConfig();
  return parseConfig({
    ...base,
    ...overrides,
    mapping: { ...(base.mapping as object), ...((overrides.mapping as object) ?? {}) },
  });
}

/** A fake Playvox `users` resource over a list the test changes. */
function fakeUsers(list: Array<{ email: string; username: string; name?: string; last_name?: string }>) {
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    users: {
      list: () => {
        reads += 1;
        return (async function* () {
          yield* list;
        })();
      },
    } as never,
  };
}

describe('mapping.assignee.mode lookup', () => {
  const lookup = config({
    mapping: { assignee: { mode: 'lookup', lookup: { directory: { JSMITH4: 'john.smith4@x.test' } } } },
  }).mapping.assignee.lookup;

  it('matches a directory entry by whole email and an unlisted login by the email local part', () => {
    expect(lookupKey(lookup, 'JSMITH4')).toEqual({ key: 'john.smith4@x.test', whole: true });
    expect(lookupKey(lookup, 'ADOE1')).toEqual({ key: 'adoe1', whole: false });
    expect(lookupKey({ ...lookup, by: 'username' }, 'ADOE1')).toEqual({ key: 'adoe1', whole: true });
  });

  it('caches users, re-reads at most once per missRefreshMs on a miss, and finds a user created later', async () => {
    let now = 0;
    const people = [
      { email: 'john.smith4@x.test', username: 'john.smith4', name: 'John', last_name: 'Smith' },
    ];
    const fake = fakeUsers(people);
    const directory = new PlayvoxUserDirectory(fake, { ...lookup, missRefreshMs: 60_000 }, () => now);
    expect(await directory.resolve('JSMITH4')).toEqual({ login: 'john.smith4@x.test', name: 'John Smith' });
    expect(await directory.resolve('ADOE1')).toBeUndefined(); // read just now: no second read
    expect(fake.reads).toBe(1);
    people.push({ email: 'adoe1@x.test', username: 'adoe1' });
    now = 30_000;
    expect(await directory.resolve('ADOE1')).toBeUndefined();
    expect(fake.reads).toBe(1);
    now = 61_000;
    expect(await directory.resolve('ADOE1')).toEqual({ login: 'adoe1@x.test' });
    expect(fake.reads).toBe(2);
  });

  it('waits lookup.waitMs for a missing user, then dead-letters with the reason; a retry waits afresh', async () => {
    const cfg = config({
      mapping: { assignee: { mode: 'lookup', lookup: { waitMs: 1000, missRefreshMs: 100 } } },
      recordings: { mode: 'off' },
    });
    const users = new PlayvoxUserDirectory(fakeUsers([]), cfg.mapping.assignee.lookup, () => 0);
    const record = { interactionType: 'VOICE', agentLoginId: 'ADOE1' };
    const first = await completeRecord({ config: cfg, users }, record, 10_000);
    expect(first.retryAt).toBe(10_100);
    const later = await completeRecord({ config: cfg, users }, first.record, 11_000);
    expect(later.dead).toBe('agent ADOE1 has no Playvox user');
    const retried = await completeRecord({ config: cfg, users }, later.record, 50_000);
    expect(retried.retryAt).toBe(50_100);
  });
});

describe('mapping: complete call data, comments, privacy', () => {
  const events = [
    {
      callEventType: 'CALL_START',
      start: '2026-01-05T10:00:00.000Z',
      callDirection: 'INBOUND',
      agentLoginId: 'JSMITH4',
    },
    {
      callEventType: 'CALL_TERMINATION',
      start: '2026-01-05T10:00:00.000Z',
      end: '2026-01-05T10:05:00.000Z',
      duration: 300,
      roundedIvrDuration: 12,
      transferHoldDuration: 30,
      lvResult: 'Operator Transfer (Agent Terminated Call)',
      lvResultId: 7,
      operatorTransfer: 1,
    },
    {
      callEventType: 'CALL_DISPOSITION',
      timestamp: '2026-01-05T10:05:45.000Z',
      lvResult: 'Issue Resolved',
      lvResultId: 1001,
    },
  ];

  it('takes each value from the event that reports it; operatorTransfer is not a transfer', () => {
    expect(callData(events)).toEqual({
      startAt: '2026-01-05T10:00:00.000Z',
      endAt: '2026-01-05T10:05:00.000Z',
      dispositionAt: '2026-01-05T10:05:45.000Z',
      direction: 'INBOUND',
      durationSeconds: 300,
      ivrSeconds: 12,
      holdSeconds: 30,
      wrapSeconds: 45,
      disposition: 'Operator Transfer (Agent Terminated Call)',
      dispositionId: 7,
      termCode: 1001,
      termCodeDescription: 'Issue Resolved',
      transferred: false,
    });
    const transfer = events.map((e) =>
      e.callEventType === 'CALL_TERMINATION' ? { ...e, agent2Id: '9' } : e,
    );
    expect(callData(transfer).transferred).toBe(true);
  });

  it('dates comments at their event, attaches the recording, masks contacts, keeps empty context values', () => {
    const cfg = config({
      playvox: {
        ...(baseConfig().playvox as object),
        metadata: [
          { fieldId: 'call_start', type: 'datetime', required: true },
          { fieldId: 'channel', type: 'list', allowed: ['VOICE', 'SMS', 'EMAIL'] },
          { fieldId: 'phone', type: 'string' },
          { fieldId: 'callback', type: 'string' },
          { fieldId: 'note_email', type: 'string' },
        ],
      },
      mapping: {
        fields: [
          { field: 'call_start', from: 'startAt' },
          { field: 'channel', from: 'interactionType' },
          { field: 'phone', from: 'phoneDialed' },
          { field: 'callback', from: 'context.CallbackRequested' },
          { field: 'note_email', from: 'context.Contact' },
        ],
        assignee: { mode: 'lookup', fallback: 'qa@x.test' },
        comments: [{ author: 'bot@x.test', template: 'Term code: {termCodeDescription}' }],
      },
    });
    const record = {
      ...callData(events),
      interactionType: 'VOICE',
      agentLoginId: 'JSMITH4',
      assignee: 'john.smith4@x.test',
      phoneDialed: '6388586546',
      context: { CallbackRequested: '', Contact: 'ann@example.com' },
      recording: {
        id: 'REC-1',
        how: 'uploaded',
        url: 'http://127.0.0.1:1/files/a/REC-1.wav',
        name: 'REC-1.wav',
        contentType: 'audio/wav',
        size: 32_044,
        talkSeconds: 240,
      },
    };
    const payload = mapRecord(cfg, 'VOICE-1', record);
    expect(payload.assignee_id).toBe('john.smith4@x.test');
    expect(payload.metadata).toEqual({
      call_start: '2026-01-05T10:00:00.000Z',
      channel: 'VOICE',
      phone: '******6546',
      callback: '',
      note_email: '***********.com',
    });
    expect(payload.comments[0]).toEqual({
      body: 'Term code: Issue Resolved',
      type: 'internal_note',
      author_id: 'bot@x.test',
      added_at: '2026-01-05T10:05:45.000Z',
    });
    expect(payload.comments[1]).toMatchObject({
      added_at: '2026-01-05T10:05:00.000Z',
      author_id: 'john.smith4@x.test',
      attachments: [
        {
          url: 'http://127.0.0.1:1/files/a/REC-1.wav',
          name: 'REC-1.wav',
          content_type: 'audio/wav',
          size: 32_044,
        },
      ],
    });
    const open = mapRecord({ ...cfg, privacy: { maskContacts: false } }, 'VOICE-1', record);
    expect(open.metadata.phone).toBe('6388586546');
    expect(() =>
      mapRecord(cfg, 'VOICE-1', { ...record, assignee: undefined, agentLoginId: 'X' }),
    ).not.toThrow();
  });

  it("keeps a `__proto__` key of free-form data as a masked field, never as the copy's prototype", () => {
    // JSON.parse gives `__proto__` as an own field, as LiveVox's Context Data could carry it.
    const record = JSON.parse(
      '{"sessionId":"U1","context":{"__proto__":{"phone":"4155550199","polluted":true},"Tier":"Gold"}}',
    ) as Record<string, unknown>;
    const masked = maskContacts(record);
    const context = masked.context as Record<string, unknown>;
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype);
    expect((context as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.hasOwn(context, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(masked))).toEqual(
      JSON.parse(
        '{"sessionId":"U1","context":{"__proto__":{"phone":"******0199","polluted":true},"Tier":"Gold"}}',
      ),
    );
  });

  it('masks only contacts: ids, times and the agent stay as they are', () => {
    expect(maskValue('1234')).toBe('****');
    const masked = maskContacts({
      transactionId: 1229726100000,
      sessionId: 'U1@10.0.0.1',
      callerId: '+1 (415) 555-0100',
      operatorPhone: '0',
      agentLoginId: 'JSMITH4',
      context: { Note: 'call me at 415-555-0199', Alt: '4155550199', Tier: 'Gold' },
    });
    expect(masked).toEqual({
      transactionId: 1229726100000,
      sessionId: 'U1@10.0.0.1',
      callerId: '*************0100',
      operatorPhone: '0',
      agentLoginId: 'JSMITH4',
      context: { Note: 'call me at ********0199', Alt: '******0199', Tier: 'Gold' },
    });
  });

  it('describes the new settings in the JSON Schema (voxbridge config schema)', () => {
    const text = JSON.stringify(configJsonSchema());
    for (const phrase of [
      'stream each call',
      'recording LiveVox does not have yet',
      'Mask phone numbers and email addresses',
      'has no Playvox user',
      'LiveVox agent login',
    ])
      expect(text).toContain(phrase);
  });
});
