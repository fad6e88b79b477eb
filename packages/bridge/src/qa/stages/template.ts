/** Split paths and alternatives, kept: the same few paths of the configuration are read for every record. */
const splitCache = { '.': new Map<string, string[]>(), '|': new Map<string, string[]>() };
/** Beyond this many distinct texts (paths come from the configuration, so never in practice) nothing more is kept. */
const SPLIT_CACHE_LIMIT = 10_000;

function splitOnce(text: string, separator: '.' | '|'): string[] {
  const cache = splitCache[separator];
  let parts = cache.get(text);
  if (parts === undefined) {
    parts = separator === '|' ? text.split('|').map((part) => part.trim()) : text.split('.');
    if (cache.size < SPLIT_CACHE_LIMIT) cache.set(text, parts);
  }
  return parts;
}

/** The alternatives of a `from` (`start|timestamp` → `start`, `timestamp`), trimmed. */
export function alternativesOf(from: string): readonly string[] {
  return splitOnce(from, '|');
}

/** The segments of a dotted path (`context.Notes` → `context`, `Notes`). */
export function segmentsOf(path: string): readonly string[] {
  return splitOnce(path, '.');
}

/** Reads a dotted path (`context.Notes`, `start`) from a record; undefined when absent or empty. */
export function readPath(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const part of segmentsOf(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value === null || value === '' || value === 'null' ? undefined : value;
}

/**
 * Fills `{path}` placeholders from a record (`Disposition: {lvResult}`). Returns undefined when a
 * placeholder has no value, so that a rule never produces a half-filled text.
 */
export function fillTemplate(template: string, record: Record<string, unknown>): string | undefined {
  let missing = false;
  const text = template.replace(/\{([A-Za-z0-9_.]+)\}/g, (_match, path: string) => {
    const value = readPath(record, path);
    if (value === undefined) {
      missing = true;
      return '';
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
  return missing ? undefined : text;
}
