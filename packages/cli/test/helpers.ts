import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { onTestFinished } from 'vitest';

/** The committed shim npm links as the `voxbridge` bin (it loads dist/bin.js). */
export const BIN = fileURLToPath(new URL('../bin/voxbridge.js', import.meta.url));
/** True once `npm test` (or `tsc -b packages/cli`) has built the CLI. */
export const BUILT = existsSync(fileURLToPath(new URL('../dist/bin.js', import.meta.url)));

const run = promisify(execFile);

/**
 * The text of a configuration file whose services cannot be reached (port 9 of 127.0.0.1), for commands
 * that read only the file and the store. Playvox has one metadata field, `when` (datetime); `tail` comes
 * right after it, so its first lines may add `    - { fieldId: … }` entries before other sections.
 */
export function offlineConfigYaml(tail = '', playvoxKey = 'k'): string {
  return `livevox: { baseUrl: http://127.0.0.1:9, accessToken: t, clientName: c, userName: u, password: p }
playvox:
  baseUrl: http://127.0.0.1:9
  uid: u
  key: ${playvoxKey}
  integration: { name: x }
  metadata:
    - { fieldId: when, type: datetime }
${tail}`;
}

/** Runs the built CLI to its end; resolves with its output and exit code (never rejects on a non-zero exit). */
export async function voxbridge(
  args: string[],
  options: { timeout?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      timeout: options.timeout ?? 120_000,
      maxBuffer: 16 * 1024 * 1024,
      env: options.env ?? process.env,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

/** A running `voxbridge` child whose output is collected as it comes. */
export interface Child {
  process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or 128 + n when a signal ended it) and how long after `since` it came. */
  exited: Promise<{ code: number; at: number }>;
  /** Resolves with the first stdout JSON log line whose `msg` contains `text`. */
  waitForLog(text: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** Collects what `stream` gives as it comes: the returned function answers with the text so far. */
export function collectText(stream: Readable): () => string {
  let text = '';
  stream.on('data', (chunk) => {
    text += chunk;
  });
  return () => text;
}

/** {@link startChild} for one test: when the test ends, pass or fail, the child is killed if still running. */
export function startChildForTest(args: string[], env?: NodeJS.ProcessEnv): Child {
  const child = startChild(args, env);
  onTestFinished(() => {
    if (child.process.exitCode === null) child.process.kill('SIGKILL');
  });
  return child;
}

/** Starts the built CLI as a child process. */
export function startChild(args: string[], env: NodeJS.ProcessEnv = process.env): Child {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = collectText(child.stdout);
  const stderr = collectText(child.stderr);
  const exited = new Promise<{ code: number; at: number }>((resolve) =>
    child.on('exit', (code, signal) =>
      resolve({ code: code ?? (signal === 'SIGTERM' ? 143 : signal === 'SIGINT' ? 130 : 1), at: Date.now() }),
    ),
  );
  const logs = () =>
    stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return {
    process: child,
    stdout,
    stderr,
    exited,
    waitForLog: async (text, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = logs().find((l) => String(l.msg).includes(text));
        if (line) return line;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no log line with "${text}"; stdout:\n${stdout()}\nstderr:\n${stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/**
 * Waits until a `voxbridge run` child answers 200 on `/readyz`: its feed holds a position then (the first
 * token is stored). LiveVox serves a new feed only the events created after its first request, so a test
 * that starts traffic earlier may produce events no feed position covers.
 */
export async function waitUntilReady(child: Child, timeoutMs = 30_000): Promise<void> {
  const started = await child.waitForLog('voxbridge connections started', timeoutMs);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${String(started.server)}/readyz`).then(
      (res) => res.arrayBuffer().then(() => res.status),
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline || child.process.exitCode !== null)
      throw new Error(`/readyz answered ${status} for ${timeoutMs} ms; stdout:\n${child.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A proxy in front of a service that can stop answering (the requests it holds are never answered). */
export interface HangingProxy {
  url: string;
  /** While true, requests are accepted and held without an answer. */
  hang: boolean;
  /** How many requests are being held. */
  held: number;
  close(): Promise<void>;
}

/** Passes one request on to the plain-HTTP service at `target` and its answer back. */
export function forward(req: IncomingMessage, res: ServerResponse, target: string): void {
  const upstream = request(
    new URL(req.url ?? '/', target),
    { method: req.method, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/** Starts a loopback proxy to `target`. */
export async function hangingProxy(target: string): Promise<HangingProxy> {
  const sockets = new Set<Socket>();
  const state = { hang: false, held: 0 };
  const server: Server = createServer((req, res) => {
    if (state.hang) {
      state.held += 1;
      return;
    }
    forward(req, res, target);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  }) as HangingProxy;
}
