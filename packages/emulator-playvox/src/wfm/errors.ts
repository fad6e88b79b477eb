import { HttpError } from '@voxbridge/emulator-kit';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'validation_failed',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'unavailable',
  504: 'gateway_timeout',
};

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
