/**
 * The delivery policy both sinks share: which failures prove that nothing was processed (so the items
 * can go again), how long a retry waits, and how a refused batch is split so that one bad item cannot
 * hold the others back. What is finally refused goes to the dead-letter store with the reason
 * (`BridgeStore.deadLetter`); the rate budget is the API clients' own limiter (`requestsPerMinute`).
 */
import {
  ApiError,
  backoffDelayMs,
  CircuitOpenError,
  ConnectionError,
  DEFAULT_RETRY,
  ValidationError,
} from '@voxbridge/core';

/** Longest wait before a delivery is tried again. */
export const MAX_RETRY_DELAY_MS = 60_000;

/** Errors that prove the server did not process the request, so its items can go again. */
export function surelyNotProcessed(error: unknown): boolean {
  // The destination's circuit is open: the client sent nothing.
  if (error instanceof CircuitOpenError) return true;
  if (error instanceof ApiError) return error.status >= 400 && error.status < 500 && error.status !== 408;
  if (error instanceof ConnectionError) {
    const code = (error.cause as { code?: string } | undefined)?.code;
    return code === 'ECONNREFUSED';
  }
  return false;
}

/**
 * Whether a failure that proves nothing was processed spends one of the items' attempts. A 429 (the
 * rate budget) and an open circuit (the destination is down) are about the service, not the items:
 * an outage of any length must not dead-letter them.
 */
export function countsAsAttempt(error: unknown): boolean {
  if (error instanceof CircuitOpenError) return false;
  return !(error instanceof ApiError && error.status === 429);
}

/** Whether an error is the fail-fast of an open circuit (log it through the circuit, not once per call). */
export function isCircuitOpen(error: unknown): error is CircuitOpenError {
  return error instanceof CircuitOpenError;
}

/** The wait before attempt `attempts + 1`: exponential from `baseDelayMs`, with jitter, capped. */
export function retryDelayMs(attempts: number, baseDelayMs: number): number {
  return backoffDelayMs(attempts, { ...DEFAULT_RETRY, baseDelayMs, maxDelayMs: MAX_RETRY_DELAY_MS });
}

/** A refusal of the items themselves (not of the credentials, the rate or the server's health). */
export function isRefusal(error: unknown): boolean {
  return (
    error instanceof ValidationError ||
    (error instanceof ApiError && [400, 409, 413, 422].includes(error.status))
  );
}

/**
 * Sends a batch; when the API refuses it as a whole, sends its items one by one so that one bad item
 * cannot hold the others back. Other failures are thrown (the caller retries the round).
 */
export async function sendIsolated<I, R>(
  items: I[],
  send: (batch: I[]) => Promise<{ results: R[] }>,
): Promise<{ results: R[]; rejected: Array<{ item: I; error: string }> }> {
  if (items.length === 0) return { results: [], rejected: [] };
  try {
    return { results: (await send(items)).results, rejected: [] };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    if (items.length === 1)
      return { results: [], rejected: [{ item: items[0]!, error: (error as Error).message }] };
  }
  const results: R[] = [];
  const rejected: Array<{ item: I; error: string }> = [];
  for (const item of items) {
    const one = await sendIsolated([item], send);
    results.push(...one.results);
    rejected.push(...one.rejected);
  }
  return { results, rejected };
}
