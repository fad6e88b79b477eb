import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Support for the chaos suite (chaos.test.ts): bridge children that can be SIGKILLed and whose output
// lines are kept with the time they arrived, fault rules whose `applied` counters survive being
// replaced, and the request bound an outage may cost under the core's circuit breaker.

const runner = fileURLToPath(new URL('./fixtures/crash-runner.mjs', import.meta.url));

/** One line a bridge child wrote, with the epoch ms it arrived. */
export interface OutputLine {
  time: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

/** The bridge children of one run: one alive at a time, every line any of them wrote. */
export class BridgeChildren {
  /** Every line written by every child, in arrival order. */
  readonly lines: OutputLine[] = [];
  /** How many children were started. */
  starts = 0;
  /** Epoch ms of each child that exited on its own (not by a signal this class sent). */
  readonly selfExits: number[] = [];
  private child: ChildProcess | undefined;

  constructor(private readonly configFile: string) {}

  /**
   * Starts a child and waits until its feed is positioned or `maxWaitMs` passes (during a LiveVox
   * outage it cannot position; a kill before that is a crash point like any other).
   */
  async start(maxWaitMs = 3_000): Promise<void> {
    const child = spawn(process.execPath, [runner, this.configFile], {
      cwd: fileURLToPath(new URL('../', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    let positioned!: () => void;
    const ready = new Promise<void>((resolve) => {
      positioned = resolve;
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      let rest = '';
      child[stream]!.on('data', (chunk) => {
        const parts = (rest + String(chunk)).split('\n');
        rest = parts.pop() ?? '';
        for (const text of parts) {
          if (!text.trim()) continue;
          this.lines.push({ time: Date.now(), stream, text });
          if (stream === 'stdout' && text.includes('positioned')) positioned();
        }
      });
    }
    child.once('exit', (_code, signal) => {
      if (signal === null) this.selfExits.push(Date.now());
      positioned();
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([ready, new Promise((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
    clearTimeout(timer);
  }

  /**
   * Sends `signal` to the live child and resolves once it has exited: true when it was alive, false
   * when it had already exited on its own (then no signal was sent).
   */
  stop(signal: NodeJS.Signals): Promise<boolean> {
    const child = this.child;
    return new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve(false);
      child.once('exit', () => resolve(true));
      child.kill(signal);
    });
  }

  /** Lines written in [from, to). */
  linesBetween(from: number, to: number): OutputLine[] {
    return this.lines.filter((l) => l.time >= from && l.time < to);
  }
}

/** A fault rule of the emulator kit, named by the kind of fault it injects. */
export interface NamedRule {
  kind: string;
  rule: Record<string, unknown>;
}

/** Fault rules of one emulator, replaced phase by phase, with `applied` totals per kind kept across. */
export class FaultTally {
  /** Times each kind of fault was applied, summed over every rule list set so far. */
  readonly applied = new Map<string, number>();
  private current: NamedRule[] = [];

  constructor(private readonly url: string) {}

  /** Adds the applied counts of the current rules, then replaces them with `rules` (none: no faults). */
  async set(rules: NamedRule[]): Promise<void> {
    await this.collect();
    const res = await fetch(`${this.url}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rules.map((r) => r.rule)),
    });
    if (res.status !== 200) throw new Error(`PUT faults answered ${res.status}: ${await res.text()}`);
    this.current = rules;
  }

  /** The applied count of the current rule of this kind (reading the emulator now). */
  async appliedNow(kind: string): Promise<number> {
    const rules = (await (await fetch(`${this.url}/_emulator/faults`)).json()) as Array<{ applied: number }>;
    const index = this.current.findIndex((r) => r.kind === kind);
    return index < 0 ? 0 : (rules[index]?.applied ?? 0);
  }

  /**
   * Makes sure every kind of `rules` has been applied: a kind still at 0 (random faults on a service
   * that got few requests) gets a rule of its own that fires on the next matching request, waited for up
   * to `timeoutMs` (`poke` makes requests come, for a service on a frozen clock); then `rules` are set
   * again.
   */
  async ensureEach(rules: NamedRule[], timeoutMs = 60_000, poke?: () => Promise<void>): Promise<void> {
    await this.set(rules);
    for (const named of rules) {
      if ((this.applied.get(named.kind) ?? 0) > 0) continue;
      await this.set([{ kind: named.kind, rule: { ...named.rule, probability: 1, times: 1 } }]);
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && (await this.appliedNow(named.kind)) === 0)
        await (poke ? poke() : new Promise((resolve) => setTimeout(resolve, 200)));
      await this.set(rules);
    }
  }

  private async collect(): Promise<void> {
    if (this.current.length === 0) return;
    const rules = (await (await fetch(`${this.url}/_emulator/faults`)).json()) as Array<{ applied: number }>;
    this.current.forEach((named, i) => {
      this.applied.set(named.kind, (this.applied.get(named.kind) ?? 0) + (rules[i]?.applied ?? 0));
    });
  }
}

/**
 * The background faults of the chaos phases on every API path matching `path`: 500s, 429 with
 * Retry-After, dropped connections, cut bodies, and a few answers delayed past the clients' 30 s
 * timeout (core's default `timeoutMs`). `scale` multiplies the probabilities (a service that gets
 * few requests needs more per request to see each kind).
 */
export function backgroundFaults(path: string, timeouts: number, scale = 1): NamedRule[] {
  return [
    { kind: 'status 500', rule: { path, status: 500, probability: 0.02 * scale } },
    { kind: '429 Retry-After', rule: { path, status: 429, retryAfter: 1, probability: 0.01 * scale } },
    { kind: 'dropped connection', rule: { path, drop: true, probability: 0.01 * scale } },
    { kind: 'cut body', rule: { path, truncate: true, probability: 0.01 * scale } },
    { kind: 'timeout', rule: { path, delayMs: 31_000, probability: 0.01 * scale, times: timeouts } },
  ];
}

/** The core's circuit breaker defaults (`packages/core/src/circuit.ts`) and retry policy (`retry.ts`). */
export const BREAKER = {
  failureThreshold: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  /** `DEFAULT_RETRY.maxRetries` 2: three attempts per call. */
  attemptsPerCall: 3,
} as const;

/**
 * Probes a circuit can send within `ms` of opening: the jitter draws each delay between 50% and 100%
 * of min(maxDelayMs, baseDelayMs × 2^k), so the shortest delays give the most probes.
 */
export function maxProbes(ms: number): number {
  let elapsed = 0;
  let probes = 0;
  for (let k = 0; ; k++) {
    elapsed += 0.5 * Math.min(BREAKER.maxDelayMs, BREAKER.baseDelayMs * 2 ** k);
    if (elapsed > ms) return probes;
    probes += 1;
  }
}

/**
 * Requests a destination may receive during an outage of `ms` in which `starts` bridge processes ran
 * (each restart has a fresh breaker): per process, every caller in flight (`callers`) may spend all
 * its attempts before the circuit opens, then one probe per backoff step.
 */
export function outageRequestBound(ms: number, starts: number, callers: number): number {
  return starts * (BREAKER.failureThreshold + callers * BREAKER.attemptsPerCall + maxProbes(ms));
}
