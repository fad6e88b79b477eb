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
  return undefined;
}

const jsonAnswer = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
});

/** OpenAPI path items of the shared admin API, added to every emulator's document. */
export const ADMIN_OPENAPI_PATHS: Record<string, unknown> = {
  '/_emulator/health': { get: { summary: 'Liveness', responses: { '200': jsonAnswer('{"ok":true}') } } },
  '/_emulator/reset': {
    post: { summary: 'Restore the initial state', responses: { '200': jsonAnswer('reset') } },
  },
  '/_emulator/faults': {
    get: {
      summary: 'Active fault rules',
      responses: { '200': jsonAnswer('the rules, with how often each applied') },
    },
    put: {
      summary: 'Replace the fault rules',
      requestBody: {
        content: {
          'application/json': {
            schema: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  method: { type: 'string' },
                  path: { type: 'string', description: 'regular expression on the path' },
                  probability: { type: 'number', minimum: 0, maximum: 1 },
                  status: { type: 'integer', minimum: 100, maximum: 599 },
                  body: {},
                  retryAfter: { type: 'number', minimum: 0 },
                  delayMs: { type: 'number', minimum: 0 },
                  drop: { type: 'boolean' },
                  truncate: { type: 'boolean' },
                  times: { type: 'integer', minimum: 0 },
                },
              },
            },
          },
        },
      },
      responses: { '200': jsonAnswer('the rules'), '400': jsonAnswer('{"error": "[i].field: rule"}') },
    },
    delete: { summary: 'Remove every fault rule', responses: { '200': jsonAnswer('[]') } },
  },
  '/_emulator/config': {
    get: { summary: 'The configuration', responses: { '200': jsonAnswer('the configuration') } },
    put: {
      summary: 'Merge a partial configuration',
      requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
      responses: {
        '200': jsonAnswer('the merged configuration'),
        '400': jsonAnswer('names the invalid key'),
      },
    },
  },
  '/_emulator/stats': {
    get: { summary: 'Request counts by route and status', responses: { '200': jsonAnswer('counts') } },
  },
  '/_emulator/openapi.json': {
    get: { summary: 'This document', responses: { '200': jsonAnswer('OpenAPI 3.1') } },
  },
};

/** The emulator's OpenAPI document with the admin paths added (its own paths win on a clash). */
export function withAdminPaths(document: unknown): unknown {
  if (!isPlainObject(document) || !isPlainObject(document.paths)) return document;
  return { ...document, paths: { ...ADMIN_OPENAPI_PATHS, ...document.paths } };
}
