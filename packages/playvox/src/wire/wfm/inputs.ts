import { z } from 'zod';
import {
  externalId,
  flag,
  integrationIdentifiers,
  nonNegativeOrNull,
  nullableText,
  ruled,
  text,
  zonedDateTime,
} from './fields.js';

/**
 * What is sent to Playvox WFM. The token request follows the public clients; every other body here is
 * voxbridge's design (Playvox does not publish its write and inbound endpoints, see WFM.md).
 */

const OBJECT_RULE = 'must be a JSON object';

/** The token request's form body: `grant_type=client_credentials` (an R client sends none). */
export const tokenRequest = z
  .object({
    grant_type: z.literal('client_credentials', { error: 'only client_credentials is supported' }).optional(),
  })
  .optional();

const taskDefinitionFields = {
  name: text(200),
  taskIdentifier: text(100).describe("Short code copied into each interval's taskIdentifier."),
  taskTypeIdentifier: nullableText(200),
  colour: text(32),
  categoryName: nullableText(200),
  workloadChannel: nullableText(200),
  isPaid: flag(),
  isPlanned: flag(),
  isLeave: flag(),
  isBreak: flag(),
  isProductive: flag(),
  integrationIdentifiers,
};

/** The fields of a task definition to change (lists and maps replace). */
export const taskDefinitionPatch = z.object(taskDefinitionFields, { error: OBJECT_RULE }).partial();

/** A task definition to create: a name, and any other field (the rest take Playvox's defaults). */
export const taskDefinitionInput = taskDefinitionPatch.extend({ name: taskDefinitionFields.name });

const workstreamFields = {
  name: text(200),
  channel: nullableText(64).describe("Channel reported in agent metrics for this workstream's contacts."),
  waitTimeThreshold: nonNegativeOrNull(),
  gradeOfService: nonNegativeOrNull(),
  ahtGoal: nonNegativeOrNull(),
  abandonThreshold: nonNegativeOrNull(),
  integrationIdentifiers,
};

/** The fields of a workstream to change. */
export const workstreamPatch = z.object(workstreamFields, { error: OBJECT_RULE }).partial();

/** A workstream to create. */
export const workstreamInput = workstreamPatch.extend({ name: workstreamFields.name });

/** Who an inbound event is about: the email, or the user's id in the sending integration (or both). */
const userReference = {
  userEmail: text(320).optional().describe('Matched case-insensitively against user emails.'),
  userId: externalId()
    .optional()
    .describe("The user's id in this integration (users[].integrations[].identifier)."),
};

/** One agent-status event (voxbridge's design). */
export const agentStatusEvent = z
  .object(
    {
      eventId: externalId().describe(
        'Unique per integration; a repeated id is accepted and ignored, which makes re-sending safe.',
      ),
      ...userReference,
      status: text(500).describe(
        "The status string the task definitions' identifiers match (LOGGED_IN, Lunch, AvailableFor:VOICE).",
      ),
      timestamp: zonedDateTime().describe('When the status began.'),
    },
    { error: OBJECT_RULE },
  )
  .refine((event) => event.userEmail !== undefined || event.userId !== undefined, {
    path: ['userEmail'],
    message: 'userEmail or userId is required',
  });

/** One contact event (voxbridge's design): a contact created or closed. */
export const contactEvent = z
  .object(
    {
      eventId: externalId(),
      event: z.enum(['created', 'closed'], ruled('must be "created" or "closed"')),
      contactId: externalId(),
      workstream: text(500).describe(
        "Matched against the workstreams' identifiers (an inbox id or name, a LiveVox service id or name).",
      ),
      ...userReference,
      startTime: zonedDateTime(),
      endTime: zonedDateTime().optional(),
      handleTimeSeconds: z.number(ruled('must be a number >= 0')).min(0, 'must be a number >= 0').optional(),
      conversationId: externalId().optional(),
      channel: text(64).optional(),
      direction: z.enum(['inbound', 'outbound'], ruled('must be "inbound" or "outbound"')).optional(),
    },
    { error: OBJECT_RULE },
  )
  .refine(
    (event) => event.endTime === undefined || Date.parse(event.endTime) >= Date.parse(event.startTime),
    { path: ['endTime'], message: 'must not be before startTime' },
  );

/**
 * An inbound body: `{ "events": [...] }`, a bare array of events, or one event object. The receiver
 * checks a whole batch before it applies any of it.
 */
export function inboundBody<T extends z.ZodType>(event: T) {
  return z.union(
    [
      z.object({ events: z.array(event).min(1, 'must hold at least one event') }),
      z.array(event).min(1, 'must hold at least one event'),
      event,
    ],
    { error: 'must be { "events": [ ... ] }, an array of events or one event object' },
  );
}

/** The agent-status inbound body. */
export const agentStatusBody = inboundBody(agentStatusEvent);

/** The contact inbound body. */
export const contactBody = inboundBody(contactEvent);

/** Most user mappings in one request. */
export const WFM_MAX_USER_MAPPINGS = 1000;

/** One change of a user's identifier in an integration (voxbridge's design): by email or Playvox user id. */
export const userMapping = z
  .object(
    {
      email: text(320).optional().describe("The Playvox user's email (matched case-insensitively) …"),
      userId: z
        .number(ruled('must be a positive integer'))
        .int('must be a positive integer')
        .positive('must be a positive integer')
        .optional()
        .describe('… or the Playvox user id.'),
      identifier: z
        .string(ruled('must be a string of 1 to 200 characters, or null to remove it'))
        .min(1, 'must be a string of 1 to 200 characters, or null to remove it')
        .max(200, 'must be a string of 1 to 200 characters, or null to remove it')
        .nullable()
        .describe("The user's id in the integration (the Gladly agent id); null removes it."),
    },
    { error: OBJECT_RULE },
  )
  .refine((mapping) => mapping.email !== undefined || mapping.userId !== undefined, {
    path: ['email'],
    message: 'email or userId is required',
  });

/** The user-mappings body: `{ "mappings": [...] }` (or a bare array), 1 to 1,000 of them. */
export const userMappingsBody = z.union(
  [
    z.object({
      mappings: z
        .array(userMapping)
        .min(1, 'must hold at least one mapping')
        .max(WFM_MAX_USER_MAPPINGS, `at most ${WFM_MAX_USER_MAPPINGS} per request`),
    }),
    z
      .array(userMapping)
      .min(1, 'must hold at least one mapping')
      .max(WFM_MAX_USER_MAPPINGS, `at most ${WFM_MAX_USER_MAPPINGS} per request`),
  ],
  { error: 'must be { "mappings": [ { email | userId, identifier } ] }' },
);
