import type { DeadLetter, InteractionState } from '@voxbridge/bridge';

/** One voice service of the wallboard (LiveVox Get Service Statistics). */
export interface ServiceRow {
  serviceId: string;
  serviceName: string;
  /** `totalCallsInQueue`. */
  callsInQueue: number;
  /** `longestCallInQueue`, seconds. */
  longestWaitSeconds: number;
  /** `serviceLevel`, percent. */
  serviceLevel: number;
  /** `abandonRate`, percent. */
  abandonRate: number;
  /** `totalOffered`. */
  offered: number;
  /** `totalHandled`. */
  handled: number;
  /** `totalAbandoned`. */
  abandoned: number;
  /** `totalAgents`: agents logged into the service. */
  agents: number;
  /** `callsWithAgent`. */
  callsWithAgent: number;
  /** `cip`: calls in progress. */
  callsInProgress: number;
}

/** One agent of the agent board (LiveVox Get Agent Status). */
export interface AgentRow {
  loginId: string;
  name: string;
  serviceName: string;
  /** `Ready`, `Not Ready`, `In Call`, `Wrap Up`, … as LiveVox names it. */
  state: string;
  /** The not-ready reason code; empty when there is none. */
  reasonCode: string;
  /** `INBOUND` or `OUTBOUND` while on a call. */
  callType: string | null;
  /** Seconds since the agent entered the state, on LiveVox's clock; null when LiveVox sent no time. */
  secondsInState: number | null;
}

/** Right-party live connects of one 5-minute interval (LiveVox Get Live Connects). */
export interface LiveConnectBar {
  /** End of the interval, epoch ms (LiveVox's clock); null when LiveVox sent no time. */
  at: number | null;
  total: number;
}

/** Average seconds per agent state in one service (LiveVox Get Agent Averages). */
export interface AgentAveragesRow {
  serviceId: string;
  serviceName: string;
  ready: number;
  notReady: number;
  talk: number;
  wrapup: number;
  hold: number;
}

/** One dialing campaign (LiveVox Campaign Level Statistics). */
export interface CampaignRow {
  campaignId: string;
  serviceId: string;
  /** From the service statistics, when the campaign's service is among them. */
  serviceName: string | null;
  loaded: number;
  uploaded: number;
  remaining: number;
  /** `(loaded - remaining) / loaded`, percent; 100 for a campaign with nothing loaded. */
  percentComplete: number;
  /** Records left per time zone, largest first, zones with none left out. */
  timezones: Array<{ timezone: string; count: number }>;
}

/** The wallboard's sections, each read by its own LiveVox request(s). */
export type WallboardSection = 'services' | 'agents' | 'liveConnects' | 'agentAverages' | 'campaigns';

/** What one LiveVox poll produced; a section that failed keeps its last good value. */
export interface WallboardSnapshot {
  /** When the poll finished, epoch ms (this server's clock). */
  polledAt: number;
  services: ServiceRow[];
  agents: AgentRow[];
  liveConnects: LiveConnectBar[];
  agentAverages: AgentAveragesRow[];
  campaigns: CampaignRow[];
  /** Why a section could not be refreshed in this poll (its data is from an earlier poll). */
  errors: Partial<Record<WallboardSection, string>>;
}

/** The Playvox client's rate-limit budget, as the dashboard shows it. */
export interface RateLimitFigures {
  /** The configured rate; null when the client has no rate (it still pauses on a 429). */
  ratePerSecond: number | null;
  /** Requests admitted per second over the last sample interval. */
  admittedPerSecond: number;
  /** `admittedPerSecond / ratePerSecond`, percent; null without a rate. */
  usedPercent: number | null;
  queued: number;
  inFlight: number;
  /** Seconds left of a pause after a 429; 0 when not paused. */
  pausedSeconds: number;
}

/** One sample of the bridge's health. */
export interface HealthSample {
  /** Epoch ms (this server's clock). */
  at: number;
  eventsPerSecond: number;
  deliveredPerSecond: number;
  /** Totals since the bridge started (running bridge) or stored (standalone). */
  eventsReceived: number;
  delivered: number;
  /** Age of the oldest interaction that is complete but not yet delivered, seconds; null when none waits. */
  oldestWaitingSeconds: number | null;
  /** Mean end-to-end latency (first event received → delivered) of recent deliveries, seconds; null when unknown. */
  latencySeconds: number | null;
  /** Seconds since the feed position was last saved; null before the first save. */
  checkpointAgeSeconds: number | null;
  /** Interactions per pipeline state. */
  queue: Record<InteractionState, number>;
  deadLetters: number;
  rateLimit: RateLimitFigures | null;
  /** WFM statuses that matched no Playvox WFM task; null when no WFM connector reports it. */
  wfmUnmatched: number | null;
  lastError: string | null;
}

/** A dead letter as the page lists it (the payload stays on the server). */
export interface DeadLetterItem {
  id: number;
  key: string | null;
  stage: DeadLetter['stage'];
  reason: string;
  createdAt: number;
}

/** The dead-letter list pushed to the page. */
export interface DeadLetterList {
  /** Dead letters in the store. */
  total: number;
  /** The oldest ones, up to the dashboard's list limit. */
  items: DeadLetterItem[];
}

/** Minimal structured logger (a pino logger fits). Messages never carry the dashboard token. */
export interface DashboardLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}
