import { type Clock, HttpError, Router } from '@voxbridge/emulator-kit';
import type { z } from 'zod';
import {
  agentAction,
  closeConversation,
  createConversation,
  getActivity,
  getClock,
  getPoison,
  getTruth,
  setActivity,
  setClock,
  setPoison,
} from './admin-operations.js';
import { serveAdmin } from './contract.js';
import { gladlyErrorBody } from './errors.js';
import { SimulationError } from './org-state.js';
import type { PoisonPlanter, PoisonSettings } from './poison.js';
import type { GladlySimulator } from './simulator.js';

/** What the emulator-specific admin routes act on. */
export interface AdminDeps {
  clock: Clock;
  simulator: GladlySimulator;
  /** The poison switch. */
  poison: PoisonPlanter;
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

/** `/_emulator/clock`, `/_emulator/activity`, `/_emulator/truth` and hand-driven agent and conversation actions. */
export function buildAdminRouter(deps: AdminDeps): Router {
  const { clock, simulator } = deps;
  const clockView = () => ({ now: clock.now(), iso: clock.date().toISOString(), speed: clock.speed });
  const router = new Router();
  serveAdmin(router, getClock, () => ({ status: 200, body: clockView() }));
  serveAdmin(router, setClock, (ctx) => {
    const input = ctx.body as { advanceMs?: number; speed?: number };
    if (input.speed !== undefined) {
      clock.setSpeed(input.speed);
      deps.onSpeedChange();
    }
    if (input.advanceMs !== undefined) clock.advance(input.advanceMs);
    return { status: 200, body: clockView() };
  });
  serveAdmin(router, getActivity, () => ({ status: 200, body: simulator.status() }));
  serveAdmin(router, setActivity, async (ctx) => {
    const input = ctx.body as z.output<typeof setActivity.body>;
    const action = input.action ?? 'backlog';
    if (action === 'start') simulator.start();
    else if (action === 'stop') await deps.stop({ drain: input.drain === true });
    else {
      const { hours, agents, seed, live } = input;
      const endAt = input.endAt === undefined ? undefined : Date.parse(input.endAt);
      act(() => simulator.generateBacklog({ hours: hours!, agents, seed, endAt, live }));
    }
    return { status: 200, body: simulator.status() };
  });
  serveAdmin(router, getTruth, () => ({ status: 200, body: simulator.truth() }));
  serveAdmin(router, getPoison, () => ({ status: 200, body: deps.poison.view() }));
  serveAdmin(router, setPoison, (ctx) => ({
    status: 200,
    body: deps.poison.set(ctx.body as Partial<PoisonSettings>),
  }));
  serveAdmin(router, agentAction, (ctx) => {
    const input = (ctx.body ?? {}) as NonNullable<z.output<typeof agentAction.body>>;
    const agentId = ctx.params.agentId!;
    act(() => {
      switch (ctx.params.action as z.output<typeof agentAction.params>['action']) {
        case 'login':
          return simulator.login(agentId);
        case 'logout':
          return simulator.logout(agentId);
        case 'away':
          return simulator.goAway(agentId, input.reason ?? null);
        case 'return':
          return simulator.returnFromAway(agentId);
        case 'availability':
          if (!input.availableFor) throw badRequest('availableFor: must be a list of channels');
          return simulator.setAvailability(agentId, input.availableFor);
      }
    });
    return { status: 200, body: { ok: true } };
  });
  serveAdmin(router, createConversation, (ctx) => {
    const input = (ctx.body ?? {}) as NonNullable<z.output<typeof createConversation.body>>;
    return { status: 201, body: act(() => simulator.createConversation(input)) };
  });
  serveAdmin(router, closeConversation, (ctx) => {
    act(() => simulator.closeConversation(ctx.params.conversationId!));
    return { status: 200, body: { ok: true } };
  });
  return router;
}

/** The emulator-specific admin operations, for the generated document. */
export const GLADLY_ADMIN_OPERATIONS = [
  getClock,
  setClock,
  getActivity,
  setActivity,
  getTruth,
  agentAction,
  createConversation,
  closeConversation,
  getPoison,
  setPoison,
] as const;
