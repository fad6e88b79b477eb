#!/usr/bin/env node
import { runCli } from './program.js';

// `voxbridge dlq list | head`: the reader went away. Nothing more can be shown, so end quietly (0)
// instead of crashing with an unhandled EPIPE; other stream errors still fail loudly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

runCli(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`voxbridge: ${message}\n`);
  // Commands with open handles (a pipeline stopped at a failed start) must not hang the process.
  process.exit(process.exitCode || 1);
});
