import { isPlainObject, type RouteContext, Router } from '@voxbridge/emulator-kit';
import type { LiveVoxRuntime } from './context.js';
import { LIVEVOX_ADMIN_OPERATIONS, LIVEVOX_TEST_OPERATIONS, serveAdmin } from './contract.js';
import { lvError, ok } from './http-util.js';
import { AgentState, INTERACTION_TYPE_NAMES, type InteractionTypeName, SERVICES } from './model.js';
import type { PoisonKind } from './poison.js';

/** Default page size of `GET /_emulator/truth` (the in-process `truth()` lists everything by default). */
const TRUTH_DEFAULT_LIMIT = 10_000;

const LIMITS = {
  agents: 10_000,
  calls: 5_000_000,
  sms: 5_000_000,
  emails: 5_000_000,
  callsPerMinute: 100_000,
  smsPerMinute: 100_000,
  emailsPerMinute: 100_000,
} as const;

type NumberKey = keyof typeof LIMITS | 'seed';

function readNumbers(body: Record<string, unknown>): Partial<Record<NumberKey, number>> {
  const out: Partial<Record<NumberKey, number>> = {};
  for (const key of [...(Object.keys(LIMITS) as Array<keyof typeof LIMITS>), 'seed'] as NumberKey[]) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    const integer = !key.endsWith('PerMinute');
    const max = key === 'seed' ? 0xffffffff : LIMITS[key as keyof typeof LIMITS];
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      value > max ||
      (integer && !Number.isInteger(value))
    )
      throw lvError(400, `${key}: must be ${integer ? 'an integer' : 'a number'} from 0 to ${max}`);
    out[key] = value;
  }
  return out;
}

function objectBody(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body === undefined) return {};
  if (!isPlainObject(ctx.body)) throw lvError(400, 'body: must be a JSON object');
  return ctx.body;
}

/** What the traffic endpoint reports about live traffic. */
function trafficStatus(runtime: LiveVoxRuntime) {
  const { state, simulator } = runtime;
  return {
    running: simulator.traffic !== undefined,
    rates: simulator.traffic ?? null,
    inProgress: state.inProgress.size,
    queued: state.queues.reduce((sum, queue) => sum + queue.length, 0),
    agentsLoggedOn: state.agents.filter((agent) => agent.live.state !== AgentState.LoggedOff).length,
  };
}

function clockStatus(runtime: LiveVoxRuntime) {
  const now = runtime.clock.now();
  return { now, iso: new Date(now).toISOString(), speed: runtime.clock.speed };
}

/**
 * The LiveVox emulator's own admin routes under `/_emulator/`: traffic (backlog and live), the
 * clock, and the truth of what has been generated.
 */
export function buildAdminRouter(runtime: LiveVoxRuntime): Router {
  const { simulator } = runtime;
  const ops = LIVEVOX_ADMIN_OPERATIONS;
  const router = new Router();
  serveAdmin(router, ops.trafficStatus, () => ok(trafficStatus(runtime)));
  serveAdmin(router, ops.traffic, (ctx) => {
    const body = objectBody(ctx);
    if (body.stop === true) {
      void simulator.stopTraffic({ drain: false });
      return ok({ stopped: true, ...trafficStatus(runtime) });
    }
    const numbers = readNumbers(body);
    const backlog = numbers.calls !== undefined || numbers.sms !== undefined || numbers.emails !== undefined;
    const live =
      numbers.callsPerMinute !== undefined ||
      numbers.smsPerMinute !== undefined ||
      numbers.emailsPerMinute !== undefined;
    if (!backlog && !live)
      throw lvError(
        400,
        'body: give calls/sms/emails (a backlog), callsPerMinute/smsPerMinute/emailsPerMinute (live traffic), or "stop": true',
      );
    const out: Record<string, unknown> = {};
    if (backlog) {
      const started = Date.now();
      out.backlog = { ...simulator.generateBacklog(numbers), durationMs: Date.now() - started };
    }
    if (live) {
      const { calls: _calls, sms: _sms, emails: _emails, ...rates } = numbers;
      if (backlog) delete rates.seed;
      out.traffic = simulator.startTraffic(rates);
    }
    out.truth = simulator.truth({ summary: true });
    return ok(out);
  });
  serveAdmin(router, ops.clock, () => ok(clockStatus(runtime)));
  serveAdmin(router, ops.setClock, (ctx) => {
    const body = objectBody(ctx);
    const { advanceMs, speed } = body;
    if (advanceMs === undefined && speed === undefined)
      throw lvError(400, 'body: give advanceMs and/or speed');
    if (speed !== undefined) {
      if (typeof speed !== 'number' || !(speed > 0) || speed > 100_000)
        throw lvError(400, 'speed: must be a number above 0, at most 100000');
      runtime.clock.setSpeed(speed);
      simulator.scheduler.rearm();
    }
    if (advanceMs !== undefined) {
      if (typeof advanceMs !== 'number' || !(advanceMs >= 0) || advanceMs > 366 * 86_400_000)
        throw lvError(400, 'advanceMs: must be a number of milliseconds from 0 to one year');
      runtime.clock.advance(advanceMs);
    }
    return ok(clockStatus(runtime));
  });
  serveAdmin(router, ops.truth, (ctx) => {
    const query = ctx.query;
    const integer = (name: string, fallback: number) => {
      const raw = query.get(name);
      if (raw === null || raw === '') return fallback;
      if (!/^\d+$/.test(raw)) throw lvError(400, `${name}: must be a non-negative integer`);
      return Number(raw);
    };
    const type = query.get('type')?.toUpperCase();
    if (type !== undefined && !INTERACTION_TYPE_NAMES.includes(type as InteractionTypeName))
      throw lvError(400, 'type: must be VOICE, SMS or EMAIL');
    const summary = query.get('summary') === 'true' || query.get('summary') === '1';
    const offset = integer('offset', 0);
    const limit = integer('limit', TRUTH_DEFAULT_LIMIT);
    return ok({
      ...simulator.truth({ summary, offset, limit, type: type as InteractionTypeName | undefined }),
      ...(summary ? {} : { limit }),
    });
  });
  addTestRoutes(router, runtime);
  return router;
}

/** Poison items and the agents list (see {@link LIVEVOX_TEST_OPERATIONS}). */
function addTestRoutes(router: Router, runtime: LiveVoxRuntime): void {
  const ops = LIVEVOX_TEST_OPERATIONS;
  const poisonStatus = () => ({ waiting: runtime.poison.waiting, planted: { ...runtime.poison.planted } });
  serveAdmin(router, ops.poisonStatus, () => ok(poisonStatus()));
  serveAdmin(router, ops.poison, (ctx) => {
    const body = ctx.body as { count: number; kinds?: PoisonKind[] };
    runtime.poison.add(body.count, body.kinds);
    return ok(poisonStatus());
  });
  serveAdmin(router, ops.agents, () =>
    ok({
      agents: runtime.state.agents.map((agent) => ({
        agentId: agent.agentId,
        loginId: agent.loginId,
        name: agent.name,
        firstName: agent.firstName,
        lastName: agent.lastName,
        email: agent.email,
        team: agent.team === 1 ? 'outbound' : 'inbound',
        serviceId: (SERVICES[agent.loginService] as { id: number }).id,
      })),
    }),
  );
}
