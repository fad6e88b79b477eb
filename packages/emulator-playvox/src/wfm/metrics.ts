import { wfm } from '@voxbridge/playvox/wire';
import type { WfmCatalog } from './catalog.js';
import { type ContactRecord, handleSeconds } from './contacts.js';
import type { WfmDirectory } from './directory.js';

/**
 * The per-channel metric names of the agent metrics (the contract's list, from tap-playvox's
 * `agent_metrics.json`). Every one is present in each channel record; those the emulator cannot derive
 * from the contacts it received are `null`.
 */
export const WFM_AGENT_METRIC_NAMES = wfm.WFM_AGENT_METRIC_NAMES;

/** One channel record of one user on one date: every metric present, a number or null. */
export type WfmAgentChannelMetrics = { channel: string | null } & Record<
  wfm.WfmAgentMetricName,
  number | null
>;

/** The `data` of the agent metrics answer (the contract's `agentMetrics`). */
export type WfmAgentMetricsData = wfm.WfmAgentMetrics;

/** What the metrics request asked for. */
export interface AgentMetricsQuery {
  fromMs: number;
  toMs: number;
  /** One entry per user (true) or one entry for everybody (false, `id: null`). */
  userGrouping: boolean;
  /** One entry per UTC date (true) or one for the whole range (false, `date: null`). */
  dateGrouping: boolean;
}

const PHONE = /phone|voice|call/i;
const CHAT = /chat|messag|sms|whatsapp|messenger|instagram/i;

/**
 * Agent metrics derived from the closed contacts (with a known user) that started in the range:
 * interaction counts, handle times (total, phone/chat, inbound/outbound) and their averages, and the
 * number of workstreams (conversations) handled. Grouped by date, user and channel.
 */
export function agentMetrics(
  contacts: ContactRecord[],
  query: AgentMetricsQuery,
  directory: WfmDirectory,
  catalog: WfmCatalog,
): WfmAgentMetricsData {
  const groups = new Map<string, Map<string, Map<string, ContactRecord[]>>>();
  for (const contact of contacts) {
    if (
      contact.status !== 'closed' ||
      contact.userId === null ||
      contact.startMs < query.fromMs ||
      contact.startMs >= query.toMs
    )
      continue;
    const date = query.dateGrouping ? new Date(contact.startMs).toISOString().slice(0, 10) : '';
    const user = query.userGrouping ? String(contact.userId) : '';
    const workstream =
      contact.workstreamId === null ? undefined : catalog.workstreams.get(contact.workstreamId);
    const channel = contact.channel ?? workstream?.channel ?? 'unknown';
    const byUser = groups.get(date) ?? new Map<string, Map<string, ContactRecord[]>>();
    groups.set(date, byUser);
    const byChannel = byUser.get(user) ?? new Map<string, ContactRecord[]>();
    byUser.set(user, byChannel);
    const list = byChannel.get(channel) ?? [];
    list.push(contact);
    byChannel.set(channel, list);
  }
  const dates = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    dates: dates.map(([date, byUser]) => ({
      date: query.dateGrouping ? date : null,
      users: [...byUser.entries()]
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([userKey, byChannel]) => {
          const user = query.userGrouping ? directory.get(Number(userKey)) : undefined;
          return {
            id: user?.id ?? null,
            firstName: user?.firstName ?? null,
            lastName: user?.lastName ?? null,
            channels: [...byChannel.entries()]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([channel, list]) => channelMetrics(channel, list)),
          };
        }),
    })),
  };
}

function channelMetrics(channel: string, contacts: ContactRecord[]): WfmAgentChannelMetrics {
  const metrics = Object.fromEntries(WFM_AGENT_METRIC_NAMES.map((name) => [name, null])) as Record<
    (typeof WFM_AGENT_METRIC_NAMES)[number],
    number | null
  >;
  const seconds = (list: ContactRecord[]) =>
    list.reduce((sum, contact) => sum + (handleSeconds(contact) ?? 0), 0);
  const average = (list: ContactRecord[]) => (list.length === 0 ? null : seconds(list) / list.length);
  const workstreams = (list: ContactRecord[]) =>
    new Set(list.map((contact) => contact.conversationId ?? contact.contactId)).size;
  const phone = PHONE.test(channel) ? contacts : [];
  const chat = CHAT.test(channel) ? contacts : [];
  const inbound = contacts.filter((contact) => contact.direction !== 'outbound');
  const outbound = contacts.filter((contact) => contact.direction === 'outbound');
  Object.assign(metrics, {
    totalInteractions: contacts.length,
    totalHandleTime: seconds(contacts),
    totalPhoneHandleTime: seconds(phone),
    totalChatHandleTime: seconds(chat),
    totalChatInteractionHandleTime: seconds(chat),
    totalInboundHandleTime: seconds(inbound),
    totalOutboundHandleTime: seconds(outbound),
    totalWorkstreamsHandled: workstreams(contacts),
    totalInboundWorkstreamsHandled: workstreams(inbound),
    totalOutboundWorkstreamsHandled: workstreams(outbound),
    totalInboundPhoneInteractions: phone.filter((contact) => contact.direction !== 'outbound').length,
    totalOutboundPhoneInteractions: phone.filter((contact) => contact.direction === 'outbound').length,
    totalChatInteractions: chat.length,
    handledCalls: phone.length,
    averageHandleTime: average(contacts),
    averageTotalHandleTime: average(contacts),
    averagePhoneHandleTime: average(phone),
    averageChatHandleTime: average(chat),
    averageInboundHandleTime: average(inbound),
    averageOutboundHandleTime: average(outbound),
  });
  return { channel, ...metrics };
}
