import type { WireOperation } from '@voxbridge/core';
import { type Handler, type RouteContext, type Router, serveOperation } from '@voxbridge/emulator-kit';
import type { z } from 'zod';
import type { PlayvoxWfmEmulatorConfig } from './config.js';
import { wfmError } from './errors.js';
import type { WfmState } from './state.js';

/** What every route of the WFM emulator reads. */
export interface WfmRouteDeps {
  state: WfmState;
  config(): PlayvoxWfmEmulatorConfig;
}

/** How a route answers a request that breaks its operation's schemas. */
export interface WfmRules {
  /** The list key of a batch body (`events`, `mappings`, `users`): a broken batch shape is a 400. */
  batch?: string;
  /** The status of a broken body field. Default 422 (a broken query or path parameter is a 400). */
  bodyStatus?: number;
  /** The record a broken `{id}` names: answered 404 `<kind> not found` rather than 400. */
  notFound?: string;
}

/** The body of a request the operation's schemas have parsed. */
export type WfmBody<T extends WireOperation> = T['body'] extends z.ZodType ? z.output<T['body']> : never;

/**
 * `field: rule` of the first problem, with the field written as the emulator names fields
 * (`events.1.timestamp` → `events[1].timestamp`; the whole body is `body`).
 */
export function firstFieldProblem(problems: string): { field: string; rule: string } {
  const first = problems.split('; ')[0] ?? problems;
  const colon = first.indexOf(': ');
  const path = colon < 0 ? '(root)' : first.slice(0, colon);
  const rule = colon < 0 ? first : first.slice(colon + 2);
  if (path === '(root)') return { field: 'body', rule };
  const field = path
    .split('.')
    .map((key, i) => (/^\d+$/.test(key) ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
  return { field, rule };
}

/**
 * Serves a contract operation with the WFM emulator's error answers: a broken query or path parameter
 * is a 400, a broken body field a 422 naming it in `error.field` (a broken batch shape a 400). The
 * kit's validation policy takes a message; throwing the finished answer from it is how the emulator
 * keeps its own statuses and `field` detail.
 */
export function serveWfm<T extends WireOperation>(
  router: Router,
  op: T,
  handler: Handler,
  rules: WfmRules = {},
): Router {
  return serveOperation(router, op, handler, {
    message: (problems, part) => {
      const { field, rule } = firstFieldProblem(problems);
      if (part === 'params' && rules.notFound && field === 'id')
        throw wfmError(404, `${rules.notFound} not found`);
      const batchShape = rules.batch !== undefined && (field === 'body' || field === rules.batch);
      const status = part !== 'body' || batchShape ? 400 : (rules.bodyStatus ?? 422);
      throw wfmError(status, `${field}: ${rule}`, { field });
    },
  });
}

/** A numeric path parameter; undefined when it is not a positive integer. */
export function numericParam(ctx: RouteContext, name: string): number | undefined {
  const value = Number(ctx.params[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** `{ data }`, the envelope of every WFM answer. */
export function ok(data: unknown, status = 200, extra: Record<string, unknown> = {}) {
  return { status, body: { data, ...extra } };
}
