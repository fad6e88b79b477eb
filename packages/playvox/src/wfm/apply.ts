import type { WfmApplyResult } from './types.js';

/** How `applyByName` writes. */
interface Writers<T, I> {
  create(input: I): Promise<T>;
  update(id: number, input: I): Promise<T>;
}

/**
 * Makes `existing` match `inputs` by name (case-insensitive): a missing record is created, a record
 * whose given fields differ is updated with the input, an equal one is left alone. Records not named
 * in `inputs` are never touched.
 */
export async function applyByName<T extends { id: number; name: string }, I extends { name: string }>(
  existing: readonly T[],
  inputs: readonly I[],
  writers: Writers<T, I>,
): Promise<WfmApplyResult<T>> {
  const byName = new Map(existing.map((record) => [record.name.toLowerCase(), record]));
  const result: WfmApplyResult<T> = { created: [], updated: [], unchanged: [] };
  for (const input of inputs) {
    const current = byName.get(input.name.toLowerCase());
    if (!current) {
      const created = await writers.create(input);
      byName.set(created.name.toLowerCase(), created);
      result.created.push(created);
    } else if (differs(current, input)) {
      result.updated.push(await writers.update(current.id, input));
    } else {
      result.unchanged.push(current);
    }
  }
  return result;
}

/** True when a field the input gives has another value on the record. */
function differs(record: object, input: object): boolean {
  const current = record as Record<string, unknown>;
  return Object.entries(input).some(([key, value]) => value !== undefined && !sameJson(current[key], value));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** Sorts object keys so that `{a, b}` and `{b, a}` compare equal. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, item]) => [key, canonical(item)]),
  );
}
