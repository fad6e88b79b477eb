/**
 * The Playvox WFM wire contract: zod schemas of every body and answer, the operations (method, path,
 * parameters, answers, seed examples) and the types inferred from them. `PlayvoxWfm` infers its types
 * from it; the WFM emulator validates requests with it and generates its OpenAPI document from it.
 * The write and inbound operations are voxbridge's design (tag `voxbridge design`): Playvox does not
 * publish them.
 * @packageDocumentation
 */
import type { WireOperation } from '@voxbridge/core';
import {
  agentMetricsOperation,
  listContacts,
  listTaskIntervals,
  listUnmatched,
  listUserMappings,
  mapUsers,
  sendAgentStatuses,
  sendContacts,
} from './operations-activity.js';
import {
  createTaskDefinition,
  createWorkstream,
  getTaskDefinition,
  getWorkstream,
  issueToken,
  issueTokenAuthorisation,
  listTaskDefinitions,
  listUsers,
  listUsersRegional,
  listWorkstreams,
  updateTaskDefinition,
  updateWorkstream,
} from './operations-setup.js';

export * from './examples.js';
export * from './fields.js';
export * from './inputs.js';
export * from './models.js';
export * from './operations-activity.js';
export * from './operations-setup.js';
export type * from './types.js';

/** Every WFM operation, in the order the emulator registers them. */
export const WFM_OPERATIONS: readonly WireOperation[] = [
  issueToken,
  issueTokenAuthorisation,
  listUsers,
  listUsersRegional,
  listTaskDefinitions,
  getTaskDefinition,
  createTaskDefinition,
  updateTaskDefinition,
  listWorkstreams,
  getWorkstream,
  createWorkstream,
  updateWorkstream,
  listTaskIntervals,
  agentMetricsOperation,
  sendAgentStatuses,
  sendContacts,
  listContacts,
  listUnmatched,
  listUserMappings,
  mapUsers,
];
