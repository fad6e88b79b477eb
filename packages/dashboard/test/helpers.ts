import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@voxbridge/bridge';
import { type LiveVoxEmulator, startLiveVoxEmulator } from '@voxbridge/emulator-livevox';

/** A logger whose lines are kept in memory, to check what was (and was not) logged. */
export function memoryLogger(): { logger: Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    logger: createLogger({ level: 'debug', destination: stream, pretty: false }),
    text: () => chunks.join(''),
  };
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'voxbridge-dashboard-'));
}

/** A LiveVox emulator with live traffic at speed 60 (a simulated minute per real second). */
export function startBusyLiveVox(): Promise<LiveVoxEmulator> {
  return startLiveVoxEmulator({
    port: 0,
    seed: 7,
    speed: 60,
    config: { feed: { waitMs: 500 } },
    traffic: { agents: 12, callsPerMinute: 6, smsPerMinute: 2, emailsPerMinute: 2 },
  });
}

/** Polls `check` until it returns a value other than undefined/false, within `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The parsed JSON of an event, read freely by the tests. */
// biome-ignore lint/suspicious/noExplicitAny: tests read event payloads field by field
type EventData = any;

/** One server-sent event. */
export interface ReceivedEvent {
  event: string;
  data: EventData;
}

/** An open event stream read with fetch, its events parsed as they arrive. */
export interface EventStream {
  status: number;
  events: ReceivedEvent[];
  /** Resolves with the first event (already received or to come) that matches. */
  next(event: string, match?: (data: EventData) => boolean, timeoutMs?: number): Promise<EventData>;
  close(): void;
}

/** Opens `url` as an event stream. */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const events: ReceivedEvent[] = [];
  if (response.ok && response.body) {
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const name = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (name && data !== undefined) events.push({ event: name, data: JSON.parse(data) });
            end = buffer.indexOf('\n\n');
          }
        }
      } catch {
        // Closed by the test or the server.
      }
    })();
  } else {
    await response.body?.cancel();
  }
  return {
    status: response.status,
    events,
    next: (event, match = () => true, timeoutMs = 15_000) =>
      eventually(
        `event ${event}`,
        () => events.find((e) => e.event === event && match(e.data))?.data,
        timeoutMs,
      ),
    close: () => abort.abort(),
  };
}
