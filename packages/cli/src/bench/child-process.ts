import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A service started in a child process that printed `{ "url": … }`. */
export interface ChildService {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/**
 * Node flags for every child a benchmark starts, from `VOXBRIDGE_BENCH_NODE_ARGS` (say
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the bridge and the emulators: Node refuses
 * `--cpu-prof` in NODE_OPTIONS).
 */
function childNodeArgs(): string[] {
  return (process.env.VOXBRIDGE_BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}

/** Starts `script` (a file next to this one, in dist/bench) with `args` and waits for its URL line. */
export async function startChildService(script: string, args: string[]): Promise<ChildService> {
  const entry = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, [...childNodeArgs(), entry, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk) => resolve(JSON.parse(String(chunk)).url));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
  return {
    url,
    pid: child.pid!,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
