#!/usr/bin/env node
// The `voxbridge` command. A committed shim, so that npm can link the bin at install time, before the
// TypeScript build has written dist/.
import module from 'node:module';
import { startEntry } from './start.js';

// Node >= 22.1 keeps compiled code between runs (in the OS temp folder); Node 20 has no such cache.
module.enableCompileCache?.();
await import(startEntry());
