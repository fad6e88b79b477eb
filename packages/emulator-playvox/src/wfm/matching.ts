import { FieldError } from './errors.js';
import { INTEGRATION_ALIAS } from './validate.js';

/** Something matched by integration identifiers: a Task definition or a Workstream. */
export interface IdentifierOwner {
  id: number;
  name: string;
  /** Integration alias → regular expression source, matched against the whole incoming value. */
  integrationIdentifiers: Record<string, string>;
}

/** How an incoming value (a status string, a workstream value) matched the configured identifiers. */
export type MatchOutcome<T> =
  | { kind: 'matched'; owner: T }
  | { kind: 'unmatched' }
  | { kind: 'ambiguous'; candidates: T[] };

const compiled = new Map<string, RegExp>();

/**
 * The anchored regular expression of an identifier: `^(?:source)$`, so `LOGGED_IN` does not match
 * `NOT_LOGGED_IN` and an alternation such as `Break|Lunch` applies to the whole value.
 */
export function compileIdentifier(source: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : '-'}${source}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = new RegExp(`^(?:${source})$`, caseInsensitive ? 'i' : '');
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(key, regex);
  }
  return regex;
}

/** Reads and checks an `integrationIdentifiers` map; every value must compile as a regular expression. */
export function readIdentifiers(value: unknown, field: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FieldError(field, 'must be an object of integration alias → regular expression');
  const out: Record<string, string> = {};
  for (const [alias, source] of Object.entries(value)) {
    if (!INTEGRATION_ALIAS.test(alias))
      throw new FieldError(
        `${field}.${alias}`,
        'integration alias must be 1-64 characters of a-z, 0-9, _ and -',
      );
    if (typeof source !== 'string' || source.length === 0 || source.length > 1000)
      throw new FieldError(`${field}.${alias}`, 'must be a regular expression of 1 to 1000 characters');
    try {
      compileIdentifier(source, false);
    } catch (error) {
      throw new FieldError(`${field}.${alias}`, `invalid regular expression (${(error as Error).message})`);
    }
    out[alias] = source;
  }
  return out;
}

/** Matches `value` against every owner's identifier for `integration`. */
export function matchIdentifier<T extends IdentifierOwner>(
  owners: Iterable<T>,
  integration: string,
  value: string,
  caseInsensitive: boolean,
): MatchOutcome<T> {
  const hits: T[] = [];
  for (const owner of owners) {
    const source = owner.integrationIdentifiers[integration];
    if (source !== undefined && compileIdentifier(source, caseInsensitive).test(value)) hits.push(owner);
  }
  if (hits.length === 1) return { kind: 'matched', owner: hits[0]! };
  if (hits.length === 0) return { kind: 'unmatched' };
  return { kind: 'ambiguous', candidates: hits };
}
