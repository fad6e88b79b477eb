/**
 * The QA bridge in a child process (the built `@voxbridge/bridge`, through fixtures/crash-runner.mjs),
 * for tests that SIGKILL it: crash safety and late updates.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const runner = fileURLToPath(new URL('./fixtures/crash-runner.mjs', import.meta.url));

/** True once the bridge package is built (`npm test` builds it): the child runs its dist. */
export const BRIDGE_BUILT = existsSync(fileURLToPath(new URL('../../bridge/dist/index.js', import.meta.url)));

/** Starts the bridge in a child process and resolves once its feed is positioned. */
export async function startBridgeChild(configFile: string): Promise<ChildProcess> {
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

/** Sends `signal` to the child; resolves once it has exited (at once when it already has). */
export function stopBridgeChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
