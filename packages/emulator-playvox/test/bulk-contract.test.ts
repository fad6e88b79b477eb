/**
 * A bulk job checks each item with the emulator's own rules only (no second pass through zod, which
 * cost more than the rules): these tests hold the rules to being at least as strict as the contract's
 * `qa.bulkItem`, so an item a job accepts always conforms, and a refused item's errors are unchanged.
 */
import type { PlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { qa } from '@voxbridge/playvox/wire';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type client, createReadyIntegration, start, waitForJob } from './helpers.js';

let emu: PlayvoxEmulator;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  ({ emu, api } = await start());
});
afterAll(() => emu.close());

const anyValue = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom(
    '',
    ' ',
    'voice',
    'chat',
    '2024-06-01T08:00:00Z',
    '2024-02-30T08:00:00Z',
    '1',
    'x'.repeat(300),
  ),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(1.5, 0, -0, 1e21),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.constantFrom('voice', 'chat', 'fax', 1, true, null), fc.string({ maxLength: 2 })), {
    maxLength: 3,
  }),
  fc.dictionary(fc.constantFrom('a', 'voice'), fc.constantFrom(1, 'voice'), { maxKeys: 1 }),
);
/** Mostly a valid value, sometimes anything (`undefined` leaves the key out of the JSON). */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: anyValue, weight: 1 });
const rarely = (value: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 30 }, { arbitrary: value, weight: 1 });
const attachment = fc.record({
  url: fc.constantFrom(
    'https://example.com/a.wav',
    'https://example.com/a.wav',
    'ftp://example.com/a',
    'nope',
  ),
  name: mostly(fc.constant('a.wav')),
  content_type: mostly(fc.constant('audio/wav')),
  size: fc.constantFrom(10, 10, 10, -1, 1.5, 'x'),
});
const comment = fc.oneof(
  {
    arbitrary: fc.record(
      {
        body: mostly(fc.constant('note')),
        type: mostly(fc.constantFrom('internal_note', 'agent_comment')),
        author_id: mostly(fc.constant('agent@example.com')),
        added_at: mostly(fc.constantFrom('2024-06-01T08:00:00Z', '2024-06-01T08:00:00+14:00', null)),
        attachments: fc.oneof(fc.array(attachment, { maxLength: 2 }), fc.constant('x')),
        extra: rarely(fc.constant(1)),
      },
      { requiredKeys: ['body', 'type', 'author_id'] },
    ),
    weight: 12,
  },
  { arbitrary: fc.constantFrom(null, 'x', [], 1), weight: 1 },
);
const item = fc.record(
  {
    interaction_id: mostly(fc.string({ minLength: 1, maxLength: 6 })),
    assignee_id: mostly(fc.constant('agent@example.com')),
    call_date: mostly(fc.constantFrom('2024-06-01T08:00:00Z', '2024-06-01T08:00:00+02:00')),
    channel: mostly(fc.oneof(fc.constantFrom('voice', 'chat', 1), fc.constant(['voice', 1]))),
    handle: fc.oneof(fc.integer({ min: -5, max: 5 }), anyValue),
    ratio: fc.oneof(anyValue, fc.double({ noNaN: true, noDefaultInfinity: true })),
    done: fc.oneof(fc.boolean(), anyValue),
    note: fc.oneof(fc.string({ maxLength: 3 }), anyValue),
    unknown_key: rarely(anyValue),
    comments: mostly(fc.array(comment, { maxLength: 2 })),
  },
  { requiredKeys: ['interaction_id', 'assignee_id', 'call_date'] },
);

describe('bulk items: the emulator rules are at least as strict as the contract', () => {
  it('every item a job accepts conforms to qa.bulkItem', async () => {
    const integrationId = await createReadyIntegration(api, 'contract', [
      { field_id: 'channel', type: 'list', allowed: ['voice', 'chat', 1] },
      { field_id: 'handle', type: 'integer' },
      { field_id: 'ratio', type: 'float' },
      { field_id: 'done', type: 'boolean' },
      { field_id: 'note', type: 'string' },
    ]);
    const items = fc.sample(item, { numRuns: 3_000, seed: 14 });
    let accepted = 0;
    for (let at = 0; at < items.length; at += 100) {
      const batch = items.slice(at, at + 100);
      const submitted = await api.post(`integrations/${integrationId}/bulk/interactions`, batch);
      expect(submitted.status).toBe(200);
      const job = (await waitForJob(api, submitted.body.result._id)).body.result;
      for (const result of job.results as Array<{ index: number }>) {
        const parsed = qa.bulkItem.safeParse(JSON.parse(JSON.stringify(batch[result.index])));
        expect(parsed.error?.issues, JSON.stringify(batch[result.index])).toBeUndefined();
        accepted += 1;
      }
    }
    // The sample must reach the accepting side, or the test proves nothing.
    expect(accepted).toBeGreaterThan(200);
  });
});
