import { type BridgeConfig, parseConfig } from '@voxbridge/bridge';
import { buildRoster } from '@voxbridge/emulator-kit';
import { LIVEVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-livevox';
import { PLAYVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-playvox';

/**
 * The demo's configuration: the same shape as a production `voxbridge.yaml` (see the README), pointed
 * at the in-process emulators with their default credentials. Agents are assigned by `lookup` among
 * Playvox's users, with a directory of the seed's roster (LiveVox names agents by login only); the
 * roster people without a Playvox user (3 and 7) show the no-user path: dead-lettered after 5 s.
 */
export function demoConfig(
  urls: { livevox: string; playvox: string },
  storePath: string,
  transport: 'longpoll' | 'sse',
  seed = 1,
): BridgeConfig {
  const directory = Object.fromEntries(buildRoster(seed, 60).map((p) => [p.loginId, p.email]));
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
          { fieldId: 'call_end', type: 'datetime' },
          { fieldId: 'channel', type: 'list', allowed: ['VOICE', 'SMS', 'EMAIL'], required: true },
          { fieldId: 'direction', type: 'list', allowed: ['INBOUND', 'OUTBOUND'] },
          { fieldId: 'service_id', type: 'string' },
          { fieldId: 'service_name', type: 'string' },
          { fieldId: 'campaign_id', type: 'string' },
          { fieldId: 'agent_login', type: 'string' },
          { fieldId: 'agent_name', type: 'string' },
          { fieldId: 'duration_seconds', type: 'integer' },
          { fieldId: 'ivr_seconds', type: 'integer' },
          { fieldId: 'talk_seconds', type: 'integer' },
          { fieldId: 'hold_seconds', type: 'integer' },
          { fieldId: 'wrap_seconds', type: 'integer' },
          { fieldId: 'call_result', type: 'string' },
          { fieldId: 'term_code', type: 'string' },
          { fieldId: 'term_code_description', type: 'string' },
          { fieldId: 'transferred', type: 'boolean' },
          { fieldId: 'recording_url', type: 'string' },
          { fieldId: 'customer_contact', type: 'string' },
          { fieldId: 'account_number', type: 'string' },
        ],
      },
      mapping: {
        fields: [
          { field: 'interaction_date', from: 'startAt|start|timestamp' },
          { field: 'call_end', from: 'endAt' },
          { field: 'channel', from: 'interactionType' },
          { field: 'direction', from: 'direction' },
          { field: 'service_id', from: 'serviceId' },
          { field: 'service_name', from: 'serviceName' },
          { field: 'campaign_id', from: 'campaignId' },
          { field: 'agent_login', from: 'agentLoginId' },
          { field: 'agent_name', from: 'agentName' },
          { field: 'duration_seconds', from: 'durationSeconds|duration' },
          { field: 'ivr_seconds', from: 'ivrSeconds' },
          { field: 'talk_seconds', from: 'talkSeconds' },
          { field: 'hold_seconds', from: 'holdSeconds' },
          { field: 'wrap_seconds', from: 'wrapSeconds' },
          { field: 'call_result', from: 'disposition|lvResult' },
          { field: 'term_code', from: 'termCode' },
          { field: 'term_code_description', from: 'termCodeDescription' },
          { field: 'transferred', from: 'transferred' },
          { field: 'recording_url', from: 'recordingUrl' },
          { field: 'customer_contact', from: 'phoneDialed|phoneNumber|toEmail' },
          { field: 'account_number', from: 'account|accountNumber' },
        ],
        assignee: {
          mode: 'lookup',
          // The roster's users all exist from the start, so a miss is final: a short wait keeps the drain
          // short (the last call of an agent without a user waits for its recording, then this).
          lookup: { by: 'email', directory, waitMs: 1_500, missRefreshMs: 500 },
          // SMS and email: LiveVox names no agent for them.
          fallback: 'qa-unassigned@demo.livevox.test',
        },
        comments: [
          {
            type: 'internal_note',
            author: 'voxbridge@demo.livevox.test',
            template: 'LiveVox result: {disposition}',
            when: 'disposition',
            at: 'endAt',
          },
          {
            type: 'internal_note',
            author: 'voxbridge@demo.livevox.test',
            template: 'Term code {termCode}: {termCodeDescription}',
            when: 'termCodeDescription',
            at: 'dispositionAt',
          },
        ],
        voiceGraceMs: 120_000,
      },
      delivery: { reconcileSettleMs: 5_000 },
      // The demo clock runs fast: a recording is there a few real seconds after its call ends. A call
      // that has none waits the whole waitMs, so it stays short: `demo --duration 20` ends within 35 s.
      recordings: { mode: 'upload', waitMs: 5_000, retryBaseMs: 500, retryMaxMs: 2_000 },
      privacy: { maskContacts: true },
      store: { path: storePath },
      server: { host: '127.0.0.1', port: 0 },
      log: { level: 'warn' },
    },
    'demo configuration',
  );
}
