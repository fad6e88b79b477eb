import { ValidationError } from '@voxbridge/core';
import { checkCallRef, clientQuery, type Send, segment } from './transport.js';
import type { ContextEntry, ContextRef } from './types/common.js';

/** Entries to write: an object, a `Map`, or the wire form `[{ key, value }]`. */
export type ContextEntries =
  | Record<string, string | null | undefined>
  | ReadonlyMap<string, string | null | undefined>
  | readonly ContextEntry[];

/**
 * Call Context Data (`lv.context.call`): key/value pairs attached to one call, under
 * `/context/call/{session}/{txId}/{account}[/{key}][?client=]`. Keys are case-sensitive. There is no
 * create method: {@link CallContextData.update} creates keys that do not exist yet.
 */
export class CallContextData {
  private readonly send: Send;

  /** @param send the client's authenticated request function. */
  constructor(send: Send) {
    this.send = send;
  }

  /**
   * Every key/value pair of the call (`GET …/{account}`). Empty when the API answers 204 (the seed's
   * "no Context Data" answer). A key stored without a value maps to `undefined`.
   */
  async get(ref: ContextRef): Promise<Map<string, string | undefined>> {
    const { path, query } = this.location(ref);
    const res = await this.send<{ entry?: ContextEntry[] } | undefined>({ method: 'GET', path, query });
    const out = new Map<string, string | undefined>();
    for (const item of res.body?.entry ?? []) {
      if (item && typeof item.key === 'string') out.set(item.key, item.value ?? undefined);
    }
    return out;
  }

  /** The value of one key (`GET …/{account}/{key}`); `undefined` when the key is absent (404 or 204). */
  async getKey(ref: ContextRef, key: string): Promise<string | undefined> {
    const { path, query } = this.location(ref, key);
    const res = await this.send<{ value?: string | null } | undefined>({
      method: 'GET',
      path,
      query,
      okStatuses: [404],
    });
    if (res.status === 404) return undefined;
    return res.body?.value ?? undefined;
  }

  /**
   * Creates or updates keys (`POST …/{account}` with `{"entry":[{key,value}]}`); keys not mentioned are
   * left as they are. Setting a value again is harmless, so the request is retried like a read.
   */
  async update(ref: ContextRef, entries: ContextEntries): Promise<void> {
    const entry = toEntries(entries);
    const { path, query } = this.location(ref);
    await this.send({ method: 'POST', path, query, body: { entry }, retrySafe: true, responseType: 'none' });
  }

  /** Deletes all Context Data of the call (`DELETE …/{account}`). False when there was none (404). */
  async delete(ref: ContextRef): Promise<boolean> {
    const { path, query } = this.location(ref);
    const res = await this.send({ method: 'DELETE', path, query, okStatuses: [404], responseType: 'none' });
    return res.status !== 404;
  }

  /** Deletes one key (`DELETE …/{account}/{key}`). False when the key did not exist (404). */
  async deleteKey(ref: ContextRef, key: string): Promise<boolean> {
    const { path, query } = this.location(ref, key);
    const res = await this.send({ method: 'DELETE', path, query, okStatuses: [404], responseType: 'none' });
    return res.status !== 404;
  }

  private location(ref: ContextRef, key?: string): { path: string; query: ReturnType<typeof clientQuery> } {
    const { session, transactionId, client } = checkCallRef(ref);
    if (typeof ref.account !== 'string' || ref.account === '')
      throw new ValidationError('ref.account', 'must be a non-empty string');
    let path = `/context/call/${segment(session)}/${transactionId}/${segment(ref.account)}`;
    if (key !== undefined) path += `/${segment(checkKey(key, 'key'))}`;
    return { path, query: clientQuery(client) };
  }
}

/** The Context Data API (`lv.context`). Only Call Context Data is documented. */
export class ContextDataApi {
  /** Key/value pairs attached to a call. */
  readonly call: CallContextData;

  /** @param send the client's authenticated request function. */
  constructor(send: Send) {
    this.call = new CallContextData(send);
  }
}

function checkKey(key: unknown, field: string): string {
  if (typeof key !== 'string' || key === '')
    throw new ValidationError(field, 'must be a non-empty string (keys are case-sensitive)');
  return key;
}

function toEntries(entries: ContextEntries): Array<{ key: string; value?: string | null }> {
  if (typeof entries !== 'object' || entries === null)
    throw new ValidationError('entries', 'must be an object, a Map or an array of { key, value }');
  const pairs: Array<[unknown, unknown]> = Array.isArray(entries)
    ? entries.map((item: ContextEntry) => [item?.key, item?.value])
    : entries instanceof Map
      ? [...entries.entries()]
      : Object.entries(entries);
  if (pairs.length === 0) throw new ValidationError('entries', 'must contain at least one entry');
  return pairs.map(([key, value], i) => {
    checkKey(key, `entries[${i}].key`);
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new ValidationError(`entries[${i}].value`, 'must be a string, null or absent');
    }
    return value === undefined ? { key: key as string } : { key: key as string, value };
  });
}
