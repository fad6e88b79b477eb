import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerBench } from './commands/bench.js';
import { registerBridgeCommands } from './commands/bridge.js';
import { registerCheck } from './commands/check.js';
import { registerDashboard } from './commands/dashboard.js';
import { registerDemo } from './commands/demo.js';
import { registerEmulate } from './commands/emulate.js';
import { registerStoreCommands } from './commands/store.js';

/** The CLI's own version, read from its package.json (one level above both src/ and dist/). */
const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Builds the `voxbridge` command with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('voxbridge')
    .description('Move contact-center data from LiveVox and Gladly into Playvox QA and WFM.')
    .version(VERSION)
    .showHelpAfterError();
  registerDemo(program);
  registerBridgeCommands(program);
  registerCheck(program);
  registerDashboard(program);
  registerEmulate(program);
  registerBench(program);
  registerStoreCommands(program);
  return program;
}
