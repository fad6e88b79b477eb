import { late, sharedFixture } from '@voxbridge/emulator-kit';
import {
  PLAYVOX_DEFAULT_CREDENTIALS,
  type PlayvoxEmulator,
  type PlayvoxEmulatorOptions,
  startPlayvoxEmulator,
} from '@voxbridge/emulator-playvox';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** An answer as the tests see it. */
export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  body: any;
}

/** Options of one request. */
export interface CallOptions {
  /** `false` sends no Authorization header; a pair sends that pair. Default: the demo credential. */
  auth?: false | { uid: string; key: string };
  headers?: Record<string, string>;
  /** Sent as is (for malformed JSON). */
  rawBody?: string;
}

/** Basic auth header of a credential. */
export function basic(credential: { uid: string; key: string }): string {
  return `Basic ${Buffer.from(`${credential.uid}:${credential.key}`).toString('base64')}`;
}

/** A test client over plain fetch. */
export function client(emu: PlayvoxEmulator) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    options: CallOptions = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== false) headers.authorization = basic(options.auth ?? PLAYVOX_DEFAULT_CREDENTIALS);
    let payload: string | undefined = options.rawBody;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const url = path.startsWith('/_emulator')
      ? `${emu.url}${path}`
      : `${emu.apiUrl}/${path.replace(/^\//, '')}`;
    const response = await fetch(url, {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return {
    call,
    get: (path: string, options?: CallOptions) => call('GET', path, undefined, options),
    post: (path: string, body?: unknown, options?: CallOptions) => call('POST', path, body, options),
    put: (path: string, body?: unknown, options?: CallOptions) => call('PUT', path, body, options),
    del: (path: string, options?: CallOptions) => call('DELETE', path, undefined, options),
  };
}

/** A started emulator with short job delays, plus its client. */
export async function start(options: PlayvoxEmulatorOptions = {}) {
  const emu = await startPlayvoxEmulator({
    ...options,
    config: { jobs: { delayMs: 10 }, ...options.config },
  });
  return { emu, api: client(emu) };
}

/**
 * One emulator for a test file, reset before each test. `api` is usable at once (it calls the emulator
 * started in `beforeAll`); `emu` is the running emulator once the file's tests run.
 */
export function sharedEmulator(options: PlayvoxEmulatorOptions = {}) {
  const started = sharedFixture(
    { beforeAll, afterAll, beforeEach },
    async () => {
      const { emu, api } = await start(options);
      return { emu, api, close: () => emu.close() };
    },
    (running) => running.api.post('/_emulator/reset'),
  );
  return {
    api: late(() => started.api),
    get emu(): PlayvoxEmulator {
      return started.emu;
    },
  };
}

/** An interaction body for an integration made by {@link createReadyIntegration} (a seeded assignee). */
export const callInteraction = (id: string, extra: object = {}) => ({
  interaction_id: id,
  assignee_id: 'ana.garcia1',
  call_date: '2024-05-01T10:00:00Z',
  ...extra,
});

/** Query string of list parameters. */
export function qs(params: Record<string, string | number | object>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    search.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  return `?${search.toString()}`;
}

/** Creates an integration with a datetime field (and optional extra fields); returns its id. */
export async function createReadyIntegration(
  api: ReturnType<typeof client>,
  name: string,
  extraFields: object[] = [],
): Promise<string> {
  const created = await api.post('integrations', {
    name,
    description: 'test',
    settings: { data_storage_minutes: 1440 },
  });
  if (created.status !== 200) throw new Error(`integration create failed: ${JSON.stringify(created.body)}`);
  const id = created.body._id as string;
  for (const field of [
    { field_id: 'call_date', type: 'datetime', required: true, available_in: ['filters', 'display'] },
    ...extraFields,
  ]) {
    const added = await api.post(`integrations/${id}/metadata`, field);
    if (added.status !== 200) throw new Error(`metadata create failed: ${JSON.stringify(added.body)}`);
  }
  return id;
}

/** Polls a job until it is completed or failed (at most 200 polls, 10 s). */
export async function waitForJob(
  api: ReturnType<typeof client>,
  jobId: string,
): Promise<Answer & { seen: string[] }> {
  const seen: string[] = [];
  const deadline = Date.now() + 10_000;
  for (let i = 0; i < 200 && Date.now() < deadline; i++) {
    const answer = await api.get(`jobs/${jobId}`);
    const status = answer.body?.result?.status as string;
    if (seen.at(-1) !== status) seen.push(status);
    if (status === 'completed' || status === 'failed') return { ...answer, seen };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`job ${jobId} did not finish; saw ${seen.join(' → ')}`);
}
