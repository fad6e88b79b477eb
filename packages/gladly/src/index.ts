/**
 * @voxbridge/gladly — typed client of the Gladly REST API for voxbridge: agents, teams, inboxes,
 * conversations and items, the Events API (streamed JSON lines, poison items reported apart), the Export
 * API (agent-status history beyond 24 hours), webhooks and the work-session report, within Gladly's rate
 * limits and with its error body typed.
 * @packageDocumentation
 */
export {
  GLADLY_RATE_LIMIT,
  GLADLY_REPORT_RATE_LIMIT,
  Gladly,
  type GladlyCredentials,
  type GladlyOptions,
  type GladlyTarget,
  gladlyBaseUrl,
} from './client.js';
export { CsvParseError, parseCsv, parseCsvObjects } from './csv.js';
export {
  describeErrors,
  EventStreamError,
  errorDetailsOf,
  GladlyApiError,
  type GladlyErrorDetail,
  WebhookEnabledError,
} from './errors.js';
export * from './events.js';
export {
  EVENTS_LOOKBACK_MS,
  type EventStreamOptions,
  type EventsQuery,
  EventsResource,
  readLines,
} from './events-api.js';
export {
  type AgentStatusHistoryQuery,
  type ExportFileOptions,
  type ExportJobsQuery,
  ExportsResource,
} from './exports.js';
export {
  classifyEvent,
  type EventItem,
  POISON_RAW_LIMIT,
  type PoisonItem,
  parseWebhookBody,
} from './poison.js';
export {
  parseWorkSessionCsv,
  ReportFormatError,
  ReportsResource,
  toReportTime,
  type WorkSessionEventRow,
  type WorkSessionReportQuery,
} from './reports.js';
export {
  AgentsResource,
  type CallOptions,
  ConversationsResource,
  GladlyCollection,
  InboxesResource,
  TeamsResource,
} from './resources.js';
export { GladlyTransport } from './transport.js';
export * from './types.js';
export * from './webhooks.js';
