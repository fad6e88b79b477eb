/**
 * The Playvox QA wire contract against its judge, the seed documents: every seed example is accepted by
 * the contract, carried by the published operations, and quoted verbatim from its seed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type WireOperation, wireProblems } from '@voxbridge/core';
import { invalidExamples, openApiDocument } from '@voxbridge/emulator-kit';
import type { Comment, Integration, Interaction, Job, MetadataType, Team, User } from '@voxbridge/playvox';
import { qa } from '@voxbridge/playvox/wire';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  bulkItemBody,
  commentBody,
  commentUpdateBody,
  integrationUpdateBody,
  interactionBody,
  listQuery,
  metadataCreateBody,
  metadataUpdateBody,
  teamCreateBody,
  teamUpdateBody,
  userCreateBody,
  userUpdateBody,
} from '../src/serialize.js';
import { QA_SEED_EXAMPLES } from './fixtures/qa-seed-examples.js';

const SEEDS = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));
const byId = new Map(qa.OPERATIONS.map((op) => [op.operationId, op]));
const opOf = (operationId: string): WireOperation => {
  const op = byId.get(operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return op;
};
/** Placeholders become ids of the right form, so the contract sees what the emulator would. */
const filled = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value ?? null).replace(/\{\{[a-zA-Z]+\}\}/g, '5ee9f0c0a1b2c3d4e5f6ffff'));
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('Playvox QA wire contract', () => {
  it('has one operation per method and path, with unique ids', () => {
    const keys = qa.OPERATIONS.map((op) => `${op.method} ${op.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(byId.size).toBe(qa.OPERATIONS.length);
  });

  it('every example it publishes passes its own schemas', () => {
    expect(invalidExamples(qa.OPERATIONS)).toEqual([]);
    const document = JSON.stringify(openApiDocument({ title: 'qa', version: '1' }, qa.OPERATIONS));
    expect(document).toContain('seed: playvox-python-wrapper.txt');
    expect(document).toContain('seed: playvox-custom-integrations-guide.txt');
  });

  it.each(QA_SEED_EXAMPLES.map((example) => [example.name, example] as const))(
    'accepts the seed example "%s"',
    (_name, example) => {
      const op = opOf(example.operationId);
      if (example.params) expect(wireProblems(op.params!, filled(example.params))).toBeUndefined();
      else expect(op.params).toBeUndefined();
      if (example.query) expect(wireProblems(op.query!, example.query)).toBeUndefined();
      if (example.body !== undefined) expect(wireProblems(op.body!, filled(example.body))).toBeUndefined();
      else expect(op.body).toBeUndefined();
      if (example.answer !== undefined)
        expect(wireProblems(op.responses[200]!.schema!, filled(example.answer))).toBeUndefined();
    },
  );

  it('publishes every seed request body as an example of its operation', () => {
    for (const example of QA_SEED_EXAMPLES) {
      if (example.body === undefined || JSON.stringify(example.body).includes('{{')) continue;
      const published = Object.values(qa.REQUEST_EXAMPLES[example.operationId] ?? {}).map((e) => e.value);
      expect(published, example.name).toContainEqual(example.body);
    }
  });

  it.skipIf(!existsSync(SEEDS))('quotes every seed verbatim (whitespace aside)', () => {
    for (const example of QA_SEED_EXAMPLES) {
      const seed = squash(readFileSync(`${SEEDS}${example.seed}`, 'utf8'));
      expect(seed, example.name).toContain(squash(example.quote));
    }
  });

  it('refuses what the seeds rule out, naming the field', () => {
    const bad: Array<[z.ZodType, unknown, RegExp]> = [
      [
        qa.integrationCreate,
        { name: 'x', settings: { data_storage_minutes: 129601 } },
        /^settings\.data_storage_minutes: /,
      ],
      [qa.metadataCreate, { field_id: 'solved-date', type: 'datetime' }, /^field_id: /],
      [qa.metadataCreate, { field_id: 'created_at', type: 'datetime' }, /^field_id: is reserved/],
      [qa.metadataCreate, { field_id: 'score', type: 'decimal' }, /^type: /],
      [qa.interactionCreate, { interaction_id: 'x'.repeat(69), assignee_id: 'a' }, /^interaction_id: /],
      [qa.commentCreate, { body: 'b', type: 'note', author_id: 'a' }, /^type: /],
      [
        qa.userCreate,
        { name: 'a', last_name: 'b', username: 'c', email: 'c@x.io', password: 'short1A' },
        /^password: /,
      ],
      [
        qa.bulkCreate,
        Array.from({ length: 101 }, () => ({ interaction_id: 'i', assignee_id: 'a' })),
        /^\(root\): /,
      ],
    ];
    for (const [schema, value, message] of bad) expect(wireProblems(schema, value)).toMatch(message);
  });

  it('accepts every body and query the client builds', () => {
    // Query values travel as text.
    const asQueryString = (params: Parameters<typeof listQuery>[0]) =>
      Object.fromEntries(Object.entries(listQuery(params)).map(([key, value]) => [key, String(value)]));
    const at = new Date('2020-06-17T10:00:00Z');
    const sent: Array<[z.ZodType, unknown]> = [
      [qa.integrationUpdate, integrationUpdateBody({ name: 'n', dataStorageMinutes: 60 })],
      [qa.metadataCreate, metadataCreateBody({ fieldId: 'solved_date', type: 'datetime', required: true })],
      [qa.metadataCreate, metadataCreateBody({ fieldId: 'channel', type: 'list', allowed: ['a', 1] })],
      [qa.metadataUpdate, metadataUpdateBody({ availableIn: ['display'], required: false })],
      [
        qa.interactionCreate,
        interactionBody({
          interactionId: 'i-1',
          assigneeId: 'a@b.co',
          metadata: { solved_date: at, score: 2, tags: ['x'], gone: null },
        }),
      ],
      [
        qa.bulkItem,
        bulkItemBody({
          interactionId: 'i-2',
          assigneeId: 'a',
          metadata: { solved: true },
          comments: [{ body: 'b', type: 'internal_note', authorId: 'a', addedAt: at }],
        }),
      ],
      [qa.commentCreate, commentBody({ body: 'b', type: 'agent_comment', authorId: 'a' })],
      [qa.commentUpdate, commentUpdateBody({ body: 'b', addedAt: '2020-06-17T12:00:00+02:00' })],
      [qa.teamCreate, teamCreateBody({ name: 't', teamLeaderIds: ['l'], userIds: ['u'] })],
      [qa.teamUpdate, teamUpdateBody({ userIds: [] })],
      [
        qa.userCreate,
        userCreateBody({
          firstName: 'A',
          lastName: 'B',
          username: 'ab',
          email: 'a@b.co',
          password: 'Analytical1Engine',
          integrations: { zendesk: '1' },
        }),
      ],
      [qa.userUpdate, userUpdateBody({ lastName: 'C', integrations: { five9: 'x' } })],
      [
        qa.listQuery,
        asQueryString({
          page: 2,
          perPage: 50,
          query: { a: 1 },
          fields: ['_id'],
          sort: ['-created_at'],
          include: 'all',
        }),
      ],
    ];
    for (const [schema, body] of sent)
      expect(wireProblems(schema, JSON.parse(JSON.stringify(body)))).toBeUndefined();
  });

  it("gives the client's record types from the contract", () => {
    expectTypeOf<Integration>().toEqualTypeOf<z.infer<typeof qa.integration>>();
    expectTypeOf<Interaction>().toEqualTypeOf<z.infer<typeof qa.interaction>>();
    expectTypeOf<Comment>().toEqualTypeOf<z.infer<typeof qa.comment>>();
    expectTypeOf<Job>().toEqualTypeOf<z.infer<typeof qa.job>>();
    expectTypeOf<Team>().toEqualTypeOf<z.infer<typeof qa.team>>();
    expectTypeOf<User>().toEqualTypeOf<z.infer<typeof qa.user>>();
    expectTypeOf<MetadataType>().toEqualTypeOf<(typeof qa.METADATA_TYPES)[number]>();
  });
});
