/**
 * @voxbridge/livevox — typed client of the LiveVox Session, Context Data and Real-Time Reporting APIs,
 * built on `@voxbridge/core`: lazy session login with one re-login on 401, long-poll and SSE event feeds
 * that chain tokens, timestamps read in every form LiveVox sends them.
 * @packageDocumentation
 */
export {
  LIVEVOX_REGION_URLS,
  LiveVox,
  type LiveVoxEventListeners,
  type LiveVoxOptions,
  type LiveVoxRegion,
} from './client.js';
export { CallContextData, ContextDataApi, type ContextEntries } from './context.js';
export * from './errors.js';
export { DEFAULT_LONG_POLL_TIMEOUT_MS, SERVER_LONG_POLL_WAIT_MS } from './feed.js';
export { FEED_COUNT_RANGE } from './filters.js';
export {
  checkAgentEvent,
  checkInteractionEvent,
  type ItemCheck,
  type PoisonItem,
  rawText,
} from './poison.js';
export { RealtimeApi } from './realtime.js';
export {
  DeprecatedAgentEventApi,
  DeprecatedCallEventsApi,
  type EventReadOptions,
} from './realtime-deprecated.js';
export {
  AgentEventsApi,
  type FeedTuning,
  InteractionEventsApi,
  type InteractionFeedOptions,
  type InteractionStreamOptions,
} from './realtime-feeds.js';
export { type AgentStatusOptions, CallDataApi, CampaignApi, ServiceApi } from './realtime-stats.js';
export {
  type CallDetail,
  type CallRecording,
  type RecordingDownload,
  type RecordingRange,
  ReportingApi,
  type ReportPeriod,
} from './reporting.js';
export { type LiveVoxCredentials, LiveVoxSession } from './session.js';
export { DEFAULT_SSE_IDLE_TIMEOUT_MS, type SseReconnect } from './sse.js';
export { type SseChunkResult, type SseMessage, SseParser } from './sse-parser.js';
export { type LiveVoxTime, liveVoxTimeToMs, parseLiveVoxTime, toLiveVoxTime } from './time.js';
export type * from './types/common.js';
export type * from './types/events.js';
export type * from './types/stats.js';
