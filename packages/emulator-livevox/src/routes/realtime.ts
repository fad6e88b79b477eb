import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import {
  agentAverages as agentAveragesOp,
  agentStatsEx as agentStatsExOp,
  agentStats as agentStatsOp,
  agentStatus as agentStatusOp,
  campaignStats as campaignStatsOp,
  holdDetails as holdDetailsOp,
  liveConnects as liveConnectsOp,
  readInCallMetadata,
  readPostCallMetadata,
  serviceStats as serviceStatsOp,
} from '@voxbridge/livevox/wire';
import type { LiveVoxRuntime } from '../context.js';
import { agentStatusSeedPath, serve } from '../contract.js';
import {
  bodyObject,
  checkClientParam,
  integerParam,
  lvError,
  ok,
  parseFilter,
  requiredQuery,
  selectServices,
} from '../http-util.js';
import { dayNumber, parseTimestamp } from '../ids.js';
import { Direction } from '../model.js';
import {
  agentAverages,
  agentStats,
  agentStatsEx,
  agentStatus,
  campaignStats,
  queuedCallDetails,
  serviceStats,
} from '../stats.js';

const VOICE: Array<'INBOUND' | 'OUTBOUND'> = ['INBOUND', 'OUTBOUND'];

/**
 * Adds the statistics methods (service, agents, campaign) and Call Data (in call, post call). Every
 * answer is computed from the simulator's state at the moment of the request.
 */
export function addRealtimeRoutes(router: Router, runtime: LiveVoxRuntime): void {
  const { state, simulator } = runtime;
  /** Brings the simulation up to the clock, then parses the filter. */
  const prepare = (ctx: RouteContext) => {
    simulator.scheduler.runDue();
    const body = bodyObject(ctx);
    const filter = parseFilter(body);
    return { body, filter, services: selectServices(filter, VOICE), now: runtime.clock.now() };
  };
  const agentStatusHandler = (ctx: RouteContext) => {
    const { body, services, now } = prepare(ctx);
    let changedAfter: number | undefined;
    if (body.stateChangedAfter !== undefined && body.stateChangedAfter !== null) {
      changedAfter = parseTimestamp(body.stateChangedAfter);
      if (changedAfter === undefined)
        throw lvError(400, 'stateChangedAfter: must be epoch milliseconds or an ISO-8601 date-time');
    }
    return ok({ agentDetails: agentStatus(state, services, now, changedAfter), timeStamp: now });
  };

  serve(router, serviceStatsOp, (ctx) => {
    const { services, now } = prepare(ctx);
    return ok({ stats: serviceStats(state, services, now) });
  });
  serve(router, agentStatsOp, (ctx) => {
    const { services, now } = prepare(ctx);
    return ok({ agentStatistics: agentStats(state, services, now) });
  });
  serve(router, agentStatsExOp, (ctx) => {
    const { services, now } = prepare(ctx);
    return ok({ agentStatistics: agentStatsEx(state, services, now) });
  });
  serve(router, agentStatusOp, agentStatusHandler);
  serve(router, agentStatusSeedPath, agentStatusHandler);
  serve(router, agentAveragesOp, (ctx) => {
    const { services, now } = prepare(ctx);
    return ok({ agentAverages: agentAverages(state, services, now), timeStamp: String(now) });
  });
  serve(router, holdDetailsOp, (ctx) => {
    const { services, now } = prepare(ctx);
    return ok({ callsDetails: queuedCallDetails(state, services), timeStamp: String(now) });
  });
  serve(router, liveConnectsOp, (ctx) => {
    const { services, now } = prepare(ctx);
    const buckets = state.totals.liveConnects(
      services.map((service) => service.index),
      now,
    );
    return ok({
      liveConnects: buckets.map(({ total, timeStamp }) => ({
        total: String(total),
        timeStamp: String(timeStamp),
      })),
    });
  });
  serve(router, campaignStatsOp, (ctx) => {
    const { filter } = prepare(ctx);
    const kinds = (['campaign', 'service', 'callCenter'] as const).filter(
      (kind) => filter[kind] !== undefined,
    );
    if (kinds.length > 1)
      throw lvError(
        400,
        `filter: only one of campaign, service or callCenter may be given (got ${kinds.join(', ')})`,
      );
    return ok({ stats: campaignStats(state, filter) });
  });
  serve(router, readInCallMetadata, (ctx) => {
    const row = findTodaysCall(runtime, ctx);
    const table = state.interactions;
    if (!Number.isNaN(table.endOf(row))) throw lvError(404, 'The call is not in progress');
    const service = table.serviceOf(row);
    return ok({
      consumer: { firstName: table.firstName(row), lastName: table.lastName(row) },
      serviceId: service.id,
      callCenterId: service.callCenterId,
      account: table.accountText(row),
      zipCode: table.zipText(row),
      totalDue: table.totalDue(row),
      callDirectionOutbound: table.directionOf(row) === Direction.Outbound,
      callStartTime: table.startOf(row),
    });
  });
  serve(router, readPostCallMetadata, (ctx) => {
    const row = findTodaysCall(runtime, ctx);
    const table = state.interactions;
    if (Number.isNaN(table.endOf(row))) throw lvError(404, 'The call has not ended');
    return ok({
      serviceId: table.serviceOf(row).id,
      callEndTime: table.endOf(row),
      lvResult: table.resultName(row),
      phoneDialed: table.phoneText(row),
      termCodeName: table.termCodeName(row),
    });
  });
}

/** The call named by `session` and `transaction`, if it started today; 404 otherwise. */
function findTodaysCall(runtime: LiveVoxRuntime, ctx: RouteContext): number {
  runtime.simulator.scheduler.runDue();
  checkClientParam(ctx);
  const session = requiredQuery(ctx, 'session');
  const transaction = integerParam('transaction', requiredQuery(ctx, 'transaction'));
  const row = runtime.simulator.findCall(session, transaction);
  const now = runtime.clock.now();
  const offset = runtime.config().timezoneOffsetMinutes;
  if (
    row === undefined ||
    dayNumber(runtime.state.interactions.startOf(row), offset) !== dayNumber(now, offset)
  )
    throw lvError(404, 'No call of today with this session and transaction');
  return row;
}
