import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import { type BridgeConfig, bridgeConfigSchema } from './schema.js';

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

/** Formats a path as YAML users read it: `playvox.metadata[2].type`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(root)';
}

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string scalar with the environment's value, so
 * that secrets stay out of the file. A missing variable without a default is a problem at its path.
 */
function interpolate(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path: Array<string | number>,
  problems: string[],
): unknown {
  if (typeof value === 'string') {
    return value.replace(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
      (_match, name: string, fallback: string | undefined) => {
        const found = env[name];
        if (found !== undefined && found !== '') return found;
        if (fallback !== undefined) return fallback;
        problems.push(`${formatPath(path)}: environment variable ${name} is not set`);
        return '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((item, i) => interpolate(item, env, [...path, i], problems));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolate(v, env, [...path, k], problems)]),
    );
  }
  return value;
}

/** Turns a zod issue into `path: rule`, with wording a YAML user understands. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys')
    return `${path}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}: is required`;
  if (issue.code === 'invalid_type')
    return `${path}: must be ${issue.expected === 'number' ? 'a number' : issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}`;
  return `${path}: ${issue.message}`;
}

/** Validates an already parsed configuration object (after interpolation). */
export function parseConfig(
  raw: unknown,
  source = 'configuration',
  env: NodeJS.ProcessEnv = process.env,
): BridgeConfig {
  const problems: string[] = [];
  const interpolated = interpolate(raw ?? {}, env, [], problems);
  const result = bridgeConfigSchema.safeParse(interpolated);
  if (!result.success) {
    // A path already reported for a missing variable needs no second "is required" line.
    const reported = new Set(problems.map((p) => p.slice(0, p.indexOf(':'))));
    problems.push(
      ...result.error.issues.filter((issue) => !reported.has(formatPath(issue.path))).map(describeIssue),
    );
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return result.data as BridgeConfig;
}

/** Reads, interpolates and validates a YAML configuration file. */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): BridgeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [
      `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
  return parseConfigText(text, file, env);
}

/** Parses YAML text into a validated configuration; YAML syntax errors carry their line. */
export function parseConfigText(
  text: string,
  source = 'configuration',
  env: NodeJS.ProcessEnv = process.env,
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
  return parseConfig(document.toJS(), source, env);
}

/** The JSON Schema of the configuration (`voxbridge config schema`). */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(bridgeConfigSchema, { io: 'input', unrepresentable: 'any' });
}
