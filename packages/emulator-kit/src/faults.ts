/** A fault injection rule, as PUT to `/_emulator/faults`. */
export interface FaultRule {
  /** HTTP method to match; any when absent. */
  method?: string;
  /** Regular expression matched against the request path (without query); any when absent. */
  path?: string;
  /** Chance the rule applies to a matching request. Default 1. */
  probability?: number;
  /** Answer with this status instead of serving the request. */
  status?: number;
  /** JSON body to send with `status`. Default: the emulator's error body. */
  body?: unknown;
  /** `Retry-After` seconds to send with `status`. */
  retryAfter?: number;
  /** Wait this long before doing anything else (a slow response). */
  delayMs?: number;
  /** Close the connection without an answer. */
  drop?: boolean;
  /** Serve the request but cut the body short and close the connection. */
  truncate?: boolean;
  /** Apply at most this many times, then retire the rule. */
  times?: number;
}

/** Validates a PUT body and returns the rules, or an error message naming the field. */
export function parseFaultRules(input: unknown): FaultRule[] | string {
  const list = Array.isArray(input) ? input : (input as { rules?: unknown })?.rules;
  if (!Array.isArray(list)) return 'body: must be a list of fault rules (or { "rules": [...] })';
  for (const [i, rule] of list.entries()) {
    if (typeof rule !== 'object' || rule === null) return `[${i}]: must be an object`;
    const r = rule as Record<string, unknown>;
    if (r.path !== undefined) {
      if (typeof r.path !== 'string') return `[${i}].path: must be a regular expression string`;
      try {
        new RegExp(r.path);
      } catch (error) {
        return `[${i}].path: invalid regular expression (${(error as Error).message})`;
      }
    }
    if (r.method !== undefined && typeof r.method !== 'string') return `[${i}].method: must be a string`;
    if (r.probability !== undefined && !(typeof r.probability === 'number' && r.probability >= 0 && r.probability <= 1))
      return `[${i}].probability: must be a number from 0 to 1`;
    if (r.status !== undefined && !(Number.isInteger(r.status) && (r.status as number) >= 100 && (r.status as number) <= 599))
      return `[${i}].status: must be an HTTP status from 100 to 599`;
    for (const key of ['retryAfter', 'delayMs', 'times'] as const) {
      if (r[key] !== undefined && !(typeof r[key] === 'number' && (r[key] as number) >= 0)) return `[${i}].${key}: must be a non-negative number`;
    }
    if (r.status === undefined && !r.drop && !r.truncate && r.delayMs === undefined)
      return `[${i}]: needs at least one of status, delayMs, drop, truncate`;
  }
  return list as FaultRule[];
}

/** The active fault rules of one emulator. */
export class FaultSet {
  private rules: Array<FaultRule & { regex?: RegExp; applied: number }> = [];

  /** Replaces the rules. */
  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ ...rule, regex: rule.path ? new RegExp(rule.path) : undefined, applied: 0 }));
  }

  /** The rules as they were given, with how often each has applied. */
  list(): Array<FaultRule & { applied: number }> {
    return this.rules.map(({ regex: _regex, ...rule }) => rule);
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule that applies to this request (consuming one of its `times`), if any. */
  pick(method: string, path: string, random: () => number = Math.random): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.regex && !rule.regex.test(path)) continue;
      if (rule.times !== undefined && rule.applied >= rule.times) continue;
      if (random() >= (rule.probability ?? 1)) continue;
      rule.applied += 1;
      return rule;
    }
    return undefined;
  }
}
