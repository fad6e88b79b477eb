import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ConfigError } from '../src/config/load.js';
import { createLogger } from '../src/observability/logger.js';

/** A fresh temporary directory for one test's store. */
export function tempDir(prefix = 'voxbridge-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A minimal valid configuration object (before defaults), for tests to modify. */
export function baseConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    livevox: {
      baseUrl: 'http://127.0.0.1:1',
      accessToken: 't',
      clientName: 'DEMO',
      userName: 'demo',
      password: 'demo-password',
    },
    playvox: {
      baseUrl: 'http://127.0.0.1:2',
      uid: 'demo',
      key: 'demo-secret',
      integration: { name: 'LiveVox', description: 'calls' },
      metadata: [
        { fieldId: 'call_start', type: 'datetime', required: true },
        { fieldId: 'channel', type: 'list', allowed: ['VOICE', 'SMS', 'EMAIL'], required: true },
        { fieldId: 'duration_seconds', type: 'integer' },
        { fieldId: 'agent_login', type: 'string' },
      ],
    },
    mapping: {
      fields: [
        { field: 'call_start', from: 'timestamp' },
        { field: 'channel', from: 'interactionType' },
        { field: 'duration_seconds', from: 'duration' },
        { field: 'agent_login', from: 'agentLoginId' },
      ],
      assignee: { mode: 'login', fallback: 'unassigned@example.com' },
      comments: [{ author: 'voxbridge@example.com', template: 'Result: {lvResult}', when: 'lvResult' }],
    },
    ...overrides,
  };
}

/** The problems of the ConfigError `run` throws; fails when it throws nothing or something else. */
export function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/** One JSON log line as the logger wrote it. */
export interface LogLine {
  level: number;
  msg: string;
  time: number;
  [key: string]: unknown;
}

/** A JSON logger at `level` whose lines are kept in memory, parsed, for a test to read. */
export function keptLogger(level: 'debug' | 'info' = 'debug'): {
  logger: ReturnType<typeof createLogger>;
  lines: LogLine[];
} {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ level, destination, pretty: false }), lines };
}
