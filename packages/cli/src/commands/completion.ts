import type { Command } from 'commander';
import { COMPLETION_SHELLS, type CompletionShell, completionScript } from '../completion.js';
import { choiceOption } from '../options.js';

/** `voxbridge completion bash|zsh|fish`: prints a completion script for the whole command tree. */
export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish) for every command and option')
    .argument('<shell>', COMPLETION_SHELLS.join(', '), choiceOption(COMPLETION_SHELLS))
    .action(async (shell: CompletionShell) => {
      // Imported here: program.ts imports this module lazily, and the whole tree loads every command.
      const { buildFullProgram } = await import('../program.js');
      process.stdout.write(completionScript(await buildFullProgram(), shell));
    });
}
