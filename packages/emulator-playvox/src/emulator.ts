import {
  deepMerge,
  type EmulatorDefinition,
  type RouteContext,
  Router,
  type RunningEmulator,
  startEmulator,
} from '@voxbridge/emulator-kit';
import {
  defaultPlayvoxConfig,
  type PlayvoxCredential,
  type PlayvoxEmulatorConfig,
  type PlayvoxEmulatorConfigPatch,
  validatePlayvoxConfig,
} from './config.js';
import { buildPlayvoxOpenApi } from './document.js';
import { playvoxErrorBody } from './errors.js';
import { BulkJobRunner } from './jobs.js';
import { buildPlayvoxRouter, FILE_DOWNLOAD_ROUTE } from './routes/index.js';
import { PlayvoxStore } from './store.js';
import { TRUTH_OPERATION } from './truth.js';

/** Options of {@link createPlayvoxEmulator} and {@link startPlayvoxEmulator}. */
export interface PlayvoxEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port; the CLI uses 4010). */
  port?: number;
  /** Deep-merged over {@link defaultPlayvoxConfig}; also what `POST /_emulator/reset` returns to. */
  config?: PlayvoxEmulatorConfigPatch;
  /** Seed of the generated data and ids. Default 1. */
  seed?: number;
}

/** The definition for the kit's server, with the state behind it. */
export interface PlayvoxEmulatorParts {
  definition: EmulatorDefinition<PlayvoxEmulatorConfig>;
  /** The emulator's state, readable in process (tests, demo ground truth). */
  store: PlayvoxStore;
  /** The background runner of bulk jobs. */
  jobs: BulkJobRunner;
}

/** A running Playvox QA emulator. */
export interface PlayvoxEmulator extends RunningEmulator<PlayvoxEmulatorConfig> {
  /** The emulator's state, readable in process. */
  store: PlayvoxStore;
  /** The background runner of bulk jobs. */
  jobs: BulkJobRunner;
  /** `${url}/api/v1`, the base URL a client needs. */
  apiUrl: string;
}

/** The credential of an HTTP Basic `Authorization` header, if it is well formed. */
export function parseBasicAuth(header: string | string[] | undefined): PlayvoxCredential | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(value ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { uid: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}

/** Builds the emulator's definition and state without starting a server. */
export function createPlayvoxEmulator(
  options: Omit<PlayvoxEmulatorOptions, 'host' | 'port'> = {},
): PlayvoxEmulatorParts {
  const defaultConfig = deepMerge(defaultPlayvoxConfig(), options.config ?? {});
  const problem = validatePlayvoxConfig(defaultConfig);
  if (problem) throw new Error(`invalid Playvox emulator config: ${problem}`);
  let live = defaultConfig;
  const store = new PlayvoxStore(options.seed ?? 1, defaultConfig.seed, defaultConfig.roster);
  const jobs = new BulkJobRunner(store, () => live);
  const router = buildPlayvoxRouter({ store, jobs, config: () => live });
  const adminRouter = new Router().get('/truth', (ctx) => ({
    status: 200,
    body: store.truth({ details: ['true', '1'].includes(ctx.query.get('details') ?? '') }),
  }));
  // Admin routes are mounted under /_emulator/, so the operation (with its full path) is listed by hand.
  adminRouter.operations.push(TRUTH_OPERATION);

  const definition: EmulatorDefinition<PlayvoxEmulatorConfig> = {
    name: 'playvox',
    router,
    adminRouter,
    // Hosted files open without credentials, as a link in the evaluator's browser does.
    publicRoutes: [FILE_DOWNLOAD_ROUTE],
    defaultConfig,
    validateConfig: validatePlayvoxConfig,
    onConfig(config) {
      live = config;
      if (!store.seededWithCounts(config.seed, config.roster)) {
        jobs.cancelAll();
        store.reset(config.seed, config.roster);
      }
    },
    authenticate(ctx: RouteContext) {
      const given = parseBasicAuth(ctx.headers.authorization);
      if (!given) return undefined;
      const known = live.credentials.find((c) => c.uid === given.uid && c.key === given.key);
      return known ? `uid:${known.uid}` : undefined;
    },
    errorBody: playvoxErrorBody,
    reset() {
      jobs.cancelAll();
      store.reset(defaultConfig.seed, defaultConfig.roster);
    },
    openapi: () => buildPlayvoxOpenApi([...router.operations, ...adminRouter.operations]),
    close() {
      jobs.cancelAll();
    },
  };
  return { definition, store, jobs };
}

/**
 * Starts the Playvox QA emulator (`/api/v1/...` plus the admin API under `/_emulator/`).
 * @example
 * const emu = await startPlayvoxEmulator({ config: { jobs: { delayMs: 20 } } });
 * // Basic auth demo:demo-secret against `${emu.apiUrl}/integrations`
 * await emu.close();
 */
export async function startPlayvoxEmulator(options: PlayvoxEmulatorOptions = {}): Promise<PlayvoxEmulator> {
  const { definition, store, jobs } = createPlayvoxEmulator(options);
  const running = await startEmulator(definition, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  });
  return { ...running, store, jobs, apiUrl: `${running.url}/api/v1` };
}
