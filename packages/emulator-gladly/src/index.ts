/**
 * @voxbridge/emulator-gladly — a stateful Gladly API emulator over a simulated organisation: agents,
 * teams, inboxes, conversations, the Events API, webhooks with PING and retries, the work-session
 * report, hourly export jobs, a poison switch, Gladly's rate limits, and the ground truth of what happened.
 * @packageDocumentation
 */

export { ClockScheduler, type ScheduledTask } from '@voxbridge/emulator-kit';
export { buildAdminRouter, GLADLY_ADMIN_OPERATIONS } from './admin.js';
export {
  defaultGladlyConfig,
  GLADLY_DEFAULT_CREDENTIALS,
  GLADLY_DEFAULT_PORT,
  type GladlyEmulatorConfig,
  type SimulationConfig,
  validateGladlyConfig,
} from './config.js';
export { gladlyDocument, gladlyOpenApi, serveAdmin, serveGladly } from './contract.js';
export {
  type GladlyEmulator,
  type GladlyEmulatorOptions,
  type GladlyTrafficOptions,
  startGladlyEmulator,
} from './emulator.js';
export { gladlyErrorBody } from './errors.js';
export { ExportArchive } from './exports.js';
export * from './model.js';
export { type AgentRuntime, SimulationError } from './org-state.js';
export {
  type AgentProfile,
  AWAY_REASON_NAMES,
  type InboxProfile,
  type Organization,
} from './organization.js';
export { POISON_SAMPLES, PoisonPlanter, type PoisonSettings, type PoisonView } from './poison.js';
export { WORK_SESSION_COLUMNS } from './routes-reports.js';
export { type ActivityStatus, type BacklogOptions, GladlySimulator } from './simulator.js';
export { type GladlyTruth, statusStringOf, type TruthDelivery, type TruthStatus } from './truth.js';
export type { FieldError, WebhookCredentials, WebhookView } from './webhooks.js';
