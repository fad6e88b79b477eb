import type { BridgeConfig } from '../config/schema.js';
import {
  DEFAULT_GLADLY_AWAY_REASONS,
  DEFAULT_LIVEVOX_NOT_READY_REASONS,
  type WfmSource,
} from '../config/wfm-defaults.js';
import type { WfmConfig } from '../config/wfm-schema.js';
import { gladlyStatusVocabulary, liveVoxStatusVocabulary } from '../wfm/stages/vocabulary.js';

/** What kind of record an identifier belongs to. */
export type LintTarget = 'task' | 'workstream';

/**
 * A problem with the Integration Identifiers, found before anything is sent:
 * - `invalid` (error): the expression does not compile;
 * - `overlap` (error): a sample value matches several records of one source, so WFM would find it ambiguous;
 * - `matches-nothing` (warning): a record's expression matches no sample value;
 * - `unmatched-value` (warning): a sample value matches no record, so WFM would report it unmatched.
 */
export interface LintFinding {
  severity: 'error' | 'warning';
  kind: 'invalid' | 'overlap' | 'matches-nothing' | 'unmatched-value';
  target: LintTarget;
  source: WfmSource;
  /** The record(s) concerned. */
  names: string[];
  /** The expression (invalid, matches-nothing) or the sample value (overlap, unmatched-value). */
  subject: string;
  message: string;
}

/** One record whose identifiers are linted. */
export interface LintRecord {
  name: string;
  identifiers: Partial<Record<WfmSource, string>>;
}

/** What one lint pass checks: records of one target against sample values per source. */
export interface LintInput {
  target: LintTarget;
  records: readonly LintRecord[];
  /** Values each source sends (statuses, or workstream values); sources without samples are only compiled. */
  samples: Partial<Record<WfmSource, readonly string[]>>;
}

/** Compiles an identifier the way Playvox matches it: the whole value, `^(?:re)$`. */
export function compileIdentifier(source: string): RegExp {
  return new RegExp(`^(?:${source})$`);
}

/** Lints one target's identifiers; findings in record order, errors and warnings mixed. */
export function lintIdentifiers(input: LintInput): LintFinding[] {
  const findings: LintFinding[] = [];
  const noun = input.target === 'task' ? 'task definition' : 'workstream';
  const compiled = new Map<WfmSource, Array<{ name: string; pattern: string; regex: RegExp }>>();
  for (const record of input.records) {
    for (const [source, pattern] of Object.entries(record.identifiers) as Array<
      [WfmSource, string | undefined]
    >) {
      if (pattern === undefined) continue;
      try {
        const regex = compileIdentifier(pattern);
        compiled.set(source, [...(compiled.get(source) ?? []), { name: record.name, pattern, regex }]);
      } catch (error) {
        findings.push({
          severity: 'error',
          kind: 'invalid',
          target: input.target,
          source,
          names: [record.name],
          subject: pattern,
          message: `${noun} "${record.name}": ${source} identifier /${pattern}/ is not a valid regular expression (${(error as Error).message})`,
        });
      }
    }
  }
  for (const [source, samples] of Object.entries(input.samples) as Array<[WfmSource, readonly string[]]>) {
    const entries = compiled.get(source) ?? [];
    const matchedBy = new Map<string, string[]>();
    for (const value of samples) {
      const names = entries.filter((entry) => entry.regex.test(value)).map((entry) => entry.name);
      matchedBy.set(value, names);
      if (names.length > 1) {
        findings.push({
          severity: 'error',
          kind: 'overlap',
          target: input.target,
          source,
          names,
          subject: value,
          message: `${source} ${input.target === 'task' ? 'status' : 'value'} "${value}" matches ${names.length} ${noun}s (${names.map((n) => `"${n}"`).join(', ')}): Playvox would find it ambiguous`,
        });
      } else if (names.length === 0 && entries.length > 0) {
        findings.push({
          severity: 'warning',
          kind: 'unmatched-value',
          target: input.target,
          source,
          names: [],
          subject: value,
          message: `${source} ${input.target === 'task' ? 'status' : 'value'} "${value}" matches no ${noun}: Playvox would report it unmatched`,
        });
      }
    }
    for (const entry of entries) {
      if (samples.some((value) => entry.regex.test(value))) continue;
      findings.push({
        severity: 'warning',
        kind: 'matches-nothing',
        target: input.target,
        source,
        names: [entry.name],
        subject: entry.pattern,
        message: `${noun} "${entry.name}": ${source} identifier /${entry.pattern}/ matches none of the ${samples.length} sample values`,
      });
    }
  }
  return findings;
}

/**
 * Lints the task definitions against the statuses each active source produces (no request needed, so
 * configuration loading runs it too).
 */
export function lintTasks(config: BridgeConfig, wfm: WfmConfig): LintFinding[] {
  const samples: Partial<Record<WfmSource, string[]>> = {};
  if (config.gladly)
    samples.gladly = gladlyStatusVocabulary(
      config.gladly.awayReasons ?? DEFAULT_GLADLY_AWAY_REASONS,
      wfm.lint.sampleStatuses.gladly,
    );
  const feed = config.livevox.agentFeed;
  if (feed?.enabled)
    samples.livevox = liveVoxStatusVocabulary(
      feed.notReadyReasons ?? DEFAULT_LIVEVOX_NOT_READY_REASONS,
      wfm.lint.sampleStatuses.livevox,
    );
  return lintIdentifiers({ target: 'task', records: wfm.taskDefinitions, samples });
}
