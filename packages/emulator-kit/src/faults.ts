/** A fault injection rule, as PUT to `/_emulator/faults`. */
export interface FaultRule {
  /** HTTP method to match; any when absent. */
  method?: string;
  /** Regular expression matched against the request path (without query); any when absent. */
  path?: string;
  /** Chance the rule applies to a matching request (0 never, 1 always). Default 1. */
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
  /** Cut the body short (half of it) and close the connection; with `status`, cuts the injected answer. */
  truncate?: boolean;
  /** Apply at most this many times, then retire the rule. */
  times?: number;
}

const RULE_KEYS = new Set([
  'method',
  'path',
  'probability',
  'status',
  'body',
  'retryAfter',
  'delayMs',
  'drop',
  'truncate',
  'times',
]);

/** The longest `delayMs` a rule may ask for (10 minutes). */
export const MAX_FAULT_DELAY_MS = 600_000;

/** Validates a PUT body and returns the rules, or an error message naming the field (`[0].status: …`). */
export function parseFaultRules(input: unknown): FaultRule[] | string {
  const list = Array.isArray(input) ? input : (input as { rules?: unknown })?.rules;
  if (!Array.isArray(list)) return 'body: must be a list of fault rules (or { "rules": [...] })';
  for (const [i, rule] of list.entries()) {
    const problem = checkRule(rule);
    if (problem) return `[${i}]${problem}`;
  }
  return list as FaultRule[];
}

/** The problem with one rule, as `.field: rule` (or `: rule` for the whole rule), or undefined. */
function checkRule(rule: unknown): string | undefined {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return ': must be an object';
  const r = rule as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!RULE_KEYS.has(key)) return `.${key}: unknown field (expected one of ${[...RULE_KEYS].join(', ')})`;
  }
  if (r.path !== undefined) {
    if (typeof r.path !== 'string') return '.path: must be a regular expression string';
    try {
      new RegExp(r.path);
    } catch (error) {
      return `.path: invalid regular expression (${(error as Error).message})`;
    }
  }
  if (r.method !== undefined && !(typeof r.method === 'string' && /^[A-Za-z]+$/.test(r.method)))
    return '.method: must be an HTTP method name';
  if (
    r.probability !== undefined &&
    !(typeof r.probability === 'number' && r.probability >= 0 && r.probability <= 1)
  ) {
    return '.probability: must be a number from 0 to 1';
  }
  if (
    r.status !== undefined &&
    !(Number.isInteger(r.status) && (r.status as number) >= 100 && (r.status as number) <= 599)
  ) {
    return '.status: must be an HTTP status from 100 to 599';
  }
  if (
    r.retryAfter !== undefined &&
    !(typeof r.retryAfter === 'number' && Number.isFinite(r.retryAfter) && r.retryAfter >= 0)
  ) {
    return '.retryAfter: must be a non-negative number of seconds';
  }
  if (
    r.delayMs !== undefined &&
    !(typeof r.delayMs === 'number' && r.delayMs >= 0 && r.delayMs <= MAX_FAULT_DELAY_MS)
  ) {
    return `.delayMs: must be a number from 0 to ${MAX_FAULT_DELAY_MS}`;
  }
  if (r.times !== undefined && !(Number.isInteger(r.times) && (r.times as number) >= 0))
    return '.times: must be an integer >= 0';
  for (const key of ['drop', 'truncate'] as const) {
    if (r[key] !== undefined && typeof r[key] !== 'boolean') return `.${key}: must be true or false`;
  }
  if (r.retryAfter !== undefined && r.status === undefined) return '.retryAfter: needs a status to go with';
  if (r.body !== undefined && r.status === undefined) return '.body: needs a status to go with';
  if (r.status === undefined && !r.drop && !r.truncate && r.delayMs === undefined) {
    return ': needs at least one of status, delayMs, drop, truncate';
  }
  return undefined;
}

/** The active fault rules of one emulator. */
export class FaultSet {
  private rules: Array<FaultRule & { regex?: RegExp; applied: number }> = [];

  /** Replaces the rules. */
  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({
      ...rule,
      regex: rule.path ? new RegExp(rule.path) : undefined,
      applied: 0,
    }));
  }

  /** The rules as they were given, with how often each has applied. */
  list(): Array<FaultRule & { applied: number }> {
    return this.rules.map(({ regex: _regex, ...rule }) => rule);
  }

  /** Removes every rule. */
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
