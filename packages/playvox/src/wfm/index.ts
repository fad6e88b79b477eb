/**
 * The Playvox WFM client (`PlayvoxWfm`): token auth, users, task definitions, workstreams,
 * work-activity intervals, agent metrics and the inbound agent-status and contact endpoints.
 * @packageDocumentation
 */
export {
  PlayvoxWfm,
  type PlayvoxWfmOptions,
  type WfmAgentMetricsQuery,
  type WfmTaskWindow,
} from './client.js';
export {
  toWfmTime,
  WFM_DEFAULT_INBOUND_BATCH,
  WFM_INTEGRATION_ALIAS,
  WFM_MAX_USER_MAPPINGS,
} from './inbound.js';
export { type WfmLocation, wfmBaseUrl, wfmRegionalBaseUrl } from './location.js';
export { escapeIdentifier, GLADLY_TASK_DEFINITIONS, queueWorkstream } from './presets.js';
export { WFM_TOKEN_REFRESH_MARGIN_MS, type WfmCredentials, WfmTokenAuth } from './token.js';
export type { WfmCallOptions } from './transport.js';
export * from './types.js';
