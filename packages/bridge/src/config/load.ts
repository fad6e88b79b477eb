import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
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

/** "an integer", "a number", "a list"…: what the schema at `path` expects. */
function describeExpected(expected: string, path: ReadonlyArray<PropertyKey>): string {
  if (expected === 'int' || (expected === 'number' && isIntegerSchema(schemaAt(bridgeConfigSchema, path))))
    return 'an integer';
  if (expected === 'number') return 'a number';
  if (expected === 'array') return 'a list';
  if (expected === 'object' || expected === 'record') return 'a mapping';
  if (expected === 'string') return 'text';
  return `a ${expected}`;
}

/** Turns a zod issue into `path: rule`, with wording a YAML user understands; `input` is what was validated. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = formatPath(issue.path);
  const given = issue.path.reduce<unknown>((node, key) => (node as never)?.[key as never], input);
  if (issue.code === 'unrecognized_keys')
    return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && given === undefined) return `${path}: is required`;
  if (issue.code === 'invalid_type')
    return `${path}: expected ${describeExpected(issue.expected, issue.path)}, got ${describeGiven(given, issue.path)}`;
  if (issue.code === 'invalid_union') {
    const kinds = issue.errors
      .flat()
      .filter((e) => e.code === 'invalid_type' && e.path.length === 0)
      .map((e) => describeExpected((e as { expected: string }).expected, issue.path));
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
 * Validates an already parsed configuration object: interpolation (`${ENV}`, `${ENV:-default}`,
 * `${file:path}`), values from placeholders read as the schema's type, the schema, then the rules that
 * span several keys. A relative `store.path` is resolved against `baseDir` when one is given, a relative
 * `tls.caFile` against `baseDir` or the working directory, and the CA file must hold a PEM certificate.
 */
export function parseConfig(
  raw: unknown,
  source = 'configuration',
  env: NodeJS.ProcessEnv = process.env,
  options: ConfigSourceOptions = {},
): BridgeConfig {
  const problems: string[] = [];
  const fromPlaceholders: Array<Array<string | number>> = [];
  const context = { env, baseDir: options.baseDir ?? process.cwd() };
  const interpolated = interpolate(raw ?? {}, context, [], problems, fromPlaceholders);
  coerceInterpolated(interpolated, fromPlaceholders, bridgeConfigSchema);
  const result = bridgeConfigSchema.safeParse(interpolated);
  if (!result.success) {
    // A path already reported for a missing variable needs no second "is required" line.
    const reported = new Set(problems.map((p) => p.slice(0, p.indexOf(':'))));
    problems.push(
      ...result.error.issues
        .filter((issue) => !reported.has(formatPath(issue.path)))
        .map((issue) => describeIssue(issue, interpolated)),
    );
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(source, problems);
  problems.push(...crossFieldProblems(result.data));
  if (problems.length > 0) throw new ConfigError(source, problems);
  const config = result.data as BridgeConfig;
  if (options.baseDir !== undefined && config.store.path !== ':memory:' && !isAbsolute(config.store.path))
    config.store.path = resolve(options.baseDir, config.store.path);
  if (config.tls?.caFile !== undefined) {
    config.tls.caFile = resolve(context.baseDir, config.tls.caFile);
    const problem = caFileProblem(config.tls.caFile);
    if (problem) throw new ConfigError(source, [`tls.caFile: ${problem}`]);
  }
  return config;
}

/**
 * Why a CA file cannot be used, or undefined. Checked at load so that a wrong path stops every command
 * (`check` included) with the key and the path, before any client is built.
 */
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
 * Reads, interpolates and validates a YAML configuration file. Relative paths in it (`store.path`,
 * `tls.caFile`, `${file:…}` secrets) are relative to the file's folder, never to the working directory,
 * so that every command finds the same store and CA wherever it is run from.
 */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): BridgeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
  return parseConfigText(text, file, env, { baseDir: dirname(resolve(file)) });
}

/** Parses YAML text into a validated configuration; YAML syntax errors carry their line. */
export function parseConfigText(
  text: string,
  source = 'configuration',
  env: NodeJS.ProcessEnv = process.env,
  options: ConfigSourceOptions = {},
): BridgeConfig {
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
  return parseConfig(document.toJS(), source, env, options);
}

/** The JSON Schema of the configuration (`voxbridge config schema`). */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(bridgeConfigSchema, { io: 'input', unrepresentable: 'any' });
}
