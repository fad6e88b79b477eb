import type { RouteContext, RouteResponse } from '@voxbridge/emulator-kit';
import type { PlayvoxEmulatorConfig } from '../config.js';
import { notFound } from '../errors.js';
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
