import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONNECTION_NAME, selectConnections } from '../src/config/connections.js';
import { configJsonSchema, parseConfigText, parseConnections } from '../src/config/load.js';
import { MAX_INTERACTION_ID_LENGTH, playvoxInteractionId } from '../src/qa/ids.js';
import { baseConfig, problemsOf } from './helpers.js';

/** A `connections:` file whose entries are the test configuration's per-connection sections. */
function twoConnections(names: unknown[] = ['acme', 'globex']): Record<string, unknown> {
  const { livevox, playvox, mapping, ...shared } = baseConfig();
  return {
    ...shared,
    store: { path: './state.db' },
    connections: names.map((name) => ({
      ...(name === undefined ? {} : { name }),
      livevox,
      playvox,
      mapping,
    })),
  };
}

describe('connections: configuration', () => {
  it('reads a file without connections: as the one connection "default", unchanged', () => {
    const [only, ...rest] = parseConnections(baseConfig());
    expect(rest).toEqual([]);
    expect(only!.name).toBe('default');
    expect(only!.config.playvox.integration.name).toBe('LiveVox');
  });

  it('gives each connection its own sections and the shared ones, with store.path resolved once', () => {
    const connections = parseConnections(twoConnections(), 'voxbridge.yaml', {}, { baseDir: '/srv/vb' });
    expect(connections.map((c) => c.name)).toEqual(['acme', 'globex']);
    for (const { config } of connections) {
      expect(config.store.path).toBe('/srv/vb/state.db');
      expect(config.delivery.batchSize).toBe(100);
      expect(config.livevox.feed.count).toBe(1000);
    }
  });

  it('names connections[i].name when a name is missing, malformed or taken', () => {
    expect(problemsOf(() => parseConnections(twoConnections(['acme', undefined])))).toEqual([
      'connections[1].name: is required',
    ]);
    expect(problemsOf(() => parseConnections(twoConnections(['acme', 'Big Co'])))).toEqual([
      'connections[1].name: must be a short slug of a-z, 0-9, _ and - (at most 32, starting with a letter or digit), got "Big Co"',
    ]);
    expect(problemsOf(() => parseConnections(twoConnections(['acme', 'acme'])))).toEqual([
      'connections[1].name: "acme" is already the name of connections[0]',
    ]);
  });

  it('refuses per-connection sections beside connections:, naming both paths', () => {
    const raw = { ...twoConnections(), livevox: baseConfig().livevox };
    expect(problemsOf(() => parseConnections(raw))).toEqual([
      'livevox: cannot stand beside connections: (a per-connection section belongs in each connections[i].livevox)',
    ]);
  });

  it('runs the cross-field rules per connection under its path', () => {
    const raw = twoConnections();
    const second = (raw.connections as Array<Record<string, unknown>>)[1]!;
    second.mapping = { fields: [{ field: 'nowhere', from: 'x' }] };
    const problems = problemsOf(() => parseConnections(raw));
    expect(problems[0]).toMatch(/^connections\[1\]\.mapping\.fields\[0\]\.field: "nowhere" is not in/);
    expect(problems.every((p) => p.startsWith('connections[1].'))).toBe(true);
  });

  it('reads numbers from environment placeholders inside connections', () => {
    const raw = twoConnections();
    const first = (raw.connections as Array<Record<string, Record<string, unknown>>>)[0]!;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a configuration placeholder, not a template
    first.playvox = { ...first.playvox, requestsPerMinute: '${RPM}' };
    const [acme] = parseConnections(raw, 'c', { RPM: '120' });
    expect(acme!.config.playvox.requestsPerMinute).toBe(120);
  });

  it('refuses two Gladly webhooks on one path of the shared server', () => {
    const raw = twoConnections();
    const webhook = (path?: string) => ({
      org: 'acme',
      email: 'api@acme.com',
      apiToken: 't',
      webhook: {
        url: 'https://bridge.example.com/hook',
        password: 'a-long-webhook-password',
        ...(path ? { path } : {}),
      },
    });
    const [first, second] = raw.connections as Array<Record<string, unknown>>;
    first!.gladly = webhook();
    second!.gladly = webhook();
    expect(problemsOf(() => parseConnections(raw))).toEqual([
      'connections[1].gladly.webhook.path: "/webhooks/gladly" is already the webhook path of connections[0] (one server serves both: give each connection its own path)',
    ]);
    second!.gladly = webhook('/webhooks/gladly-globex');
    expect(parseConnections(raw)).toHaveLength(2);
  });

  it('asks for --connection when a one-connection command meets several', () => {
    const text = JSON.stringify(twoConnections());
    expect(problemsOf(() => parseConfigText(text, 'c', {}))).toEqual([
      'connections: this command works on one connection and the file lists 2 (acme, globex); run, check, apply, status and dlq work on every connection (apply, status, dlq and dashboard also take --connection NAME)',
    ]);
    expect(parseConfigText(text, 'c', {}, { connection: 'globex' }).playvox.uid).toBe('demo');
  });

  it('names the known connections for an unknown --connection', () => {
    const all = parseConnections(twoConnections());
    expect(() => selectConnections(all, 'initech')).toThrow(
      '--connection: no connection is named "initech" (known: acme, globex)',
    );
    expect(selectConnections(all, undefined)).toHaveLength(2);
  });

  it('documents connections: in the JSON Schema', () => {
    const schema = configJsonSchema() as { properties: Record<string, { description?: string }> };
    expect(schema.properties.connections?.description).toMatch(/named connection/);
    expect(schema.properties.livevox).toBeDefined();
  });
});

const identity = fc.oneof(
  fc.record({
    type: fc.constant('VOICE' as const),
    sessionId: fc.string({ minLength: 1, maxLength: 80 }),
    transactionId: fc.string({ minLength: 1, maxLength: 40 }),
  }),
  fc.record({
    type: fc.constantFrom('SMS' as const, 'EMAIL' as const),
    sessionId: fc.string({ minLength: 1, maxLength: 80 }),
  }),
);
const connectionName = fc.oneof(
  fc.constant('default'),
  fc.stringMatching(CONNECTION_NAME),
  fc.constantFrom('a', 'ab', 'acme', 'x'.repeat(32)),
);

describe('interaction ids of several connections', () => {
  it('keep the default connection ids as they were', () => {
    const call = { type: 'VOICE' as const, sessionId: 'S1', transactionId: 'T1' };
    expect(playvoxInteractionId(call)).toBe('VOICE-S1-T1');
    expect(playvoxInteractionId(call, 'default')).toBe('VOICE-S1-T1');
    expect(playvoxInteractionId(call, 'acme')).toBe('acme:VOICE-S1-T1');
  });

  it('stay within 68 characters and never collide across connections (property)', () => {
    fc.assert(
      fc.property(connectionName, identity, connectionName, identity, (nameA, a, nameB, b) => {
        const idA = playvoxInteractionId(a, nameA);
        const idB = playvoxInteractionId(b, nameB);
        expect(idA.length).toBeLessThanOrEqual(MAX_INTERACTION_ID_LENGTH);
        expect(idB.length).toBeLessThanOrEqual(MAX_INTERACTION_ID_LENGTH);
        const sameInteraction =
          a.type === b.type &&
          a.sessionId === b.sessionId &&
          (a as { transactionId?: string }).transactionId === (b as { transactionId?: string }).transactionId;
        if (nameA !== nameB || !sameInteraction) expect(idA).not.toBe(idB);
        else expect(idA).toBe(idB);
      }),
      { numRuns: 5000 },
    );
  });

  it('never collide for the same interaction in two connections, however long its ids (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(connectionName, { minLength: 2, maxLength: 6 }), identity, (names, one) => {
        const ids = names.map((name) => playvoxInteractionId(one, name));
        expect(new Set(ids).size).toBe(names.length);
      }),
      { numRuns: 2000 },
    );
  });
});
