/**
 * The WFM connector: Gladly (webhooks, Events API, work sessions, users) and the LiveVox Agent Event
 * Feed → durable store → translate → Playvox WFM, exactly once. `startWfmConnector` runs it.
 * @packageDocumentation
 */

export { startWfmConnector, type WfmConnector, type WfmConnectorOptions } from './connector.js';
export { type PeriodicOptions, runPeriodically, Waker } from './loop.js';
export { type ConsumeOutcome, type ConsumerDeps, consumeBatch } from './sinks/playvox-wfm.js';
export {
  ensureWebhook,
  type GladlyPollDeps,
  type PollOutcome,
  pollGladlyEvents,
  type WebhookCheck,
} from './sources/gladly-poll.js';
export {
  GLADLY_EVENT_STREAM,
  gladlyEventKey,
  gladlyWebhookRoute,
  MAX_WEBHOOK_BODY_BYTES,
  type ReceiverEvents,
  type ReceiverOptions,
} from './sources/gladly-webhook.js';
export {
  GLADLY_WORK_SESSION_STREAM,
  pollWorkSessions,
  type WorkSessionPollOutcome,
} from './sources/gladly-work-sessions.js';
export {
  LIVEVOX_AGENT_STREAM,
  LiveVoxAgentEventSource,
  liveVoxAgentEventKey,
} from './sources/livevox-agent-feed.js';
export {
  GLADLY_STATUS_EVENT_TYPES,
  gladlyStatusOf,
  gladlyStatusVocabulary,
  LIVEVOX_AGENT_STATES,
  liveVoxStatusOf,
  liveVoxStatusVocabulary,
  statusTieRank,
} from './stages/statuses.js';
export { type DeadReason, type Translation, type Translator, timeOf } from './stages/translate.js';
export { GladlyEventTranslator, WorkSessionTranslator } from './stages/translate-gladly.js';
export { LiveVoxAgentTranslator } from './stages/translate-livevox.js';
export {
  type MappedUser,
  syncGladlyUsers,
  syncLiveVoxUsers,
  UserDirectory,
  type UserSyncReport,
} from './users.js';
