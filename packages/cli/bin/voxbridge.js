#!/usr/bin/env node
// The `voxbridge` command. A committed shim, so that npm can link the bin at install time, before the
// TypeScript build has written dist/.
import '../dist/bin.js';
