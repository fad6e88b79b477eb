import type {
  AgentAverages,
  AgentDetail,
  AgentStatusResponse,
  CampaignStats,
  LiveConnect,
  ServiceStats,
} from '@voxbridge/livevox';
import type { AgentAveragesRow, AgentRow, CampaignRow, LiveConnectBar, ServiceRow } from './types.js';

// LiveVox sends counts as numbers or digit strings and leaves fields out; the page gets plain numbers.

/** A finite number from a LiveVox number or digit string; 0 otherwise. */
export function numberOf(value: unknown): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) ? n : 0;
}

function textOf(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** A wallboard row from one service of Get Service Statistics. */
export function serviceRow(stats: ServiceStats): ServiceRow {
  return {
    serviceId: textOf(stats.serviceId),
    serviceName: textOf(stats.serviceName) || `Service ${textOf(stats.serviceId)}`,
    callsInQueue: numberOf(stats.totalCallsInQueue),
    longestWaitSeconds: numberOf(stats.longestCallInQueue),
    serviceLevel: numberOf(stats.serviceLevel),
    abandonRate: numberOf(stats.abandonRate),
    offered: numberOf(stats.totalOffered),
    handled: numberOf(stats.totalHandled),
    abandoned: numberOf(stats.totalAbandoned),
    agents: numberOf(stats.totalAgents),
    callsWithAgent: numberOf(stats.callsWithAgent),
    callsInProgress: numberOf(stats.cip),
  };
}

/**
 * The agent board from Get Agent Status. Time in state is measured on LiveVox's own clock (the
 * answer's `timeStamp` minus the agent's state change), so a skewed local clock does not distort it.
 */
export function agentRows(response: AgentStatusResponse, now = Date.now()): AgentRow[] {
  const reference = response.updatedAt?.getTime() ?? now;
  const byLogin = new Map<string, AgentRow>();
  for (const detail of response.agentDetails) {
    const row = agentRow(detail, reference);
    // An agent logged into several services appears once per service; one card is enough.
    if (!byLogin.has(row.loginId)) byLogin.set(row.loginId, row);
  }
  return [...byLogin.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.loginId.localeCompare(b.loginId),
  );
}

function agentRow(detail: AgentDetail, reference: number): AgentRow {
  const since = detail.stateChangedAt?.getTime();
  return {
    loginId: textOf(detail.agentLoginId),
    name: textOf(detail.agentName) || textOf(detail.agentLoginId),
    serviceName: textOf(detail.serviceName),
    state: textOf(detail.state) || 'Unknown',
    reasonCode: textOf(detail.reasonCode),
    callType: detail.callType ? textOf(detail.callType) : null,
    secondsInState: since === undefined ? null : Math.max(0, Math.round((reference - since) / 1000)),
  };
}

/** The 5-minute bars of Get Live Connects, oldest first. */
export function liveConnectBars(intervals: LiveConnect[]): LiveConnectBar[] {
  return intervals
    .map((interval) => ({ at: interval.at?.getTime() ?? null, total: numberOf(interval.total) }))
    .sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
}

/** A row of agent averages for one service. */
export function agentAveragesRow(
  service: Pick<ServiceRow, 'serviceId' | 'serviceName'>,
  averages: AgentAverages,
): AgentAveragesRow {
  return {
    serviceId: service.serviceId,
    serviceName: service.serviceName,
    ready: numberOf(averages.averageReadyTime),
    notReady: numberOf(averages.averageNotReadyTime),
    talk: numberOf(averages.averageTalkTime),
    wrapup: numberOf(averages.averageWrapupTime),
    hold: numberOf(averages.averageHoldTime),
  };
}

/** A campaign row; `serviceNames` labels it with its service when known. */
export function campaignRow(stats: CampaignStats, serviceNames: ReadonlyMap<string, string>): CampaignRow {
  const loaded = numberOf(stats.loaded);
  const remaining = numberOf(stats.remaining);
  const serviceId = textOf(stats.serviceId);
  const timezones = (Array.isArray(stats.timezoneBreakdown) ? stats.timezoneBreakdown : [])
    .map((zone) => ({ timezone: textOf(zone.timezone), count: numberOf(zone.count) }))
    .filter((zone) => zone.count > 0)
    .sort((a, b) => b.count - a.count || a.timezone.localeCompare(b.timezone));
  return {
    campaignId: textOf(stats.campaignId),
    serviceId,
    serviceName: serviceNames.get(serviceId) ?? null,
    loaded,
    uploaded: numberOf(stats.uploaded),
    remaining,
    percentComplete:
      loaded > 0 ? Math.round(((loaded - Math.min(remaining, loaded)) / loaded) * 1000) / 10 : 100,
    timezones,
  };
}
