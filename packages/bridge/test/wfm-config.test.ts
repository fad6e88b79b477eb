import { describe, expect, it } from 'vitest';
import { configJsonSchema, parseConfig, parseConfigText } from '../src/config/load.js';
import { DEFAULT_TASK_DEFINITIONS } from '../src/config/wfm-defaults.js';
import { baseConfig, problemsOf } from './helpers.js';

const wfm = { baseUrl: 'http://127.0.0.1:4011', accessKeyId: 'k', secret: 's' };
const gladly = { org: 'acme', email: 'api@acme.com', apiToken: 't' };

describe('WFM configuration sections', () => {
  it('leaves a QA-only configuration as it was', () => {
    const config = parseConfig(baseConfig());
    expect(config.gladly).toBeUndefined();
    expect(config.wfm).toBeUndefined();
    expect(config.livevox.agentFeed).toBeUndefined();
  });

  it('fills the defaults: the seed task table, minutely poll, hourly users, 10-minute work sessions', () => {
    const config = parseConfig(
      baseConfig({ gladly, wfm, livevox: { ...(baseConfig().livevox as object), agentFeed: {} } }),
    );
    expect(config.wfm!.taskDefinitions).toEqual(DEFAULT_TASK_DEFINITIONS);
    expect(config.wfm!.integrations).toEqual({ gladly: 'gladly', livevox: 'livevox' });
    expect(config.wfm!.workstreams).toEqual({ gladlyInboxes: 'all', livevoxServices: 'all', extra: [] });
    expect(config.gladly!.poll).toMatchObject({ intervalMs: 60_000, overlapMs: 120_000, settleMs: 30_000 });
    expect(config.gladly!.users.syncIntervalMs).toBe(3_600_000);
    expect(config.gladly!.workSessions).toEqual({ enabled: true, intervalMs: 600_000, overlapMs: 1_800_000 });
    expect(config.gladly!.webhook).toMatchObject({ path: '/webhooks/gladly', username: 'voxbridge' });
    expect(config.gladly!.webhook.url).toBeUndefined();
    expect(config.livevox.agentFeed).toMatchObject({ enabled: true, users: {}, contacts: true });
  });

  it('names the path and the rule of each problem', () => {
    const problems = problemsOf(() =>
      parseConfig(
        baseConfig({
          gladly: {
            email: 'api@acme.com',
            apiToken: 't',
            webhook: { url: 'https://bridge.example.com/webhooks/gladly' },
          },
          wfm: {
            ...wfm,
            integrations: { gladly: 'Gladly!' },
            taskDefinitions: [{ name: 'X', identifiers: {} }],
          },
          livevox: {
            ...(baseConfig().livevox as object),
            agentFeed: { users: { jane: 'jane@example.com', '544001': 'not-an-email' } },
          },
        }),
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'gladly.baseUrl: set either baseUrl or org',
        'gladly.webhook.password: a webhook url needs a password',
        'wfm.integrations.gladly: must be 1-64 characters of a-z, 0-9, _ and -',
        'wfm.taskDefinitions[0].identifiers: give a regular expression for gladly and/or livevox',
        'livevox.agentFeed.users.jane: keys must be LiveVox agent ids',
        'livevox.agentFeed.users.544001: must be an email address',
      ]),
    );
  });

  it('reads a YAML file with environment secrets, and stays in the JSON Schema', () => {
    const text = `
livevox: { baseUrl: http://127.0.0.1:1, accessToken: t, clientName: C, userName: u, password: p, agentFeed: { users: { "544001": jane@example.com } } }
playvox:
  baseUrl: http://127.0.0.1:2
  uid: u
  key: k
  integration: { name: LiveVox }
  metadata: [{ fieldId: call_start, type: datetime }]
gladly:
  baseUrl: https://acme.gladly.com
  email: api@acme.com
  apiToken: \${GLADLY_API_TOKEN}
  webhook:
    url: https://bridge.example.com/webhooks/gladly
    password: \${GLADLY_WEBHOOK_PASSWORD}
wfm:
  subdomain: acme
  accessKeyId: key
  secret: \${WFM_SECRET}
  workstreams: { livevoxServices: [{ id: 38049, name: Inbound Support }] }
`;
    const config = parseConfigText(text, 'voxbridge.yaml', {
      GLADLY_API_TOKEN: 'tok',
      GLADLY_WEBHOOK_PASSWORD: 'a-long-password',
      WFM_SECRET: 'sec',
    });
    expect(config.gladly!.webhook.password).toBe('a-long-password');
    expect(config.wfm!.workstreams.livevoxServices).toEqual([{ id: 38049, name: 'Inbound Support' }]);
    expect(config.livevox.agentFeed!.users).toEqual({ '544001': 'jane@example.com' });
    const schema = JSON.stringify(configJsonSchema());
    expect(schema).toContain('agentFeed');
    expect(schema).toContain('taskDefinitions');
  });
});
