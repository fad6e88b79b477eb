import { redactHeaders, redactValue } from './redact.js';
import { serverRequestedDelayMs } from './retry.js';

/** Base class of every error raised by voxbridge clients. */
export class VoxbridgeError extends Error {
  override name = 'VoxbridgeError';
}

/** A request that could not be sent because an argument broke a documented rule. */
export class ValidationError extends VoxbridgeError {
  override name = 'ValidationError';
  /** The offending field, as a dotted path (`metadata[2].field_id`). */
  readonly field: string;
  /** The rule that was broken, in words (`must be 3-30 characters of a-z and _`). */
  readonly rule: string;

  constructor(field: string, rule: string) {
    super(`${field}: ${rule}`);
    this.field = field;
    this.rule = rule;
  }
}

/** What an {@link ApiError} knows about the request that failed; secrets already redacted. */
export interface RequestSummary {
  method: string;
  /** Path and query of the request, relative to the host. */
  path: string;
  host: string;
}

/** The server answered with a status that is not a success. */
export class ApiError extends VoxbridgeError {
  override name = 'ApiError';
  /** HTTP status code. */
  readonly status: number;
  /** Parsed JSON body (or text) of the error response, with secret fields redacted. */
  readonly body: unknown;
  /** Response headers (lower-case names), with secret headers such as `set-cookie` redacted. */
  readonly headers: Record<string, string>;
  /** The server's request id, from `x-request-id` or a similar header, when it sent one. */
  readonly requestId: string | undefined;
  /** The request that failed. */
  readonly request: RequestSummary | undefined;
  /**
   * How long the server asked the caller to wait (`Retry-After` and similar), in ms. Set on 429 and 503
   * answers that carried such a header, including a wait longer than the retry policy honours, so that a
   * caller can checkpoint and resume later.
   */
  readonly retryAfterMs: number | undefined;

  constructor(
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    request?: RequestSummary,
    message?: string,
  ) {
    super(message ?? ApiError.describe(status, body, request));
    this.status = status;
    this.body = redactValue(body);
    this.headers = redactHeaders(headers);
    this.requestId = requestIdFrom(headers);
    this.request = request;
    this.retryAfterMs =
      status === 429 || status === 503 ? serverRequestedDelayMs(headers, Date.now(), status) : undefined;
  }

  /** Builds the subclass that matches `status`. */
  static from(
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    request?: RequestSummary,
  ): ApiError {
    const Class = statusClasses[status] ?? (status >= 500 ? InternalServerError : ApiError);
    return new Class(status, body, headers, request);
  }

  private static describe(status: number, body: unknown, request?: RequestSummary): string {
    const where = request ? `${request.method} ${request.path}` : 'request';
    return `${where} failed with ${status}${summarizeBody(body)}`;
  }
}

/** The server's request id from the usual response headers (lower-case names), if any. */
export function requestIdFrom(headers: Record<string, string>): string | undefined {
  return (
    headers['x-request-id'] ??
    headers['request-id'] ??
    headers['x-amzn-requestid'] ??
    headers['x-correlation-id']
  );
}

/** Extracts a short human-readable reason from common error body shapes. */
function summarizeBody(body: unknown): string {
  if (body === undefined || body === null || body === '') return '';
  if (typeof body === 'string') return `: ${body.slice(0, 300)}`;
  if (typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const error = b.error as Record<string, unknown> | string | undefined;
    const message =
      (typeof error === 'object' && error && typeof error.message === 'string' && error.message) ||
      (typeof error === 'string' && error) ||
      (typeof b.message === 'string' && b.message) ||
      (Array.isArray(b.errors) && b.errors.length > 0 && JSON.stringify(redactValue(b.errors)).slice(0, 300));
    if (message) return `: ${message}`;
    return `: ${JSON.stringify(redactValue(body)).slice(0, 300)}`;
  }
  return '';
}

/** 400 Bad Request. */
export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
}
/** 401 Unauthorized: missing, wrong or expired credentials. */
export class AuthenticationError extends ApiError {
  override name = 'AuthenticationError';
}
/** 403 Forbidden. */
export class PermissionDeniedError extends ApiError {
  override name = 'PermissionDeniedError';
}
/** 404 Not Found. */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
}
/** 409 Conflict. */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
}
/** 422 Unprocessable Entity. */
export class UnprocessableEntityError extends ApiError {
  override name = 'UnprocessableEntityError';
}
/** 429 Too Many Requests, after the retries the policy allows. */
export class RateLimitError extends ApiError {
  override name = 'RateLimitError';
}
/** Any 5xx answer, after the retries the policy allows. */
export class InternalServerError extends ApiError {
  override name = 'InternalServerError';
}

const statusClasses: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The connection failed before a complete answer arrived (refused, reset, DNS, TLS, cut body). */
export class ConnectionError extends VoxbridgeError {
  override name = 'ConnectionError';
  /** The request that failed. */
  readonly request: RequestSummary | undefined;
  constructor(message: string, request?: RequestSummary, options?: { cause?: unknown }) {
    super(message, options);
    this.request = request;
  }
}

/** An attempt took longer than its timeout. */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError';
}

/** The caller aborted the request through its `signal`. Never retried. */
export class AbortError extends VoxbridgeError {
  override name = 'AbortError';
}
