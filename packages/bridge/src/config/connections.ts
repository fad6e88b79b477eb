import { z } from 'zod';
import { crossFieldProblems } from './rules.js';
import { type BridgeConfig, connectionSections, sharedSections } from './schema.js';

/**
 * Several tenants in one file: `connections:` lists named connections, each with its own per-source
 * sections (`livevox`, `playvox`, `mapping`, `recordings`, `privacy`, `gladly`, `wfm`), while `store`,
 * `server`, `delivery`, `coordination`, `shutdown`, `tls` and `log` stay at the top, shared. A file without
 * `connections:` is the one connection {@link DEFAULT_CONNECTION}.
 */

/** The name of the connection a file without `connections:` describes. */
export const DEFAULT_CONNECTION = 'default';

/** What a connection's name must look like: it reaches metric labels, store names and interaction ids. */
export const CONNECTION_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** The sections that belong to a connection (top level without `connections:`, else in each entry). */
export const CONNECTION_KEYS = Object.keys(connectionSections) as Array<keyof typeof connectionSections>;

/** One connection of the configuration: its name and its whole configuration (shared sections included). */
export interface BridgeConnection {
  name: string;
  config: BridgeConfig;
}

const connectionEntrySchema = z
  .object({
    name: z.string().describe('The connection\'s name: a short slug such as "acme" (a-z, 0-9, _ and -)'),
    ...connectionSections,
  })
  .strict();

const optionalConnectionSections = Object.fromEntries(
  Object.entries(connectionSections).map(([key, schema]) => [key, schema.optional()]),
) as { [K in keyof typeof connectionSections]: z.ZodOptional<(typeof connectionSections)[K]> };

/**
 * The whole `voxbridge.yaml`: the sections of one connection at the top level, or a `connections:` list
 * (then `livevox` and `playvox` live in each entry). `voxbridge config schema` prints this.
 */
export const configFileSchema = z
  .object({
    ...optionalConnectionSections,
    ...sharedSections,
    connections: z
      .array(connectionEntrySchema)
      .min(1, 'needs at least one connection')
      .optional()
      .describe(
        'Several tenants: each entry is a named connection with its own livevox, playvox, mapping (and gladly, wfm…) sections; store, server, delivery, coordination, shutdown, tls and log stay at the top, shared',
      ),
  })
  .strict();

/** The file's validated value when it has `connections:`. */
export type ConfigFileValue = z.output<typeof configFileSchema>;

/** Whether a parsed YAML document lists connections (then it is read with {@link configFileSchema}). */
export function hasConnections(raw: unknown): raw is { connections: unknown } {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'connections' in raw;
}

/** Per-connection sections written at the top level beside `connections:`: one problem each, naming both paths. */
export function mixedSectionProblems(raw: Record<string, unknown>): string[] {
  return CONNECTION_KEYS.filter((key) => key in raw).map(
    (key) =>
      `${key}: cannot stand beside connections: (a per-connection section belongs in each connections[i].${key})`,
  );
}

/**
 * Each entry of a validated `connections:` file as a whole configuration (shared sections copied in),
 * with the problems of names (required, pattern, duplicates) and of the cross-field rules, every one
 * under its `connections[i].` path.
 */
export function resolveConnections(value: ConfigFileValue): {
  connections: BridgeConnection[];
  problems: string[];
} {
  const problems: string[] = [];
  const connections: BridgeConnection[] = [];
  const firstIndex = new Map<string, number>();
  const shared = {
    delivery: value.delivery,
    store: value.store,
    coordination: value.coordination,
    server: value.server,
    shutdown: value.shutdown,
    tls: value.tls,
    log: value.log,
  };
  (value.connections ?? []).forEach((entry, i) => {
    const { name, ...sections } = entry;
    if (!CONNECTION_NAME.test(name))
      problems.push(
        `connections[${i}].name: must be a short slug of a-z, 0-9, _ and - (at most 32, starting with a letter or digit), got ${JSON.stringify(name)}`,
      );
    const earlier = firstIndex.get(name);
    if (earlier !== undefined)
      problems.push(`connections[${i}].name: "${name}" is already the name of connections[${earlier}]`);
    else firstIndex.set(name, i);
    const config = { ...sections, ...shared } as BridgeConfig;
    problems.push(...crossFieldProblems(config).map((problem) => `connections[${i}].${problem}`));
    connections.push({ name, config });
  });
  problems.push(...webhookPathProblems(connections));
  return { connections, problems };
}

/**
 * Two connections' Gladly webhooks on one path of the shared server: the second would never receive
 * its deliveries, so each needs a `gladly.webhook.path` of its own.
 */
function webhookPathProblems(connections: BridgeConnection[]): string[] {
  const problems: string[] = [];
  const taken = new Map<string, number>();
  connections.forEach(({ config }, i) => {
    const webhook = config.gladly?.webhook;
    if (!webhook?.url) return;
    const earlier = taken.get(webhook.path);
    if (earlier === undefined) taken.set(webhook.path, i);
    else
      problems.push(
        `connections[${i}].gladly.webhook.path: "${webhook.path}" is already the webhook path of connections[${earlier}] (one server serves both: give each connection its own path)`,
      );
  });
  return problems;
}

/**
 * The connections a command acts on: all of them, or the one `name` gives. An unknown name is an error
 * listing the known ones.
 */
export function selectConnections(all: BridgeConnection[], name: string | undefined): BridgeConnection[] {
  if (name === undefined) return all;
  const found = all.find((connection) => connection.name === name);
  if (!found)
    throw new Error(
      `--connection: no connection is named ${JSON.stringify(name)} (known: ${all.map((c) => c.name).join(', ')})`,
    );
  return [found];
}
