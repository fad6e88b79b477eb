/** The WFM wire contract: the seed's examples are its judge, and the client speaks through it. */
import { existsSync, readFileSync } from 'node:fs';
import { type WireOperation, wireProblems } from '@voxbridge/core';
import {
  GLADLY_TASK_DEFINITIONS,
  PlayvoxWfm,
  queueWorkstream,
  type WfmTaskDefinition,
  type WfmTaskInterval,
} from '@voxbridge/playvox';
import { wfm } from '@voxbridge/playvox/wire';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  SEED_FILE,
  SEED_TASKS_TABLE,
  SEED_WORKSTREAMS_TABLE,
  seedStatuses,
  seedTaskRows,
  seedWorkstreamRows,
} from './fixtures/wfm-connector-setup.js';

const SEED_PATH = new URL(`../../../../shared/seeds/${SEED_FILE}`, import.meta.url);

/** Every example of the operations that fails its own schema (the kit's check, repeated here to avoid an emulator dependency). */
function invalid(operations: readonly WireOperation[]): string[] {
  const failures: string[] = [];
  for (const op of operations) {
    for (const [name, example] of Object.entries(op.requestExamples ?? {})) {
      const problems = op.body ? wireProblems(op.body, example.value) : 'no body';
      if (problems) failures.push(`${op.operationId} ${name}: ${problems}`);
    }
  }
  return failures;
}

describe('the seed is the judge', () => {
  it.skipIf(!existsSync(SEED_PATH))('quotes the seed verbatim', () => {
    const seed = readFileSync(SEED_PATH, 'utf8');
    for (const line of [...SEED_TASKS_TABLE, ...SEED_WORKSTREAMS_TABLE]) expect(seed).toContain(line);
  });

  it('accepts every row of the Tasks table as a task definition, and publishes exactly those rows', () => {
    expect(seedTaskRows).toHaveLength(5);
    for (const row of seedTaskRows) {
      const body = { name: row.name, integrationIdentifiers: { gladly: row.identifier } };
      expect(wireProblems(wfm.createTaskDefinition.body, body)).toBeUndefined();
    }
    expect(Object.values(wfm.SEED_TASK_DEFINITIONS).map((example) => example.value)).toEqual(
      seedTaskRows.map((row) => ({ name: row.name, integrationIdentifiers: { gladly: row.identifier } })),
    );
    // The client's preset is the seed's table (flags beyond the seed are the preset's own assumption).
    expect(GLADLY_TASK_DEFINITIONS.map((task) => [task.name, task.integrationIdentifiers?.gladly])).toEqual(
      seedTaskRows.map((row) => [row.name, row.identifier]),
    );
  });

  it('matches every status the Tasks table names to its row, whole and only its row', () => {
    for (const { status, task } of seedStatuses) {
      const hits = seedTaskRows.filter((row) => wfm.identifierRegExp(row.identifier).test(status));
      expect(
        hits.map((row) => row.name),
        status,
      ).toEqual([task]);
    }
    expect(wfm.identifierRegExp('LOGGED_IN').test('NOT_LOGGED_IN')).toBe(false);
  });

  it('accepts the Workstreams example, and queueWorkstream builds it from the inbox JSON', () => {
    const [row] = seedWorkstreamRows;
    expect(row?.inbox).toEqual({ id: 'BBWGXUw8R4W9EBT4oqfXXX', name: 'Customer_Support', disabled: false });
    const input = queueWorkstream('gladly', row!.inbox);
    expect(input).toEqual({ name: 'Customer_Support', integrationIdentifiers: { gladly: row!.identifier } });
    expect(wireProblems(wfm.createWorkstream.body, input)).toBeUndefined();
    expect(wfm.SEED_WORKSTREAMS.customerSupport?.value).toEqual(input);
    const regex = wfm.identifierRegExp(row!.identifier);
    expect([row!.inbox.id, row!.inbox.name].every((value) => regex.test(value))).toBe(true);
  });

  it("keeps every operation's examples valid, and marks the designed operations", () => {
    expect(wfm.WFM_OPERATIONS).toHaveLength(20);
    expect(new Set(wfm.WFM_OPERATIONS.map((op) => op.operationId)).size).toBe(20);
    expect(invalid(wfm.WFM_OPERATIONS)).toEqual([]);
    const designed = wfm.WFM_OPERATIONS.filter((op) => op.tags?.includes(wfm.WFM_DESIGN_TAG));
    expect(designed.map((op) => op.operationId).sort()).toEqual(
      [
        'createTaskDefinition',
        'createWorkstream',
        'listContacts',
        'listUnmatched',
        'listUserMappings',
        'listWorkstreams',
        'getWorkstream',
        'mapUsers',
        'sendAgentStatuses',
        'sendContacts',
        'updateTaskDefinition',
        'updateWorkstream',
      ].sort(),
    );
    for (const op of designed) expect(op.description).toMatch(/does not publish/);
  });
});

describe('field rules', () => {
  const check = (schema: z.ZodType, value: unknown) => wfm.checkValue(schema, value);

  it('names the field and the rule, as client errors and emulator answers do', () => {
    expect(check(wfm.taskDefinitionInput, {})).toEqual({ ok: false, field: 'name', rule: 'is required' });
    expect(
      check(wfm.taskDefinitionInput, { name: 'x', integrationIdentifiers: { gladly: 'Lunch(' } }),
    ).toMatchObject({
      ok: false,
      field: 'integrationIdentifiers.gladly',
      rule: expect.stringMatching(/^invalid regular expression/),
    });
    expect(
      check(wfm.taskDefinitionInput, { name: 'x', integrationIdentifiers: { Gladly: 'x' } }),
    ).toMatchObject({
      field: 'integrationIdentifiers.Gladly',
      rule: expect.stringMatching(/^integration alias must be/),
    });
    expect(
      check(wfm.agentStatusBody, {
        events: [{ eventId: 'a', userEmail: 'a@b.c', status: 'LOGGED_IN', timestamp: '2026-03-02 10:00' }],
      }),
    ).toMatchObject({ field: 'events[0].timestamp', rule: wfm.DATE_TIME_RULE });
    expect(
      check(wfm.agentStatusEvent, { eventId: 'a', status: 'x', timestamp: '2026-03-02T10:00:00Z' }),
    ).toEqual({
      ok: false,
      field: 'userEmail',
      rule: 'userEmail or userId is required',
    });
    expect(
      check(wfm.contactEvent, {
        eventId: 'c',
        event: 'closed',
        contactId: 'c1',
        workstream: 'w',
        startTime: '2026-03-02T10:00:00Z',
        endTime: '2026-03-02T09:00:00Z',
      }),
    ).toMatchObject({ field: 'endTime', rule: 'must not be before startTime' });
    expect(check(wfm.userMappingsBody, { mappings: [] })).toMatchObject({ field: 'mappings' });
    expect(check(wfm.agentStatusBody, 'nope')).toMatchObject({
      field: '',
      rule: expect.stringMatching(/events/),
    });
  });

  it('is what the client checks before sending', async () => {
    const client = new PlayvoxWfm({ baseUrl: 'http://127.0.0.1:9' }, { accessKeyId: 'k', secret: 's' });
    await expect(
      client.sendContacts('gladly', [
        {
          eventId: 'e',
          event: 'created',
          contactId: 'c',
          workstream: 'w',
          startTime: new Date('2026-03-02T10:00:00Z'),
          direction: 'sideways' as 'inbound',
        },
      ]),
    ).rejects.toMatchObject({ field: 'events[0].direction', message: expect.stringContaining('"inbound"') });
    await expect(client.mapUsers('gladly', [{ identifier: 'a' }])).rejects.toMatchObject({
      field: 'mappings[0].email',
    });
  });

  it("infers the client's types from the contract", () => {
    expectTypeOf<WfmTaskDefinition>().toEqualTypeOf<z.output<typeof wfm.taskDefinition>>();
    expectTypeOf<WfmTaskInterval>().toEqualTypeOf<z.output<typeof wfm.taskInterval>>();
  });
});
