import { wireProblems } from '@voxbridge/core';
import { invalidExamples } from '@voxbridge/emulator-kit';
import { parseLiveVoxTime } from '@voxbridge/livevox';
import {
  agentEventPageSchema,
  interactionEventPageSchema,
  interactionEventSchema,
  LIVEVOX_OPERATIONS,
} from '@voxbridge/livevox/wire';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  operationOf,
  requestBody,
  requestParts,
  responseBody,
  SEED_EXAMPLES,
  seedText,
} from './seed-fixtures.js';

describe('the LiveVox wire contract', () => {
  it('has unique operation ids, and every example it carries passes its own schema', () => {
    const ids = LIVEVOX_OPERATIONS.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(invalidExamples(LIVEVOX_OPERATIONS)).toEqual([]);
  });

  it('names the field, the rule and the value path of a request that breaks it', () => {
    const feed = operationOf({ operationId: 'interactionEventFeed' } as never);
    expect(
      wireProblems(feed.body!, {
        token: 7,
        filter: { service: [{ id: 'x' }], interactionType: [{ type: 'FAX' }] },
      }),
    ).toBe(
      'token: Invalid input: expected string, received number; filter.interactionType.0.type: must be VOICE, SMS or EMAIL; filter.service.0.id: must be a numeric id',
    );
    const update = operationOf({ operationId: 'updateCallContext' } as never);
    expect(wireProblems(update.body!, { entry: [{ key: '' }] })).toMatch(/^entry\.0\.key: /);
  });

  it('checks a page as an envelope and each item on its own, so one bad item does not hide the others', () => {
    const page = { token: 't', events: [{ eventId: 'a' }, { eventId: 42 }, { eventId: 'c', duration: 'x' }] };
    expect(interactionEventPageSchema.safeParse(page).success).toBe(false);
    const items = page.events.map((item) => interactionEventSchema.safeParse(item).success);
    expect(items).toEqual([true, false, false]);
    expect(agentEventPageSchema.safeParse({ agentEvent: [] }).success).toBe(false);
  });
});

/** What a request without a query must match when the operation declares none. */
const emptyQuery = z.object({}).strict();

describe('the seed documents judge the contract', () => {
  it('has a fixture for every example of both seeds', () => {
    const bySeed = (seed: string) => SEED_EXAMPLES.filter((example) => example.seed === seed).length;
    expect(bySeed('livevox-context-data-api.txt')).toBe(7);
    expect(bySeed('livevox-realtime-reporting-api.txt')).toBe(18);
    for (const seed of ['livevox-context-data-api.txt', 'livevox-realtime-reporting-api.txt']) {
      const text = seedText(seed);
      if (text === undefined) continue;
      expect(text.match(/^#Request/gm)?.length).toBe(bySeed(seed));
    }
  });

  for (const example of SEED_EXAMPLES) {
    describe(`${example.seed} § ${example.section}`, () => {
      const op = operationOf(example);

      it('quotes the seed verbatim', () => {
        const text = seedText(example.seed);
        if (text === undefined) return;
        expect(text).toContain(example.section);
        const line = example.request.line.replace(/^POST /, '');
        expect(text).toContain(line);
        for (const part of [example.request.body, example.response.body]) {
          if (part !== undefined) expect(text).toContain(part);
        }
      });

      it('is a request the contract accepts', () => {
        const { method, params, query } = requestParts(example);
        expect(method).toBe(op.method);
        if (op.params) expect(wireProblems(op.params, params)).toBeUndefined();
        expect(wireProblems(op.query ?? emptyQuery, query)).toBeUndefined();
        const body = requestBody(example);
        if (body !== undefined) expect(op.body && wireProblems(op.body, body)).toBeUndefined();
      });

      it('has an answer the contract accepts, and the document carries both', () => {
        const answer = op.responses[example.response.status];
        expect(answer).toBeDefined();
        const body = responseBody(example);
        const carried = Object.values(op.responseExamples?.[example.response.status] ?? {}).map(
          (e) => e.value,
        );
        if (answer?.contentType === 'text/event-stream') {
          expect(example.response.contentType).toBe('text/event-stream');
          for (const event of body as unknown[]) {
            expect(wireProblems(answer.schema!, event)).toBeUndefined();
            expect(carried).toContainEqual(event);
          }
        } else if (body !== undefined) {
          expect(wireProblems(answer!.schema!, body)).toBeUndefined();
          expect(carried).toContainEqual(body);
        }
        const sent = requestBody(example);
        if (sent !== undefined) {
          expect(Object.values(op.requestExamples ?? {}).map((e) => e.value)).toContainEqual(sent);
        }
      });
    });
  }

  it('keeps the malformed time of the SSE example readable as an item: no date, no rejection', () => {
    const example = SEED_EXAMPLES.find((e) => e.section.endsWith('when eventId is used as token'))!;
    const [, second] = responseBody(example) as Array<{ timestamp: string }>;
    expect(second!.timestamp).toBe('2021-04-24T07:52:16-100-04:00');
    expect(interactionEventSchema.safeParse(second).success).toBe(true);
    expect(parseLiveVoxTime(second!.timestamp)).toBeUndefined();
  });
});
