/** Shared set-up of the integration tests: an emulator on loopback and clients pointed at it. */

import { ValidationError } from '@voxbridge/core';
import { late, sharedFixture } from '@voxbridge/emulator-kit';
import { startPlayvoxEmulator } from '@voxbridge/emulator-playvox';
import { Playvox, type PlayvoxOptions } from '@voxbridge/playvox';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';

/** The emulator's default credential. */
export const CREDENTIALS = { uid: 'demo', key: 'demo-secret' } as const;

/** A running emulator as the tests use it. */
export type TestEmulator = Awaited<ReturnType<typeof startPlayvoxEmulator>>;

/** Starts an emulator with fast bulk jobs. */
export function startEmulator(config: Record<string, unknown> = {}): Promise<TestEmulator> {
  return startPlayvoxEmulator({ port: 0, config: { jobs: { delayMs: 10 }, ...config } });
}

/** A client of the emulator with fast retries, and a counter of the attempts it made. */
export function clientFor(emu: TestEmulator, options: Partial<PlayvoxOptions> = {}) {
  const pv = new Playvox({
    baseUrl: emu.url,
    ...CREDENTIALS,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
  } as PlayvoxOptions);
  const seen = {
    requests: 0,
    retries: [] as Array<{ delayMs: number; reason: string }>,
    responses: [] as Array<{ method: string; path: string; status: number }>,
  };
  pv.http.on('request', () => seen.requests++);
  pv.http.on('retry', (e) => seen.retries.push({ delayMs: e.delayMs, reason: e.reason }));
  pv.http.on('response', (e) => seen.responses.push({ method: e.method, path: e.path, status: e.status }));
  return { pv, seen };
}

/**
 * One emulator and one client for a test file: started in `beforeAll`, closed in `afterAll`. The
 * returned `emu`, `pv` and `seen` forward to them, so a file names them once at the top.
 */
export function sharedClient() {
  const state = sharedFixture({ beforeAll, afterAll, beforeEach }, async () => {
    const emu = await startEmulator();
    return { emu, ...clientFor(emu), close: () => emu.close() };
  });
  return { emu: late(() => state.emu), pv: late(() => state.pv), seen: late(() => state.seen) };
}

/** Replaces the emulator's fault rules. */
export async function setFaults(emu: TestEmulator, rules: unknown[]): Promise<void> {
  const res = await fetch(`${emu.url}/_emulator/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rules),
  });
  if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`);
}

/** Removes every fault rule. */
export async function clearFaults(emu: TestEmulator): Promise<void> {
  await fetch(`${emu.url}/_emulator/faults`, { method: 'DELETE' });
}

/** The status and parsed body of a raw request. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields of raw answers.
export type RawAnswer = { status: number; body: any };

/** Sends one request with Basic auth and a JSON body, as python-playvox's requests would (JSON where it sends forms). */
export async function rawRequest(
  emu: TestEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<RawAnswer> {
  const res = await fetch(`${emu.url}/api/v1/${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${CREDENTIALS.uid}:${CREDENTIALS.key}`).toString('base64')}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

let counter = 0;
/** A name no other test uses (names of integrations, teams and users are unique). */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}`;
}

/** An integration with a required datetime field, a list field and a number field. */
export async function makeIntegration(pv: Playvox): Promise<string> {
  const id = await pv.integrations.create({
    name: unique('helpdesk'),
    description: 'test tickets',
    dataStorageMinutes: 1_440,
  });
  await pv.integrations.addMetadata(id, {
    fieldId: 'closed_at',
    type: 'datetime',
    required: true,
    availableIn: ['filters', 'display'],
  });
  await pv.integrations.addMetadata(id, {
    fieldId: 'channel',
    type: 'list',
    allowed: ['email', 'chat', 'voice'],
    availableIn: ['filters'],
  });
  await pv.integrations.addMetadata(id, { fieldId: 'handle_seconds', type: 'integer' });
  return id;
}

/**
 * A client of a port nothing listens on (9 of loopback): a request that escaped validation would fail
 * with a ConnectionError instead of the ValidationError the rule tests expect, and the counter shows it.
 */
export function offlineClient() {
  const pv = new Playvox({ baseUrl: 'http://127.0.0.1:9', uid: 'demo', key: 'demo-secret', maxRetries: 0 });
  let requests = 0;
  pv.http.on('request', () => requests++);
  return { pv, requests: () => requests };
}

/** The ValidationError a promise rejects with (the test fails if it resolves or rejects otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}
