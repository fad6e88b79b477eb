import type { WfmTaskDefinitionInput, WfmWorkstreamInput } from './types.js';

/**
 * The task definitions of the Gladly ↔ Playvox WFM connector set-up (the seed's table): one per agent
 * status, each with its Integration Identifier regular expression for the `gladly` integration. The
 * flags beyond the seed (logged out is unpaid, going away is a break) are voxbridge's assumption;
 * adjust them to the organisation's settings.
 */
export const GLADLY_TASK_DEFINITIONS: readonly WfmTaskDefinitionInput[] = Object.freeze([
  {
    name: 'Agent Status – Logged In',
    taskIdentifier: 'LOGGED_IN',
    integrationIdentifiers: { gladly: 'LOGGED_IN' },
  },
  {
    name: 'Agent Status – Logged Out',
    taskIdentifier: 'LOGGED_OUT',
    isPaid: false,
    isProductive: false,
    integrationIdentifiers: { gladly: 'LOGGED_OUT' },
  },
  {
    name: 'Agent Status – Went Away',
    taskIdentifier: 'WENT_AWAY',
    isBreak: true,
    isProductive: false,
    integrationIdentifiers: { gladly: 'Break|Lunch|Meeting|Other|WENT_AWAY' },
  },
  {
    name: 'Agent Status – Returned from Away',
    taskIdentifier: 'RETURNED_FROM_AWAY',
    integrationIdentifiers: { gladly: 'RETURNED_FROM_AWAY' },
  },
  {
    name: 'Agent Status – Availability Updated',
    taskIdentifier: 'AVAILABILITY_UPDATED',
    integrationIdentifiers: { gladly: 'AvailableFor:.*|Unavailable' },
  },
]);

/** `a.b` → `a\.b`: a literal value inside an Integration Identifier. */
export function escapeIdentifier(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The workstream of a queue: named after it, matched in `integration` by its id or its name — the
 * seed's `inboxId|inboxName` for Gladly inboxes, `serviceId|serviceName` for LiveVox services.
 */
export function queueWorkstream(
  integration: string,
  queue: { id: string | number; name: string },
  extra: Omit<WfmWorkstreamInput, 'name' | 'integrationIdentifiers'> = {},
): WfmWorkstreamInput {
  return {
    ...extra,
    name: queue.name,
    integrationIdentifiers: {
      [integration]: `${escapeIdentifier(String(queue.id))}|${escapeIdentifier(queue.name)}`,
    },
  };
}
