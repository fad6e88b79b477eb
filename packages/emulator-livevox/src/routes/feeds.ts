import { HANDLED, type RouteContext, type Router } from '@voxbridge/emulator-kit';
import {
  agentEventFeed,
  agentEventRead,
  callEventFeed,
  callEventRead,
  interactionEventFeed,
} from '@voxbridge/livevox/wire';
import type { LiveVoxRuntime } from '../context.js';
import { serve } from '../contract.js';
import type { AppendLog, LogSlice } from '../event-log.js';
import { bodyObject, parseCount, parseFilter } from '../http-util.js';
import { MarkerKind } from '../ids.js';
import { agentEvent, interactionEvent, legacyCallEvent } from '../serialize.js';
import { interactionAcceptor, longPoll, resolveStart, tokenFor, voiceOnly } from './feed-common.js';

interface FeedPlan {
  log: AppendLog;
  tokenKind: MarkerKind;
  /** Markers accepted as the request's token. */
  accepts: MarkerKind[];
  accept?: (position: number) => boolean;
  /** Long-poll wait; 0 for the deprecated methods that answer at once. */
  waitMs: number;
}

/** Runs one feed request: resolve the token, read (or wait), answer with the slice and a fresh token. */
async function serveFeed(
  runtime: LiveVoxRuntime,
  ctx: RouteContext,
  plan: (body: Record<string, unknown>) => FeedPlan,
  render: (slice: LogSlice, token: string) => unknown,
) {
  runtime.simulator.scheduler.runDue();
  const config = runtime.config();
  const body = bodyObject(ctx);
  const count = parseCount(ctx, config.feed.minCount, config.feed.maxCount);
  const { log, tokenKind, accepts, accept, waitMs } = plan(body);
  const start = resolveStart(runtime, log, body.token, accepts);
  // The first, blank request only procures a token: it is answered at once, as the seed shows.
  const blank = typeof body.token !== 'string' || body.token.trim() === '';
  const slice = await longPoll(log, start, count, accept, blank ? 0 : waitMs, ctx.signal);
  if (!slice) {
    ctx.res.destroy();
    return HANDLED;
  }
  return { status: 200, body: render(slice, tokenFor(runtime, log, tokenKind, slice.next)) };
}

/**
 * Adds the long-poll feeds: Agent Event Feed, Interaction Event Feed, and the deprecated Agent
 * Event, Call Event and Call Event Feed methods (served from the same logs).
 */
export function addFeedRoutes(router: Router, runtime: LiveVoxRuntime): void {
  const { state } = runtime;
  const agentPlan = (waitMs: () => number) => (): FeedPlan => ({
    log: state.agentEvents,
    tokenKind: MarkerKind.AgentToken,
    accepts: [MarkerKind.AgentToken],
    waitMs: waitMs(),
  });
  const callPlan = (waitMs: () => number) => (): FeedPlan => ({
    log: state.events,
    tokenKind: MarkerKind.InteractionToken,
    accepts: [MarkerKind.InteractionToken, MarkerKind.InteractionEventId],
    accept: voiceOnly(runtime),
    waitMs: waitMs(),
  });
  const feedWait = () => runtime.config().feed.waitMs;
  const noWait = () => 0;
  const renderAgents = (slice: LogSlice, token: string) => ({
    agentEvent: slice.positions.map((p) => agentEvent(state, p)),
    token,
  });
  const renderCalls = (slice: LogSlice, token: string) => {
    const events = slice.positions.map((p) => legacyCallEvent(state, p));
    const out: Record<string, unknown> = { token };
    for (const key of runtime.config().legacy.callEventFeedKeys) out[key] = events;
    return out;
  };

  serve(router, agentEventFeed, (ctx) => serveFeed(runtime, ctx, agentPlan(feedWait), renderAgents));
  serve(router, interactionEventFeed, (ctx) =>
    serveFeed(
      runtime,
      ctx,
      (body) => ({
        log: state.events,
        tokenKind: MarkerKind.InteractionToken,
        accepts: [MarkerKind.InteractionToken, MarkerKind.InteractionEventId],
        accept: interactionAcceptor(runtime, parseFilter(body)),
        waitMs: feedWait(),
      }),
      (slice, token) => ({
        token,
        events: runtime.poison.intoPage(slice.positions.map((p) => interactionEvent(state, p))),
      }),
    ),
  );
  serve(router, callEventFeed, (ctx) => serveFeed(runtime, ctx, callPlan(feedWait), renderCalls));
  serve(router, agentEventRead, (ctx) => serveFeed(runtime, ctx, agentPlan(noWait), renderAgents));
  serve(router, callEventRead, (ctx) =>
    serveFeed(runtime, ctx, callPlan(noWait), (slice, token) => ({
      callEvent: slice.positions.map((p) => legacyCallEvent(state, p)),
      token,
    })),
  );
}
