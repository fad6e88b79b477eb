import { readFileSync } from 'node:fs';
import { Command } from 'commander';

/** The CLI's own version, read from its package.json (one level above both src/ and dist/). */
const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Registers one module's commands on a program. */
type Register = (program: Command) => void;

/** A top-level command whose module is imported only when it runs. */
interface LazyCommand {
  name: string;
  /** The one-liner of the root help (the command's own help comes from its module). */
  summary: string;
  /** What the root help shows after the name. */
  usage: string;
  load(): Promise<Register>;
}

// Each command's modules (the bridge, the emulators, the dashboard) are imported when that command
// runs, so `voxbridge --help` loads commander alone. A new command gets an entry here; the test
// "the lazy table names every command" fails otherwise.
const COMMANDS: LazyCommand[] = [
  {
    name: 'demo',
    summary: 'emulators, simulators and the bridge in one process, with a live view',
    usage: '[--duration s] [--json] [--speed n] [--no-wfm]',
    load: async () => (await import('./commands/demo.js')).registerDemo,
  },
  {
    name: 'run',
    summary: 'run the pipelines from a configuration file until SIGINT/SIGTERM',
    usage: '[-c file] [--port n] [--print-token]',
    load: async () => (await import('./commands/run.js')).registerRun,
  },
  {
    name: 'apply',
    summary: 'make Playvox QA (and WFM) match the configuration',
    usage: '[-c file] [--dry-run] [--json]',
    load: async () => (await import('./commands/bridge.js')).registerBridgeCommands,
  },
  {
    name: 'check',
    summary: 'validate the configuration and call each service read-only',
    usage: '[-c file] [--json]',
    load: async () => (await import('./commands/check.js')).registerCheck,
  },
  {
    name: 'status',
    summary: 'checkpoint age, queue, dead letters, last error',
    usage: '[-c file] [--json]',
    load: async () => (await import('./commands/status.js')).registerStatus,
  },
  {
    name: 'dlq',
    summary: 'the dead-letter store: list, retry or drop records',
    usage: 'list|retry|drop [ids...] [-c file]',
    load: async () => (await import('./commands/bridge.js')).registerBridgeCommands,
  },
  {
    name: 'config',
    summary: 'configuration helpers (schema)',
    usage: 'schema',
    load: async () => (await import('./commands/bridge.js')).registerBridgeCommands,
  },
  {
    name: 'backfill',
    summary: "queue a past period's LiveVox interactions not delivered yet (Call Event Recovery report)",
    usage: '--from ISO --to ISO [-c file] [--dry-run] [--json]',
    load: async () => (await import('./commands/backfill.js')).registerBackfill,
  },
  {
    name: 'reconcile',
    summary: 'compare LiveVox with Playvox for a period: missing, duplicated, different',
    usage: '--from ISO --to ISO [-c file] [--fix] [--json]',
    load: async () => (await import('./commands/reconcile.js')).registerReconcile,
  },
  {
    name: 'dashboard',
    summary: 'serve the dashboard on its own, reading the store',
    usage: '[-c file] [--port n]',
    load: async () => (await import('./commands/dashboard.js')).registerDashboard,
  },
  {
    name: 'emulate',
    summary: 'run emulators on loopback in the foreground',
    usage: '<names...> [--port n] [--seed n]',
    load: async () => (await import('./commands/emulate.js')).registerEmulate,
  },
  {
    name: 'bench',
    summary: 'run the benchmarks and write BENCHMARKS.md',
    usage: '[--only sections] [--quick] [--json]',
    load: async () => (await import('./commands/bench.js')).registerBench,
  },
  {
    name: 'store',
    summary: 'the PostgreSQL store: migrate it, copy a SQLite store onto it',
    usage: 'migrate|copy [options]',
    load: async () => (await import('./commands/store.js')).registerStoreCommands,
  },
  {
    name: 'completion',
    summary: 'print a shell completion script',
    usage: 'bash|zsh|fish',
    load: async () => (await import('./commands/completion.js')).registerCompletion,
  },
];

/** The root command with its name, description, version and error style, and no subcommands yet. */
function root(): Command {
  return new Command('voxbridge')
    .description('Move contact-center data from LiveVox and Gladly into Playvox QA and WFM.')
    .version(VERSION)
    .showHelpAfterError('(add --help for additional information)');
}

/**
 * Builds the `voxbridge` command. Each subcommand is a light stand-in that, when it runs, imports its
 * module, registers the real command on a fresh root and parses the same arguments there (so `run
 * --help` shows the real options).
 */
export function buildProgram(): Command {
  const program = root();
  const usages = new Map<string, string>();
  for (const entry of COMMANDS) {
    usages.set(entry.name, entry.usage);
    program
      .command(entry.name)
      .description(entry.summary)
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .argument('[args...]')
      .action(async (_args: string[], _options: unknown, command: Command) => {
        const real = root();
        (await entry.load())(real);
        await real.parseAsync([entry.name, ...command.args], { from: 'user' });
      });
  }
  program.configureHelp({
    subcommandTerm: (command) => `${command.name()} ${usages.get(command.name()) ?? '[options]'}`.trim(),
  });
  return program;
}

/** Builds the whole command tree with every module loaded (for completion scripts and tests). */
export async function buildFullProgram(): Promise<Command> {
  const program = root();
  const registered = new Set<Register>();
  for (const entry of COMMANDS) {
    const register = await entry.load();
    if (registered.has(register)) continue;
    registered.add(register);
    register(program);
  }
  return program;
}

/** The names the root knows: every command and commander's own `help`. */
function knownCommands(program: Command): Set<string> {
  return new Set(['help', ...program.commands.flatMap((c) => [c.name(), ...c.aliases()])]);
}

/**
 * Parses `argv` (as `process.argv`) and runs the command. An unknown command fails with exit code 1
 * even with `--help` after it, where commander alone would print the root help and exit 0.
 */
export async function runCli(argv: string[], program = buildProgram()): Promise<void> {
  const first = argv.slice(2).find((arg) => !arg.startsWith('-'));
  if (first !== undefined && !knownCommands(program).has(first))
    program.error(`error: unknown command '${first}' (see voxbridge --help)`, {
      exitCode: 1,
      code: 'commander.unknownCommand',
    });
  await program.parseAsync(argv);
}
