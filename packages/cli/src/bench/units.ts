import type { BenchSection, Figure, FigureValue } from './types.js';

/**
 * The unit of a figure, read from its name (the first rule that matches wins). Sections name their
 * figures with the unit in the name (`eventsPerSecond`, `bridgeCpuUsPerEvent`, `peakRssMiB`); a `Min`
 * or `Max` ending (the spread of some rounds) has the unit of the median it follows.
 */
const RULES: Array<[RegExp, string]> = [
  [/UsPerEvent$/, 'µs/event'],
  [/UsPerRequest$/, 'µs/request'],
  [/BytesPerEvent$/, 'bytes/event'],
  [/[bB]ytesPerInteraction$/, 'bytes/interaction'],
  [/EventsPerCpuSecond\w*$/, 'events/CPU-second'],
  [/EventsPerSecond\w*$/, 'events/s'],
  [/InteractionsPerSecond$/, 'interactions/s'],
  [/InteractionsPerMinute$/, 'interactions/min'],
  [/Rps$/, 'requests/s'],
  [/MiB$/, 'MiB'],
  [/Rss\d*Mb$/, 'MiB'],
  [/Ms$/, 'ms'],
  [/Seconds$/, 's'],
  [/Percent$/, '%'],
  [/(Ratio|Speedup)$/, 'ratio'],
  [/(Count|Rounds|Items|Jobs|Events|Sample|Concurrency|PerPage|PerRound|Requests)$/, 'count'],
];

/** The unit of the figure `name` holding `value` (see {@link RULES}); `number` when no rule names one. */
export function unitOf(name: string, value: FigureValue): string {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'text';
  const base = name.replace(/(Min|Max)$/, '');
  return RULES.find(([pattern]) => pattern.test(base))?.[1] ?? 'number';
}

/** Wraps a section so that each of its figures carries its unit: `{ value, unit }`. */
export function withUnits(section: BenchSection): BenchSection {
  return async (context) => {
    const result = await section(context);
    const figures: Record<string, Figure> = {};
    for (const [name, value] of Object.entries(result.figures))
      figures[name] =
        typeof value === 'object'
          ? value
          : { value: Number.isNaN(value) ? null : value, unit: unitOf(name, value) };
    return { ...result, figures };
  };
}
