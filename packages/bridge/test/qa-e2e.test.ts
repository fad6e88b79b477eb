import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, startQaBridge } from '@voxbridge/bridge';
import { compare, e2eConfig, type Emulators, expectedIds, heldIds, startEmulators, waitFor } from './e2e-helpers.js';

const silent = createLogger({ level: 'silent', pretty: false });

async function generate(emulators: Emulators, body: Record<string, number>): Promise<void> {
  const res = await fetch(`${emulators.livevox.url}/_emulator/traffic`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

describe('LiveVox → Playvox QA, end to end over HTTP', () => {
  let emulators: Emulators;
  beforeAll(async () => {
    emulators = await startEmulators();
  });
  afterAll(async () => {
    await emulators.close();
  });

  it('delivers 5,000 interactions of all three types exactly once', async () => {
    const config = e2eConfig(emulators);
    const bridge = await startQaBridge(config, { logger: silent, serve: false });
    await bridge.pipeline.waitUntilPositioned();
    await generate(emulators, { agents: 40, calls: 3000, sms: 1000, emails: 1000, seed: 11 });
    const expected = expectedIds(emulators.livevox);
    expect(expected).toHaveLength(5000);
    await waitFor(() => bridge.store.counts().interactions.delivered >= 5000 && bridge.pipeline.isIdle(), 40_000, () => JSON.stringify({ counts: bridge.store.counts(), progress: bridge.pipeline.progress, dead: bridge.store.listDeadLetters(3) }));
    await bridge.stop();
    const result = compare(expected, await heldIds(config));
    expect(result).toEqual({ missing: [], duplicated: [], unexpected: [] });
    const truth = emulators.livevox.truth({ summary: true } as never);
    expect(truth.counts).toMatchObject({ VOICE: 3000, SMS: 1000, EMAIL: 1000 });
  });
});
