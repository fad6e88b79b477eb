import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A service started in a child process that printed `{ "url": … }`. */
export interface ChildService {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** Starts `script` (a file next to this one, in dist/bench) with `args` and waits for its URL line. */
export async function startChildService(script: string, args: string[]): Promise<ChildService> {
  const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], {
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
