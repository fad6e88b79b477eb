/** JSON Schema building blocks and the component schemas of the OpenAPI document. */

/** A JSON Schema object. */
export type Schema = Record<string, unknown>;

/** A reference to a component schema. */
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
/** A string. */
export const str: Schema = { type: 'string' };
/** An integer. */
export const int: Schema = { type: 'integer' };
/** A number. */
export const num: Schema = { type: 'number' };
/** A boolean. */
export const bool: Schema = { type: 'boolean' };
/** The schema, or null. */
export const nullable = (schema: Schema): Schema => ({ ...schema, type: [schema.type as string, 'null'] });
/** An object with these properties. */
export const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  required,
});
/** An array of `items`. */
export const arr = (items: Schema): Schema => ({ type: 'array', items });
/** A LiveVox id filter list: `[{"id": "38049"}]` (string or number ids). */
export const idList: Schema = arr(obj({ id: { type: ['string', 'integer'] } }, ['id']));

/** The component schemas, by name. */
export const schemas: Record<string, Schema> = {
  Error: obj({ code: int, message: str }, ['code', 'message']),
  LoginRequest: obj(
    { clientName: str, userName: str, password: str, agent: { type: ['boolean', 'string'] } },
    ['clientName', 'userName', 'password'],
  ),
  LoginResponse: obj({ sessionId: str, clientId: int, userId: int, daysUntilPasswordExpires: int }, [
    'sessionId',
    'clientId',
    'userId',
  ]),
  PasswordRequest: obj({ clientName: str, userName: str, password: str, newPassword: str, agent: bool }, [
    'clientName',
    'userName',
    'password',
    'newPassword',
  ]),
  ContextEntries: obj({ entry: arr(obj({ key: str, value: str }, ['key'])) }),
  Filter: obj({
    interactionType: arr(obj({ type: { type: 'string', enum: ['VOICE', 'SMS', 'EMAIL'] } }, ['type'])),
    callCenter: idList,
    service: idList,
  }),
  FeedRequest: obj({ token: nullable(str), filter: ref('Filter') }),
  TokenRequest: obj({ token: nullable(str) }),
  StatsRequest: obj({ filter: obj({ service: idList, callCenter: idList }) }),
  InteractionEvent: {
    type: 'object',
    description:
      'A VOICE call event (callEventType CALL_START, CALL_TERMINATION or CALL_DISPOSITION), an SMS or an Email attempt',
    properties: {
      eventId: str,
      interactionType: { type: 'string', enum: ['VOICE', 'SMS', 'Email'] },
      callEventType: str,
      eventType: str,
      transactionId: int,
      acctTransactionId: str,
      sessionId: str,
      clientId: { type: ['integer', 'string'] },
      serviceId: { type: ['integer', 'string'] },
      callCenterId: { type: ['integer', 'string'] },
      campaignId: { type: ['integer', 'string', 'null'] },
      account: nullable(str),
      accountNumber: str,
      agentLoginId: nullable(str),
      agentId: nullable(str),
      start: str,
      end: str,
      timestamp: str,
      duration: int,
      lvResult: nullable(str),
      lvResultId: nullable(int),
    },
    required: ['eventId', 'interactionType', 'sessionId', 'timestamp'],
  },
  InteractionFeedResponse: obj({ token: str, events: arr(ref('InteractionEvent')) }, ['token', 'events']),
  AgentEvent: obj({
    timestamp: int,
    clientId: int,
    agentId: int,
    agentServiceId: int,
    agentTeamId: int,
    lineNumber: str,
    eventType: { type: 'string', enum: ['LOGON', 'READY', 'NOT_READY', 'IN_CALL', 'WRAP_UP', 'LOGOFF'] },
    notReadyReasonCode: nullable(str),
    callServiceId: nullable(int),
    transactionId: nullable(int),
    sessionId: nullable(str),
    phoneNumber: nullable(str),
    result: nullable(str),
    campaignType: nullable(str),
    seqNum: int,
    eventId: str,
  }),
  AgentFeedResponse: obj({ agentEvent: arr(ref('AgentEvent')), token: str }, ['token']),
  CallEventResponse: obj(
    { token: str, callEvent: arr({ type: 'object' }), events: arr({ type: 'object' }) },
    ['token'],
  ),
  ServiceStatsResponse: obj({
    stats: arr({
      type: 'object',
      properties: {
        serviceId: str,
        serviceName: str,
        cip: int,
        totalCallsInQueue: int,
        callsWithAgent: int,
        totalAgents: int,
      },
    }),
  }),
  AgentStatisticsResponse: obj({ agentStatistics: arr({ type: 'object' }) }),
  AgentStatusResponse: obj({ agentDetails: arr({ type: 'object' }), timeStamp: int }),
  AgentAveragesResponse: obj({ agentAverages: arr({ type: 'object' }), timeStamp: str }),
  CallsStatusResponse: obj({ callsDetails: arr({ type: 'object' }), timeStamp: str }),
  LiveConnectsResponse: obj({ liveConnects: arr(obj({ total: str, timeStamp: str })) }),
  CampaignStatsResponse: obj({
    stats: arr(
      obj({
        timezoneBreakdown: arr(obj({ timezone: str, count: int })),
        campaignId: int,
        serviceId: int,
        loaded: int,
        uploaded: int,
        remaining: int,
      }),
    ),
  }),
  InCallResponse: obj({
    consumer: obj({ firstName: str, lastName: str }),
    serviceId: int,
    callCenterId: int,
    account: str,
    zipCode: nullable(str),
    totalDue: num,
    callDirectionOutbound: bool,
    callStartTime: int,
  }),
  PostCallResponse: obj({
    serviceId: int,
    callEndTime: int,
    lvResult: str,
    phoneDialed: str,
    termCodeName: nullable(str),
  }),
};

/** Builds the OpenAPI document. */
