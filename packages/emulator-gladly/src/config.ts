import type { BaseEmulatorConfig, RateLimitConfig } from '@voxbridge/emulator-kit';

/** The API user the emulator accepts out of the box (Basic auth: agent email + API token). */
export const GLADLY_DEFAULT_CREDENTIALS: Readonly<{ email: string; apiToken: string }> = Object.freeze({
  email: 'api@demo.gladly.test',
  apiToken: 'demo-token',
});

/** The port `voxbridge emulate gladly` listens on unless told otherwise. */
export const GLADLY_DEFAULT_PORT = 4030;

/** Knobs of the simulated organisation and its traffic. */
export interface SimulationConfig {
  /** Agents in the organisation (applies at reset and when a backlog is generated). */
  agents: number;
  /** Teams the agents are spread over (applies at reset and backlog). */
  teams: number;
  /** Length of an agent's shift, in hours. */
  shiftHours: number;
  /** Hours between the end of a shift and the next login. */
  offShiftHours: number;
  /** Logins are spread over this many minutes after activity starts. */
  loginSpreadMinutes: number;
  /** New conversations per logged-in agent per hour (a Poisson process). */
  conversationsPerAgentHour: number;
  /** Mean minutes between an agent's status or availability changes. */
  meanMinutesBetweenStatusChanges: number;
  /** Share of status changes that go away with a reason (Break, Lunch, …). */
  awayShare: number;
  /** Share of status changes that are an idle auto-away (no reason). */
  autoAwayShare: number;
  /** Chance that an auto-away ends in an automatic logout (no RETURNED_FROM_AWAY for it). */
  autoLogoutChance: number;
  /** Contacts an agent works at once (a phone call always takes the agent's whole capacity). */
  maxConcurrentContacts: number;
  /** Mean handle time of a contact, in seconds. */
  meanHandleSeconds: number;
  /** Mean after-contact (wrap-up) time, in seconds; the conversation closes when it ends. */
  meanAfterContactSeconds: number;
}

/** Configuration of the Gladly emulator (`GET`/`PUT /_emulator/config`). */
export interface GladlyEmulatorConfig extends BaseEmulatorConfig {
  /**
   * The kit's fixed-window limiter. Gladly allows 10 requests per second, so the default window is
   * one second long and holds 10 requests (`requestsPerMinute` is the kit's name for "per window").
   */
  rateLimit: RateLimitConfig;
  /**
   * `method`: each HTTP method has its own budget, as Gladly documents ("10 requests/s for each HTTP
   * method"); `organization`: one budget for every request.
   */
  rateLimitScope: 'method' | 'organization';
  /** API users accepted with Basic auth. */
  credentials: Array<{ email: string; apiToken: string }>;
  /** The Events API. */
  events: {
    /** How far back `startAt` may reach. Gladly: 24 hours. */
    maxLookbackMs: number;
    /** Events younger than this are not yet visible (Gladly: "up to 15 seconds behind"). Default 0. */
    visibilityDelayMs: number;
  };
  /** The report endpoint's own limits. */
  reports: {
    /** Report POSTs allowed per window, for the whole organisation. Gladly: 10 per minute. */
    requestsPerWindow: number;
    windowMs: number;
    /** Reports generated at once. Gladly: 2. */
    maxConcurrent: number;
    /** Simulated time a report takes to generate, in real ms (makes the concurrency limit observable). */
    processingDelayMs: number;
  };
  /** Webhook delivery. */
  webhooks: {
    /** Real milliseconds Gladly waits for an answer before counting a delivery as failed. Gladly: 15 s. */
    timeoutMs: number;
    /** Waits before each retry, in emulator-clock ms. Gladly: 30 s, 5 min, 30 min, 1 h. */
    retryDelaysMs: number[];
    /** Webhooks an organisation may have. Gladly: 20. */
    maxWebhooks: number;
    /** Refuse `http:` URLs (loopback hosts are always allowed, so local receivers work). */
    requireHttps: boolean;
    /** Deliveries in flight at once over all webhooks (more wait their turn; PINGs are not limited). */
    maxConcurrentDeliveries: number;
  };
  /** The simulated organisation and its traffic. */
  simulation: SimulationConfig;
}

/** The configuration a fresh emulator starts with. */
export function defaultGladlyConfig(): GladlyEmulatorConfig {
  return {
    rateLimit: { requestsPerMinute: 10, windowMs: 1000 },
    rateLimitScope: 'method',
    gzip: true,
    credentials: [{ ...GLADLY_DEFAULT_CREDENTIALS }],
    events: { maxLookbackMs: 24 * 3_600_000, visibilityDelayMs: 0 },
    reports: { requestsPerWindow: 10, windowMs: 60_000, maxConcurrent: 2, processingDelayMs: 0 },
    webhooks: {
      timeoutMs: 15_000,
      retryDelaysMs: [30_000, 300_000, 1_800_000, 3_600_000],
      maxWebhooks: 20,
      requireHttps: true,
      maxConcurrentDeliveries: 8,
    },
    simulation: {
      agents: 8,
      teams: 2,
      shiftHours: 8,
      offShiftHours: 16,
      loginSpreadMinutes: 30,
      conversationsPerAgentHour: 5,
      meanMinutesBetweenStatusChanges: 40,
      awayShare: 0.4,
      autoAwayShare: 0.15,
      autoLogoutChance: 0.25,
      maxConcurrentContacts: 2,
      meanHandleSeconds: 360,
      meanAfterContactSeconds: 60,
    },
  };
}

const isNonNegative = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isPositive = (value: unknown): boolean =>
  typeof value === 'number' && Number.isFinite(value) && value > 0;

/** Checks a merged configuration; returns a message naming the bad key, or undefined. */
export function validateGladlyConfig(config: GladlyEmulatorConfig): string | undefined {
  if (!isNonNegative(config.rateLimit?.requestsPerMinute))
    return 'rateLimit.requestsPerMinute: must be a non-negative number';
  if (config.rateLimit.windowMs !== undefined && !isPositive(config.rateLimit.windowMs))
    return 'rateLimit.windowMs: must be a positive number';
  if (config.rateLimitScope !== 'method' && config.rateLimitScope !== 'organization')
    return "rateLimitScope: must be 'method' or 'organization'";
  if (!Array.isArray(config.credentials) || config.credentials.length === 0)
    return 'credentials: must be a non-empty list';
  for (const [i, credential] of config.credentials.entries()) {
    if (typeof credential?.email !== 'string' || credential.email === '')
      return `credentials[${i}].email: must be a non-empty string`;
    if (typeof credential.apiToken !== 'string' || credential.apiToken === '')
      return `credentials[${i}].apiToken: must be a non-empty string`;
  }
  if (!isPositive(config.events?.maxLookbackMs)) return 'events.maxLookbackMs: must be a positive number';
  if (!isNonNegative(config.events.visibilityDelayMs))
    return 'events.visibilityDelayMs: must be a non-negative number';
  for (const key of ['requestsPerWindow', 'windowMs', 'maxConcurrent'] as const) {
    if (!isPositive(config.reports?.[key])) return `reports.${key}: must be a positive number`;
  }
  if (!isNonNegative(config.reports.processingDelayMs))
    return 'reports.processingDelayMs: must be a non-negative number';
  if (!isPositive(config.webhooks?.timeoutMs)) return 'webhooks.timeoutMs: must be a positive number';
  if (!Array.isArray(config.webhooks.retryDelaysMs) || !config.webhooks.retryDelaysMs.every(isNonNegative))
    return 'webhooks.retryDelaysMs: must be a list of non-negative numbers';
  if (!isPositive(config.webhooks.maxWebhooks)) return 'webhooks.maxWebhooks: must be a positive number';
  if (!isPositive(config.webhooks.maxConcurrentDeliveries))
    return 'webhooks.maxConcurrentDeliveries: must be a positive number';
  if (typeof config.webhooks.requireHttps !== 'boolean')
    return 'webhooks.requireHttps: must be true or false';
  const sim = config.simulation;
  for (const key of [
    'agents',
    'teams',
    'shiftHours',
    'conversationsPerAgentHour',
    'meanMinutesBetweenStatusChanges',
    'maxConcurrentContacts',
    'meanHandleSeconds',
  ] as const) {
    if (!isPositive(sim?.[key])) return `simulation.${key}: must be a positive number`;
  }
  for (const key of ['offShiftHours', 'loginSpreadMinutes', 'meanAfterContactSeconds'] as const) {
    if (!isNonNegative(sim[key])) return `simulation.${key}: must be a non-negative number`;
  }
  for (const key of ['awayShare', 'autoAwayShare', 'autoLogoutChance'] as const) {
    if (!(isNonNegative(sim[key]) && sim[key] <= 1)) return `simulation.${key}: must be a number from 0 to 1`;
  }
  if (sim.awayShare + sim.autoAwayShare > 1)
    return 'simulation.awayShare: awayShare + autoAwayShare must not exceed 1';
  if (!Number.isInteger(sim.agents) || sim.agents > 500)
    return 'simulation.agents: must be a whole number from 1 to 500';
  if (!Number.isInteger(sim.teams) || sim.teams > sim.agents)
    return 'simulation.teams: must be a whole number from 1 to simulation.agents';
  return undefined;
}
