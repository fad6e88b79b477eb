import { wfmError } from './errors.js';

/**
 * Encodes a page cursor as an opaque `nextPageToken`. The token carries the whole query, because
 * clients (tap-playvox among them) send only `nextPageToken` when they ask for the next page.
 */
export function encodePageToken(cursor: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Decodes a `nextPageToken` of the given kind; 400 when it is not one of ours. */
export function decodePageToken<T extends Record<string, unknown>>(token: string, kind: string): T {
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T & { k?: unknown };
    if (typeof cursor === 'object' && cursor !== null && cursor.k === kind) return cursor;
  } catch {
    // Falls through to the 400 below.
  }
  throw wfmError(400, 'nextPageToken: not a token this endpoint issued', { field: 'nextPageToken' });
}

/**
 * The `pageSize` query parameter, or the default. The contract checked that it is an integer >= 1;
 * the upper bound is a setting (`paging.maxPageSize`), so it is checked here: 400 above it.
 */
export function readPageSize(query: URLSearchParams, fallback: number, max: number): number {
  const raw = query.get('pageSize');
  if (raw === null || raw === '') return fallback;
  const size = Number(raw);
  if (size > max) throw wfmError(400, `pageSize: must be an integer from 1 to ${max}`, { field: 'pageSize' });
  return size;
}
