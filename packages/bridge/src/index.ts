/**
 * @voxbridge/bridge — the voxbridge pipelines, side by side: QA (LiveVox interactions into Playvox QA)
 * and WFM (Gladly and LiveVox agent activity into Playvox WFM). Each reads source → durable store →
 * process → sink, exactly once, over the shared modules exported first: store, configuration, API
 * clients, feed sources, delivery policy, observability and apply. See README.md for the map.
 * @packageDocumentation
 */
// Shared by both pipelines.
export * from './apply/apply-all.js';
export * from './apply/qa-apply.js';
export * from './apply/qa-plan.js';
export {
  type ApplyWfmOptions,
  type ApplyWfmResult,
  applyWfm,
  webhookCredentials,
} from './apply/wfm-apply.js';
export {
  compileIdentifier,
  type LintFinding,
  type LintInput,
  type LintRecord,
  type LintTarget,
  lintIdentifiers,
} from './apply/wfm-lint.js';
export {
  type AliasMap,
  aliasesOf,
  describeLintFinding,
  describeWfmStep,
  type WebhookChanges,
  type WfmPlanStep,
} from './apply/wfm-plan.js';
export * from './clients.js';
export * from './config/connections.js';
export * from './config/load.js';
export { configWarnings, crossFieldProblems } from './config/rules.js';
export * from './config/schema.js';
export * from './config/wfm-defaults.js';
export * from './config/wfm-schema.js';
export * from './connections/index.js';
// Several workers on PostgreSQL.
export * from './coordination/owner.js';
export * from './coordination/rate.js';
export * from './delivery/policy.js';
export * from './observability/circuits.js';
export * from './observability/errors.js';
export * from './observability/http-metrics.js';
export * from './observability/logger.js';
export {
  CONNECTION,
  DESTINATIONS,
  type DestinationName,
  type PipelineName,
} from './observability/metric-kit.js';
export * from './observability/metrics.js';
export * from './observability/server.js';
export { WfmMetrics } from './observability/wfm-metrics.js';
export type { DeliveryStats, UserSyncStats, WfmConnectorStats } from './observability/wfm-stats.js';
export * from './progress.js';
// The pipelines.
export * from './qa/index.js';
export * from './qa/reconcile.js';
export * from './qa/sources/history.js';
export * from './sources/feed.js';
export * from './store/connection-store.js';
export * from './store/dead-letters.js';
export * from './store/letters.js';
export * from './store/postgres/index.js';
export * from './store/sqlite.js';
export * from './store/sqlite-lock.js';
export * from './store/sqlite-retention.js';
export * from './store/types.js';
export * from './wfm/index.js';
