import { isPlainObject, type RouteContext, type Router } from '@voxbridge/emulator-kit';
import {
  deleteCallContext,
  deleteCallContextKey,
  readCallContext,
  readCallContextKey,
  updateCallContext,
} from '@voxbridge/livevox/wire';
import type { LiveVoxRuntime } from '../context.js';
import { serve } from '../contract.js';
import { bodyObject, checkClientParam, integerParam, lvError, NO_CONTENT, ok } from '../http-util.js';

/** The call a Context Data path names. */
function callOf(ctx: RouteContext): { session: string; tx: number; account: string } {
  checkClientParam(ctx);
  const { session = '', txId = '', account = '' } = ctx.params;
  return { session, tx: integerParam('txId', txId), account };
}

/** Parses the `entry` list of an update: keys are non-empty strings, values optional strings. */
function parseEntries(body: Record<string, unknown>): Array<{ key: string; value?: string }> {
  if (!Array.isArray(body.entry)) throw lvError(400, 'entry: must be a list of {"key", "value"}');
  return body.entry.map((item, i) => {
    if (!isPlainObject(item)) throw lvError(400, `entry[${i}]: must be an object`);
    if (typeof item.key !== 'string' || item.key === '')
      throw lvError(400, `entry[${i}].key: must be a non-empty string`);
    if (item.value !== undefined && item.value !== null && typeof item.value !== 'string')
      throw lvError(400, `entry[${i}].value: must be a string`);
    return item.value === undefined || item.value === null
      ? { key: item.key }
      : { key: item.key, value: item.value };
  });
}

/**
 * Adds the Call Context Data methods. As the seed shows: reading a call without context data
 * answers 204, deleting it answers 404; keys are case-sensitive and a key may have no value.
 */
export function addContextDataRoutes(router: Router, runtime: LiveVoxRuntime): void {
  const store = runtime.contextData;
  serve(router, readCallContext, (ctx) => {
    const { session, tx, account } = callOf(ctx);
    const entries = store.read(session, tx, account);
    if (!entries) return NO_CONTENT;
    return ok({
      entry: [...entries].map(([key, value]) => (value === undefined ? { key } : { key, value })),
    });
  });
  serve(router, readCallContextKey, (ctx) => {
    const { session, tx, account } = callOf(ctx);
    const entries = store.read(session, tx, account);
    const key = ctx.params.key ?? '';
    if (!entries?.has(key)) throw lvError(404, `No context data key "${key}" for this call`);
    return ok({ value: entries.get(key) ?? null });
  });
  serve(router, updateCallContext, (ctx) => {
    const { session, tx, account } = callOf(ctx);
    store.update(session, tx, account, parseEntries(bodyObject(ctx)));
    return NO_CONTENT;
  });
  serve(router, deleteCallContext, (ctx) => {
    const { session, tx, account } = callOf(ctx);
    if (!store.deleteAll(session, tx, account)) throw lvError(404, 'No context data for this call');
    return NO_CONTENT;
  });
  serve(router, deleteCallContextKey, (ctx) => {
    const { session, tx, account } = callOf(ctx);
    const key = ctx.params.key ?? '';
    if (!store.deleteKey(session, tx, account, key))
      throw lvError(404, `No context data key "${key}" for this call`);
    return NO_CONTENT;
  });
}
