import { type Command, InvalidArgumentError } from 'commander';

/** Bounds of a numeric flag; both ends inclusive unless `above` is used. */
export interface NumberRule {
  /** Smallest value allowed. */
  min?: number;
  /** The value must be strictly greater than this. */
  above?: number;
  /** Largest value allowed. */
  max?: number;
}

function describeRule(kind: 'an integer' | 'a number', rule: NumberRule): string {
  const parts: string[] = [];
  if (rule.above !== undefined) parts.push(`above ${rule.above}`);
  if (rule.min !== undefined && rule.max !== undefined) parts.push(`from ${rule.min} to ${rule.max}`);
  else if (rule.min !== undefined) parts.push(`at least ${rule.min}`);
  else if (rule.max !== undefined) parts.push(`at most ${rule.max}`);
  return `must be ${kind}${parts.length ? ` ${parts.join(' and ')}` : ''}`;
}

function parser(kind: 'an integer' | 'a number', rule: NumberRule): (value: string) => number {
  return (value) => {
    // Number('') is 0 and Number.parseFloat('5x') is 5: neither may pass as a number.
    const n = value.trim() === '' ? Number.NaN : Number(value);
    const ok =
      Number.isFinite(n) &&
      (kind === 'a number' || Number.isInteger(n)) &&
      (rule.min === undefined || n >= rule.min) &&
      (rule.max === undefined || n <= rule.max) &&
      (rule.above === undefined || n > rule.above);
    // Commander prefixes this with "option '--flag <x>' argument 'value' is invalid."
    if (!ok) throw new InvalidArgumentError(`${describeRule(kind, rule)}, got ${JSON.stringify(value)}`);
    return n;
  };
}

/** A commander argument parser for an integer flag; a bad value fails naming the flag, rule and value. */
export function integerOption(rule: NumberRule = {}): (value: string) => number {
  return parser('an integer', rule);
}

/** A commander argument parser for a finite number flag (fractions allowed). */
export function numberOption(rule: NumberRule = {}): (value: string) => number {
  return parser('a number', rule);
}

/** A TCP port: 0 (any free port) to 65535. */
export const portOption = integerOption({ min: 0, max: 65535 });

/** A commander argument parser accepting one of `choices`. */
export function choiceOption<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(choices as readonly string[]).includes(value))
      throw new InvalidArgumentError(`must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
    return value as T;
  };
}

/** The flags every command that works from a configuration file shares. */
export interface ConfigCommandFlags {
  /** The `--json` flag's help, when the command prints JSON on request. */
  json?: string;
  /** The `--connection <name>` flag's help, when the command can act on one connection of the file. */
  connection?: string;
}

/** The usual help of `--connection`: a command that acts on every connection unless one is named. */
export const EVERY_CONNECTION =
  'only this connection of the file (connections[i].name); default: every connection';

/**
 * A subcommand of `parent` that reads a configuration file: `-c, --config <file>` (default
 * `voxbridge.yaml`), `--connection <name>` when `flags.connection` is given, and `--json` (default false)
 * when `flags.json` is. One place, so that every such command spells these flags alike.
 */
export function configCommand(
  parent: Command,
  name: string,
  description: string,
  flags: ConfigCommandFlags = {},
): Command {
  const command = parent
    .command(name)
    .description(description)
    .option('-c, --config <file>', 'configuration file', 'voxbridge.yaml');
  if (flags.connection !== undefined) command.option('--connection <name>', flags.connection);
  return flags.json === undefined ? command : command.option('--json', flags.json, false);
}
