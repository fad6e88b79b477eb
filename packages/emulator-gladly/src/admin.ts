import { type Clock, HttpError, isPlainObject, Router } from '@voxbridge/emulator-kit';
import { gladlyErrorBody } from './errors.js';
import type { ContactChannel } from './model.js';
import { SimulationError } from './org-state.js';
import type { GladlySimulator } from './simulator.js';

/** What the emulator-specific admin routes act on. */
export interface AdminDeps {
  clock: Clock;
  simulator: GladlySimulator;
  /** Stops traffic; with `drain`, winds the organisation down and waits for deliveries in flight. */
  stop(options: { drain?: boolean }): Promise<void>;
  /** Called after the clock's speed changed (timers are re-armed). */
  onSpeedChange(): void;
}

const badRequest = (message: string) => new HttpError(400, gladlyErrorBody(400, message));

/** Runs a simulator action, turning a {@link SimulationError} into a 409 naming the problem. */
function act<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof SimulationError) throw new HttpError(409, gladlyErrorBody(409, error.message));
    throw error;
  }
}

function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(`${key}: must be a number`);
  return value;
}

/** `/_emulator/clock`, `/_emulator/activity`, `/_emulator/truth` and hand-driven agent and conversation actions. */
export function buildAdminRouter(deps: AdminDeps): Router {
  const { clock, simulator } = deps;
  const clockView = () => ({ now: clock.now(), iso: clock.date().toISOString(), speed: clock.speed });
  const body = (value: unknown): Record<string, unknown> => {
    if (value === undefined) return {};
    if (!isPlainObject(value)) throw badRequest('body: must be a JSON object');
    return value;
  };

  return new Router()
    .get('/clock', () => ({ status: 200, body: clockView() }))
    .post('/clock', (ctx) => {
      const input = body(ctx.body);
      const advanceMs = optionalNumber(input, 'advanceMs');
      const speed = optionalNumber(input, 'speed');
      if (advanceMs === undefined && speed === undefined)
        throw badRequest('body: give advanceMs and/or speed');
      if (advanceMs !== undefined && advanceMs < 0) throw badRequest('advanceMs: must not be negative');
      if (speed !== undefined && !(speed > 0 && speed <= 10_000))
        throw badRequest('speed: must be above 0 and at most 10000');
      if (speed !== undefined) {
        clock.setSpeed(speed);
        deps.onSpeedChange();
      }
      if (advanceMs !== undefined) clock.advance(advanceMs);
      return { status: 200, body: clockView() };
    })
    .get('/activity', () => ({ status: 200, body: simulator.status() }))
    .post('/activity', async (ctx) => {
      const input = body(ctx.body);
      const action = input.action ?? (input.hours !== undefined ? 'backlog' : undefined);
      if (action === 'start') simulator.start();
      else if (action === 'stop') await deps.stop({ drain: input.drain === true });
      else if (action === 'backlog') {
        const hours = optionalNumber(input, 'hours');
        if (hours === undefined) throw badRequest('hours: required for a backlog');
        const agents = optionalNumber(input, 'agents');
        const seed = optionalNumber(input, 'seed');
        const endAt = input.endAt === undefined ? undefined : Date.parse(String(input.endAt));
        if (endAt !== undefined && Number.isNaN(endAt)) throw badRequest('endAt: must be an ISO 8601 time');
        if (input.live !== undefined && typeof input.live !== 'boolean')
          throw badRequest('live: must be true or false');
        act(() =>
          simulator.generateBacklog({ hours, agents, seed, endAt, live: input.live as boolean | undefined }),
        );
      } else throw badRequest("action: must be 'start', 'stop' or 'backlog' (or give hours for a backlog)");
      return { status: 200, body: simulator.status() };
    })
    .get('/truth', () => ({ status: 200, body: simulator.truth() }))
    .post('/agents/:agentId/:action', (ctx) => {
      const input = body(ctx.body);
      const agentId = ctx.params.agentId!;
      act(() => {
        switch (ctx.params.action) {
          case 'login':
            return simulator.login(agentId);
          case 'logout':
            return simulator.logout(agentId);
          case 'away':
            return simulator.goAway(agentId, typeof input.reason === 'string' ? input.reason : null);
          case 'return':
            return simulator.returnFromAway(agentId);
          case 'availability':
            if (!Array.isArray(input.availableFor))
              throw badRequest('availableFor: must be a list of channels');
            return simulator.setAvailability(agentId, input.availableFor.map(String));
          default:
            throw badRequest('action: must be login, logout, away, return or availability');
        }
      });
      return { status: 200, body: { ok: true } };
    })
    .post('/conversations', (ctx) => {
      const input = body(ctx.body);
      const created = act(() =>
        simulator.createConversation({
          ...(typeof input.inboxId === 'string' ? { inboxId: input.inboxId } : {}),
          ...(typeof input.channel === 'string' ? { channel: input.channel as ContactChannel } : {}),
        }),
      );
      return { status: 201, body: created };
    })
    .post('/conversations/:conversationId/close', (ctx) => {
      act(() => simulator.closeConversation(ctx.params.conversationId!));
      return { status: 200, body: { ok: true } };
    });
}
