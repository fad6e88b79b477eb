import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfig, parseConfigText } from '../src/config/load.js';
import { configWarnings } from '../src/config/rules.js';
import { baseConfig, problemsOf, tempDir } from './helpers.js';

/** `${NAME}` written without a template-literal lookalike in the source. */
const ph = (name: string) => `$${'{'}${name}}`;

const YAML = `
livevox:
  baseUrl: http://127.0.0.1:4020
  accessToken: tok
  clientName: DEMO
  userName: demo
  password: \${LV_PASSWORD}
playvox:
  baseUrl: http://127.0.0.1:4010
  uid: demo
  key: \${file:secrets/playvox-key}
  integration: { name: LiveVox }
  metadata: [{ fieldId: call_start, type: datetime }]
delivery:
  batchSize: \${BATCH:-50}
  maxAttempts: 3
server:
  port: \${PORT}
store:
  path: ./state/bridge.db
`;

describe('type errors say what was expected and what was given', () => {
  it('names the path, the type and the value', () => {
    const raw = baseConfig({ delivery: { batchSize: 'abc', concurrency: 2.5, jobTimeoutMs: [1] } });
    const problems = problemsOf(() => parseConfig(raw));
    expect(problems).toContain('delivery.batchSize: expected an integer, got "abc"');
    expect(problems).toContain('delivery.concurrency: expected an integer, got 2.5');
    expect(problems).toContain('delivery.jobTimeoutMs: expected an integer, got a list');
  });

  it('keeps "is required" for missing keys and never repeats a secret', () => {
    const raw = baseConfig();
    (raw.livevox as Record<string, unknown>).password = 123456;
    delete (raw.livevox as Record<string, unknown>).userName;
    const problems = problemsOf(() => parseConfig(raw));
    expect(problems).toContain('livevox.password: expected text, got a number');
    expect(problems).toContain('livevox.userName: is required');
    expect(problems.join('\n')).not.toContain('123456');
  });
});

describe('environment and secret-file placeholders', () => {
  it('reads numbers and booleans from the environment as the schema types them', () => {
    const raw = baseConfig({
      server: { port: ph('PORT') },
      delivery: { batchSize: ph('BATCH') },
      store: { path: ph('STORE') },
    });
    (raw.livevox as Record<string, unknown>).agent = ph('AGENT');
    const config = parseConfig(raw, 'test', { PORT: '8080', BATCH: ' 25 ', AGENT: 'TRUE', STORE: '12' });
    expect(config.server.port).toBe(8080);
    expect(config.delivery.batchSize).toBe(25);
    expect(config.livevox.agent).toBe(true);
    expect(config.store.path).toBe('12'); // a text key stays text
    expect(
      problemsOf(() => parseConfig(raw, 'test', { PORT: 'eighty', BATCH: '1', AGENT: 'yes', STORE: 's' })),
    ).toEqual([
      'livevox.agent: expected a boolean, got "yes"',
      'server.port: expected an integer, got "eighty"',
    ]);
  });

  it('reads secrets from files (trailing newline trimmed) and resolves paths against the file', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets', 'playvox-key'), 'file-secret\n');
    writeFileSync(join(dir, 'voxbridge.yaml'), YAML);
    const config = loadConfigFile(join(dir, 'voxbridge.yaml'), { LV_PASSWORD: 'pw', PORT: '9100' });
    expect(config.playvox.key).toBe('file-secret');
    expect(config.server.port).toBe(9100);
    expect(config.delivery.batchSize).toBe(50);
    expect(config.store.path).toBe(join(dir, 'state', 'bridge.db'));
  });

  it('names the YAML path and the file of a missing secret file, never a value', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'voxbridge.yaml'), YAML);
    const problems = problemsOf(() =>
      loadConfigFile(join(dir, 'voxbridge.yaml'), { LV_PASSWORD: 'pw', PORT: '1' }),
    );
    expect(problems).toEqual([
      `playvox.key: cannot read the secret file ${join(dir, 'secrets', 'playvox-key')} (ENOENT)`,
    ]);
  });

  it('keeps store.path relative to the working directory only for objects parsed in code', () => {
    const config = parseConfigText(YAML.replace(ph('file:secrets/playvox-key'), 'k'), 'x', {
      LV_PASSWORD: 'pw',
      PORT: '1',
    });
    expect(config.store.path).toBe('./state/bridge.db');
  });
});

describe('cross-field rules at load', () => {
  it('refuses mapping targets that are not in metadata, and required fields nothing fills', () => {
    const raw = baseConfig();
    const mapping = raw.mapping as { fields: Array<Record<string, unknown>> };
    mapping.fields.push({ field: 'wrap_up', from: 'wrapUp' });
    mapping.fields.splice(0, 1); // call_start (required) loses its rule
    expect(problemsOf(() => parseConfig(raw))).toEqual([
      'mapping.fields[3].field: "wrap_up" is not in playvox.metadata (fields: call_start, channel, duration_seconds, agent_login)',
      'playvox.metadata[0]: required field call_start has no mapping.fields rule, so every interaction would be dead-lettered',
    ]);
  });

  it('needs allowed values on list fields only', () => {
    const raw = baseConfig();
    const metadata = (raw.playvox as { metadata: Array<Record<string, unknown>> }).metadata;
    metadata[1]!.allowed = [];
    metadata[2]!.allowed = ['1'];
    expect(problemsOf(() => parseConfig(raw))).toEqual([
      'playvox.metadata[1].allowed: a list field needs its allowed values (Playvox refuses a list field without them)',
      'playvox.metadata[2].allowed: only a list field has allowed values (this one is integer)',
    ]);
  });

  it('refuses reserved names and an integration without a datetime field', () => {
    const raw = baseConfig();
    (raw.playvox as Record<string, unknown>).metadata = [{ fieldId: 'updated_at', type: 'datetime' }];
    (raw.mapping as Record<string, unknown>).fields = [];
    expect(problemsOf(() => parseConfig(raw))).toContain(
      'playvox.metadata[0].fieldId: created_at and updated_at are reserved and cannot name a datetime field',
    );
  });

  it('needs complete assignee settings', () => {
    const table = baseConfig();
    (table.mapping as Record<string, unknown>).assignee = { mode: 'table', fallback: 'x@example.com' };
    expect(problemsOf(() => parseConfig(table))).toEqual([
      'mapping.assignee.table: mode table needs at least one "agent login: Playvox user" entry',
    ]);
    const template = baseConfig();
    (template.mapping as Record<string, unknown>).assignee = { mode: 'template', template: 'qa@example.com' };
    expect(problemsOf(() => parseConfig(template))[0]).toMatch(
      /^mapping\.assignee\.template: mode template needs/,
    );
    const noFallback = baseConfig();
    (noFallback.mapping as Record<string, unknown>).assignee = { mode: 'login' };
    expect(configWarnings(parseConfig(noFallback))).toEqual([
      'mapping.assignee.fallback: not set, so every SMS and EMAIL interaction (they carry no agent) will be dead-lettered',
    ]);
  });

  it('compiles WFM regular expressions and refuses overlaps', () => {
    const wfm = {
      baseUrl: 'http://127.0.0.1:4011',
      accessKeyId: 'id',
      secret: 's',
      taskDefinitions: [
        { name: 'Ready', identifiers: { livevox: 'READY' } },
        { name: 'Anything', identifiers: { livevox: '.*' } },
        { name: 'Broken', identifiers: { livevox: 'NOT_READY(' } },
      ],
      workstreams: { extra: [{ name: 'X', identifiers: { gladly: '[' } }] },
    };
    const raw = baseConfig({ wfm });
    (raw.livevox as Record<string, unknown>).agentFeed = { enabled: true };
    const problems = problemsOf(() => parseConfig(raw));
    expect(
      problems.some((p) =>
        p.startsWith('wfm.taskDefinitions[2].identifiers.livevox: task definition "Broken"'),
      ),
    ).toBe(true);
    expect(problems).toContain(
      'wfm.taskDefinitions: livevox status "READY" matches 2 task definitions ("Ready", "Anything"): Playvox would find it ambiguous',
    );
    expect(
      problems.some((p) => p.startsWith('wfm.workstreams.extra[0].identifiers.gladly: /[/ is not a valid')),
    ).toBe(true);
  });
});
