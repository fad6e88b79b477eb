import type { AuthEvent, CircuitBreaker, CircuitEvent, HttpClient } from '@voxbridge/core';
import { LeaseLostError } from '../store/postgres/errors.js';
import type { BridgeStore, NewDeadLetter, SavedError, WfmRound } from '../store/types.js';

/**
 * The kinds of error `voxbridge status` and `/readyz` report, each with its last occurrence:
 * - `auth`: a service refused the credentials (a final 401 or 403, a refused login or token request);
 * - `tokenExpiry`: a service stopped accepting a session or token it had issued (a 401 that made the
 *   client log in again or fetch a new token, and repeat the request);
 * - `gap`: a LiveVox feed position older than the 24 hours LiveVox keeps (the length in LiveVox's time
 *   once the restarted feed gives events);
 * - `deadLetter`: the reason of the last record moved to the dead-letter store;
 * - `circuit`: a destination's circuit opened, and why;
 * - `store`: the store failed (SQLite busy or read-only, PostgreSQL connection lost, …).
 */
export const ERROR_KINDS = ['auth', 'tokenExpiry', 'gap', 'deadLetter', 'circuit', 'store'] as const;

/** One of {@link ERROR_KINDS}. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** The last error of each kind; null when none happened (since the store was created). */
export type LastErrors = Record<ErrorKind, SavedError | null>;

/** How long a note the store could not take waits before it is written again. */
const SAVE_RETRY_MS = 5_000;
/** Longest message kept: a note names what failed, it is not a dump. */
const MESSAGE_MAX = 500;

/** A duration in hours, to two decimals (how gaps are reported). */
export function hours(ms: number): number {
  return +(ms / 3_600_000).toFixed(2);
}

/** The dead letters a store call writes, by method (each writes them with the rest, atomically). */
function lettersOf(method: string | symbol, args: unknown[]): readonly NewDeadLetter[] | undefined {
  switch (method) {
    case 'deadLetter':
      return [args[0] as NewDeadLetter];
    case 'finishWfmRound':
      return (args[0] as WfmRound).deadLetters;
    case 'saveAssembly':
      return args[3] as NewDeadLetter[] | undefined;
    case 'closeDeliveredBatch':
      return args[3] as NewDeadLetter[];
    case 'closeBatch':
      return args[2] as NewDeadLetter[] | undefined;
    default:
      return undefined;
  }
}

/** Every kind with no error. */
export function noLastErrors(): LastErrors {
  return Object.fromEntries(ERROR_KINDS.map((kind) => [kind, null])) as LastErrors;
}

/** The last errors a store holds, for `voxbridge status` in a process other than `run`. */
export async function readLastErrors(store: Pick<BridgeStore, 'getLastError'>): Promise<LastErrors> {
  const out = noLastErrors();
  for (const kind of ERROR_KINDS) out[kind] = (await store.getLastError(kind)) ?? null;
  return out;
}

/**
 * A message fit to keep and show: credentials in a URL (`postgres://user:password@host`) are cut out,
 * and the length is bounded. The clients' messages and paths are already scrubbed of the secrets they
 * know (session ids, tokens, keys).
 */
export function secretFreeMessage(message: string): string {
  const cleaned = message.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1[REDACTED]@');
  return cleaned.length > MESSAGE_MAX ? `${cleaned.slice(0, MESSAGE_MAX - 1)}…` : cleaned;
}

/**
 * The last error of every kind (see {@link ERROR_KINDS}), in memory for `/readyz` and saved in the store
 * for `voxbridge status`. A note the store cannot take (the store is the thing failing) stays in memory
 * and is written again every few seconds until the store takes it.
 */
export class ErrorNotes {
  private readonly last = noLastErrors();
  private readonly unsaved = new Set<ErrorKind>();
  private readonly observed = new WeakSet<object>();
  private store: BridgeStore | undefined;
  private saving: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;

  /** Records an error of `kind` now. */
  note(kind: ErrorKind, message: string, destination?: string): void {
    this.last[kind] = {
      at: new Date().toISOString(),
      message: secretFreeMessage(message),
      ...(destination ? { destination } : {}),
    };
    this.unsaved.add(kind);
    this.save();
  }

  /** A copy of the last errors, for `/readyz`. */
  snapshot(): LastErrors {
    return { ...this.last };
  }

  /**
   * Saves the notes in `store` from now on (pass the store itself, not {@link watchStore}'s view of it)
   * and takes over what it holds from earlier runs for the kinds not noted yet in this process.
   */
  async useStore(store: BridgeStore): Promise<void> {
    this.store = store;
    const saved = await readLastErrors(store).catch(() => noLastErrors());
    for (const kind of ERROR_KINDS) if (!this.last[kind]) this.last[kind] = saved[kind];
    this.save();
  }

  /** Notes refused and expired credentials of a client (once per client). */
  observeClient(http: HttpClient, destination: string): void {
    if (this.observed.has(http)) return;
    this.observed.add(http);
    http.on('auth', (event) => this.noteAuth(event, destination));
    if (http.circuit) this.watchCircuit(http.circuit);
  }

  /**
   * The store seen through the notes: a failing call is noted as a `store` error, and the dead letters a
   * call writes (`deadLetter`, and those written with a batch, an assembly or a WFM round) as a
   * `deadLetter` one. Everything else goes straight
   * to the store; `instanceof` still sees the store's class.
   */
  watchStore<S extends BridgeStore>(store: S): S {
    let closed = false;
    return new Proxy(store, {
      get: (target, name) => {
        const value = Reflect.get(target, name, target) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (name === 'close') closed = true;
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (!(result instanceof Promise)) return result;
          return result.then(
            (answer) => {
              const letters = lettersOf(name, args);
              if (letters) this.noteLetters(letters);
              return answer;
            },
            (error: unknown) => {
              // A lost lease is the fencing working, and calls that race a close are the shutdown.
              if (!closed && !(error instanceof LeaseLostError))
                this.note('store', `${String(name)}: ${(error as Error)?.message ?? String(error)}`);
              throw error;
            },
          );
        };
      },
    });
  }

  /** Finishes the write in progress, then stops saving notes (the store is closing). */
  async stop(): Promise<void> {
    while (this.saving) await this.saving;
    this.store = undefined;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private noteAuth(event: AuthEvent, destination: string): void {
    // The query is left out: it may carry a token a server echoes back.
    const request = `${event.method} ${event.path.split('?')[0]}`;
    if (event.outcome === 'refreshed')
      this.note(
        'tokenExpiry',
        `${destination}: ${request} answered ${event.status}: the session or token had expired; a new one was obtained and the request repeated`,
        destination,
      );
    else
      this.note(
        'auth',
        `${destination}: ${request} answered ${event.status}: the credentials were refused`,
        destination,
      );
  }

  private watchCircuit(breaker: CircuitBreaker): void {
    if (this.observed.has(breaker)) return;
    this.observed.add(breaker);
    breaker.on('change', (event: CircuitEvent) => {
      if (event.previous === 'closed' && event.state === 'open')
        this.note(
          'circuit',
          `${event.destination}: circuit open after consecutive failures (${event.reason ?? 'unknown reason'})`,
          event.destination,
        );
    });
  }

  private noteLetters(letters: readonly NewDeadLetter[]): void {
    const letter = letters.at(-1);
    if (letter) this.note('deadLetter', `${letter.stage}: ${letter.reason}`);
  }

  /** Writes the unsaved notes, one writer at a time; a failure tries again later. */
  private save(): void {
    const store = this.store;
    if (!store || this.saving) return;
    // `finally` runs after the assignment, so `saving` is cleared only once the round is over.
    this.saving = this.writeUnsaved(store).finally(() => {
      this.saving = undefined;
      if (this.unsaved.size > 0 && !this.retryTimer) this.save(); // noted while this round was writing
    });
  }

  private async writeUnsaved(store: BridgeStore): Promise<void> {
    for (const kind of [...this.unsaved]) {
      const error = this.last[kind];
      this.unsaved.delete(kind);
      if (!error) continue;
      try {
        await store.setLastError(error, kind);
      } catch {
        this.unsaved.add(kind);
        this.retryLater();
        return;
      }
    }
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.save();
    }, SAVE_RETRY_MS);
    this.retryTimer.unref();
  }
}
