import type { WireOperation } from '@voxbridge/core';
import {
  type Handler,
  type RouteContext,
  type RouteResponse,
  type Router,
  serveOperation,
} from '@voxbridge/emulator-kit';
import type { z } from 'zod';
import type { PlayvoxEmulatorConfig } from '../config.js';
import { conform, notFound } from '../errors.js';
import type { BulkJobRunner } from '../jobs.js';
import { type ListParams, parseListParams } from '../listing.js';
import type { PlayvoxStore } from '../store.js';
import type { IntegrationRecord, InteractionRecord } from '../types.js';

/** Prefix of every API route. */
export const API = '/api/v1';

/** What the route modules share. */
export interface RouteDeps {
  store: PlayvoxStore;
  jobs: BulkJobRunner;
  config: () => PlayvoxEmulatorConfig;
}

/** A 200 answer. */
export function ok(body: unknown): RouteResponse {
  return { status: 200, body };
}

/** `{ success: true }`, the answer of writes without a new id. */
export const SUCCESS: RouteResponse = { status: 200, body: { success: true } };

/** `{ success: true, result }`. */
export function result(value: unknown): RouteResponse {
  return ok({ success: true, result: value });
}

/** The list parameters of a request, checked against the configured limits. */
export function listParams(ctx: RouteContext, deps: RouteDeps): ListParams {
  return parseListParams(ctx.query, deps.config().pagination);
}

/** The integration named by the `:integrationId` path parameter, or a 404. */
export function requireIntegration(ctx: RouteContext, deps: RouteDeps): IntegrationRecord {
  const id = ctx.params.integrationId ?? '';
  const integration = deps.store.integration(id);
  if (!integration) throw notFound('integration_id', id);
  return integration;
}

/** The interaction named by the `:interactionId` path parameter (its Playvox `_id`), or a 404. */
export function requireInteraction(
  ctx: RouteContext,
  deps: RouteDeps,
  integration?: IntegrationRecord,
): InteractionRecord {
  const id = ctx.params.interactionId ?? '';
  const interaction = deps.store.interaction(id);
  if (!interaction || (integration && interaction.integration_id !== integration._id))
    throw notFound('interaction_id', id);
  return interaction;
}

/**
 * Serves a contract operation. The route and its document entry come from the operation; the path
 * parameters are checked before the handler. Bodies are checked by the handler (its own checks, then
 * {@link conform}), and a GET's query is checked against the contract once the handler's own parsing
 * accepted it (a GET changes nothing, so checking after it is safe).
 */
export function serve(router: Router, op: WireOperation, handler: Handler): void {
  const checked: Handler =
    op.method === 'GET' && op.query
      ? async (ctx) => {
          const answer = await handler(ctx);
          conform(op.query as z.ZodType, Object.fromEntries(ctx.query));
          return answer;
        }
      : handler;
  serveOperation(router, { ...op, query: undefined, body: undefined }, checked, { status: 422 });
  // The document lists the whole operation, body and query included.
  router.operations[router.operations.length - 1] = op;
}
