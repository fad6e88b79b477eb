import { WFM_AGENT_METRIC_NAMES } from './metrics.js';

const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const nullableInt = { type: ['integer', 'null'] };
const bool = { type: 'boolean' };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };
const flag01 = { type: 'integer', enum: [0, 1] };
const nonNegative = { type: ['number', 'null'], minimum: 0 };
const identifiers = {
  type: 'object',
  description:
    'Integration alias (gladly, livevox, …) → regular expression, matched against the whole incoming value (^(?:re)$).',
  additionalProperties: { type: 'string' },
  examples: [{ gladly: 'Break|Lunch|Meeting|Other|WENT_AWAY', livevox: 'NOT_READY:.*' }],
};
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
});

const taskDefinitionFields = {
  name: str,
  taskIdentifier: str,
  taskTypeIdentifier: nullableStr,
  colour: str,
  categoryName: nullableStr,
  workloadChannel: nullableStr,
  isPaid: bool,
  isPlanned: bool,
  isLeave: bool,
  isBreak: bool,
  isProductive: bool,
  integrationIdentifiers: identifiers,
};
const workstreamFields = {
  name: str,
  channel: nullableStr,
  waitTimeThreshold: nonNegative,
  gradeOfService: nonNegative,
  ahtGoal: nonNegative,
  abandonThreshold: nonNegative,
  integrationIdentifiers: identifiers,
};
const userRef = {
  userEmail: { type: 'string', description: 'Matched case-insensitively against user emails.' },
  userId: {
    type: ['string', 'integer'],
    description: "The user's id in this integration (users[].integrations[].identifier).",
  },
};
const inboundResult = obj(
  {
    eventId: str,
    outcome: { enum: ['accepted', 'duplicate'] },
    match: { enum: ['matched', 'unmatched', 'ambiguous', 'unknown_user'] },
    taskId: nullableInt,
    workstreamId: nullableInt,
    userId: nullableInt,
  },
  ['eventId', 'outcome'],
);

/** The `components.schemas` of the WFM emulator's OpenAPI document. */
export const WFM_OPENAPI_SCHEMAS: Record<string, unknown> = {
  Error: obj(
    { error: obj({ status: int, code: str, message: str, field: str }, ['status', 'code', 'message']) },
    ['error'],
  ),
  Token: obj(
    {
      data: obj({ accessToken: str, tokenType: { const: 'Bearer' }, expiresIn: int, expireIn: int }, [
        'accessToken',
        'tokenType',
      ]),
    },
    ['data'],
  ),
  User: obj(
    {
      id: int,
      _id: str,
      firstName: str,
      lastName: str,
      name: str,
      email: { type: 'string', format: 'email' },
      timezone: str,
      organisationId: int,
      roles: { type: 'array', items: str },
      startAt: dateTime,
      updatedAt: dateTime,
      integrations: {
        type: 'array',
        items: obj({ integrationAlias: str, identifier: str }, ['integrationAlias', 'identifier']),
      },
      team: obj({ id: int, name: str }),
      teamId: int,
      teamName: str,
      systemRole: obj({ id: int, name: str, category: str }),
      isActive: bool,
      permissions: { type: 'array', items: str },
    },
    ['id', 'email', 'firstName', 'lastName', 'isActive'],
  ),
  TaskDefinition: obj({ id: int, ...taskDefinitionFields, createdAt: dateTime, updatedAt: dateTime }, [
    'id',
    'name',
    'integrationIdentifiers',
  ]),
  TaskDefinitionInput: obj(taskDefinitionFields, ['name']),
  Workstream: obj({ id: int, ...workstreamFields, createdAt: dateTime, updatedAt: dateTime }, [
    'id',
    'name',
    'integrationIdentifiers',
  ]),
  WorkstreamInput: obj(workstreamFields, ['name']),
  TaskInterval: obj(
    {
      id: int,
      createdAt: dateTime,
      updatedAt: dateTime,
      startTime: dateTime,
      endTime: nullableDateTime,
      taskId: int,
      taskIdentifier: str,
      taskTypeIdentifier: nullableStr,
      colour: str,
      name: str,
      integrationAlias: str,
      userId: int,
      userEmail: str,
      isProductive: flag01,
      isLeave: flag01,
      isBreak: flag01,
      isPaid: flag01,
      shiftDataId: nullableInt,
      shiftId: nullableStr,
    },
    ['id', 'startTime', 'endTime', 'taskId', 'name', 'userId', 'userEmail'],
  ),
  AgentMetrics: obj({
    data: obj({
      dates: {
        type: 'array',
        items: obj({
          date: { type: ['string', 'null'], format: 'date' },
          users: {
            type: 'array',
            items: obj({
              id: nullableInt,
              firstName: nullableStr,
              lastName: nullableStr,
              channels: {
                type: 'array',
                items: obj({
                  channel: nullableStr,
                  ...Object.fromEntries(
                    WFM_AGENT_METRIC_NAMES.map((name) => [name, { type: ['number', 'null'] }]),
                  ),
                }),
              },
            }),
          },
        }),
      },
    }),
  }),
  AgentStatusEvent: obj(
    {
      eventId: str,
      ...userRef,
      status: {
        type: 'string',
        description:
          'The status string the task identifiers match (LOGGED_IN, Lunch, AvailableFor:VOICE, …).',
      },
      timestamp: dateTime,
    },
    ['eventId', 'status', 'timestamp'],
  ),
  ContactEvent: obj(
    {
      eventId: str,
      event: { enum: ['created', 'closed'] },
      contactId: str,
      workstream: {
        type: 'string',
        description:
          "Matched against the workstreams' identifiers (an inbox id or name, a LiveVox service id or name).",
      },
      ...userRef,
      startTime: dateTime,
      endTime: dateTime,
      handleTimeSeconds: { type: 'number', minimum: 0 },
      conversationId: str,
      channel: str,
      direction: { enum: ['inbound', 'outbound'] },
    },
    ['eventId', 'event', 'contactId', 'workstream', 'startTime'],
  ),
  InboundSummary: obj(
    {
      data: obj(
        { received: int, accepted: int, duplicates: int, results: { type: 'array', items: inboundResult } },
        ['received', 'accepted', 'duplicates', 'results'],
      ),
    },
    ['data'],
  ),
  Contact: obj({
    integrationAlias: str,
    contactId: str,
    conversationId: nullableStr,
    workstream: str,
    workstreamId: nullableInt,
    workstreamName: nullableStr,
    workstreamMatch: { enum: ['matched', 'unmatched', 'ambiguous'] },
    userId: nullableInt,
    userEmail: nullableStr,
    channel: nullableStr,
    direction: { enum: ['inbound', 'outbound', null] },
    status: { enum: ['open', 'closed'] },
    startTime: dateTime,
    endTime: nullableDateTime,
    handleTimeSeconds: { type: ['number', 'null'] },
    createdAt: dateTime,
    updatedAt: dateTime,
  }),
  Issue: obj({
    kind: { enum: ['status', 'contact'] },
    reason: { enum: ['unmatched', 'ambiguous', 'unknown_user'] },
    integrationAlias: str,
    eventId: str,
    value: str,
    userEmail: nullableStr,
    userId: nullableStr,
    timestamp: dateTime,
    receivedAt: dateTime,
    candidates: { type: 'array', items: obj({ id: int, name: str }) },
  }),
};
