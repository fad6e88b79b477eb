/** Reads a dotted path (`context.Notes`, `start`) from a record; undefined when absent or empty. */
export function readPath(record: Record<string, unknown>, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
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
