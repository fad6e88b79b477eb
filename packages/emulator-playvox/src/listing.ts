import type { qa } from '@voxbridge/playvox/wire';
import type { z } from 'zod';
import type { PlayvoxPaginationConfig } from './config.js';
import { fieldError } from './errors.js';

/** One condition of a `query` filter on one field path. */
export type Condition =
  | { op: 'eq'; value: unknown }
  | { op: 'ne'; value: unknown }
  | { op: 'in'; values: unknown[] }
  | { op: 'nin'; values: unknown[] }
  | { op: 'gt' | 'gte' | 'lt' | 'lte'; value: string | number }
  | { op: 'exists'; value: boolean };

/** A parsed `query`: every condition must hold (field paths may be dotted: `metadata.channel`). */
export type Filter = Array<{ path: string; condition: Condition }>;

/** Parsed list parameters. */
export interface ListParams {
  page: number;
  perPage: number;
  filter: Filter;
  /** Top-level fields to keep (`_id` always kept), or undefined for all. */
  fields: string[] | undefined;
  sort: Array<{ path: string; descending: boolean }>;
  /** `include=all`. */
  includeAll: boolean;
}

/** A list answer: `{ success, result, page, per_page, next_page, total }` (the contract's `listEnvelope`). */
export type ListEnvelope = z.infer<ReturnType<typeof qa.listEnvelope<z.ZodUnknown>>>;

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const COMPARISONS = ['$gt', '$gte', '$lt', '$lte'] as const;

/** Reads `page`, `per_page`, `query`, `fields`, `sort`, `include`; a bad one answers 400 naming it. */
export function parseListParams(query: URLSearchParams, paging: PlayvoxPaginationConfig): ListParams {
  const text = (name: string) => {
    const value = query.get(name);
    return value === null || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number) => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min) throw fieldError(400, name, `must be an integer >= ${min}`);
    return Number(raw);
  };
  const page = integer('page', 1, 1);
  let perPage = integer('per_page', paging.defaultPerPage, 1);
  if (perPage > paging.maxPerPage) {
    if (paging.overMaxPerPage === 'reject')
      throw fieldError(400, 'per_page', `must be from 1 to ${paging.maxPerPage}`);
    perPage = paging.maxPerPage;
  }
  const include = text('include');
  if (include !== undefined && include !== 'all') throw fieldError(400, 'include', "must be 'all' or empty");
  return {
    page,
    perPage,
    filter: parseFilter(text('query')),
    fields: parseFields(text('fields')),
    sort: parseSort(text('sort')),
    includeAll: include === 'all',
  };
}

function parseFilter(raw: string | undefined): Filter {
  if (raw === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw fieldError(400, 'query', 'must be a JSON object');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw fieldError(400, 'query', 'must be a JSON object');
  const filter: Filter = [];
  for (const [path, spec] of Object.entries(parsed)) {
    if (!FIELD_PATH.test(path)) throw fieldError(400, `query.${path}`, 'is not a field name');
    const isOperatorObject =
      typeof spec === 'object' &&
      spec !== null &&
      !Array.isArray(spec) &&
      Object.keys(spec).some((k) => k.startsWith('$'));
    if (!isOperatorObject) {
      filter.push({ path, condition: { op: 'eq', value: spec } });
      continue;
    }
    for (const [operator, operand] of Object.entries(spec as Record<string, unknown>)) {
      filter.push({ path, condition: parseOperator(`query.${path}.${operator}`, operator, operand) });
    }
  }
  return filter;
}

function parseOperator(field: string, operator: string, operand: unknown): Condition {
  switch (operator) {
    case '$eq':
      return { op: 'eq', value: operand };
    case '$ne':
      return { op: 'ne', value: operand };
    case '$in':
    case '$nin':
      if (!Array.isArray(operand)) throw fieldError(400, field, 'must be an array');
      return { op: operator === '$in' ? 'in' : 'nin', values: operand };
    case '$exists':
      if (typeof operand !== 'boolean') throw fieldError(400, field, 'must be a boolean');
      return { op: 'exists', value: operand };
    default:
      if ((COMPARISONS as readonly string[]).includes(operator)) {
        if (typeof operand !== 'string' && typeof operand !== 'number')
          throw fieldError(400, field, 'must be a string or a number');
        return { op: operator.slice(1) as 'gt' | 'gte' | 'lt' | 'lte', value: operand };
      }
      throw fieldError(
        400,
        field,
        'unsupported operator (use $eq, $ne, $in, $nin, $gt, $gte, $lt, $lte, $exists)',
      );
  }
}

function parseFields(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const fields = raw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  for (const field of fields)
    if (!FIELD_PATH.test(field) || field.includes('.'))
      throw fieldError(400, 'fields', `'${field}' is not a top-level field name`);
  return fields.length > 0 ? fields : undefined;
}

function parseSort(raw: string | undefined): ListParams['sort'] {
  if (raw === undefined) return [];
  const keys: ListParams['sort'] = [];
  for (const part of raw.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    // A '+' in a query string decodes to a space, so ' name' means ascending too.
    const descending = item.startsWith('-');
    const path = item.replace(/^[-+ ]/, '');
    if (!FIELD_PATH.test(path)) throw fieldError(400, 'sort', `'${item}' is not a field name`);
    keys.push({ path, descending });
  }
  return keys;
}

/** The value at a dotted path of a record. */
export function valueAt(record: object, path: string): unknown {
  if (!path.includes('.')) return (record as Record<string, unknown>)[path];
  let current: unknown = record;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function equals(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual) && !Array.isArray(expected)) return actual.some((item) => equals(item, expected));
  if (typeof actual === 'object' && actual !== null)
    return JSON.stringify(actual) === JSON.stringify(expected);
  return actual === expected || (actual === undefined && expected === null);
}

function holds(actual: unknown, condition: Condition): boolean {
  switch (condition.op) {
    case 'eq':
      return equals(actual, condition.value);
    case 'ne':
      return !equals(actual, condition.value);
    case 'in':
      return condition.values.some((value) => equals(actual, value));
    case 'nin':
      return !condition.values.some((value) => equals(actual, value));
    case 'exists':
      return (actual !== undefined) === condition.value;
    default: {
      if (typeof actual !== typeof condition.value) return false;
      const a = actual as string | number;
      const b = condition.value;
      return condition.op === 'gt'
        ? a > b
        : condition.op === 'gte'
          ? a >= b
          : condition.op === 'lt'
            ? a < b
            : a <= b;
    }
  }
}

/** True when a record meets every condition of the filter. */
export function matches(record: object, filter: Filter): boolean {
  for (const { path, condition } of filter) if (!holds(valueAt(record, path), condition)) return false;
  return true;
}

/** Orders missing values first, then numbers and strings by value (what Mongo does for ascending). */
function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown) =>
    v === undefined || v === null
      ? 0
      : typeof v === 'number'
        ? 1
        : typeof v === 'string'
          ? 2
          : typeof v === 'boolean'
            ? 3
            : 4;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1 || ra === 2 || ra === 3)
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  if (ra === 4) return JSON.stringify(a).localeCompare(JSON.stringify(b));
  return 0;
}

/** Keeps `_id` and the named top-level fields of a record. */
export function project(record: object, fields: string[] | undefined): object {
  if (!fields) return record;
  const source = record as Record<string, unknown>;
  const out: Record<string, unknown> = { _id: source._id };
  for (const field of fields) if (field in source) out[field] = source[field];
  return out;
}

/** How a collection embeds related objects for `include=all`. */
export type Expander<T> = (record: T) => Record<string, unknown>;

/**
 * Filters, sorts and pages `records` (in their stored order unless `sort` says otherwise), then
 * embeds related objects (`include=all`) and keeps the requested `fields`, only for the page served.
 */
export function listEnvelope<T extends { _id: string }>(
  records: Iterable<T>,
  params: ListParams,
  expand?: Expander<T>,
): ListEnvelope {
  let selected: T[] = [];
  if (params.filter.length === 0) selected = Array.isArray(records) ? records : Array.from(records);
  else for (const record of records) if (matches(record, params.filter)) selected.push(record);
  if (params.sort.length > 0) {
    if (selected === records) selected = selected.slice();
    selected.sort((a, b) => {
      for (const { path, descending } of params.sort) {
        const order = compareValues(valueAt(a, path), valueAt(b, path));
        if (order !== 0) return descending ? -order : order;
      }
      return 0;
    });
  }
  const start = (params.page - 1) * params.perPage;
  const pageItems = selected.slice(start, start + params.perPage);
  const result = pageItems.map((record) =>
    project(params.includeAll && expand ? { ...record, ...expand(record) } : record, params.fields),
  );
  return {
    success: true,
    result,
    page: params.page,
    per_page: params.perPage,
    next_page: start + params.perPage < selected.length,
    total: selected.length,
  };
}
