import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';

/** Formats a path as YAML users read it: `playvox.metadata[2].type`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(root)';
}

/** Where interpolation reads from: the environment and the folder `${file:…}` paths are relative to. */
export interface InterpolationContext {
  env: NodeJS.ProcessEnv;
  /** Folder relative secret-file paths resolve against (the configuration file's folder). */
  baseDir: string;
}

const PLACEHOLDER = /\$\{(?:file:([^}]+)|([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?)\}/g;

/**
 * Replaces `${NAME}`, `${NAME:-default}` and `${file:/run/secrets/name}` in every string scalar, so that
 * secrets stay out of the file. A missing variable without a default, or a secret file that cannot be
 * read, is a problem at its YAML path (naming the variable or the file, never a value). `interpolated`
 * collects the paths whose value came from a placeholder, for {@link coerceInterpolated}.
 */
export function interpolate(
  value: unknown,
  context: InterpolationContext,
  path: Array<string | number>,
  problems: string[],
  interpolated: Array<Array<string | number>>,
): unknown {
  if (typeof value === 'string') {
    let replaced = false;
    const out = value.replace(
      PLACEHOLDER,
      (_match, file: string | undefined, name: string | undefined, fallback: string | undefined) => {
        replaced = true;
        if (file !== undefined) return readSecretFile(file.trim(), context.baseDir, path, problems);
        const found = context.env[name!];
        if (found !== undefined && found !== '') return found;
        if (fallback !== undefined) return fallback;
        problems.push(`${formatPath(path)}: environment variable ${name} is not set`);
        return '';
      },
    );
    if (replaced) interpolated.push(path);
    return out;
  }
  if (Array.isArray(value))
    return value.map((item, i) => interpolate(item, context, [...path, i], problems, interpolated));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        interpolate(v, context, [...path, k], problems, interpolated),
      ]),
    );
  }
  return value;
}

/** A Docker/Kubernetes secret file's content without its trailing newline(s). */
function readSecretFile(file: string, baseDir: string, path: Array<string | number>, problems: string[]) {
  const full = isAbsolute(file) ? file : resolve(baseDir, file);
  try {
    return readFileSync(full, 'utf8').replace(/(\r?\n)+$/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    problems.push(`${formatPath(path)}: cannot read the secret file ${full} (${code})`);
    return '';
  }
}

type AnySchema = z.core.$ZodType;

/** The wrapped schema of a wrapper (optional, default, …), or the schema itself. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (
      ['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(def.type)
    )
      current = def.innerType as AnySchema;
    else if (def.type === 'pipe') current = def.in as AnySchema;
    else if (def.type === 'lazy') current = (def.getter as () => AnySchema)();
    else return current;
  }
  return current;
}

/** The (unwrapped) schema describing the value at `path`, when the schema tells. */
export function schemaAt(schema: AnySchema, path: ReadonlyArray<PropertyKey>): AnySchema | undefined {
  let current: AnySchema | undefined = unwrap(schema);
  for (const part of path) {
    if (!current) return undefined;
    const def = current._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object')
      current = (def.shape as Record<string, AnySchema>)[String(part)] as AnySchema | undefined;
    else if (def.type === 'array') current = def.element as AnySchema;
    else if (def.type === 'record') current = def.valueType as AnySchema;
    else return undefined;
    current = current ? unwrap(current) : undefined;
  }
  return current;
}

/** Whether a number schema asks for an integer (`z.number().int()`). */
export function isIntegerSchema(schema: AnySchema | undefined): boolean {
  const number = schema as { isInt?: boolean; format?: string | null } | undefined;
  return number?.isInt === true || /int/.test(number?.format ?? '');
}

/** The scalar kinds a schema accepts (`number`, `boolean`, `string`, …); unions list every option's kind. */
function acceptedKinds(schema: AnySchema | undefined): Set<string> {
  if (!schema) return new Set();
  const def = schema._zod.def as unknown as { type: string; options?: AnySchema[] };
  if (def.type === 'union') return new Set(def.options!.flatMap((o) => [...acceptedKinds(unwrap(o))]));
  return new Set([def.type]);
}

/**
 * Gives `${ENV}` values the type the schema asks for: an environment variable is always text, so
 * `server.port: ${PORT}` needs `"8080"` read as 8080. A value that does not read as the type stays text
 * and fails validation with "expected …, got …".
 */
export function coerceInterpolated(
  root: unknown,
  paths: ReadonlyArray<ReadonlyArray<string | number>>,
  schema: AnySchema,
): void {
  for (const path of paths) {
    if (path.length === 0) continue;
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as never)?.[key], root) as
      | Record<string | number, unknown>
      | undefined;
    const key = path[path.length - 1]!;
    const value = parent?.[key];
    if (typeof value !== 'string') continue;
    const kinds = acceptedKinds(schemaAt(schema, path));
    if (kinds.has('string')) continue;
    const text = value.trim();
    if (kinds.has('number') && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text))
      parent![key] = Number(text);
    else if (kinds.has('boolean') && /^(true|false)$/i.test(text))
      parent![key] = text.toLowerCase() === 'true';
  }
}
