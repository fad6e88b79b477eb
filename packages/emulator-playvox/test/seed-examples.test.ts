/**
 * The seeds judge the emulator: every example request of the seed documents is sent over HTTP on
 * loopback, and every answer must pass the contract's answer schema and have the shape the seed states.
 */
import { wireProblems } from '@voxbridge/core';
import type { PlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { qa } from '@voxbridge/playvox/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QA_SEED_EXAMPLES } from '../../playvox/test/fixtures/qa-seed-examples.js';
import { type client, start, waitForJob } from './helpers.js';

let emu: PlayvoxEmulator;
let api: ReturnType<typeof client>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ emu, api } = await start());
  const users = (await api.get('users?per_page=3')).body.result as Array<{ _id: string }>;
  [ids.leader, ids.member, ids.other] = users.map((user) => user._id) as [string, string, string];
  const campaign = (await api.get('campaigns?per_page=1')).body.result[0];
  ids.campaign = campaign._id;
  ids.campaignUser = (await api.get(`campaigns/${campaign._id}/actions?o=users`)).body.result[0].username;
});
afterAll(async () => {
  await emu?.close();
});

/** Fills `{{name}}` placeholders with the ids the replay collected. */
const fill = <T>(value: T): T =>
  JSON.parse(
    JSON.stringify(value).replace(/\{\{([a-zA-Z]+)\}\}/g, (_, name: string) => {
      if (!ids[name]) throw new Error(`no id for {{${name}}} yet`);
      return ids[name];
    }),
  );

/** Where `actual` lacks a key of `expected`, or holds another JSON type there (values may differ). */
function shapeProblems(expected: unknown, actual: unknown, path = '$'): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(expected) !== kind(actual))
    return [`${path}: ${kind(actual)} where the seed has ${kind(expected)}`];
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length > 0 && actual.length > 0)
    return shapeProblems(expected[0], actual[0], `${path}[0]`);
  if (kind(expected) !== 'object') return [];
  return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
    key in (actual as object)
      ? shapeProblems(value, (actual as Record<string, unknown>)[key], `${path}.${key}`)
      : [`${path}.${key}: missing`],
  );
}

/** What a replayed answer yields for later examples. */
// biome-ignore lint/suspicious/noExplicitAny: answers are read as arbitrary JSON here, after the contract checked them
const COLLECT: Record<string, (body: any) => void> = {
  'create integration': (body) => (ids.integration = body._id),
  'add list metadata': (body) =>
    (ids.metadata = body.metadata.find((f: { field_id: string }) => f.field_id === 'channel')._id),
  'add interaction': (body) => (ids.interaction = body._id),
  'add comment': (body) => (ids.comment = body.result._id),
  'bulk add': (body) => (ids.job = body.result._id),
  'create team': (body) => (ids.team = body.result._id),
  'create user': (body) => (ids.user = body.result._id),
};

describe('the emulator answers the seed examples in the seed shape', () => {
  for (const example of QA_SEED_EXAMPLES) {
    it(`${example.name} (${example.seed}: ${example.section})`, async () => {
      const op = qa.OPERATIONS.find((candidate) => candidate.operationId === example.operationId)!;
      if (example.operationId === 'getJob') await waitForJob(api, ids.job!);
      const params = fill(example.params ?? {});
      const path = op.path
        .replace(`${qa.API_PREFIX}/`, '')
        .replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!));
      const query = example.query ? `?${new URLSearchParams(example.query)}` : '';
      const body = example.body === undefined ? undefined : fill(example.body);
      const answer = await api.call(op.method, `${path}${query}`, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(wireProblems(op.responses[200]!.schema!, answer.body)).toBeUndefined();
      if (example.answer !== undefined) expect(shapeProblems(example.answer, answer.body)).toEqual([]);
      COLLECT[example.name]?.(answer.body);
    });
  }

  it('created what the bulk example sent, comments included', async () => {
    const job = (await waitForJob(api, ids.job!)).body.result;
    expect(job).toMatchObject({ status: 'completed', total: 2, total_succeeded: 2, errors: [] });
  });
});
