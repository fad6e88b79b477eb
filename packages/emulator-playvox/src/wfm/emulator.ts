import {
  deepMerge,
  type EmulatorDefinition,
  Router,
  type RunningEmulator,
  startEmulator,
} from '@voxbridge/emulator-kit';
import { buildWfmAdminRouter, WFM_ADMIN_OPERATION_LIST } from './admin.js';
import { PLAYVOX_WFM_DEFAULT_CONFIG, type PlayvoxWfmEmulatorConfig, validateWfmConfig } from './config.js';
import type { WfmRouteDeps } from './context.js';
import { wfmOpenApi } from './document.js';
import { wfmErrorBody } from './errors.js';
import { addActivityRoutes } from './routes-activity.js';
import { addMappingRoutes } from './routes-mappings.js';
import { addSetupRoutes, WFM_TOKEN_PATHS } from './routes-setup.js';
import { WfmState } from './state.js';
import { PLAYVOX_WFM_DEFAULT_CREDENTIALS, type WfmCredentials } from './tokens.js';
import { computeTruth, type WfmTruth } from './truth.js';
import type { WfmUserSeed } from './users.js';

/**
 * The WFM API routes, each served from its contract operation (`router.operations` lists them for the
 * generated document).
 */
export function buildWfmRouter(deps: WfmRouteDeps): Router {
  const router = new Router();
  addSetupRoutes(router, deps);
  addActivityRoutes(router, deps);
  addMappingRoutes(router, deps);
  return router;
}

/** Options of {@link startPlayvoxWfmEmulator}. */
export interface PlayvoxWfmEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port); the CLI uses 4011. */
  port?: number;
  /** Merged over {@link PLAYVOX_WFM_DEFAULT_CONFIG}; `POST /_emulator/reset` returns to this. */
  config?: Partial<Omit<PlayvoxWfmEmulatorConfig, 'token' | 'paging' | 'inbound' | 'matching'>> & {
    token?: Partial<PlayvoxWfmEmulatorConfig['token']>;
    paging?: Partial<PlayvoxWfmEmulatorConfig['paging']>;
    inbound?: Partial<PlayvoxWfmEmulatorConfig['inbound']>;
    matching?: Partial<PlayvoxWfmEmulatorConfig['matching']>;
  };
  /** Seed of the generated users. Default 1. */
  seed?: number;
  /** How many users to generate. Default 20. */
  userCount?: number;
  /** Explicit users instead of generated ones (to share emails with another emulator's agents). */
  users?: WfmUserSeed[];
  /** Access keys accepted at the token endpoint. Default [{@link PLAYVOX_WFM_DEFAULT_CREDENTIALS}]. */
  credentials?: WfmCredentials[];
}

/** A running WFM emulator: the kit's handle plus direct access to the in-process state. */
export interface PlayvoxWfmEmulator extends RunningEmulator<PlayvoxWfmEmulatorConfig> {
  /** Users, task definitions, workstreams, tokens, statuses and contacts, live. */
  state: WfmState;
  /** What the emulator received and made of it (the same as `GET /_emulator/truth`). */
  truth(): WfmTruth;
}

/**
 * Starts the Playvox WFM emulator on its own port: the token endpoint, users, task definitions,
 * workstreams, work-activity reads, agent metrics and the (designed) inbound endpoints, with the
 * kit's `/_emulator/` admin API plus `truth`, `clock`, `tokens`, `users` and `unmatched`.
 */
export async function startPlayvoxWfmEmulator(
  options: PlayvoxWfmEmulatorOptions = {},
): Promise<PlayvoxWfmEmulator> {
  const defaultConfig = deepMerge(PLAYVOX_WFM_DEFAULT_CONFIG, options.config ?? {});
  const problem = validateWfmConfig(defaultConfig);
  if (problem) throw new RangeError(`invalid Playvox WFM emulator config: ${problem}`);
  const state = new WfmState({
    seed: options.seed ?? 1,
    credentials: options.credentials ?? [PLAYVOX_WFM_DEFAULT_CREDENTIALS],
    ...(options.userCount !== undefined ? { userCount: options.userCount } : {}),
    ...(options.users !== undefined ? { users: options.users } : {}),
  });
  let config = defaultConfig;
  const router = buildWfmRouter({ state, config: () => config });

  const definition: EmulatorDefinition<PlayvoxWfmEmulatorConfig> = {
    name: 'playvox-wfm',
    router,
    adminRouter: buildWfmAdminRouter(state),
    defaultConfig,
    validateConfig: validateWfmConfig,
    onConfig: (next) => {
      config = next;
    },
    authenticate: (ctx) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(String(ctx.headers.authorization ?? ''));
      return bearer ? state.tokens.check(bearer[1]!, state.clock.now()) : undefined;
    },
    publicRoutes: WFM_TOKEN_PATHS.map((path) => `POST ${path}`),
    errorBody: wfmErrorBody,
    reset: () => state.reset(),
    // Generated from the operations the router serves, so the document cannot miss a route.
    openapi: () => wfmOpenApi([...router.operations, ...WFM_ADMIN_OPERATION_LIST]),
  };
  const running = await startEmulator(definition, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  });
  return Object.assign(running, { state, truth: () => computeTruth(state) });
}
