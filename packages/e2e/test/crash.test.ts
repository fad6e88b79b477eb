import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from '@voxbridge/emulator-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../bridge/test/helpers.js';
import { e2eConfig, generateTraffic, sharedEmulators, waitFor } from './e2e-helpers.js';
import { EXACTLY_ONCE, expectedIds, heldIds, truthOf } from './e2e-truth.js';

const runner = fileURLToPath(new URL('./fixtures/crash-runner.mjs', import.meta.url));
const builtBridge = fileURLToPath(new URL('../../bridge/dist/index.js', import.meta.url));

/** Starts the bridge in a child process and resolves once its feed is positioned. */
async function startChild(configFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [runner, configFile], {
    cwd: fileURLToPath(new URL('../', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('positioned') && resolve());
    child.once('exit', (code) =>
      reject(new Error(`bridge exited with ${code} before positioning: ${stderr.slice(-2000)}`)),
    );
  });
  return child;
}

function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

describe.skipIf(!existsSync(builtBridge))('crash safety (needs the built bridge: npm test builds it)', () => {
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
    let child = await startChild(configFile);
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
      await kill(child, 'SIGKILL');
      child = await startChild(configFile);
    }
    await waitFor(
      async () => (await heldIds(config)).size >= expected.length,
      90_000,
      () => 'Playvox never held every generated interaction',
    );
    // Let any reconciliation still open settle before the final comparison.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await kill(child, 'SIGTERM');
    expect(await truthOf(config, expected)).toEqual(EXACTLY_ONCE);
  });
});
