import { createLogger, startQaBridge } from '@voxbridge/bridge';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { e2eConfig, startEmulators, waitFor } from './e2e-helpers.js';
import { EXACTLY_ONCE, expectedIds, truthOf } from './e2e-truth.js';

const silent = createLogger({ level: 'silent', pretty: false });

const KINDS = ['not-object', 'wrong-types', 'missing-id', 'invalid-json'] as const;

/** One traffic step: a burst of interactions, with poison items queued before it (into its first page). */
const stepArb = fc.record({
  calls: fc.integer({ min: 1, max: 12 }),
  sms: fc.integer({ min: 0, max: 4 }),
  emails: fc.integer({ min: 0, max: 4 }),
  poison: fc.integer({ min: 0, max: 4 }),
  kinds: fc.subarray([...KINDS], { minLength: 1 }),
});

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

/** The serial the emulator gives each poison item, read back from a dead letter's raw text. */
function poisonSerial(letter: { payload: unknown }): string | undefined {
  return /poison(?:-|\\?":)(\d+)/.exec(String(letter.payload))?.[1];
}

describe('LiveVox feed poison never blocks (property, over HTTP)', () => {
  it('delivers every real interaction exactly once and dead-letters each poison item once with its raw text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('longpoll' as const, 'sse' as const),
        fc.array(stepArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 10_000 }),
        async (transport, steps, seed) => {
          const emulators = await startEmulators();
          const base = e2eConfig(emulators);
          const config = { ...base, livevox: { ...base.livevox, feed: { ...base.livevox.feed, transport } } };
          const bridge = await startQaBridge(config, { logger: silent, serve: false });
          try {
            await bridge.pipeline.waitUntilPositioned();
            let planted = 0;
            for (const [i, step] of steps.entries()) {
              if (step.poison > 0) {
                await post(`${emulators.livevox.url}/_emulator/poison`, {
                  count: step.poison,
                  kinds: step.kinds,
                });
                planted += step.poison;
              }
              const { poison: _p, kinds: _k, ...traffic } = step;
              await post(`${emulators.livevox.url}/_emulator/traffic`, {
                agents: 4,
                ...traffic,
                seed: seed + i,
              });
            }
            const expected = expectedIds(emulators.livevox);
            await waitFor(
              async () => {
                const counts = await bridge.store.counts();
                return (
                  counts.interactions.delivered >= expected.length &&
                  counts.deadLetters >= planted &&
                  (await bridge.pipeline.isIdle())
                );
              },
              30_000,
              async () => JSON.stringify({ counts: await bridge.store.counts(), planted }),
            );
            const letters = await bridge.store.listDeadLetters(10_000);
            await bridge.stop();
            const status = (await (await fetch(`${emulators.livevox.url}/_emulator/poison`)).json()) as {
              waiting: number;
              planted: Record<string, number>;
            };
            expect(status.waiting).toBe(0);
            expect(Object.values(status.planted).reduce((a, b) => a + b, 0)).toBe(planted);
            expect(await truthOf(config, expected)).toEqual(EXACTLY_ONCE);
            // Every dead letter is a poison item of the feed, each one once, with its raw text.
            expect(letters.map((letter) => letter.stage)).toEqual(letters.map(() => 'source'));
            expect(letters.every((letter) => letter.reason.includes('poison item'))).toBe(true);
            const serials = letters.map(poisonSerial);
            expect(serials.every((serial) => serial !== undefined)).toBe(true);
            expect(new Set(serials).size).toBe(planted);
            expect(letters).toHaveLength(planted);
          } finally {
            await bridge.stop();
            await emulators.close();
          }
        },
      ),
      { numRuns: 10, endOnFailure: true },
    );
  }, 120_000);
});
