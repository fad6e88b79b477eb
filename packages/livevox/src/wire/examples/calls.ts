import type { WireExample } from '@voxbridge/core';

// Generated once from test/fixtures/seed-examples.json (the seed text, repaired where the seed's JSON is
// broken); test/seed-examples.test.ts checks that the two agree, so edit both together.

type Examples = Record<
  string,
  { request?: Record<string, WireExample>; responses?: Record<number, Record<string, WireExample>> }
>;

/** The seed examples of the Agent Event Feed, the Call Event Feed and Call Data (livevox-realtime-reporting-api.txt), as the operations carry them. */
export const callsExamples = {
  agentEventFeed: {
    responses: {
      '200': {
        'procuring-the-initial-token': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Procuring the Initial Token',
          value: {
            agentEvent: [],
            token: 'cfaf0a70-1c52-11e6-8080-808080808080',
          },
        },
        'retrieve-events-from-the-feed': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Retrieve Events from the Feed',
          value: {
            agentEvent: [
              {
                timestamp: 1463032800000,
                clientId: 47415,
                agentId: 393601,
                agentServiceId: 47416,
                agentTeamId: 1234,
                lineNumber: 'ACD',
                eventType: 'NOT_READY',
                notReadyReasonCode: 'OTHER',
                callServiceId: 47416,
                transactionId: 51296267124,
                sessionId: 'U112FFCT234F79@104.403.828.68',
                phoneNumber: '6503517450',
                result: 'AGENT - Customer Hung Up',
                campaignType: 'OUTBOUND',
                agent2Id: 393601,
                supervisorSessionId: 'U112FF324341F79@103.403.88.68',
                supervisorPhoneNumber: '6503517513',
                seqNum: 123,
                eventId: 'cid=47315:aid=393401:time=146303243000:seq=123',
              },
            ],
            token: 'aea12ef0-1809-11e6-af08-8f619b2ec41c',
          },
        },
      },
    },
    request: {
      'retrieve-events-from-the-feed': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Retrieve Events from the Feed',
        value: {
          token: 'cfaf0a70-1c52-11e6-8080-808080808080',
        },
      },
    },
  },
  readInCallMetadata: {
    responses: {
      '200': {
        'read-in-call-metadata': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Read in call metadata',
          value: {
            consumer: {
              firstName: 'John',
              lastName: 'Mcgee',
            },
            serviceId: 4199,
            callCenterId: 15,
            account: '087764164',
            zipCode: null,
            totalDue: 216.04,
            callDirectionOutbound: true,
            callStartTime: 1368006208000,
          },
        },
      },
    },
  },
  readPostCallMetadata: {
    responses: {
      '200': {
        'read-post-call-metadata': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Read post call metadata',
          value: {
            serviceId: 4199,
            callEndTime: 1368006243000,
            lvResult: 'Invalid Phone Number',
            phoneDialed: '6503517508',
            termCodeName: null,
          },
        },
      },
    },
  },
  callEventFeed: {
    request: {
      'getting-a-first-token': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Getting a first token',
        value: {
          token: '',
        },
      },
    },
    responses: {
      '200': {
        'getting-a-first-token': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Getting a first token',
          value: {
            token: 'e0646720-a7f3-11eb-8080-808080808080',
            events: [],
          },
        },
      },
    },
  },
} satisfies Examples;
