import { ApiError, scrubSecrets, VoxbridgeError } from '@voxbridge/core';
import type { GladlyErrorDetail } from './wire/index.js';

export type { GladlyErrorDetail } from './wire/index.js';

/** Reads the `errors` list of a Gladly error body; empty when the body has another shape. */
export function errorDetailsOf(body: unknown): GladlyErrorDetail[] {
  const list = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(list)) return [];
  return list
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .map((entry) => ({
      ...(typeof entry.attr === 'string' ? { attr: entry.attr } : {}),
      code: typeof entry.code === 'string' ? entry.code : 'unknown',
      ...(typeof entry.detail === 'string' ? { detail: entry.detail } : {}),
    }));
}

/** `attr: detail (code)` for each entry, joined with `; `. */
export function describeErrors(errors: readonly GladlyErrorDetail[]): string {
  return errors
    .map((error) => `${error.attr ? `${error.attr}: ` : ''}${error.detail ?? error.code} (${error.code})`)
    .join('; ');
}

/**
 * A Gladly API error answer. It is a core {@link ApiError} (status, headers, redacted body, request)
 * that also exposes Gladly's `errors` list; `cause` is the core error class for the status
 * (`NotFoundError`, `RateLimitError`, …), so either can be tested with `instanceof`.
 */
export class GladlyApiError extends ApiError {
  override name = 'GladlyApiError';
  /** Gladly's error entries, in the order the server sent them. */
  readonly errors: GladlyErrorDetail[];
  /** The core error for the status (`NotFoundError`, `RateLimitError`, …). */
  declare readonly cause: ApiError;

  constructor(error: ApiError, secrets: Iterable<string | undefined> = [], message?: string) {
    const errors = errorDetailsOf(error.body);
    const where = error.request ? `${error.request.method} ${error.request.path}` : 'request';
    const text =
      message ??
      (errors.length > 0 ? `${where} failed with ${error.status}: ${describeErrors(errors)}` : error.message);
    super(error.status, error.body, error.headers, error.request, scrubSecrets(text, secrets));
    this.errors = errors;
    Object.defineProperty(this, 'cause', {
      value: error,
      enumerable: false,
      configurable: true,
      writable: false,
    });
  }

  /** True when some entry has this code (and this attr, when given). */
  has(code: string, attr?: string): boolean {
    return this.errors.some((error) => error.code === code && (attr === undefined || error.attr === attr));
  }
}

/** `webhooks.delete` was asked to delete a webhook that is still enabled (Gladly answers 400). */
export class WebhookEnabledError extends GladlyApiError {
  override name = 'WebhookEnabledError';
  /** The webhook that is still enabled. */
  readonly webhookId: string;

  constructor(error: ApiError, webhookId: string, secrets: Iterable<string | undefined> = []) {
    super(
      error,
      secrets,
      `webhook ${webhookId} is enabled and cannot be deleted: disable it first (webhooks.update(id, { enabled: false })) or call webhooks.delete(id, { disableFirst: true })`,
    );
    this.webhookId = webhookId;
  }
}

/** The Events API stream carried something that is not a JSON event line. */
export class EventStreamError extends VoxbridgeError {
  override name = 'EventStreamError';
  /** 1-based line number in the stream. */
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}
