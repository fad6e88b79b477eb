import type { HttpResponse, QueryValue, RequestOptions } from '@voxbridge/core';
import { ValidationError } from '@voxbridge/core';
import type { CallRef } from './types/common.js';

/** Sends one authenticated request (session headers, one re-login on 401, the core retry policy). */
export type Send = <T>(request: RequestOptions) => Promise<HttpResponse<T>>;

/**
 * A path segment for a LiveVox URL. `@` and `:` are legal in a path segment and appear in call session
 * ids (`U70D91T533151E6@10.40.88.32`), so they are kept as the seeds show them.
 */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value)).replace(/%40/g, '@').replace(/%3A/gi, ':');
}

/** Checks a call reference and returns its parts for a path or query. */
export function checkCallRef(
  ref: CallRef,
  field = 'ref',
): { session: string; transactionId: string; client: string | undefined } {
  if (typeof ref !== 'object' || ref === null)
    throw new ValidationError(field, 'must be an object { session, transactionId, client? }');
  if (typeof ref.session !== 'string' || ref.session.trim() === '')
    throw new ValidationError(`${field}.session`, 'must be a non-empty string (the call session id)');
  const transactionId = String(ref.transactionId ?? '');
  if (!/^\d+$/.test(transactionId))
    throw new ValidationError(
      `${field}.transactionId`,
      'must be an integer (a number or a string of digits)',
    );
  let client: string | undefined;
  if (ref.client !== undefined && ref.client !== null) {
    client = String(ref.client);
    if (!/^\d+$/.test(client)) throw new ValidationError(`${field}.client`, 'must be an integer id');
  }
  return { session: ref.session, transactionId, client };
}

/** The `client` query parameter, left out when absent. */
export function clientQuery(client: string | undefined): Record<string, QueryValue> | undefined {
  return client === undefined ? undefined : { client };
}
