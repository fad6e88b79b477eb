import { linkAbort } from './signals.js';

/** Tunables of the shared retry policy. */
export interface RetryOptions {
  /** Retries after the first attempt (so `maxRetries + 1` attempts at most). Default 2. */
  maxRetries: number;
  /** First backoff delay. Default 500 ms. */
  baseDelayMs: number;
  /** Largest backoff delay. Default 8 s. */
  maxDelayMs: number;
  /** Longest `Retry-After` the policy waits for; a longer one ends the retries. Default 60 s. */
  maxRetryAfterMs: number;
}

/** The defaults every voxbridge client starts from. */
export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** True when repeating `method` cannot change the outcome (or the caller said the request is safe). */
export function isRetrySafe(method: string, markedSafe: boolean | undefined): boolean {
  return markedSafe ?? IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** True for the statuses the policy retries: 408, 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Network error codes that prove the request never reached the server, so even a non-idempotent
 * request can be repeated without risk.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/** True when a network error shows the request was never sent. */
export function neverReachedServer(error: unknown): boolean {
  const code =
    (error as { code?: string } | undefined)?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code !== undefined && NOT_SENT_CODES.has(code);
}

/**
 * The wait the server asked for, in milliseconds, from `retry-after-ms`, `Retry-After` (seconds or an
 * HTTP date) or `x-ratelimit-reset` (epoch seconds, or seconds to wait when small). Undefined when it
 * asked for nothing. When `status` is given, `x-ratelimit-reset` counts only on a 429: many APIs send it
 * on every answer, and it says nothing about when a failed 5xx should be repeated.
 */
export function serverRequestedDelayMs(
  headers: Record<string, string>,
  now = Date.now(),
  status?: number,
): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = headers['retry-after'];
  if (after !== undefined && after.trim() !== '') {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  if (status !== undefined && status !== 429) return undefined;
  const reset = headers['x-ratelimit-reset'];
  if (reset !== undefined && reset.trim() !== '' && Number.isFinite(Number(reset))) {
    const value = Number(reset);
    // Epoch seconds are ~1.7e9; anything small is a number of seconds to wait.
    return value > 1e9 ? Math.max(0, value * 1000 - now) : Math.max(0, value * 1000);
  }
  return undefined;
}

/** Exponential backoff for attempt `retry` (0-based) with jitter between 50% and 100% of the step. */
export function backoffDelayMs(
  retry: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.round(step * (0.5 + random() * 0.5));
}

/** The longest delay a Node timer can hold. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first; never leaves a listener behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const unlink = signal
      ? linkAbort(signal, () => {
          clearTimeout(timer);
          reject(signal.reason);
        })
      : () => {};
    // setTimeout fires at once for delays beyond 2^31-1 ms; clamp instead of spinning.
    const timer = setTimeout(
      () => {
        unlink();
        resolve();
      },
      Math.min(Math.max(0, ms), MAX_TIMER_MS),
    );
  });
}
