// Helpers of HttpClient's request path (http-client.ts), kept apart so the client stays readable.
import { CircuitBreaker } from './circuit.js';
import { AbortError, type ConnectionError, type RequestSummary, TimeoutError } from './errors.js';
import type { HttpClientOptions, RequestOptions } from './http-types.js';
import type { RequestTarget } from './url.js';

/** One request as its attempts see it; the redacted summary is built only when something prints it. */
export interface Call {
  req: RequestOptions;
  target: RequestTarget;
  crossOrigin: boolean;
  summary: () => RequestSummary;
  /** What the auth strategy sees of this request: one object for all attempts, made on first use. */
  auth?: AuthRequest;
}

/** Headers every request carries unless the client or the request overrides them. */
export const DEFAULT_HEADERS = {
  accept: 'application/json',
  'accept-encoding': 'gzip, deflate',
  'user-agent': 'voxbridge/0.1 (+node)',
} as const;

/** What an auth strategy sees of a request; the redacted path is built only if the strategy reads it. */
export class AuthRequest {
  /** The request's method. */
  readonly method: string;
  readonly #call: Call;
  constructor(call: Call) {
    this.method = call.req.method;
    this.#call = call;
  }
  /** Path and query, secrets redacted. */
  get path(): string {
    return this.#call.summary().path;
  }
}

/** The request's {@link AuthRequest}: one per request, so `onUnauthorized` gets the object `headers` got. */
export function authRequestOf(call: Call): AuthRequest {
  call.auth ??= new AuthRequest(call);
  return call.auth;
}

/** The breaker a client's options ask for: a shared one, a new one, or none. */
export function circuitFor(options: HttpClientOptions, host: string): CircuitBreaker | undefined {
  if (options.circuit instanceof CircuitBreaker) return options.circuit;
  if (options.circuit === false || (options.circuit === undefined && options.destination === undefined))
    return undefined;
  return new CircuitBreaker({ ...options.circuit, destination: options.destination ?? host });
}

/** A short reason for the circuit's events: the failure's code or message, never a body. */
export function failureReason(error: ConnectionError): string {
  if (error instanceof TimeoutError) return 'timeout';
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `connection failed (${code})` : error.message;
}

/** True for a promise or any object with a `then` method. */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

/** The error a caller's abort turns into. */
export function callerAbort(
  signal: AbortSignal | undefined,
  message = 'request aborted by caller',
): AbortError {
  return new AbortError(message, { cause: signal?.reason });
}
