import { describe, expect, it } from 'vitest';
import { configJsonSchema, parseConfig, parseConfigText } from '../src/config/load.js';
import { baseConfig, problemsOf } from './helpers.js';

describe('configuration', () => {
  it('fills defaults for every optional section', () => {
    const config = parseConfig(baseConfig());
    expect(config.store.path).toBe('./.voxbridge/state.db');
    expect(config.server.host).toBe('127.0.0.1');
    expect(config.livevox.feed).toEqual({ transport: 'longpoll', count: 1000, filter: {} });
    expect(config.delivery.batchSize).toBe(100);
    expect(config.playvox.metadata[1]!.availableIn).toEqual(['filters', 'display']);
  });

  it('names the YAML path and the rule of a bad metadata type', () => {
    const raw = baseConfig();
    (raw.playvox as { metadata: Array<Record<string, unknown>> }).metadata[2]!.type = 'number';
    expect(problemsOf(() => parseConfig(raw))).toEqual([
      'playvox.metadata[2].type: must be one of string, integer, float, list, boolean, datetime',
    ]);
  });

  it('reports every problem at once, with paths', () => {
    const raw = baseConfig();
    (raw.playvox as Record<string, unknown>).metadata = [{ fieldId: 'Bad-Name', type: 'string' }];
    (raw.livevox as Record<string, unknown>).feed = { transport: 'websocket', count: 5000 };
    expect(problemsOf(() => parseConfig(raw))).toEqual(
      expect.arrayContaining([
        'playvox.metadata[0].fieldId: must be 3-30 characters of a-z and _',
        'livevox.feed.transport: must be longpoll or sse',
        'livevox.feed.count: must be at most 1000',
      ]),
    );
  });

  it('refuses reserved datetime names and an integration without a datetime field', () => {
    const raw = baseConfig();
    (raw.playvox as Record<string, unknown>).metadata = [{ fieldId: 'created_at', type: 'datetime' }];
    expect(problemsOf(() => parseConfig(raw))).toContain(
      'playvox.metadata[0].fieldId: created_at and updated_at are reserved and cannot name a datetime field',
    );
    (raw.playvox as Record<string, unknown>).metadata = [{ fieldId: 'note', type: 'string' }];
    expect(problemsOf(() => parseConfig(raw))).toContain(
      'playvox.metadata: an integration needs at least one datetime field',
    );
  });

  it('interpolates ${ENV} and names the path of a missing variable', () => {
    const text = `
livevox:
  baseUrl: http://127.0.0.1:4020
  accessToken: \${LV_TOKEN}
  clientName: DEMO
  userName: demo
  password: \${LV_PASSWORD}
playvox:
  baseUrl: http://127.0.0.1:4010
  uid: demo
  key: \${PV_KEY:-fallback-key}
  integration: { name: LiveVox }
  metadata: [{ fieldId: call_start, type: datetime }]
`;
    const config = parseConfigText(text, 'voxbridge.yaml', { LV_TOKEN: 'tok', LV_PASSWORD: 'pw' });
    expect(config.livevox.accessToken).toBe('tok');
    expect(config.playvox.key).toBe('fallback-key');
    expect(problemsOf(() => parseConfigText(text, 'voxbridge.yaml', { LV_TOKEN: 'tok' }))).toEqual([
      'livevox.password: environment variable LV_PASSWORD is not set',
    ]);
  });

  it('rejects unknown keys and YAML syntax errors with their place', () => {
    expect(problemsOf(() => parseConfig({ ...baseConfig(), extra: 1 }))).toEqual([
      '(root): unknown key extra',
    ]);
    const problems = problemsOf(() => parseConfigText('livevox: [unclosed', 'x.yaml'));
    expect(problems[0]).toMatch(/^line \d+: /);
  });

  it('publishes a JSON Schema of the file', () => {
    const schema = configJsonSchema() as {
      properties: Record<string, unknown>;
      anyOf: Array<{ required: string[] }>;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['livevox', 'playvox', 'mapping', 'store', 'server', 'connections']),
    );
    // livevox and playvox are required at the top unless the file lists connections.
    expect(schema.anyOf).toEqual([{ required: ['livevox', 'playvox'] }, { required: ['connections'] }]);
  });
});

describe('voxbridge.example.yaml', () => {
  it('is a valid configuration once its environment variables are set', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../voxbridge.example.yaml', import.meta.url), 'utf8');
    const names = [...text.matchAll(/^[^#\n]*\$\{([A-Z_]+)\}/gm)].map((m) => m[1]!);
    const env = Object.fromEntries(
      names.map((name) => [name, name === 'PLAYVOX_SUBDOMAIN' ? 'acme' : `value-of-${name.toLowerCase()}`]),
    );
    const config = parseConfigText(text, 'voxbridge.example.yaml', env);
    expect(config.playvox.subdomain).toBe('acme');
    expect(config.mapping.comments).toHaveLength(2);
  });
});
