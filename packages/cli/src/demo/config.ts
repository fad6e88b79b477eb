import { type BridgeConfig, parseConfig } from '@voxbridge/bridge';
import { LIVEVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-livevox';
import { PLAYVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-playvox';

/**
 * The demo's configuration: the same shape as a production `voxbridge.yaml` (see the README), pointed
 * at the in-process emulators with their default credentials.
 */
export function demoConfig(
  urls: { livevox: string; playvox: string },
  storePath: string,
  transport: 'longpoll' | 'sse',
): BridgeConfig {
  return parseConfig(
    {
      livevox: {
        baseUrl: urls.livevox,
        ...LIVEVOX_DEFAULT_CREDENTIALS,
        feed: { transport, count: 1000 },
        enrich: { contextData: true },
      },
      playvox: {
        baseUrl: urls.playvox,
        uid: PLAYVOX_DEFAULT_CREDENTIALS.uid,
        key: PLAYVOX_DEFAULT_CREDENTIALS.key,
        integration: {
          name: 'LiveVox (demo)',
          description: 'Calls, SMS and email from LiveVox, sent by voxbridge',
          dataStorageMinutes: 129600,
        },
        metadata: [
          { fieldId: 'interaction_date', type: 'datetime', required: true },
          { fieldId: 'channel', type: 'list', allowed: ['VOICE', 'SMS', 'EMAIL'], required: true },
          { fieldId: 'service_id', type: 'string' },
          { fieldId: 'agent_login', type: 'string' },
          { fieldId: 'duration_seconds', type: 'integer' },
          { fieldId: 'call_result', type: 'string' },
          { fieldId: 'customer_contact', type: 'string' },
          { fieldId: 'account_number', type: 'string' },
        ],
      },
      mapping: {
        fields: [
          { field: 'interaction_date', from: 'start|timestamp' },
          { field: 'channel', from: 'interactionType' },
          { field: 'service_id', from: 'serviceId' },
          { field: 'agent_login', from: 'agentLoginId' },
          { field: 'duration_seconds', from: 'duration' },
          { field: 'call_result', from: 'lvResult' },
          { field: 'customer_contact', from: 'phoneDialed|phoneNumber|toEmail' },
          { field: 'account_number', from: 'account|accountNumber' },
        ],
        assignee: {
          mode: 'template',
          template: '{agentLoginId}@demo.livevox.test',
          fallback: 'qa-unassigned@demo.livevox.test',
        },
        comments: [
          {
            type: 'internal_note',
            author: 'voxbridge@demo.livevox.test',
            template: 'LiveVox result: {lvResult}',
            when: 'lvResult',
          },
        ],
        voiceGraceMs: 120_000,
      },
      delivery: { reconcileSettleMs: 5_000 },
      store: { path: storePath },
      server: { host: '127.0.0.1', port: 0 },
      log: { level: 'warn' },
    },
    'demo configuration',
  );
}
