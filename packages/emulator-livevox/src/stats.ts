import type {
  agentAveragesSchema,
  agentCountersShape,
  agentDetailSchema,
  agentStatisticsExSchema,
  agentStatisticsSchema,
  campaignStatsSchema,
  holdCallDetailSchema,
  serviceStatsSchema,
} from '@voxbridge/livevox/wire';
import type { z } from 'zod';
import { type Agent, type AgentServiceTotals, emptyTotals } from './agents.js';
import type { IdFilter } from './http-util.js';
import {
  AGENT_STATE_NAMES,
  AgentState,
  callCenterOf,
  Direction,
  NO_REASON,
  NOT_READY_REASONS,
  SERVICES,
  type Service,
  TIMEZONES,
} from './model.js';
import type { SimulationState } from './state.js';

/** What an answer of the contract holds (`@voxbridge/livevox/wire`), as the emulator builds it. */
type Wire<S extends z.ZodType> = z.input<S>;
/** The counters both agent statistics methods report. */
type AgentCounters = { [K in keyof typeof agentCountersShape]: number };

/**
 * The Real-Time Reporting statistics, computed from the simulated state at the moment of the
 * request: queues, agents' live states and today's totals. Durations are in seconds.
 */

const seconds = (ms: number): number => Math.round(ms / 1000);
const average = (totalMs: number, count: number): number => (count > 0 ? seconds(totalMs / count) : 0);
const percent = (part: number, whole: number): number =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 100 : 0;

/** One call waiting in queue (Get Hold Service Details, and the `calls` of service statistics). */
export function queuedCallDetails(
  state: SimulationState,
  services: Service[],
): Wire<typeof holdCallDetailSchema>[] {
  const out: Wire<typeof holdCallDetailSchema>[] = [];
  const table = state.interactions;
  for (const service of services) {
    for (const row of state.queues[service.index] ?? []) {
      out.push({
        serviceName: service.name,
        serviceId: String(service.id),
        name: table.firstName(row),
        account: table.accountText(row),
        phone: table.phoneText(row),
        timeStamp: String(Math.floor(table.startOf(row) / 1000)),
        agentSkill: String(service.id),
        priority: '1',
      });
    }
  }
  return out;
}

/** Get Service Statistics: one entry per selected voice service. */
export function serviceStats(
  state: SimulationState,
  services: Service[],
  now: number,
): Wire<typeof serviceStatsSchema>[] {
  const table = state.interactions;
  return services.map((service) => {
    const totals = state.totals.today(service.index, now, state.offset);
    const queue = state.queues[service.index] ?? [];
    let cip = 0;
    for (const row of state.inProgress)
      if (table.serviceOf(row) === service && Number.isNaN(table.endOf(row))) cip += 1;
    const callsWithAgent = state.agents.filter(
      (agent) =>
        agent.live.state === AgentState.InCall && agent.call >= 0 && table.serviceOf(agent.call) === service,
    ).length;
    const campaigns = state.campaigns.campaigns.filter((campaign) => campaign.service === service.index);
    const loaded = campaigns.reduce((sum, campaign) => sum + campaign.loaded, 0);
    const remaining = campaigns.reduce((sum, campaign) => sum + campaign.remaining, 0);
    const oldest = queue.length > 0 ? table.startOf(queue[0] as number) : now;
    const center = callCenterOf(service);
    return {
      calls: queuedCallDetails(state, [service]),
      serviceId: String(service.id),
      serviceName: service.name,
      cip,
      totalOffered: totals.offered,
      totalHandled: totals.handled,
      totalAbandoned: totals.abandoned,
      abandonRate: percent(totals.abandoned, totals.offered),
      serviceLevel: percent(
        totals.answeredWithinSla,
        totals.handled + totals.abandoned - totals.abandonedWithinSla,
      ),
      averageSpeedOfAnswer: average(totals.speedOfAnswerMs, totals.handled),
      averageDurationToAbandon: average(totals.abandonWaitMs, totals.abandoned),
      averageTalkDuration: average(totals.talkMs, totals.talked),
      averageWrapupDuration: average(totals.wrapMs, totals.wrapped),
      averageHandleDuration: average(totals.talkMs + totals.wrapMs, totals.wrapped),
      totalCallsAnsweredWithinSLA: totals.answeredWithinSla,
      totalCallsAbandonedWithinSLA: totals.abandonedWithinSla,
      pacingMethod: service.pacingMethod,
      throttle: service.throttle,
      units: service.units,
      totalCallsInQueue: queue.length,
      callsWithAgent,
      totalAgents: state.agents.filter((agent) => agent.loggedOn && agent.loginService === service.index)
        .length,
      longestCallInQueue: seconds(now - oldest),
      maxHoldTime: service.maxHoldTime,
      loaded,
      remaining,
      playingDialable: remaining,
      percentComplete: loaded > 0 ? Math.round(((loaded - remaining) / loaded) * 100) : 100,
      callCenterId: String(center.id),
      callCenterName: center.name,
    };
  });
}

/** The duration and outcome fields shared by both agent statistics methods. */
function durationFields(totals: AgentServiceTotals): AgentCounters {
  const notReady = (code: string) =>
    seconds(totals.notReadyMs[NOT_READY_REASONS.findIndex((r) => r.code === code)] ?? 0);
  return {
    inboundCalls: totals.inboundCalls,
    outboundCalls: totals.outboundCalls,
    readyDuration: seconds(totals.readyMs),
    totalNotReadyDuration: seconds(totals.notReadyMs.reduce((sum, ms) => sum + ms, 0)),
    notReadyLunchDuration: notReady('LUNCH'),
    notReadyTrainingDuration: notReady('TRAINING'),
    notReadyBreakDuration: notReady('BREAK'),
    notReadyMeetingDuration: notReady('MEETING'),
    notReadyTechDiffDuration: notReady('TECH_DIFF'),
    notReadyOtherDuration: notReady('OTHER'),
    wrapupDuration: seconds(totals.wrapMs),
    talkDuration: seconds(totals.talkMs),
    rpcComplete: totals.rpcComplete,
    rpcIncomplete: totals.rpcIncomplete,
    wpc: totals.wpc,
    nonContacts: totals.nonContacts,
  };
}

function sumTotals(list: Iterable<AgentServiceTotals>): AgentServiceTotals {
  const sum = emptyTotals();
  for (const totals of list) {
    for (const key of [
      'inboundCalls',
      'outboundCalls',
      'readyMs',
      'talkMs',
      'wrapMs',
      'rpcComplete',
      'rpcIncomplete',
      'wpc',
      'nonContacts',
    ] as const)
      sum[key] += totals[key];
    totals.notReadyMs.forEach((ms, i) => {
      sum.notReadyMs[i] = (sum.notReadyMs[i] ?? 0) + ms;
    });
    for (const key of ['ready', 'notReady', 'talk', 'wrap'] as const) sum.periods[key] += totals.periods[key];
  }
  return sum;
}

/** Get Agent Statistics: agents logged on right now to a selected service, totals over all their services. */
export function agentStats(
  state: SimulationState,
  services: Service[],
  now: number,
): Wire<typeof agentStatisticsSchema>[] {
  return state.agents
    .filter((agent) => agent.loggedOn && services.some((service) => service.index === agent.loginService))
    .map((agent) => {
      const { inboundCalls, outboundCalls, ...durations } = durationFields(
        sumTotals(agent.totalsAt(now, state.offset).values()),
      );
      return {
        agentName: agent.name,
        agentStatus: AGENT_STATE_NAMES[agent.live.state],
        inboundCalls,
        outboundCalls,
        stateChangedTime: agent.live.since,
        ...durations,
      };
    });
}

/** Get Agent Statistics Ex: every agent who worked a selected service today, broken down by service. */
export function agentStatsEx(
  state: SimulationState,
  services: Service[],
  now: number,
): Wire<typeof agentStatisticsExSchema>[] {
  const wanted = new Set(services.map((service) => service.index));
  const out: Wire<typeof agentStatisticsExSchema>[] = [];
  for (const agent of state.agents) {
    const totals = agent.totalsAt(now, state.offset);
    const entries = [...totals.entries()]
      .filter(([service]) => wanted.has(service))
      .sort(([a], [b]) => a - b);
    if (entries.length === 0) continue;
    out.push({
      services: entries.map(([index, serviceTotals]) => {
        const service = SERVICES[index] as Service;
        return {
          id: service.id,
          callCenterId: String(service.callCenterId),
          ...durationFields(serviceTotals),
        };
      }),
      agentName: agent.name,
      agentLoginId: agent.loginId,
    });
  }
  return out;
}

/** Get Agent Status: logged-on agents of the selected services, optionally only those whose state changed after a time. */
export function agentStatus(
  state: SimulationState,
  services: Service[],
  now: number,
  changedAfter?: number,
): Wire<typeof agentDetailSchema>[] {
  const table = state.interactions;
  const selected = new Map(services.map((service) => [service.index, service]));
  return state.agents
    .filter((agent) => agent.loggedOn && selected.has(agent.loginService))
    .filter((agent) => changedAfter === undefined || agent.live.since > changedAfter)
    .map((agent) => {
      const service = selected.get(agent.loginService) as Service;
      const center = callCenterOf(service);
      const call = isOnCall(agent) ? agent.call : -1;
      const today = sumTotals(agent.totalsAt(now, state.offset).values());
      return {
        serviceId: service.id,
        serviceName: service.name,
        agentLoginId: agent.loginId,
        agentName: agent.name,
        state: AGENT_STATE_NAMES[agent.live.state],
        stateId: agent.live.state,
        reasonCode: agent.live.reason === NO_REASON ? '' : (NOT_READY_REASONS[agent.live.reason]?.code ?? ''),
        callType: call >= 0 ? (table.directionOf(call) === Direction.Inbound ? 'INBOUND' : 'OUTBOUND') : null,
        stateChangedAfter: agent.live.since,
        inboundCalls: today.inboundCalls,
        outboundCalls: today.outboundCalls,
        isAgentMonitored: false,
        transactionId: call >= 0 ? table.transactionId(call) : null,
        sessionId: call >= 0 ? table.sessionId(call) : null,
        account: call >= 0 ? table.accountText(call) : null,
        agentSkill: call >= 0 ? String(table.serviceOf(call).id) : null,
        phone: call >= 0 ? table.phoneText(call) : null,
        callCenterId: String(center.id),
        callCenterName: center.name,
      };
    });
}

function isOnCall(agent: Agent): boolean {
  return (
    agent.call >= 0 && (agent.live.state === AgentState.InCall || agent.live.state === AgentState.WrapUp)
  );
}

/** Get Agent Averages: per selected service, the average length of a period in each state (seconds, as strings). */
export function agentAverages(
  state: SimulationState,
  services: Service[],
  now: number,
): Wire<typeof agentAveragesSchema>[] {
  return services.map((service) => {
    const totals = sumTotals(
      state.agents
        .map((agent) => agent.totalsAt(now, state.offset).get(service.index))
        .filter((t): t is AgentServiceTotals => t !== undefined),
    );
    const notReadyMs = totals.notReadyMs.reduce((sum, ms) => sum + ms, 0);
    return {
      averageReadyTime: String(average(totals.readyMs, totals.periods.ready)),
      averageNotReadyTime: String(average(notReadyMs, totals.periods.notReady)),
      averageTalkTime: String(average(totals.talkMs, totals.periods.talk)),
      averageWrapupTime: String(average(totals.wrapMs, totals.periods.wrap)),
      averagePreviewDialTime: '0',
      averageManualDialTime: '0',
      averageHoldTime: '0',
      averageTransferringTime: '0',
      averageRegisteringTime: '0',
      averageDialingTime: '0',
      averageReservedTime: '0',
      timeStamp: String(now),
    };
  });
}

/** Campaign Level Statistics; the filter is an exclusive or (campaign, service or call center). */
export function campaignStats(state: SimulationState, filter: IdFilter): Wire<typeof campaignStatsSchema>[] {
  return state.campaigns.campaigns
    .filter((campaign) => {
      const service = SERVICES[campaign.service] as Service;
      if (filter.campaign) return filter.campaign.has(campaign.id);
      if (filter.service) return filter.service.has(service.id);
      if (filter.callCenter) return filter.callCenter.has(service.callCenterId);
      return true;
    })
    .map((campaign) => ({
      timezoneBreakdown: campaign.remainingByTimezone.map((count, i) => ({
        timezone: TIMEZONES[i] ?? '',
        count,
      })),
      campaignId: campaign.id,
      serviceId: (SERVICES[campaign.service] as Service).id,
      loaded: campaign.loaded,
      uploaded: campaign.uploaded,
      remaining: campaign.remaining,
    }));
}
