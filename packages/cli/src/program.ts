import { Command } from 'commander';
import { registerBench } from './commands/bench.js';
import { registerBridgeCommands } from './commands/bridge.js';
import { registerDashboard } from './commands/dashboard.js';
import { registerDemo } from './commands/demo.js';
import { registerEmulate } from './commands/emulate.js';

/** Builds the `voxbridge` command with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('voxbridge')
    .description('Move contact-center data from LiveVox and Gladly into Playvox QA and WFM.')
    .version('0.1.0')
    .showHelpAfterError();
  registerDemo(program);
  registerBridgeCommands(program);
  registerDashboard(program);
  registerEmulate(program);
  registerBench(program);
  return program;
}
