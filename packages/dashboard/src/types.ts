import type { DeadLetter, InteractionState } from '@voxbridge/bridge';
import type { CircuitState } from '@voxbridge/core';

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

/** One destination's circuit breaker, as the page shows it. */
export interface CircuitFigures {
  destination: string;
  state: CircuitState;
  /** Epoch ms when the circuit opened (server clock); null while closed. */
  since: number | null;
  /** The last failure's reason; null when none. */
  reason: string | null;
  /** Times the circuit opened since the client was created. */
  opened: number;
}

/** One bridge worker (one today: the process serving the dashboard). */
export interface WorkerFigures {
  /** `host:pid` of the worker. */
  id: string;
  /** When the worker last stored a feed batch, epoch ms (server clock); null before the first. */
  lastBatchAt: number | null;
  eventsReceived: number;
  delivered: number;
}

/** One connection (tenant) of the process, as the Connections tile lists it. */
export interface ConnectionFigures {
  /** `connections[i].name` (`default` for a file without `connections:`). */
  name: string;
  /** `starting`, `running`, `failed` (retried with backoff) or `stopped`. */
  state: string;
  /** Its feed answered and its Playvox integration is known. */
  ready: boolean;
  /** Interactions it delivered since the process started. */
  delivered: number;
  /** Why it failed to start, while failed. */
  error: string | null;
}

/** The WFM connector's figures, as the WFM panel shows them. */
export interface WfmFigures {
  /** Agent statuses delivered to Playvox WFM, every source together. */
  statusesSent: number;
  /** Contacts delivered to Playvox WFM. */
  contactsSent: number;
  /** Statuses WFM accepted but could not place (no task, several tasks, unknown user). */
  unmatchedStatuses: number;
  /** Source agents with no WFM user, after the last user sync of each source; null before any sync. */
  unmatchedUsers: number | null;
  /** Gladly webhook deliveries stored; null without Gladly. */
  webhooksReceived: number | null;
  /**
   * When the dashboard saw the webhook count go up, epoch ms (server clock, to within one sample);
   * null until it has, or without Gladly.
   */
  lastWebhookAt: number | null;
  /** The most recent user sync of any source, epoch ms; null before the first. */
  lastUserSyncAt: number | null;
  /** `lastUserSyncAt` plus the sync interval; null before the first sync. */
  nextUserSyncAt: number | null;
  lastError: string | null;
}

/** One point of the hour-long time series: per-second averages over one bucket. */
export interface SeriesPoint {
  /** Start of the bucket, epoch ms (server clock). */
  at: number;
  eventsPerSecond: number;
  deliveredPerSecond: number;
  /** Dead letters added per second (retries and drops do not count down). */
  deadPerSecond: number;
}

/** The time series as a page receives it when it connects. */
export interface SeriesHistory {
  /** The server's clock when this was sent, epoch ms. */
  serverTime: number;
  /** Width of one point. */
  bucketMs: number;
  /** How far back the series goes. */
  windowMs: number;
  points: SeriesPoint[];
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
  /** Dead letters added per second since the previous sample. */
  deadPerSecond: number;
  rateLimit: RateLimitFigures | null;
  /** WFM statuses that matched no Playvox WFM task; null when no WFM connector reports it. */
  wfmUnmatched: number | null;
  /** The circuit breakers of the bridge's clients; absent when the bridge view does not report them. */
  circuits?: CircuitFigures[];
  /** The bridge's workers; empty when the view cannot tell (a store read from another process). */
  workers: WorkerFigures[];
  /** Every connection of the process, when it runs several (the rest of the sample is the one shown). */
  connections?: ConnectionFigures[];
  /** The WFM connector's figures; null when no connector reports them. */
  wfm: WfmFigures | null;
  lastError: string | null;
}

/** A dead letter as the page lists it (the payload stays on the server). */
export interface DeadLetterItem {
  id: number;
  /** The key of its {@link DeadLetterGroup}. */
  group: string;
  key: string | null;
  stage: DeadLetter['stage'];
  reason: string;
  createdAt: number;
}

/** Dead letters of one stage whose reasons read alike once ids and numbers are set aside. */
export interface DeadLetterGroup {
  /** Stable key of the group: stage and reason pattern. */
  key: string;
  stage: DeadLetter['stage'];
  /** The cause the group's reasons share (see `reasonPattern`): a leading code, or the reason with ids and numbers as `…`. */
  pattern: string;
  /** Dead letters in the group, among those read (see `DeadLetterList.grouped`). */
  count: number;
  /** The oldest one, in full. */
  sample: DeadLetterItem;
  /** The newest one's time, epoch ms. */
  latestAt: number;
}

/** The dead-letter list pushed to the page. */
export interface DeadLetterList {
  /** The server's clock when the list was read, epoch ms. */
  serverTime: number;
  /** Dead letters in the store. */
  total: number;
  /** The oldest ones, up to the dashboard's list limit. */
  items: DeadLetterItem[];
  /** Groups by stage and reason, largest first. */
  groups: DeadLetterGroup[];
  /** Dead letters the groups were counted over (the oldest ones, up to the group scan limit). */
  grouped: number;
}

/** Minimal structured logger (a pino logger fits). Messages never carry the dashboard token. */
export interface DashboardLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}
