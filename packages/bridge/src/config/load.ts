import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import {
  type BridgeConnection,
  CONNECTION_KEYS,
  configFileSchema,
  DEFAULT_CONNECTION,
  hasConnections,
  mixedSectionProblems,
  resolveConnections,
  selectConnections,
} from './connections.js';
import { coerceInterpolated, formatPath, interpolate, isIntegerSchema, schemaAt } from './interpolate.js';
import { crossFieldProblems } from './rules.js';
import { type BridgeConfig, bridgeConfigSchema } from './schema.js';

export { formatPath } from './interpolate.js';

/** A configuration file that cannot be used; `problems` name the YAML path and the rule. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** One line per problem: `playvox.metadata[2].type: must be one of …`. */
  readonly problems: string[];
  constructor(source: string, problems: string[]) {
    super(`${source}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

// Keys whose values are never repeated in an error, even when their type is wrong.
const SECRET_KEY = /password|secret|key|token|uid/i;

/** How a given value reads in an error: `"abc"`, `12`, `a list`; a secret's only by its kind. */
function describeGiven(value: unknown, path: ReadonlyArray<PropertyKey>): string {
  const kind = Array.isArray(value)
    ? 'a list'
    : value === null
      ? 'null'
      : typeof value === 'object'
        ? 'a mapping'
        : typeof value === 'string'
          ? 'text'
          : `a ${typeof value}`;
  if (typeof value === 'object' || value === null) return kind;
  if (SECRET_KEY.test(String(path[path.length - 1] ?? ''))) return kind;
  return JSON.stringify(value);
}

type AnySchema = z.core.$ZodType;

/** "an integer", "a number", "a list"…: what the schema at `path` expects. */
function describeExpected(expected: string, path: ReadonlyArray<PropertyKey>, schema: AnySchema): string {
  if (expected === 'int' || (expected === 'number' && isIntegerSchema(schemaAt(schema, path))))
    return 'an integer';
  if (expected === 'number') return 'a number';
  if (expected === 'array') return 'a list';
  if (expected === 'object' || expected === 'record') return 'a mapping';
  if (expected === 'string') return 'text';
  return `a ${expected}`;
}

/** Turns a zod issue into `path: rule`, with wording a YAML user understands; `input` is what was validated. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown, schema: AnySchema): string {
  const path = formatPath(issue.path);
  const given = issue.path.reduce<unknown>((node, key) => (node as never)?.[key as never], input);
  if (issue.code === 'unrecognized_keys')
    return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && given === undefined) return `${path}: is required`;
  if (issue.code === 'invalid_type')
    return `${path}: expected ${describeExpected(issue.expected, issue.path, schema)}, got ${describeGiven(given, issue.path)}`;
  if (issue.code === 'invalid_union') {
    const kinds = issue.errors
      .flat()
      .filter((e) => e.code === 'invalid_type' && e.path.length === 0)
      .map((e) => describeExpected((e as { expected: string }).expected, issue.path, schema));
    if (kinds.length === issue.errors.length && kinds.length > 0)
      return `${path}: expected ${kinds.join(' or ')}, got ${describeGiven(given, issue.path)}`;
  }
  return `${path}: ${issue.message}`;
}

/** Where a configuration came from, for interpolation and relative paths. */
export interface ConfigSourceOptions {
  /**
   * Folder `${file:…}` secrets, `store.path` and `tls.caFile` are relative to (default: the working
   * directory).
   */
  baseDir?: string;
}

/**
 * Interpolates `raw` (`${ENV}`, `${ENV:-default}`, `${file:path}`), reads values from placeholders as
 * the schema's type and validates it against `schema`: the parsed value, or the problems (each naming its
 * YAML path). Shared by the single-connection file and the `connections:` file.
 */
export function validateConfig<S extends AnySchema>(
  raw: unknown,
  schema: S,
  env: NodeJS.ProcessEnv,
  options: ConfigSourceOptions,
): { value?: z.output<S>; problems: string[] } {
  const problems: string[] = [];
  const fromPlaceholders: Array<Array<string | number>> = [];
  const context = { env, baseDir: options.baseDir ?? process.cwd() };
  const interpolated = interpolate(raw ?? {}, context, [], problems, fromPlaceholders);
  coerceInterpolated(interpolated, fromPlaceholders, schema);
  // A configuration is validated once per process: compiling zod's fast path (`new Function` per
  // object schema) costs more than it saves, and `voxbridge status` starts faster without it.
  const result = z.safeParse(schema, interpolated, { jitless: true });
  if (!result.success) {
    // A path already reported for a missing variable needs no second "is required" line.
    const reported = new Set(problems.map((p) => p.slice(0, p.indexOf(':'))));
    problems.push(
      ...result.error.issues
        .filter((issue) => !reported.has(formatPath(issue.path)))
        .map((issue) => describeIssue(issue, interpolated, schema)),
    );
  }
  return problems.length > 0 || !result.success ? { problems } : { value: result.data, problems };
}

/**
 * Resolves the shared sections' paths: a relative `store.path` against `baseDir` (the configuration
 * file's folder) when given, a relative `tls.caFile` against `baseDir` or the working directory; the CA
 * file must hold a PEM certificate. Checked at load so that a wrong path stops every command (`check`
 * included) with the key and the path, before any client is built.
 */
export function resolveSharedPaths(
  shared: Pick<BridgeConfig, 'store' | 'tls'>,
  source: string,
  baseDir: string | undefined,
): void {
  const { store, tls } = shared;
  if (baseDir !== undefined && store.path !== ':memory:' && !isAbsolute(store.path))
    store.path = resolve(baseDir, store.path);
  if (tls?.caFile !== undefined) {
    tls.caFile = resolve(baseDir ?? process.cwd(), tls.caFile);
    const problem = caFileProblem(tls.caFile);
    if (problem) throw new ConfigError(source, [`tls.caFile: ${problem}`]);
  }
}

/** Why a CA file cannot be used, or undefined. */
function caFileProblem(path: string): string | undefined {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    return `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  return pem.includes('-----BEGIN CERTIFICATE-----')
    ? undefined
    : `${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`;
}

/**
 * Validates an already parsed single-connection configuration object: interpolation, values from
 * placeholders read as the schema's type, the schema, then the rules that span several keys; then
 * {@link resolveSharedPaths} (`store.path`, `tls.caFile`). A file with `connections:` is read by
 * `parseConnections` (config/connections.ts); this function takes one of its connections by name.
 */
export function parseConfig(
  raw: unknown,
  source = 'configuration',
  env: NodeJS.ProcessEnv = process.env,
  options: ConfigSourceOptions = {},
): BridgeConfig {
  const { value, problems } = validateConfig(raw, bridgeConfigSchema, env, options);
  if (!value) throw new ConfigError(source, problems);
  problems.push(...crossFieldProblems(value));
  if (problems.length > 0) throw new ConfigError(source, problems);
  const config = value as BridgeConfig;
  resolveSharedPaths(config, source, options.baseDir);
  return config;
}

/** Options of the functions that read a configuration file. */
export interface LoadOptions {
  /** The connection to return when the file lists several (`--connection`); see {@link loadConnections}. */
  connection?: string;
}

/** Reads a configuration file's text; an unreadable file is a {@link ConfigError}. */
function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
}

/**
 * Reads, interpolates and validates a YAML configuration file. Relative paths in it (`store.path`,
 * `tls.caFile`, `${file:…}` secrets) are relative to the file's folder, never to the working directory,
 * so that every command finds the same store and CA wherever it is run from. A file with `connections:` gives the connection
 * `options.connection` names, or its only one; with several and no name it is a {@link ConfigError}.
 */
export function loadConfigFile(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  options: LoadOptions = {},
): BridgeConfig {
  return parseConfigText(readConfigText(file), file, env, {
    baseDir: dirname(resolve(file)),
    ...options,
  });
}

/** Every connection of a configuration file (one, `default`, for a file without `connections:`). */
export function loadConnections(file: string, env: NodeJS.ProcessEnv = process.env): BridgeConnection[] {
  return parseConnectionsText(readConfigText(file), file, env, { baseDir: dirname(resolve(file)) });
}

/** Parses YAML text into a validated configuration (one connection, as {@link loadConfigFile} picks it). */
export function parseConfigText(
  text: string,
  source = 'configuration',
  env: NodeJS.ProcessEnv = process.env,
  options: ConfigSourceOptions & LoadOptions = {},
): BridgeConfig {
  const all = parseConnectionsText(text, source, env, options);
  if (options.connection !== undefined) return selectConnections(all, options.connection)[0]!.config;
  if (all.length > 1)
    throw new ConfigError(source, [
      `connections: this command works on one connection and the file lists ${all.length} (${all.map((c) => c.name).join(', ')}); run, check, apply, status and dlq work on every connection (apply, status, dlq and dashboard also take --connection NAME)`,
    ]);
  return all[0]!.config;
}

/** Parses YAML text into its validated connections; YAML syntax errors carry their line. */
export function parseConnectionsText(
  text: string,
  source = 'configuration',
  env: NodeJS.ProcessEnv = process.env,
  options: ConfigSourceOptions = {},
): BridgeConnection[] {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new ConfigError(
      source,
      document.errors.map((e) => `line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`),
    );
  }
  if (
    !isMap(document.contents) &&
    !(isScalar(document.contents) && document.contents.value == null) &&
    !isSeq(document.contents)
  ) {
    throw new ConfigError(source, [
      '(root): must be a mapping of sections (livevox, playvox, mapping, store, server)',
    ]);
  }
  return parseConnections(document.toJS(), source, env, options);
}

/**
 * Validates an already parsed configuration object into its connections: a file without `connections:`
 * is the connection `default` ({@link parseConfig}, unchanged); otherwise each entry is validated, named
 * and checked by the cross-field rules under its `connections[i].` path.
 */
export function parseConnections(
  raw: unknown,
  source = 'configuration',
  env: NodeJS.ProcessEnv = process.env,
  options: ConfigSourceOptions = {},
): BridgeConnection[] {
  if (!hasConnections(raw))
    return [{ name: DEFAULT_CONNECTION, config: parseConfig(raw, source, env, options) }];
  const mixed = mixedSectionProblems(raw as Record<string, unknown>);
  const { value, problems } = validateConfig(raw, configFileSchema, env, options);
  if (!value || mixed.length > 0) throw new ConfigError(source, [...mixed, ...problems]);
  const resolved = resolveConnections(value);
  if (resolved.problems.length > 0) throw new ConfigError(source, resolved.problems);
  // The connections share these sections' objects: resolved once, resolved for all.
  resolveSharedPaths(value, source, options.baseDir);
  return resolved.connections;
}

/** The JSON Schema of the configuration (`voxbridge config schema`), `connections:` included. */
export function configJsonSchema(): unknown {
  const schema = z.toJSONSchema(configFileSchema, { io: 'input', unrepresentable: 'any' });
  // Either one connection's livevox and playvox at the top, or the connections: list (never both kinds).
  return {
    ...schema,
    anyOf: [{ required: ['livevox', 'playvox'] }, { required: ['connections'] }],
    not: { anyOf: CONNECTION_KEYS.map((key) => ({ required: ['connections', key] })) },
  };
}
