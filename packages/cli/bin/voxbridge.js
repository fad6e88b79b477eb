#!/usr/bin/env node
// The `voxbridge` command. A committed shim, so that npm can link the bin at install time, before the
// TypeScript build has written dist/. CommonJS (bin/package.json): Node starts a CommonJS entry without
// its ES module loader, a few milliseconds of every start; dist/ stays ES modules.

// Node >= 22.1 keeps compiled modules between runs (in the OS temp folder); Node 20 has no such cache
// for modules, so start.js runs the bundle of the command's start with a code cache of its own.
require('node:module').enableCompileCache?.();
require('./start.js').start();
