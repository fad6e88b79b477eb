import type { Clock } from '@voxbridge/emulator-kit';
import type { LiveVoxEmulatorConfig } from './config.js';
import type { ContextStore } from './context-store.js';
import type { PoisonPlanter } from './poison.js';
import type { SessionStore } from './sessions.js';
import type { ContactCenterSimulator } from './simulator.js';
import type { SimulationState } from './state.js';

/** What the route modules share: the simulator, its state and clock, sessions, context data, the configuration. */
export interface LiveVoxRuntime {
  simulator: ContactCenterSimulator;
  state: SimulationState;
  clock: Clock;
  sessions: SessionStore;
  contextData: ContextStore;
  /** Passwords changed through `POST /session/password`, by user key. */
  passwords: Map<string, string>;
  /** Poison items waiting to be planted into the Interaction Event feeds. */
  poison: PoisonPlanter;
  config(): LiveVoxEmulatorConfig;
}
