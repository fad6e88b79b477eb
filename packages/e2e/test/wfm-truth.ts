/**
 * The ground truth of the WFM e2e tests and how WFM is compared with it: the task intervals a timeline
 * should give, the LiveVox emulator's agent timelines, WFM's intervals per user, secrets in the logs.
 */
import { compileIdentifier, DEFAULT_TASK_DEFINITIONS, type WfmSource } from '@voxbridge/bridge';
import { GLADLY_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-gladly';
import { LIVEVOX_DEFAULT_CREDENTIALS, type LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { PLAYVOX_WFM_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-playvox';
import { AGENT_EVENT_TYPES } from '@voxbridge/livevox/wire';
import type { PlayvoxWfm, WfmTaskInterval } from '@voxbridge/playvox';
import { NO_REASON, NOT_READY_REASONS } from '../../emulator-livevox/src/model.js';
import { WEBHOOK_PASSWORD } from './wfm-helpers.js';

/** One task interval, as compared between the ground truth and WFM. */
export interface Interval {
  name: string;
  startTime: string;
  endTime: string | null;
}

/**
 * The task intervals a timeline of statuses should give with the default task table: each status that
 * matches one task opens an interval that the agent's next status (matched or not) closes.
 */
export function expectedIntervals(
  source: WfmSource,
  statuses: ReadonlyArray<{ status: string; at: string }>,
): Interval[] {
  const tasks = DEFAULT_TASK_DEFINITIONS.filter((task) => task.identifiers[source] !== undefined).map(
    (task) => ({
      name: task.name,
      regex: compileIdentifier(task.identifiers[source]!),
    }),
  );
  const ordered = statuses
    .map((status, index) => ({ ...status, index }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.index - b.index);
  const out: Interval[] = [];
  ordered.forEach((status, i) => {
    const matches = tasks.filter((task) => task.regex.test(status.status));
    if (matches.length !== 1) return;
    out.push({
      name: matches[0]!.name,
      startTime: new Date(status.at).toISOString(),
      endTime: ordered[i + 1] ? new Date(ordered[i + 1]!.at).toISOString() : null,
    });
  });
  return out;
}

/** One agent's status as the LiveVox emulator logged it, named as the WFM connector names it. */
export interface AgentStatus {
  status: string;
  at: string;
  call: number;
}

/**
 * The ground truth of the agent feed: the LiveVox emulator's in-process agent event log, as a timeline
 * per agent id (`NOT_READY:<code>` where a not-ready state has a reason).
 */
export function livevoxTimelines(emulator: LiveVoxEmulator): Map<string, AgentStatus[]> {
  const { agentEvents, agents } = emulator.simulator.state;
  const byAgent = new Map<string, AgentStatus[]>();
  for (let position = 0; position < agentEvents.length; position++) {
    const event = agentEvents.at(position);
    const agentId = String(agents[event.agent]!.agentId);
    const type = AGENT_EVENT_TYPES[event.state]!;
    const status =
      type === 'NOT_READY' && event.reason !== NO_REASON
        ? `NOT_READY:${NOT_READY_REASONS[event.reason]!.code}`
        : type;
    byAgent.set(agentId, [
      ...(byAgent.get(agentId) ?? []),
      { status, at: new Date(event.time).toISOString(), call: event.call },
    ]);
  }
  return byAgent;
}

/** Every WFM task interval of an integration, per user email, in timeline order. */
export async function wfmIntervalsByUser(
  wfm: PlayvoxWfm,
  integration: string,
  from: number,
  to: number,
): Promise<Map<string, Interval[]>> {
  const all: WfmTaskInterval[] = await wfm
    .workActivityTasks({ from: new Date(from), to: new Date(to), pageSize: 1000 })
    .toArray({ limit: 100_000 });
  const byUser = new Map<string, Interval[]>();
  for (const interval of all) {
    if (interval.integrationAlias !== integration) continue;
    const list = byUser.get(interval.userEmail) ?? [];
    list.push({ name: interval.name, startTime: interval.startTime, endTime: interval.endTime });
    byUser.set(interval.userEmail, list);
  }
  return byUser;
}

/** Asserts that no secret of the test configuration appears in the captured log lines. */
export function secretsIn(lines: readonly string[]): string[] {
  const secrets = [
    WEBHOOK_PASSWORD,
    GLADLY_DEFAULT_CREDENTIALS.apiToken,
    PLAYVOX_WFM_DEFAULT_CREDENTIALS.secret,
    LIVEVOX_DEFAULT_CREDENTIALS.password,
    LIVEVOX_DEFAULT_CREDENTIALS.accessToken,
  ];
  return secrets.filter((secret) => lines.some((line) => line.includes(secret)));
}
