import type { SeededRandom } from '@voxbridge/emulator-kit';
import type { SimulationConfig } from './config.js';
import type { NewInteraction } from './interactions.js';
import {
  Direction,
  FIRST_NAMES,
  INBOUND_TERM_CODES,
  type InteractionType,
  LAST_NAMES,
  LvResult,
  OUTBOUND_TERM_CODES,
  type Service,
  TIMEZONE_WEIGHTS,
} from './model.js';

/**
 * The random draws of a call's life, shared by live traffic and backlog generation so both follow
 * the same model: durations, outbound outcomes, term codes and the person called.
 */

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** Talk time of a connected call (10 s … 4× the mean). */
export function drawTalkMs(random: SeededRandom, config: SimulationConfig): number {
  return Math.round(clamp(random.exponential(config.meanTalkMs), 10_000, config.meanTalkMs * 4));
}

/** Wrap-up time after a connected call (3 s … 4× the mean). */
export function drawWrapMs(random: SeededRandom, config: SimulationConfig): number {
  return Math.round(clamp(random.exponential(config.meanWrapMs), 3_000, config.meanWrapMs * 4));
}

/** How long an inbound caller waits before abandoning (5 s … 3× the mean). */
export function drawPatienceMs(random: SeededRandom, config: SimulationConfig): number {
  return Math.round(clamp(random.exponential(config.meanPatienceMs), 5_000, config.meanPatienceMs * 3));
}

/** Ring time of an outbound dial before its outcome is known. */
export function drawRingMs(random: SeededRandom): number {
  return random.int(4_000, 20_000);
}

/** The outcome of a dialed outbound record: `connect` (a live person) or the LiveVox result. */
export function drawOutboundOutcome(random: SeededRandom, config: SimulationConfig): 'connect' | LvResult {
  if (random.chance(config.outboundConnectRate)) return 'connect';
  const roll = random.next();
  if (roll < 0.5) return LvResult.NoAnswer;
  if (roll < 0.65) return LvResult.Busy;
  if (roll < 0.95) return LvResult.Machine;
  return LvResult.InvalidNumber;
}

/** How a connected call ended (who hung up). */
export function drawHangup(random: SeededRandom): LvResult {
  return random.chance(0.4) ? LvResult.AgentTerminated : LvResult.CustomerTerminated;
}

/** The term code an agent sets on a connected call. */
export function drawTermCode(random: SeededRandom, direction: Direction): number {
  return random.pick(direction === Direction.Inbound ? INBOUND_TERM_CODES : OUTBOUND_TERM_CODES);
}

/** A time zone index weighted like loaded records (for inbound callers). */
export function drawTimezone(random: SeededRandom): number {
  let roll = random.next();
  for (let zone = 0; zone < TIMEZONE_WEIGHTS.length; zone++) {
    roll -= TIMEZONE_WEIGHTS[zone] as number;
    if (roll < 0) return zone;
  }
  return TIMEZONE_WEIGHTS.length - 1;
}

/** Everything about a new interaction's customer, drawn in a fixed order. */
export function drawInteraction(
  random: SeededRandom,
  parts: {
    type: InteractionType;
    direction: Direction;
    service: Service;
    campaign: number;
    timezone: number;
    start: number;
    contextRate: number;
  },
): NewInteraction {
  const areaCode = random.int(201, 989);
  const line = random.int(2_000_000, 9_999_999);
  // A literal of one fixed shape: spreading `parts` here made backlog generation several times slower.
  return {
    type: parts.type,
    direction: parts.direction,
    service: parts.service,
    campaign: parts.campaign,
    timezone: parts.timezone,
    start: parts.start,
    phone: areaCode * 10_000_000 + line,
    account: random.int(10_000_000, 99_999_999),
    salt: random.int(0, 0xffffffff) >>> 0,
    zip: random.chance(0.9) ? random.int(10_000, 99_950) : 0,
    firstName: random.int(0, FIRST_NAMES.length - 1),
    lastName: random.int(0, LAST_NAMES.length - 1),
    totalDueCents: random.int(0, 250_000),
    hasContext: random.chance(parts.contextRate),
  };
}
