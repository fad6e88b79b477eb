/**
 * Several `voxbridge run` workers on one PostgreSQL database, for the multi-worker tests: each worker is
 * the CLI from the built packages in its own process (so a test can SIGKILL, SIGSTOP and SIGCONT it),
 * with its own `--port`, its log kept in memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BridgeConfig } from '@voxbridge/bridge';
import { tempDir } from '../../bridge/test/helpers.js';
import { type TestDatabase, testDatabase } from '../../bridge/test/store/postgres-server.js';

/** The CLI's entry point (built by `npm test` / `tsc -b`). */
export const CLI_BIN = fileURLToPath(new URL('../../cli/bin/voxbridge.js', import.meta.url));
/** The built bridge (the tests skip without it). */
export const BUILT_BRIDGE = fileURLToPath(new URL('../../bridge/dist/index.js', import.meta.url));

/** A fresh PostgreSQL database for workers to share, or undefined without the built bridge or a server. */
export async function workersDatabase(): Promise<TestDatabase | undefined> {
  return existsSync(BUILT_BRIDGE) ? await testDatabase() : undefined;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Writes a configuration file (JSON is YAML) and returns its path. */
export function writeConfig(config: BridgeConfig | Record<string, unknown>): string {
  const file = join(tempDir(), 'voxbridge.yaml');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** How a CLI run ended: its exit code and everything it wrote. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with `args` to its end (from `cwd` when given). */
export function runCli(args: string[], cwd?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One running `voxbridge run`. */
export interface Worker {
  child: ChildProcess;
  port: number;
  /** Everything it wrote (JSON log lines). */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** Starts `voxbridge run -c <configFile> --port <free>` and resolves once its /healthz answers. */
export async function startWorker(configFile: string, env: NodeJS.ProcessEnv = {}): Promise<Worker> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI_BIN, 'run', '-c', configFile, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`voxbridge run exited before serving: ${output.slice(-3000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`voxbridge run never served /healthz: ${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, port, output: () => output, exited };
}

/** Sends `signal` and, for a signal that ends the process, waits for the exit. */
export async function signalWorker(worker: Worker, signal: NodeJS.Signals): Promise<void> {
  const { child } = worker;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  if (signal === 'SIGKILL' || signal === 'SIGTERM') await worker.exited;
}

/** True when the worker id (`<host>:<pid>:<random>`) is this process's. */
export function isWorker(workerId: string | undefined, worker: Worker): boolean {
  return workerId !== undefined && workerId.split(':').at(-2) === String(worker.child.pid);
}
