/**
 * @voxbridge/dashboard — a live web dashboard: the contact-center wallboard from the LiveVox Real-Time
 * API and the bridge's health, pushed to the page over server-sent events by one shared poller.
 * @packageDocumentation
 */
export { generateToken, isLoopback, tokenMatches } from './access.js';
export { type AttachDashboardOptions, type AttachedDashboard, attachDashboard } from './attach.js';
export {
  type BridgeTotals,
  type BridgeView,
  type BridgeViewOptions,
  bridgeViewOf,
  type LatencyTotals,
  storeBridgeView,
} from './bridge-view.js';
export { createDashboard, type Dashboard, type DashboardOptions } from './dashboard.js';
export { groupDeadLetters, reasonPattern } from './figures.js';
export { HealthSampler, type HealthSamplerOptions } from './health.js';
export { PacedCounts, type PacedCountsOptions } from './paced-counts.js';
export type { DashboardHello } from './routes.js';
export { SeriesRecorder, type SeriesRecorderOptions } from './series.js';
export { type ServeDashboardOptions, type ServedDashboard, serveDashboard } from './serve.js';
export type * from './types.js';
export { WallboardPoller, type WallboardPollerOptions, type WallboardSource } from './wallboard.js';
