import {
  ApiError,
  type HttpClient,
  type HttpResponse,
  type RateLimiter,
  type RequestOptions,
  ValidationError,
} from '@voxbridge/core';
import { GladlyApiError } from './errors.js';

/** What the resource classes share: the HTTP client, Gladly's error typing and the report limiter. */
export class GladlyTransport {
  constructor(
    readonly http: HttpClient,
    /** The second limiter for report POSTs (10 per minute, 2 at once per organisation). */
    readonly reportLimiter: RateLimiter,
    /** Time used to validate `startAt` of the Events API. */
    readonly now: () => number,
    readonly settings: { reportTimeoutMs: number; eventsIdleTimeoutMs: number },
    private readonly secrets: () => Iterable<string | undefined>,
  ) {}

  /** Sends a request; a Gladly error answer becomes a {@link GladlyApiError}. */
  async send<T>(request: RequestOptions): Promise<HttpResponse<T>> {
    try {
      return await this.http.request<T>(request);
    } catch (error) {
      throw this.typed(error);
    }
  }

  /** Sends a request and returns the parsed body. */
  async json<T>(request: RequestOptions): Promise<T> {
    return (await this.send<T>(request)).body;
  }

  /** Turns a core ApiError into a GladlyApiError (other errors pass through). */
  typed(error: unknown): unknown {
    return error instanceof ApiError && !(error instanceof GladlyApiError)
      ? new GladlyApiError(error, this.secrets())
      : error;
  }
}

/** A path segment for an id, refusing empty ids (which would silently hit the list endpoint). */
export function idSegment(id: string, field: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new ValidationError(field, 'must be a non-empty id');
  return encodeURIComponent(id);
}
