import { ValidationError } from '@voxbridge/core';
import { campaignFilterToWire, serviceFilterToWire, type WireFilter } from './filters.js';
import { listOf, withTime } from './normalise.js';
import { toLiveVoxTime } from './time.js';
import { checkCallRef, type Send } from './transport.js';
import type { CallRef, CampaignStatsFilter, ServiceFilter } from './types/common.js';
import type {
  AgentAveragesResponse,
  AgentStatistics,
  AgentStatisticsEx,
  AgentStatusResponse,
  CampaignStats,
  HoldDetailsResponse,
  InCallMetadata,
  LiveConnect,
  PostCallMetadata,
  ServiceStats,
} from './types/stats.js';

/** Call Data (`lv.realtime.callData`): metadata of a call of the current day. */
export class CallDataApi {
  private readonly send: Send;

  /** @param send the client's authenticated request function. */
  constructor(send: Send) {
    this.send = send;
  }

  /** Metadata of a call in progress (`GET /realtime/callData/inCall?client=&session=&transaction=`). */
  async inCall(ref: CallRef): Promise<InCallMetadata> {
    const body = await this.get('/realtime/callData/inCall', ref);
    return withTime<InCallMetadata>(body, 'callStartTime', 'callStartedAt');
  }

  /** Metadata of a finished call (`GET /realtime/callData/postCall?client=&session=&transaction=`). */
  async postCall(ref: CallRef): Promise<PostCallMetadata> {
    const body = await this.get('/realtime/callData/postCall', ref);
    return withTime<PostCallMetadata>(body, 'callEndTime', 'callEndedAt');
  }

  private async get(path: string, ref: CallRef): Promise<unknown> {
    const { session, transactionId, client } = checkCallRef(ref);
    const res = await this.send({
      method: 'GET',
      path,
      query: { client, session, transaction: transactionId },
    });
    return res.body ?? {};
  }
}

/** Campaign statistics (`lv.realtime.campaign`). */
export class CampaignApi {
  private readonly send: Send;

  /** @param send the client's authenticated request function. */
  constructor(send: Send) {
    this.send = send;
  }

  /**
   * Campaign Level Statistics of the current day (`POST /realtime/campaign/stats`). The filter is an
   * exclusive 'or': more than one kind (`campaign`, `service`, `callCenter`) is refused with a
   * `ValidationError` before anything is sent, as the API would refuse it.
   */
  async stats(filter?: CampaignStatsFilter): Promise<CampaignStats[]> {
    const body = await post(this.send, '/realtime/campaign/stats', campaignFilterToWire(filter));
    return listOf(body, 'stats') as CampaignStats[];
  }
}

/** Options of Get Agent Status. */
export interface AgentStatusOptions {
  filter?: ServiceFilter;
  /** Only agents whose state changed after this moment (a `Date`, epoch ms, or a LiveVox time string). */
  stateChangedAfter?: Date | number | string;
}

/** Service statistics (`lv.realtime.service`): the services and the agents working in them. */
export class ServiceApi {
  private readonly send: Send;

  /** @param send the client's authenticated request function. */
  constructor(send: Send) {
    this.send = send;
  }

  /** Average time agents spent per state (`POST /realtime/service/agents/averages`). */
  async agentAverages(filter?: ServiceFilter): Promise<AgentAveragesResponse> {
    const body = await post(this.send, '/realtime/service/agents/averages', serviceFilterToWire(filter));
    return stampedList<AgentAveragesResponse>(body, 'agentAverages', 'timeStamp', 'updatedAt');
  }

  /** Per-agent statistics of the agents logged in right now (`POST /realtime/service/agent/stats`). */
  async agentStats(filter?: ServiceFilter): Promise<AgentStatistics[]> {
    const body = await post(this.send, '/realtime/service/agent/stats', serviceFilterToWire(filter));
    return listOf(body, 'agentStatistics').map((item) =>
      withTime<AgentStatistics>(item, 'stateChangedTime', 'stateChangedAt'),
    );
  }

  /**
   * Per-agent, per-service statistics of every agent who logged into the filtered services or call
   * centers today (`POST /realtime/service/agent/stats/ex`; the filter is an 'or').
   */
  async agentStatsEx(filter?: ServiceFilter): Promise<AgentStatisticsEx[]> {
    const body = await post(this.send, '/realtime/service/agent/stats/ex', serviceFilterToWire(filter));
    return listOf(body, 'agentStatistics') as AgentStatisticsEx[];
  }

  /** Current state of each agent per service (`POST /realtime/service/agents/status`). */
  async agentStatus(options: AgentStatusOptions = {}): Promise<AgentStatusResponse> {
    const extra: Record<string, unknown> = {};
    if (options.stateChangedAfter !== undefined) {
      const ms = toLiveVoxTime(options.stateChangedAfter);
      if (ms === undefined)
        throw new ValidationError(
          'stateChangedAfter',
          'must be a Date, epoch milliseconds or a date-time string',
        );
      extra.stateChangedAfter = ms;
    }
    const body = await post(
      this.send,
      '/realtime/service/agents/status',
      serviceFilterToWire(options.filter),
      extra,
    );
    return stampedList<AgentStatusResponse>(body, 'agentDetails', 'stateChangedAfter', 'stateChangedAt');
  }

  /** Each call currently on hold (`POST /realtime/service/calls/status`). */
  async holdDetails(filter?: ServiceFilter): Promise<HoldDetailsResponse> {
    const body = await post(this.send, '/realtime/service/calls/status', serviceFilterToWire(filter));
    return stampedList<HoldDetailsResponse>(body, 'callsDetails', 'timeStamp', 'onHoldSince');
  }

  /** Right-party live connects of the last 30 minutes in 5-minute intervals (`POST /realtime/service/liveConnects`). */
  async liveConnects(filter?: ServiceFilter): Promise<LiveConnect[]> {
    const body = await post(this.send, '/realtime/service/liveConnects', serviceFilterToWire(filter));
    return listOf(body, 'liveConnects').map((item) => withTime<LiveConnect>(item, 'timeStamp', 'at'));
  }

  /** Statistics of each service agents work in (`POST /realtime/service/stats`). */
  async stats(filter?: ServiceFilter): Promise<ServiceStats[]> {
    const body = await post(this.send, '/realtime/service/stats', serviceFilterToWire(filter));
    return listOf(body, 'stats') as ServiceStats[];
  }

  /**
   * Service names by id (as strings), read from Service Statistics: the only Real-Time answer that
   * names services. LiveVox's APIs here name no campaigns; campaign ids stay ids.
   */
  async names(filter?: ServiceFilter): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const stats of await this.stats(filter)) {
      if (stats.serviceId !== undefined && typeof stats.serviceName === 'string')
        names.set(String(stats.serviceId), stats.serviceName);
    }
    return names;
  }
}

/**
 * A response whose `timeStamp` is read into `updatedAt` and whose `listField` items each have their
 * `itemTime` read into `itemTarget` (agent averages, agent status, calls on hold).
 */
function stampedList<R>(
  body: Record<string, unknown>,
  listField: string,
  itemTime: string,
  itemTarget: string,
): R {
  const items = listOf(body, listField).map((item) => withTime(item, itemTime, itemTarget));
  return { ...withTime<Record<string, unknown>>(body, 'timeStamp', 'updatedAt'), [listField]: items } as R;
}

/** A Real-Time statistics request: a read, so repeating it is safe. Always an object, even on 204. */
async function post(
  send: Send,
  path: string,
  filter: WireFilter | undefined,
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const body = filter ? { ...extra, filter } : extra;
  const res = await send<Record<string, unknown> | undefined>({
    method: 'POST',
    path,
    body,
    retrySafe: true,
  });
  return res.body !== null && typeof res.body === 'object' ? res.body : {};
}
