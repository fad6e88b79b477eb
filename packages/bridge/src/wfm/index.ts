/**
 * The WFM connector: Gladly (webhooks, Events API, work sessions, users) and the LiveVox Agent Event
 * Feed into Playvox WFM, stored durably and delivered exactly once; `applyWfm` for `voxbridge apply`.
 * @packageDocumentation
 */
export * from '../config/wfm-schema.js';
export { type ApplyWfmOptions, type ApplyWfmResult, applyWfm, webhookCredentials } from './apply.js';
export {
  type AliasMap,
  aliasesOf,
  describeLintFinding,
  describeWfmStep,
  type WebhookChanges,
  type WfmPlanStep,
} from './apply-plan.js';
export {
  createWfmClients,
  gladlyClient,
  type WfmClientOptions,
  type WfmClients,
  wfmClient,
} from './clients.js';
export { startWfmConnector, type WfmConnector, type WfmConnectorOptions } from './connector.js';
export { type ConsumeOutcome, type ConsumerDeps, consumeBatch } from './consumer.js';
export {
  DEFAULT_GLADLY_AWAY_REASONS,
  DEFAULT_GLADLY_POLL_ENTITIES,
  DEFAULT_GLADLY_WEBHOOK_EVENTS,
  DEFAULT_LIVEVOX_NOT_READY_REASONS,
  DEFAULT_TASK_DEFINITIONS,
  type TaskDefinitionConfig,
  WFM_SOURCES,
  type WfmSource,
} from './defaults.js';
export { readWfmDemoSummary, type WfmDemoSummary } from './demo.js';
export {
  ensureWebhook,
  type GladlyPollDeps,
  type PollOutcome,
  pollGladlyEvents,
  type WebhookCheck,
} from './gladly-poll.js';
export {
  compileIdentifier,
  type LintFinding,
  type LintInput,
  type LintRecord,
  type LintTarget,
  lintIdentifiers,
} from './lint.js';
export {
  LIVEVOX_AGENT_STREAM,
  LiveVoxAgentEventSource,
  LiveVoxAgentTranslator,
  liveVoxAgentEventKey,
} from './livevox-agents.js';
export { type PeriodicOptions, runPeriodically, Waker } from './loop.js';
export { WfmMetrics } from './metrics.js';
export {
  GLADLY_EVENT_STREAM,
  gladlyEventKey,
  gladlyWebhookRoute,
  MAX_WEBHOOK_BODY_BYTES,
  type ReceiverEvents,
  type ReceiverOptions,
} from './receiver.js';
export type { DeliveryStats, UserSyncStats, WfmConnectorStats } from './stats.js';
export {
  GLADLY_STATUS_EVENT_TYPES,
  gladlyStatusOf,
  gladlyStatusVocabulary,
  LIVEVOX_AGENT_STATES,
  liveVoxStatusOf,
  liveVoxStatusVocabulary,
  statusTieRank,
} from './statuses.js';
export { type DeadReason, type Translation, type Translator, timeOf } from './translate.js';
export { GladlyEventTranslator, WorkSessionTranslator } from './translate-gladly.js';
export {
  type MappedUser,
  syncGladlyUsers,
  syncLiveVoxUsers,
  UserDirectory,
  type UserSyncReport,
} from './users.js';
export {
  GLADLY_WORK_SESSION_STREAM,
  pollWorkSessions,
  type WorkSessionPollOutcome,
} from './work-sessions.js';
