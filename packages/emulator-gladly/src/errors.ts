import { HttpError } from '@voxbridge/emulator-kit';
import type { FieldError } from './webhooks.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_exist',
  405: 'method_not_allowed',
  409: 'invalid_state',
  429: 'too_many_requests',
};

/** Gladly's error body: `{ errors: [{ attr?, code, detail }] }`. */
export function gladlyErrorBody(
  status: number,
  message: string,
  details?: Record<string, unknown>,
): { errors: FieldError[] } {
  const attr = typeof details?.attr === 'string' ? details.attr : undefined;
  const code =
    typeof details?.code === 'string'
      ? details.code
      : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'invalid'));
  return { errors: [{ ...(attr ? { attr } : {}), code, detail: message }] };
}

/** An HttpError carrying Gladly's error body with one or more entries. */
export function gladlyError(
  status: number,
  errors: FieldError | FieldError[],
  headers?: Record<string, string>,
): HttpError {
  return new HttpError(status, { errors: Array.isArray(errors) ? errors : [errors] }, headers);
}

/** 404 for an unknown id, worded like Gladly's examples (`conversation does not exist`). */
export function notFound(what: string): HttpError {
  return gladlyError(404, { code: 'not_exist', detail: `${what} does not exist` });
}
