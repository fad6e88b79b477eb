/**
 * The Playvox envelope on top of core's HttpClient: `success` checks, where new ids live, and list
 * pages. Every request goes through the one HttpClient (retry, timeout, rate limit, redaction).
 */
import {
  type HttpClient,
  type HttpMethod,
  PagePromise,
  type QueryValue,
  type RequestSummary,
  redactUrl,
} from '@voxbridge/core';
import { PlayvoxResponseError } from './errors.js';
import { listQuery } from './serialize.js';
import type { ListParams, PlayvoxPage } from './types.js';
import { requireId } from './validation.js';

/** Per-call options every method accepts as its last argument. */
export interface CallOptions {
  /** Aborts the call (and any retry wait). */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, overriding the client's. */
  timeoutMs?: number;
}

/** A parsed success answer. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** Describes the request, for error messages. */
  summary: () => RequestSummary;
}

/** Encodes one path segment (an id); ids were validated non-empty before. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}

/** A caller's id as a path segment, checked first (`field` names it in the ValidationError). */
export function idSegment(id: unknown, field: string): string {
  return segment(requireId(id, field));
}

/** Sends Playvox requests and unwraps the envelope. Internal to the client's resources. */
export class PlayvoxTransport {
  readonly http: HttpClient;

  constructor(http: HttpClient) {
    this.http = http;
  }

  /**
   * Sends a request and returns the success envelope. POSTs are never marked retry-safe: Playvox
   * does not deduplicate, so only core's "never reached the server" rule may repeat them.
   */
  async send(
    method: HttpMethod,
    path: string,
    options: CallOptions & {
      query?: Record<string, QueryValue>;
      body?: unknown;
      /** The body's media type when it is a Buffer (a multipart upload). */
      contentType?: string;
      /** Marks a POST safe to repeat (only a caller that accepts a repeat's effect may say so). */
      retrySafe?: boolean;
    } = {},
  ): Promise<Answer> {
    const res = await this.http.request<unknown>({
      method,
      path,
      query: options.query,
      body: options.body,
      contentType: options.contentType,
      retrySafe: options.retrySafe,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    // Only a contract error needs the request's description, so it is built on demand.
    const summary = (): RequestSummary => {
      const url = this.http.url(path, options.query);
      return { method, host: url.host, path: redactUrl(url.toString()).slice(url.origin.length) };
    };
    // A write answered with an empty body (204) still succeeded; anything else must be the envelope.
    if (res.body === undefined && method !== 'GET')
      return { status: res.status, headers: res.headers, body: { success: true }, summary };
    if (typeof res.body !== 'object' || res.body === null || Array.isArray(res.body)) {
      throw new PlayvoxResponseError(
        'expected a JSON object envelope',
        res.status,
        res.body,
        res.headers,
        summary(),
      );
    }
    const body = res.body as Record<string, unknown>;
    if (body.success === false)
      throw new PlayvoxResponseError(
        'the server answered success:false',
        res.status,
        body,
        res.headers,
        summary(),
      );
    return { status: res.status, headers: res.headers, body, summary };
  }

  /** GET of one object: its `result`. */
  async getResult<T>(
    path: string,
    options: CallOptions & { query?: Record<string, QueryValue> } = {},
  ): Promise<T> {
    const answer = await this.send('GET', path, options);
    if (answer.body.result === undefined || answer.body.result === null) {
      throw new PlayvoxResponseError(
        'the answer has no result',
        answer.status,
        answer.body,
        answer.headers,
        answer.summary(),
      );
    }
    return answer.body.result as T;
  }

  /** A write whose answer carries no new id. */
  async write(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    options: CallOptions = {},
  ): Promise<void> {
    await this.send(method, path, { ...options, body });
  }

  /** A create whose new id is the top-level `_id` (integrations, interactions). */
  async createTopLevelId(path: string, body: unknown, options: CallOptions = {}): Promise<string> {
    const answer = await this.send('POST', path, { ...options, body });
    return requireIdIn(answer, answer.body._id, '_id');
  }

  /** A create whose new id is `result._id` (teams, users, comments, bulk jobs). */
  async createResultId(path: string, body: unknown, options: CallOptions = {}): Promise<string> {
    const answer = await this.send('POST', path, { ...options, body });
    const result = answer.body.result as Record<string, unknown> | undefined;
    return requireIdIn(answer, result?._id, 'result._id');
  }

  /** A POST whose whole envelope the caller reads (metadata create, campaign metrics). */
  async post(path: string, body: unknown, options: CallOptions = {}): Promise<Answer> {
    return this.send('POST', path, { ...options, body });
  }

  /** Fails with a contract error naming what is missing. */
  contractError(answer: Answer, message: string): PlayvoxResponseError {
    return new PlayvoxResponseError(message, answer.status, answer.body, answer.headers, answer.summary());
  }

  /**
   * A paginated collection: awaiting gives one page, `for await` gives every item of every page
   * (asking for `page + 1` with the same size until `next_page` is false or a page is empty).
   */
  list<T>(path: string, params: ListParams = {}, options: CallOptions = {}): PagePromise<PlayvoxPage<T>, T> {
    // Validate now, so a bad parameter throws at the call rather than at the first await.
    const firstQuery = listQuery(params);
    const fetchPage = async (query: Record<string, QueryValue>): Promise<PlayvoxPage<T>> => {
      const answer = await this.send('GET', path, { ...options, query });
      const { body } = answer;
      if (!Array.isArray(body.result))
        throw this.contractError(answer, 'a list answer must carry a result array');
      return {
        items: body.result as T[],
        hasNextPage: body.next_page === true,
        page: typeof body.page === 'number' ? body.page : Number(query.page),
        perPage: typeof body.per_page === 'number' ? body.per_page : Number(query.per_page),
        total: typeof body.total === 'number' ? body.total : undefined,
      };
    };
    return new PagePromise<PlayvoxPage<T>, T>({
      first: () => fetchPage(firstQuery),
      next: (previous) => fetchPage({ ...firstQuery, page: previous.page + 1, per_page: previous.perPage }),
      fingerprint: (page) => fingerprintItems(page.items),
    });
  }
}

function requireIdIn(answer: Answer, value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new PlayvoxResponseError(
      `the answer has no ${where}`,
      answer.status,
      answer.body,
      answer.headers,
      answer.summary(),
    );
  }
  return value;
}

/** Ids identify a page cheaply; records without ids fall back to their JSON. */
function fingerprintItems(items: readonly unknown[]): string {
  const ids = items.map((item) => (item as { _id?: unknown } | null)?._id);
  return ids.every((id) => typeof id === 'string') ? ids.join(',') : JSON.stringify(items);
}
