import { wfm } from '@voxbridge/playvox/wire';

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
 * The anchored regular expression of an identifier (the contract's `identifierRegExp`: `^(?:source)$`),
 * cached, since every inbound event is matched against every identifier of its integration.
 */
export function compileIdentifier(source: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : '-'}${source}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = wfm.identifierRegExp(source, caseInsensitive);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(key, regex);
  }
  return regex;
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
