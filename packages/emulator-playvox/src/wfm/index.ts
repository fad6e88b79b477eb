/**
 * The Playvox WFM emulator: token auth, users, task definitions, workstreams, work-activity intervals,
 * agent metrics and voxbridge's designed inbound endpoints (agent status, contacts), on its own port.
 * @packageDocumentation
 */
export { buildWfmAdminRouter, WFM_ADMIN_OPERATION_LIST, WFM_ADMIN_OPERATIONS } from './admin.js';
export type { WfmTaskDefinitionRecord, WfmWorkstreamRecord } from './catalog.js';
export {
  PLAYVOX_WFM_DEFAULT_CONFIG,
  type PlayvoxWfmEmulatorConfig,
  validateWfmConfig,
  type WfmExpiryField,
} from './config.js';
export type { WfmContact } from './contacts.js';
export type { WfmRouteDeps } from './context.js';
export { wfmOpenApi } from './document.js';
export {
  buildWfmRouter,
  type PlayvoxWfmEmulator,
  type PlayvoxWfmEmulatorOptions,
  startPlayvoxWfmEmulator,
} from './emulator.js';
export { wfmErrorBody } from './errors.js';
export { compileIdentifier } from './matching.js';
export { WFM_AGENT_METRIC_NAMES, type WfmAgentChannelMetrics, type WfmAgentMetricsData } from './metrics.js';
export type { WfmInboundSummary } from './routes-activity.js';
export {
  MAX_MAPPINGS_PER_REQUEST,
  type UserMappingInput,
  type UserMappingResult,
  type UserMappingView,
} from './routes-mappings.js';
export { type WfmInboundItemResult, type WfmIssue, WfmState } from './state.js';
export type { WfmTaskInterval } from './statuses.js';
export { PLAYVOX_WFM_DEFAULT_CREDENTIALS, type WfmCredentials, type WfmTokenStats } from './tokens.js';
export { type WfmActivityCounts, type WfmTruth, type WfmUserTruth, wfmTruth } from './truth.js';
export {
  seedWfmUsers,
  WFM_SEED_EMAIL_DOMAIN,
  type WfmUserIntegration,
  type WfmUserRecord,
  type WfmUserSeed,
  wfmUserSeed,
} from './users.js';
