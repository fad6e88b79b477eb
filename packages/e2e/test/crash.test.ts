import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRandom } from '@voxbridge/emulator-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../bridge/test/helpers.js';
import { BRIDGE_BUILT, startBridgeChild, stopBridgeChild } from './bridge-child.js';
import { e2eConfig, generateTraffic, sharedEmulators, waitFor } from './e2e-helpers.js';
import { EXACTLY_ONCE, expectedIds, heldIds, truthOf } from './e2e-truth.js';

describe.skipIf(!BRIDGE_BUILT)('crash safety (needs the built bridge: npm test builds it)', () => {
  const emulators = sharedEmulators();
  beforeAll(() => {
    // Jobs take a while, so kills land between a bulk request and its recorded job id.
    emulators.playvox.configure({ jobs: { delayMs: 150 } });
  });

  it('ends with exactly the ground truth in Playvox after repeated SIGKILLs', async () => {
    const config = e2eConfig(emulators);
    const configFile = join(tempDir(), 'voxbridge.yaml');
    writeFileSync(
      configFile,
      JSON.stringify({ ...config, delivery: { ...config.delivery, concurrency: 2 } }),
    );
    let child = await startBridgeChild(configFile);
    await generateTraffic(emulators.livevox.url, {
      agents: 30,
      calls: 1500,
      sms: 500,
      emails: 500,
      seed: 21,
    });
    const expected = expectedIds(emulators.livevox);
    const random = new SeededRandom(99);
    const kills = 5;
    for (let i = 0; i < kills; i++) {
      await new Promise((resolve) => setTimeout(resolve, random.int(200, 1200)));
      await stopBridgeChild(child, 'SIGKILL');
      child = await startBridgeChild(configFile);
    }
    await waitFor(
      async () => (await heldIds(config)).size >= expected.length,
      90_000,
      () => 'Playvox never held every generated interaction',
    );
    // Let any reconciliation still open settle before the final comparison.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await stopBridgeChild(child, 'SIGTERM');
    expect(await truthOf(config, expected)).toEqual(EXACTLY_ONCE);
  });
});
