import type { BaseEmulatorConfig } from '@voxbridge/emulator-kit';

/** A user who may log in through `POST /session/login`. */
export interface LiveVoxUser {
  /** The client code (the "Client Name" of the login body). */
  clientName: string;
  userName: string;
  password: string;
  /** True for an agent login (`"agent": true`); agent user names compare case-insensitively. */
  agent?: boolean;
  /** The id returned as `userId`. */
  userId?: number;
}

/** Tunables of the contact-center simulator (durations are simulated milliseconds). */
export interface SimulationConfig {
  /** Mean talk time of a connected call. */
  meanTalkMs: number;
  /** Mean wrap-up time after a connected call. */
  meanWrapMs: number;
  /** Mean time an inbound caller waits in queue before abandoning. */
  meanPatienceMs: number;
  /** Chance an agent goes NOT_READY (with a reason code) after a disposition. */
  notReadyProbability: number;
  /** Share of live voice traffic that is inbound; the rest is predictive outbound dialing. */
  inboundShare: number;
  /** Chance a dialed outbound record is answered by a live person. */
  outboundConnectRate: number;
  /** Chance a voice call gets context data attached by the simulated IVR or CRM. */
  contextDataRate: number;
  /**
   * Share of agent-handled calls whose agent leaves them in wrap-up and dispositions late (a per-call
   * draw from the seed): the CALL_DISPOSITION, with its term code, comes `lateDispositionDelayMs` after
   * the usual wrap-up, later than a bridge's grace period for a call's disposition.
   */
  lateDispositionShare: number;
  /** How much later than its usual wrap-up a late disposition comes. */
  lateDispositionDelayMs: number;
}

/** The LiveVox emulator's configuration; `PUT /_emulator/config` merges partial updates into it. */
export interface LiveVoxEmulatorConfig extends BaseEmulatorConfig {
  auth: {
    /** `LV-Access` tokens accepted at login (and, when sent, on every other request). */
    accessTokens: string[];
    users: LiveVoxUser[];
    /** Accept `Authorization: Bearer <token>` in place of `LV-Access` at login (old public clients sent it). */
    acceptBearer: boolean;
  };
  session: {
    /** A session expires after this long without use (emulator clock). LiveVox documents 2 hours. */
    idleMs: number;
    /** Whether `GET /session/validate` counts as a use that extends the session. */
    validateExtends: boolean;
  };
  feed: {
    /** How long (real time) a long poll waits for new events before answering with a fresh token. */
    waitMs: number;
    /** Smallest `count` a request may ask for. */
    minCount: number;
    /** Largest `count`, and the default when `count` is absent. */
    maxCount: number;
    /** A token older than this (emulator clock) is refused with `400 {"code":202}`. */
    tokenMaxAgeMs: number;
    /** Where a blank token starts: `now` (only events created afterwards, as documented) or `oldest`. */
    blankTokenFrom: 'now' | 'oldest';
  };
  sse: {
    /** Real-time interval of the `: keepalive` comments. */
    keepaliveMs: number;
    /** Real time without events after which the server closes the stream. */
    idleCloseMs: number;
  };
  legacy: {
    /** Key(s) carrying the events of the deprecated `/realtime/callEvent/feed` answer. */
    callEventFeedKeys: Array<'callEvent' | 'events'>;
  };
  /** Offset from UTC (minutes) of the contact center: SMS/email timestamps, "today" for statistics. */
  timezoneOffsetMinutes: number;
  simulation: SimulationConfig;
  /** Call recordings of agent-handled voice calls. */
  recordings: {
    /** Share of agent-handled voice calls that have a recording (a per-call draw from the seed). */
    share: number;
    /** A recording becomes available this long after its call ends (emulator clock); 404 before. */
    delayMs: number;
    /** The WAV lasts the call's talk time, capped at this many seconds (8 kHz mono 16-bit: 16,000 bytes a second). */
    maxSeconds: number;
  };
}

/** The default login of the emulator. */
export const LIVEVOX_DEFAULT_CREDENTIALS = {
  accessToken: 'demo-access-token',
  clientName: 'DEMO',
  userName: 'demo',
  password: 'demo-password',
} as const;

/** Defaults of every configuration key. */
export function defaultLiveVoxConfig(): LiveVoxEmulatorConfig {
  return {
    rateLimit: { requestsPerMinute: 0 },
    gzip: true,
    auth: {
      accessTokens: [LIVEVOX_DEFAULT_CREDENTIALS.accessToken],
      users: [
        {
          clientName: LIVEVOX_DEFAULT_CREDENTIALS.clientName,
          userName: LIVEVOX_DEFAULT_CREDENTIALS.userName,
          password: LIVEVOX_DEFAULT_CREDENTIALS.password,
          agent: false,
          userId: 1001,
        },
      ],
      acceptBearer: false,
    },
    session: { idleMs: 2 * 60 * 60 * 1000, validateExtends: false },
    feed: {
      waitMs: 10_000,
      minCount: 500,
      maxCount: 1000,
      tokenMaxAgeMs: 24 * 60 * 60 * 1000,
      blankTokenFrom: 'now',
    },
    sse: { keepaliveMs: 10_000, idleCloseMs: 5 * 60 * 1000 },
    legacy: { callEventFeedKeys: ['callEvent', 'events'] },
    timezoneOffsetMinutes: -240,
    simulation: {
      meanTalkMs: 150_000,
      meanWrapMs: 20_000,
      meanPatienceMs: 60_000,
      notReadyProbability: 0.12,
      inboundShare: 0.6,
      outboundConnectRate: 0.55,
      contextDataRate: 0.5,
      // Longer than the bridge's default grace (10 minutes), short enough that a drain of 30 simulated
      // minutes still sees every call in progress dispositioned.
      lateDispositionShare: 0.05,
      lateDispositionDelayMs: 18 * 60_000,
    },
    recordings: { share: 0.9, delayMs: 60_000, maxSeconds: 2 },
  };
}

const nonNegative = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
const probability = (value: unknown): boolean => nonNegative(value) && (value as number) <= 1;

/** Checks a merged configuration; returns a message naming the first bad key, or undefined. */
export function validateLiveVoxConfig(config: LiveVoxEmulatorConfig): string | undefined {
  const { auth, session, feed, sse, legacy, simulation } = config;
  if (!Array.isArray(auth?.accessTokens) || auth.accessTokens.some((t) => typeof t !== 'string' || t === ''))
    return 'auth.accessTokens: must be a list of non-empty strings';
  if (!Array.isArray(auth.users)) return 'auth.users: must be a list';
  for (const [i, user] of auth.users.entries()) {
    for (const key of ['clientName', 'userName', 'password'] as const) {
      if (typeof user?.[key] !== 'string' || user[key] === '')
        return `auth.users[${i}].${key}: must be a non-empty string`;
    }
  }
  if (typeof auth.acceptBearer !== 'boolean') return 'auth.acceptBearer: must be a boolean';
  if (!(nonNegative(session?.idleMs) && session.idleMs > 0))
    return 'session.idleMs: must be a positive number';
  if (typeof session.validateExtends !== 'boolean') return 'session.validateExtends: must be a boolean';
  if (!nonNegative(feed?.waitMs)) return 'feed.waitMs: must be a non-negative number';
  if (!(Number.isInteger(feed.minCount) && feed.minCount >= 1))
    return 'feed.minCount: must be a positive integer';
  if (!(Number.isInteger(feed.maxCount) && feed.maxCount >= feed.minCount))
    return 'feed.maxCount: must be an integer >= feed.minCount';
  if (!(nonNegative(feed.tokenMaxAgeMs) && feed.tokenMaxAgeMs > 0))
    return 'feed.tokenMaxAgeMs: must be a positive number';
  if (feed.blankTokenFrom !== 'now' && feed.blankTokenFrom !== 'oldest')
    return "feed.blankTokenFrom: must be 'now' or 'oldest'";
  if (!(nonNegative(sse?.keepaliveMs) && sse.keepaliveMs > 0))
    return 'sse.keepaliveMs: must be a positive number';
  if (!(nonNegative(sse.idleCloseMs) && sse.idleCloseMs > 0))
    return 'sse.idleCloseMs: must be a positive number';
  const keys = legacy?.callEventFeedKeys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => k !== 'callEvent' && k !== 'events'))
    return "legacy.callEventFeedKeys: must be a non-empty list of 'callEvent' and/or 'events'";
  const offset = config.timezoneOffsetMinutes;
  if (!(Number.isInteger(offset) && offset >= -720 && offset <= 840))
    return 'timezoneOffsetMinutes: must be an integer from -720 to 840';
  for (const key of ['meanTalkMs', 'meanWrapMs', 'meanPatienceMs'] as const) {
    if (!(nonNegative(simulation?.[key]) && simulation[key] >= 1000))
      return `simulation.${key}: must be a number >= 1000`;
  }
  for (const key of [
    'notReadyProbability',
    'inboundShare',
    'outboundConnectRate',
    'contextDataRate',
    'lateDispositionShare',
  ] as const) {
    if (!probability(simulation[key])) return `simulation.${key}: must be a number from 0 to 1`;
  }
  if (!(nonNegative(simulation.lateDispositionDelayMs) && simulation.lateDispositionDelayMs <= 86_400_000))
    return 'simulation.lateDispositionDelayMs: must be a number of milliseconds from 0 to one day';
  const { recordings } = config;
  if (!probability(recordings?.share)) return 'recordings.share: must be a number from 0 to 1';
  if (!nonNegative(recordings.delayMs)) return 'recordings.delayMs: must be a non-negative number';
  if (
    !(Number.isInteger(recordings.maxSeconds) && recordings.maxSeconds >= 1 && recordings.maxSeconds <= 600)
  )
    return 'recordings.maxSeconds: must be an integer from 1 to 600';
  return undefined;
}
