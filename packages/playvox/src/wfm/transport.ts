import { ApiError, type HttpClient, type HttpMethod, PagePromise, type QueryValue } from '@voxbridge/core';
import type { WfmPage } from './types.js';

/** Per-call options every method accepts last. */
export interface WfmCallOptions {
  /** Aborts the call (and any retry wait). */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call. */
  timeoutMs?: number;
}

/** One request's options. */
export type WfmCall = WfmCallOptions & {
  query?: Record<string, QueryValue>;
  body?: unknown;
  retrySafe?: boolean;
};

/**
 * The WFM envelope on top of core's HttpClient: every answer is `{ data, nextPageToken? }`. The token
 * strategy learns which token each call carried from the client itself (`AuthStrategy.onUnauthorized`).
 */
export class WfmTransport {
  /** The client every call of this transport goes through. */
  readonly http: HttpClient;

  /** @param http the client, with the token strategy as its auth */
  constructor(http: HttpClient) {
    this.http = http;
  }

  /** The `data` of an answer; a missing envelope is a contract error. */
  async data<T>(method: HttpMethod, path: string, call: WfmCall = {}): Promise<T> {
    const res = await this.send(method, path, call);
    const body = res.body as { data?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || !('data' in body)) {
      throw this.contractError(res, method, path, 'the answer has no data envelope');
    }
    return body.data as T;
  }

  /** The `data` array of a GET. */
  async dataArray<T>(path: string, options: WfmCallOptions = {}): Promise<T[]> {
    const data = await this.data<unknown>('GET', path, options);
    if (!Array.isArray(data))
      throw this.contractError({ status: 200, headers: {}, body: data }, 'GET', path, 'data is not an array');
    return data as T[];
  }

  /** A `nextPageToken` list; the next page is asked for with the token alone, as tap-playvox does. */
  pages<T>(
    path: string,
    query: Record<string, QueryValue>,
    options: WfmCallOptions = {},
  ): PagePromise<WfmPage<T>, T> {
    const fetchPage = async (pageQuery: Record<string, QueryValue>): Promise<WfmPage<T>> => {
      const res = await this.send('GET', path, { ...options, query: pageQuery });
      const body = res.body as { data?: unknown; nextPageToken?: unknown } | undefined;
      if (!Array.isArray(body?.data))
        throw this.contractError(res, 'GET', path, 'the answer has no data array');
      const token =
        typeof body.nextPageToken === 'string' && body.nextPageToken !== '' ? body.nextPageToken : undefined;
      return { items: body.data as T[], hasNextPage: token !== undefined, nextPageToken: token };
    };
    return new PagePromise<WfmPage<T>, T>({
      first: () => fetchPage(query),
      next: (previous) => fetchPage({ nextPageToken: previous.nextPageToken }),
      // The token names the position, so a server that hands back the same token would loop.
      fingerprint: (page) => `${page.nextPageToken ?? ''}\u0000${JSON.stringify(page.items)}`,
    });
  }

  private send(method: HttpMethod, path: string, call: WfmCall) {
    return this.http.request<unknown>({
      method,
      path,
      query: call.query,
      body: call.body,
      retrySafe: call.retrySafe,
      signal: call.signal,
      timeoutMs: call.timeoutMs,
    });
  }

  private contractError(
    res: { status: number; headers: Record<string, string>; body: unknown },
    method: string,
    path: string,
    problem: string,
  ): ApiError {
    return new ApiError(
      res.status,
      res.body,
      res.headers,
      { method, host: this.http.baseUrl.host, path },
      `${method} ${path}: ${problem}`,
    );
  }
}
