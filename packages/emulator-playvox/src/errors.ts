import { HttpError } from '@voxbridge/emulator-kit';
import type { qa } from '@voxbridge/playvox/wire';
import type { z } from 'zod';

/** One broken rule: the field (a dotted path such as `comments[0].type`) and `<field>: <rule>`. */
export type FieldProblem = z.infer<typeof qa.fieldProblem>;

/** Body of every error answer: `{ success: false, error: {...}, errors: [...] }` (the contract's `errorBody`). */
export type PlayvoxErrorBody = z.infer<typeof qa.errorBody>;

/** The `error` object of a Playvox error answer; `message` is `<field>: <rule>` when a field is at fault. */
export type PlayvoxErrorDetail = PlayvoxErrorBody['error'];

const FIELD_PREFIX = /^([A-Za-z_][\w.[\]-]*): /;

/** The error code of each HTTP status in Playvox QA's error bodies. */
export const ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'validation_error',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** The error code sent for an HTTP status. */
export function errorCode(status: number): string {
  return ERROR_CODES[status] ?? (status >= 500 ? 'server_error' : 'error');
}

/**
 * The emulator's error body for a status and message. `details.field` names the field at fault,
 * `details.problems` lists every broken rule (the first one becomes `error`).
 */
export function playvoxErrorBody(
  status: number,
  message: string,
  details?: Record<string, unknown>,
): PlayvoxErrorBody {
  const problems = Array.isArray(details?.problems) ? (details.problems as FieldProblem[]) : [];
  // Messages from the kit (malformed JSON, bad config) follow the same `<field>: <rule>` form.
  const field =
    typeof details?.field === 'string'
      ? details.field
      : (problems[0]?.field ?? FIELD_PREFIX.exec(message)?.[1]);
  const error: PlayvoxErrorDetail = { code: errorCode(status), message };
  if (field !== undefined) error.field = field;
  return {
    success: false,
    error,
    errors: problems.length > 0 ? problems : field !== undefined ? [{ field, message }] : [],
  };
}

/** An `HttpError` for one field: message `<field>: <rule>`. */
export function fieldError(status: number, field: string, rule: string): HttpError {
  const message = `${field}: ${rule}`;
  return new HttpError(status, playvoxErrorBody(status, message, { field, problems: [{ field, message }] }));
}

/** An `HttpError` listing several broken rules (the first one leads). */
export function problemsError(status: number, problems: FieldProblem[]): HttpError {
  const first = problems[0] ?? { field: 'body', message: 'body: invalid' };
  return new HttpError(status, playvoxErrorBody(status, first.message, { field: first.field, problems }));
}

/** A 404 for an unknown id. */
export function notFound(field: string, id: string): HttpError {
  return fieldError(404, field, `no such record '${id}'`);
}

/**
 * Collects broken rules while a body is checked, so that one answer names every problem.
 * Messages are always `<field>: <rule>`.
 */
export class Problems {
  readonly list: FieldProblem[] = [];

  /** Records that `field` breaks `rule`. */
  add(field: string, rule: string): void {
    this.list.push({ field, message: `${field}: ${rule}` });
  }

  /** True when nothing was recorded. */
  get ok(): boolean {
    return this.list.length === 0;
  }

  /** Throws a 422 (or `status`) listing the problems, when there are any. */
  throwIfAny(status = 422): void {
    if (this.list.length > 0) throw problemsError(status, this.list);
  }
}

/** A zod issue path as the emulator names fields: `settings.data_storage_minutes`, `comments[0].type`. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix.replace(/\.$/, '');
  for (const key of path)
    out = typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key);
  return out || 'body';
}

/** Records every rule of a contract schema that `value` breaks (`prefix` names a bulk item's part). */
export function addContractProblems(
  problems: Problems,
  schema: z.ZodType,
  value: unknown,
  prefix = '',
): void {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    for (const issue of parsed.error.issues) problems.add(fieldPath(issue.path, prefix), issue.message);
}

/**
 * Checks a value against a contract schema and answers 422 naming every broken rule (`<field>: <rule>`).
 * Routes call it after their own checks, which give Playvox's exact messages and statuses (404 before
 * 422, a 400 for a bad list parameter); the contract then refuses whatever those checks let through.
 */
export function conform(schema: z.ZodType, value: unknown): void {
  const problems = new Problems();
  addContractProblems(problems, schema, value);
  problems.throwIfAny(422);
}
