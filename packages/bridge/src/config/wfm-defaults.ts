// The presets alone, not the Playvox client: loading a configuration stays cheap (`voxbridge status`).
import { GLADLY_TASK_DEFINITIONS } from '@voxbridge/playvox/presets';

/** The sources the WFM connector reads: Gladly (webhooks + Events API) and the LiveVox Agent Event Feed. */
export type WfmSource = 'gladly' | 'livevox';

/** Every source, in the order plans and reports list them. */
export const WFM_SOURCES: readonly WfmSource[] = ['gladly', 'livevox'];

/** A task definition as the configuration gives it: WFM fields plus one regular expression per source. */
export interface TaskDefinitionConfig {
  name: string;
  taskIdentifier?: string;
  categoryName?: string | null;
  workloadChannel?: string | null;
  colour?: string;
  isPaid?: boolean;
  isPlanned?: boolean;
  isLeave?: boolean;
  isBreak?: boolean;
  isProductive?: boolean;
  /** Source → Integration Identifier (a regular expression Playvox matches against the whole status). */
  identifiers: Partial<Record<WfmSource, string>>;
}

/** The LiveVox identifier added to each of the seed's Gladly task definitions, by task identifier. */
const LIVEVOX_FOR_GLADLY_TASK: Record<string, string> = {
  LOGGED_IN: 'LOGON',
  LOGGED_OUT: 'LOGOFF',
  WENT_AWAY: 'NOT_READY(:.*)?',
  AVAILABILITY_UPDATED: 'READY',
};

/**
 * The default task definitions: the seed's five Gladly agent statuses (names and identifiers exactly
 * as the connector set-up table gives them), each extended with the LiveVox state that means the same
 * (`LOGON`, `LOGOFF`, `NOT_READY:<reason>`, `READY`), plus two LiveVox-only tasks for `IN_CALL` and
 * `WRAP_UP`. The flags beyond the seed are voxbridge's assumption.
 */
export const DEFAULT_TASK_DEFINITIONS: readonly TaskDefinitionConfig[] = Object.freeze([
  ...GLADLY_TASK_DEFINITIONS.map((task) => {
    const { integrationIdentifiers, ...fields } = task;
    const livevox = LIVEVOX_FOR_GLADLY_TASK[task.taskIdentifier ?? ''];
    return {
      ...fields,
      identifiers: { gladly: integrationIdentifiers?.gladly, ...(livevox ? { livevox } : {}) },
    } as TaskDefinitionConfig;
  }),
  { name: 'Agent Status – In Call', taskIdentifier: 'IN_CALL', identifiers: { livevox: 'IN_CALL' } },
  {
    name: 'Agent Status – Wrap Up',
    taskIdentifier: 'WRAP_UP',
    isProductive: true,
    identifiers: { livevox: 'WRAP_UP' },
  },
]);

/**
 * What the Gladly webhook subscribes to: conversations created and closed (what Playvox's own connector
 * registers) and, for near-real-time adherence, agent status and availability changes. The minutely
 * Events API poll fills whatever a webhook delivery missed.
 */
export const DEFAULT_GLADLY_WEBHOOK_EVENTS: readonly string[] = Object.freeze([
  'CONVERSATION/CREATED',
  'CONVERSATION/CLOSED',
  'CONVERSATION/REOPENED',
  'AGENT_STATUS/LOGGED_IN',
  'AGENT_STATUS/LOGGED_OUT',
  'AGENT_STATUS/WENT_AWAY',
  'AGENT_STATUS/RETURNED_FROM_AWAY',
  'AGENT_AVAILABILITY/UPDATED',
]);

/** The Events API entities the poll reads. */
export const DEFAULT_GLADLY_POLL_ENTITIES: readonly string[] = Object.freeze([
  'AGENT_STATUS',
  'AGENT_AVAILABILITY',
  'CONVERSATION',
]);

/** Gladly away reasons the lint samples (the seed's `Break|Lunch|Meeting|Other`). */
export const DEFAULT_GLADLY_AWAY_REASONS: readonly string[] = Object.freeze([
  'Break',
  'Lunch',
  'Meeting',
  'Other',
]);

/** LiveVox not-ready reason codes the lint samples. */
export const DEFAULT_LIVEVOX_NOT_READY_REASONS: readonly string[] = Object.freeze([
  'BREAK',
  'LUNCH',
  'MEETING',
  'TRAINING',
  'TECH_DIFF',
  'OTHER',
]);
