import type { WireOperation } from '@voxbridge/core';
import { openApiDocument } from '@voxbridge/emulator-kit';
import { wfm } from '@voxbridge/playvox/wire';
import { z } from 'zod';
import { WFM_ADMIN_OPERATION_LIST } from './admin.js';
import { wfmTruth } from './truth.js';

const INFO = {
  title: 'Playvox WFM (emulated by voxbridge)',
  version: '0.1.0',
  description:
    'Generated from the WFM wire contract (`@voxbridge/playvox/wire`, `wfm`). Read endpoints follow the public material ' +
    '(tap-playvox, Fivetran and R clients). Operations tagged `voxbridge design` and marked `x-voxbridge-design` ' +
    '(task definition and workstream writes, the inbound agent-status and contacts endpoints, the unmatched report, user ' +
    "mappings) are voxbridge's design: Playvox does not publish them. Inbound events are idempotent by eventId per integration.",
  securitySchemes: {
    basic: { type: 'http', scheme: 'basic' },
    bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
  },
  security: [{ bearer: [] }],
};

/** The contract's main shapes, listed under `components.schemas` for readers and code generators. */
const NAMED_SCHEMAS: Record<string, z.ZodType> = {
  Error: wfm.wfmErrorBody,
  Token: wfm.token,
  User: wfm.user,
  TaskDefinition: wfm.taskDefinition,
  TaskDefinitionInput: wfm.taskDefinitionInput,
  Workstream: wfm.workstream,
  WorkstreamInput: wfm.workstreamInput,
  TaskInterval: wfm.taskInterval,
  AgentMetrics: wfm.agentMetrics,
  AgentStatusEvent: wfm.agentStatusEvent,
  ContactEvent: wfm.contactEvent,
  InboundSummary: wfm.inboundSummary,
  Contact: wfm.contact,
  Issue: wfm.issue,
  UserMapping: wfm.userMapping,
  UserMappingResult: wfm.userMappingResult,
  Truth: wfmTruth,
};

type Item = Record<string, unknown> & { tags?: string[]; security?: unknown };

/**
 * The OpenAPI 3.1 document of the WFM emulator, generated from the operations it serves (by default
 * every contract operation and its own admin operations): designed operations carry
 * `x-voxbridge-design`, the token endpoints say they take HTTP Basic.
 */
export function wfmOpenApi(
  operations: Iterable<WireOperation> = [...wfm.WFM_OPERATIONS, ...WFM_ADMIN_OPERATION_LIST],
): Record<string, unknown> {
  const document = openApiDocument(INFO, operations) as { paths: Record<string, Record<string, Item>> };
  const tokenPaths = new Set<string>([wfm.issueToken.path, wfm.issueTokenAuthorisation.path]);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const op of Object.values(item)) {
      if (op.tags?.includes(wfm.WFM_DESIGN_TAG)) op['x-voxbridge-design'] = true;
      if (tokenPaths.has(path)) op.security = [{ basic: [] }];
    }
  }
  const components = (document as { components?: Record<string, unknown> }).components ?? {};
  const schemas = Object.fromEntries(
    Object.entries(NAMED_SCHEMAS).map(([name, schema]) => [
      name,
      z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }),
    ]),
  );
  return { ...document, components: { ...components, schemas } };
}
