import { type BridgeConfig, parseConfig } from '@voxbridge/bridge';
import { buildRoster } from '@voxbridge/emulator-kit';
import { LIVEVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-livevox';
import { PLAYVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-playvox';

/**
 * The demo integration's fields, each once: its Playvox metadata definition and the record path (with
 * `|` fallbacks) the mapping reads it from.
 */
const DEMO_FIELDS = [
  { fieldId: 'interaction_date', type: 'datetime', required: true, from: 'startAt|start|timestamp' },
  { fieldId: 'call_end', type: 'datetime', from: 'endAt' },
  {
    fieldId: 'channel',
    type: 'list',
    allowed: ['VOICE', 'SMS', 'EMAIL'],
    required: true,
    from: 'interactionType',
  },
  { fieldId: 'direction', type: 'list', allowed: ['INBOUND', 'OUTBOUND'], from: 'direction' },
  { fieldId: 'service_id', type: 'string', from: 'serviceId' },
  { fieldId: 'service_name', type: 'string', from: 'serviceName' },
  { fieldId: 'campaign_id', type: 'string', from: 'campaignId' },
  { fieldId: 'agent_login', type: 'string', from: 'agentLoginId' },
  { fieldId: 'agent_name', type: 'string', from: 'agentName' },
  { fieldId: 'duration_seconds', type: 'integer', from: 'durationSeconds|duration' },
  { fieldId: 'ivr_seconds', type: 'integer', from: 'ivrSeconds' },
  { fieldId: 'talk_seconds', type: 'integer', from: 'talkSeconds' },
  { fieldId: 'hold_seconds', type: 'integer', from: 'holdSeconds' },
  { fieldId: 'wrap_seconds', type: 'integer', from: 'wrapSeconds' },
  { fieldId: 'call_result', type: 'string', from: 'disposition|lvResult' },
  { fieldId: 'term_code', type: 'string', from: 'termCode' },
  { fieldId: 'term_code_description', type: 'string', from: 'termCodeDescription' },
  { fieldId: 'transferred', type: 'boolean', from: 'transferred' },
  { fieldId: 'recording_url', type: 'string', from: 'recordingUrl' },
  { fieldId: 'customer_contact', type: 'string', from: 'phoneDialed|phoneNumber|toEmail' },
  { fieldId: 'account_number', type: 'string', from: 'account|accountNumber' },
];

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
        metadata: DEMO_FIELDS.map(({ from: _from, ...field }) => field),
      },
      mapping: {
        fields: DEMO_FIELDS.map(({ fieldId, from }) => ({ field: fieldId, from })),
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
