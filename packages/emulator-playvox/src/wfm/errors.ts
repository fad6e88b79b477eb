import { HttpError } from '@voxbridge/emulator-kit';
import { ERROR_CODES } from '../errors.js';

/** WFM's error codes: QA's, but for 422 and 503. */
const CODES: Record<number, string> = { ...ERROR_CODES, 422: 'validation_failed', 503: 'unavailable' };

/**
 * The emulator's error body, `{ "error": { "status", "code", "message", "field"? } }` (the contract's
 * `wfmErrorBody`). Playvox WFM's real error body is not public; this shape is a documented assumption.
 */
export function wfmErrorBody(status: number, message: string, details?: Record<string, unknown>): unknown {
  return { error: { status, code: CODES[status] ?? 'error', message, ...details } };
}

/** An answer with the emulator's error body. */
export function wfmError(status: number, message: string, details?: Record<string, unknown>): HttpError {
  return new HttpError(status, wfmErrorBody(status, message, details));
}
