import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * Building blocks of the bridge's metrics: one definition per metric name shared by every part that
 * registers it (the QA pipeline, the WFM connector, a restart in the same process), and views that fill
 * in the labels a part always has (`connection`, `pipeline`), so that every series of a metric carries
 * the same label names.
 */

/** The `connection` label's value of the connection a file without `connections:` describes. */
export const CONNECTION = 'default';

/** The bridge's pipelines, the `pipeline` label's values. */
export type PipelineName = 'qa' | 'wfm';

/** The destinations with a circuit breaker, the `destination` label's known values. */
export const DESTINATIONS = ['playvox-qa', 'playvox-wfm', 'livevox', 'gladly'] as const;

/** A destination's name (`playvox-qa`, …). */
export type DestinationName = (typeof DESTINATIONS)[number];

type LabelValues<L extends string> = Partial<Record<L, string | number>>;

/** The metric `name` of `registry`, or the one `make` registers when there is none yet. */
function reuseOrMake<M>(registry: Registry, name: string, make: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? make();
}

/** The counter `name` in `registry`, made on first use (a second part or a restart reuses it). */
export function counterIn<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
): Counter<L> {
  return reuseOrMake(registry, name, () => new Counter({ name, help, labelNames, registers: [registry] }));
}

/** The gauge `name` in `registry`, made on first use. */
export function gaugeIn<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
): Gauge<L> {
  return reuseOrMake(registry, name, () => new Gauge({ name, help, labelNames, registers: [registry] }));
}

/** The histogram `name` in `registry`, made on first use. */
export function histogramIn<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: number[],
): Histogram<L> {
  return reuseOrMake(
    registry,
    name,
    () => new Histogram({ name, help, labelNames, buckets, registers: [registry] }),
  );
}

/**
 * Every combination of the given label values, for starting a counter at 0: a series that exists from
 * the first scrape makes `rate()` and `increase()` see the first increment.
 */
export function combinations<L extends string>(
  values: Record<L, readonly string[]>,
): Array<Record<L, string>> {
  let out: Array<Record<string, string>> = [{}];
  for (const [name, options] of Object.entries(values) as Array<[string, readonly string[]]>)
    out = out.flatMap((partial) => options.map((value) => ({ ...partial, [name]: value })));
  return out as Array<Record<L, string>>;
}

/** Starts `counter` at 0 for every combination of `values`, with the `fixed` labels added. */
export function startAtZero<L extends string>(
  counter: Counter<L>,
  fixed: LabelValues<L>,
  values: Partial<Record<L, readonly string[]>>,
): void {
  for (const labels of combinations(values as Record<L, readonly string[]>))
    counter.inc({ ...fixed, ...labels } as LabelValues<L>, 0);
}

/**
 * A counter seen through fixed labels: `inc(labels, n)` adds them, and `translate` turns the caller's
 * labels (which may name things differently) into the metric's.
 */
export class CounterView<In extends string, L extends string> {
  constructor(
    /** The metric underneath (every series, every part). */
    readonly metric: Counter<L>,
    private readonly fixed: LabelValues<L>,
    private readonly translate: (labels: LabelValues<In>) => LabelValues<L> = (labels) =>
      labels as unknown as LabelValues<L>,
  ) {}

  /** Adds `value` (default 1) to the series of `labels` plus the fixed labels. */
  inc(labels?: LabelValues<In> | number, value?: number): void {
    if (typeof labels === 'number') this.metric.inc({ ...this.fixed } as LabelValues<L>, labels);
    else this.metric.inc({ ...this.fixed, ...this.translate(labels ?? {}) } as LabelValues<L>, value ?? 1);
  }

  /** The metric's values (every series), as prom-client reports them. */
  get(): ReturnType<Counter<L>['get']> {
    return this.metric.get();
  }
}

/** What {@link zeroedCounter} makes: a counter, its fixed labels and the label values it starts at 0. */
export interface ZeroedCounterSpec<In extends string, L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
  /** The labels every series of this part carries (`connection`, `pipeline`). */
  fixed: LabelValues<L>;
  /** The known values of the other labels: every combination starts at 0. */
  zero: Partial<Record<L, readonly string[]>>;
  /** Turns the caller's labels into the metric's (see {@link CounterView}). */
  translate?: (labels: LabelValues<In>) => LabelValues<L>;
}

/**
 * The counter of `spec` in `registry` (made on first use), its known series started at 0, seen through
 * its fixed labels: the three steps every labelled counter of the bridge takes.
 */
export function zeroedCounter<In extends string, L extends string>(
  registry: Registry,
  spec: ZeroedCounterSpec<In, L>,
): CounterView<In, L> {
  const counter = counterIn(registry, spec.name, spec.help, spec.labelNames);
  startAtZero(counter, spec.fixed, spec.zero);
  return new CounterView(counter, spec.fixed, spec.translate);
}

/** A gauge seen through fixed labels (see {@link CounterView}). */
export class GaugeView<In extends string, L extends string> {
  constructor(
    /** The metric underneath. */
    readonly metric: Gauge<L>,
    private readonly fixed: LabelValues<L>,
    private readonly translate: (labels: LabelValues<In>) => LabelValues<L> | undefined = (labels) =>
      labels as unknown as LabelValues<L>,
  ) {}

  /** Sets the series of `labels` plus the fixed labels; a translation to `undefined` is not recorded. */
  set(labels: LabelValues<In> | number, value?: number): void {
    if (typeof labels === 'number') {
      this.metric.set({ ...this.fixed } as LabelValues<L>, labels);
      return;
    }
    const translated = this.translate(labels);
    if (translated) this.metric.set({ ...this.fixed, ...translated } as LabelValues<L>, value ?? 0);
  }

  /** The metric's values (every series). */
  get(): ReturnType<Gauge<L>['get']> {
    return this.metric.get();
  }
}

/** A histogram seen through fixed labels. */
export class HistogramView<L extends string> {
  constructor(
    /** The metric underneath. */
    readonly metric: Histogram<L>,
    private readonly fixed: LabelValues<L>,
  ) {}

  /** Records one observation in the series of the fixed labels. */
  observe(value: number): void {
    this.metric.observe({ ...this.fixed } as LabelValues<L>, value);
  }

  /** The metric's values (buckets, sum and count of every series). */
  get(): ReturnType<Histogram<L>['get']> {
    return this.metric.get();
  }
}

/** The source a stream name starts with: `livevox:interaction-events` → `livevox`. */
export function sourceOfStream(stream: string | number | undefined): string {
  const name = String(stream ?? 'unknown');
  return name.includes(':') ? name.slice(0, name.indexOf(':')) : name;
}
