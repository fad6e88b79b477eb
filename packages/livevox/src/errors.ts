import { ApiError, BadRequestError, VoxbridgeError } from '@voxbridge/core';
import type { LiveVoxErrorBody } from './types/common.js';

export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  UnprocessableEntityError,
  ValidationError,
  VoxbridgeError,
} from '@voxbridge/core';

/** The application code LiveVox puts in a 400 body when a feed token is older than 24 hours. */
export const TOKEN_EXPIRED_CODE = 202;

/**
 * A feed was given a token older than the 24 hours LiveVox keeps events for (the API answers 400 with
 * `{"code":202,"message":"Time … is more than 24 hours old …"}`). The events after that token are gone
 * from the feed; the Reporting API's Call Event Recovery Report is the documented way to recover them.
 * Start a new feed without a token to continue from now.
 */
export class TokenExpiredError extends BadRequestError {
  override name = 'TokenExpiredError';

  /** Wraps the 400 answer the feed gave. */
  constructor(cause: ApiError) {
    super(
      cause.status,
      cause.body,
      cause.headers,
      cause.request,
      `${cause.message} (the feed token is older than 24 hours)`,
    );
  }

  /** True when `error` is the feed's "token older than 24 hours" answer. */
  static matches(error: unknown): error is ApiError {
    if (!(error instanceof ApiError) || error.status !== 400) return false;
    const code = (error.body as Partial<LiveVoxErrorBody> | undefined)?.code;
    return Number(code) === TOKEN_EXPIRED_CODE;
  }
}

/**
 * LiveVox answered 2xx with something the client cannot use: a login without a `sessionId`, a feed batch
 * without a token, an SSE message that is not JSON or an event without an `eventId`. A feed raises it
 * instead of restarting from an empty token, which would silently skip or repeat events.
 */
export class LiveVoxProtocolError extends VoxbridgeError {
  override name = 'LiveVoxProtocolError';
}
