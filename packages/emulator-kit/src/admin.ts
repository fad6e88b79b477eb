import type { WireOperation } from '@voxbridge/core';
import { z } from 'zod';
import { openApiDocument } from './contract.js';
import { type FaultSet, parseFaultRules } from './faults.js';
import { isPlainObject } from './merge.js';
import { Router } from './router.js';
import type { BaseEmulatorConfig, EmulatorDefinition, EmulatorStats } from './types.js';

/** What the admin routes operate on. */
export interface AdminParts<C extends BaseEmulatorConfig> {
  definition: EmulatorDefinition<C>;
  getConfig: () => C;
  /** Merges and validates a partial configuration; throws an `HttpError` 400 naming the key. */
  configure: (patch: unknown) => C;
  faults: FaultSet;
  stats: () => EmulatorStats;
  reset: () => void;
}

/**
 * The shared admin API, mounted under `/_emulator/`: health, reset, faults, config, stats and the
 * OpenAPI document, plus the emulator's own admin routes.
 */
export function buildAdminRouter<C extends BaseEmulatorConfig>(parts: AdminParts<C>): Router {
  const { definition, faults } = parts;
  const router = new Router()
    .get('/health', () => ({ status: 200, body: { ok: true, emulator: definition.name } }))
    .post('/reset', () => {
      parts.reset();
      return { status: 200, body: { ok: true } };
    })
    .get('/faults', () => ({ status: 200, body: faults.list() }))
    .put('/faults', (ctx) => {
      const rules = parseFaultRules(ctx.body);
      if (typeof rules === 'string') return { status: 400, body: { error: rules } };
      faults.set(rules);
      return { status: 200, body: faults.list() };
    })
    .delete('/faults', () => {
      faults.clear();
      return { status: 200, body: [] };
    })
    .get('/config', () => ({ status: 200, body: parts.getConfig() }))
    .put('/config', (ctx) => ({ status: 200, body: parts.configure(ctx.body) }))
    .get('/stats', () => ({ status: 200, body: parts.stats() }))
    .get('/openapi.json', () => ({ status: 200, body: withAdminPaths(definition.openapi()) }));
  for (const route of definition.adminRouter?.routes ?? []) router.routes.push(route);
  return router;
}

/**
 * Accepts the shorthand `{"requestsPerMinute": N}` for `{"rateLimit": {"requestsPerMinute": N}}`, unless
 * the emulator's configuration has a top-level key of that name itself.
 */
export function normalizeConfigPatch(
  patch: Record<string, unknown>,
  defaults: object,
): Record<string, unknown> {
  if (!('requestsPerMinute' in patch) || 'requestsPerMinute' in defaults) return patch;
  const { requestsPerMinute, ...rest } = patch;
  const rateLimit = isPlainObject(rest.rateLimit) ? rest.rateLimit : {};
  return { ...rest, rateLimit: { ...rateLimit, requestsPerMinute } };
}

/** Checks the keys every emulator shares; returns a message naming the key, or undefined. */
export function validateBaseConfig(config: BaseEmulatorConfig): string | undefined {
  const limit: unknown = config.rateLimit;
  if (!isPlainObject(limit)) return 'rateLimit: must be an object';
  const perMinute = limit.requestsPerMinute;
  if (!(Number.isInteger(perMinute) && (perMinute as number) >= 0)) {
    return 'rateLimit.requestsPerMinute: must be an integer >= 0 (0 means no limit)';
  }
  const windowMs = limit.windowMs;
  if (windowMs !== undefined && !(Number.isInteger(windowMs) && (windowMs as number) > 0)) {
    return 'rateLimit.windowMs: must be a positive integer';
  }
  if (config.gzip !== undefined && typeof config.gzip !== 'boolean') return 'gzip: must be true or false';
  const maxBody = config.maxBodyBytes;
  if (maxBody !== undefined && !(Number.isInteger(maxBody) && maxBody > 0)) {
    return `maxBodyBytes: must be a positive integer, got ${JSON.stringify(maxBody)}`;
  }
  return undefined;
}

const anyObject = z.record(z.string(), z.unknown());
const admin = (
  operationId: string,
  method: WireOperation['method'],
  path: string,
  summary: string,
  answer: string,
  extra: Partial<WireOperation> = {},
): WireOperation => ({
  operationId,
  method,
  path: `/_emulator${path}`,
  summary,
  tags: ['emulator admin'],
  public: true,
  responses: { 200: { description: answer, schema: z.unknown() } },
  ...extra,
});

/** The fault rule `PUT /_emulator/faults` takes (the shape `parseFaultRules` checks). */
const faultRule = z.object({
  method: z.string().optional(),
  path: z.string().describe('regular expression on the path').optional(),
  probability: z.number().min(0).max(1).optional(),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  retryAfter: z.number().min(0).optional(),
  delayMs: z.number().min(0).optional(),
  drop: z.boolean().optional(),
  truncate: z.boolean().optional(),
  times: z.number().int().min(0).optional(),
});

/** The shared admin API as contract operations; every emulator's document includes them. */
export const ADMIN_OPERATIONS: readonly WireOperation[] = [
  admin('emulatorHealth', 'GET', '/health', 'Liveness', '{"ok": true, "emulator": name}', {
    responses: {
      200: { description: 'alive', schema: z.object({ ok: z.literal(true), emulator: z.string() }) },
    },
  }),
  admin('emulatorReset', 'POST', '/reset', 'Restore the initial state', 'reset'),
  admin('emulatorFaults', 'GET', '/faults', 'Active fault rules', 'the rules, with how often each applied'),
  admin('emulatorSetFaults', 'PUT', '/faults', 'Replace the fault rules', 'the rules', {
    body: z.array(faultRule),
    responses: {
      200: { description: 'the rules', schema: z.array(anyObject) },
      400: {
        description: 'names the rule and field: `[i].field: rule`',
        schema: z.object({ error: z.string() }),
      },
    },
  }),
  admin('emulatorClearFaults', 'DELETE', '/faults', 'Remove every fault rule', '[]'),
  admin('emulatorConfig', 'GET', '/config', 'The configuration', 'the configuration'),
  admin('emulatorConfigure', 'PUT', '/config', 'Merge a partial configuration', 'the merged configuration', {
    body: anyObject,
    responses: {
      200: { description: 'the merged configuration', schema: anyObject },
      400: { description: 'names the invalid key', schema: z.unknown() },
    },
  }),
  admin('emulatorStats', 'GET', '/stats', 'Request counts by route and status', 'counts'),
  admin('emulatorOpenApi', 'GET', '/openapi.json', 'This document', 'OpenAPI 3.1'),
];

/** The emulator's OpenAPI document with the shared admin paths added (its own paths win on a clash). */
export function withAdminPaths(document: unknown): unknown {
  if (!isPlainObject(document) || !isPlainObject(document.paths)) return document;
  const adminPaths = openApiDocument({ title: 'admin', version: '1' }, ADMIN_OPERATIONS).paths as object;
  return { ...document, paths: { ...adminPaths, ...document.paths } };
}
