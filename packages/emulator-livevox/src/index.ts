/**
 * @voxbridge/emulator-livevox — a stateful LiveVox emulator (Session, Context Data and Real-Time
 * Reporting APIs: feeds, SSE, statistics, call data) driven by a deterministic contact-center
 * simulator with agents, calls, SMS and email on a controllable clock; plus the Reporting methods for
 * call recordings and past periods, and admin switches for the bridge's tests (poison feed items).
 * @packageDocumentation
 */
export type { BacklogOptions, BacklogResult } from './backlog.js';
export {
  defaultLiveVoxConfig,
  LIVEVOX_DEFAULT_CREDENTIALS,
  type LiveVoxEmulatorConfig,
  type LiveVoxUser,
  type SimulationConfig,
  validateLiveVoxConfig,
} from './config.js';
export {
  type LiveVoxConfigPatch,
  type LiveVoxEmulator,
  type LiveVoxEmulatorOptions,
  startLiveVoxEmulator,
} from './emulator.js';
export { decodeMarker, encodeMarker, type Marker, MarkerKind } from './ids.js';
export { DEFAULT_TRAFFIC, type TrafficRates } from './live.js';
export { CALL_CENTERS, type CallCenter, CLIENT_ID, SERVICES, type Service } from './model.js';
export { POISON_KINDS, type PoisonKind } from './poison.js';
export { RECORDING_CONTENT_TYPE } from './recordings.js';
export {
  ContactCenterSimulator,
  type InteractionStatus,
  type SimulatorOptions,
  type TrafficOptions,
  type Truth,
  type TruthInteraction,
  type TruthOptions,
} from './simulator.js';
