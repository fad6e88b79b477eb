import type { WireOperation } from '@voxbridge/core';
import * as realtime from './realtime.js';
import * as reporting from './reporting.js';
import * as sessionContext from './session-context.js';

/**
 * `@voxbridge/livevox/wire` — the LiveVox wire contract: zod schemas of every request and answer of the
 * Session, Context Data and Real-Time Reporting APIs, and the operations built from them. The client
 * infers its types from these schemas, the emulator validates requests with them and generates its
 * OpenAPI document from them, and the seed documents' examples ride along on the operations.
 * @packageDocumentation
 */

export * from './common.js';
export * from './events.js';
export * from './realtime.js';
export * from './reporting.js';
export * from './session-context.js';
export * from './stats.js';

/** Every operation of the contract, in the order the document lists them. */
export const LIVEVOX_OPERATIONS: readonly WireOperation[] = [
  sessionContext.login,
  sessionContext.validateSession,
  sessionContext.logout,
  sessionContext.changePassword,
  sessionContext.readCallContext,
  sessionContext.readCallContextKey,
  sessionContext.updateCallContext,
  sessionContext.deleteCallContext,
  sessionContext.deleteCallContextKey,
  realtime.agentEventFeed,
  realtime.interactionEventFeed,
  realtime.interactionEventStream,
  realtime.agentEventRead,
  realtime.callEventRead,
  realtime.callEventFeed,
  realtime.readInCallMetadata,
  realtime.readPostCallMetadata,
  realtime.campaignStats,
  realtime.agentAverages,
  realtime.agentStats,
  realtime.agentStatsEx,
  realtime.agentStatus,
  realtime.holdDetails,
  realtime.liveConnects,
  realtime.serviceStats,
  reporting.callRecordingReport,
  reporting.downloadRecording,
  reporting.callEventRecoveryReport,
];

/** The security schemes of the API: `LV-Session` on every call but the Session methods, `LV-Access` at login. */
export const LIVEVOX_SECURITY = {
  securitySchemes: {
    LVSession: { type: 'apiKey', in: 'header', name: 'LV-Session' },
    LVAccess: { type: 'apiKey', in: 'header', name: 'LV-Access' },
  },
  security: [{ LVSession: [] }],
};
