import type { WireExample } from '@voxbridge/core';

// Generated once from test/fixtures/seed-examples.json (the seed text, repaired where the seed's JSON is
// broken); test/seed-examples.test.ts checks that the two agree, so edit both together.

type Examples = Record<
  string,
  { request?: Record<string, WireExample>; responses?: Record<number, Record<string, WireExample>> }
>;

/** The seed examples of the agent statistics methods (livevox-realtime-reporting-api.txt), as the operations carry them. */
export const agentsExamples = {
  agentAverages: {
    request: {
      'get-agent-averages': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Get Agent Averages',
        value: {
          filter: {
            service: [
              {
                id: '38049',
              },
            ],
          },
        },
      },
    },
    responses: {
      '200': {
        'get-agent-averages': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Get Agent Averages',
          value: {
            agentAverages: [
              {
                averageReadyTime: '3',
                averageNotReadyTime: '2',
                averageTalkTime: '5',
                averageWrapupTime: '1',
                averagePreviewDialTime: '1',
                averageManualDialTime: '0',
                averageHoldTime: '2',
                averageTransferringTime: '1',
                averageRegisteringTime: '0',
                averageDialingTime: '0',
                averageReservedTime: '0',
                timeStamp: '1417075930315',
              },
            ],
            timeStamp: '1417077749955',
          },
        },
      },
    },
  },
  agentStats: {
    request: {
      'agent-statistics': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Agent Statistics',
        value: {
          filter: {
            service: [
              {
                id: '38049',
              },
            ],
          },
        },
      },
    },
    responses: {
      '200': {
        'agent-statistics': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Agent Statistics',
          value: {
            agentStatistics: [
              {
                agentName: 'VINAY K',
                agentStatus: 'Ready',
                inboundCalls: 0,
                outboundCalls: 0,
                stateChangedTime: 1401957077840,
                readyDuration: 0,
                totalNotReadyDuration: 68,
                notReadyLunchDuration: 0,
                notReadyTrainingDuration: 0,
                notReadyBreakDuration: 0,
                notReadyMeetingDuration: 0,
                notReadyTechDiffDuration: 0,
                notReadyOtherDuration: 68,
                wrapupDuration: 0,
                talkDuration: 0,
                rpcComplete: 0,
                rpcIncomplete: 0,
                wpc: 0,
                nonContacts: 0,
              },
            ],
          },
        },
      },
    },
  },
  agentStatsEx: {
    responses: {
      '200': {
        'get-agent-statistics': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Get Agent Statistics',
          value: {
            agentStatistics: [
              {
                services: [
                  {
                    id: 23068,
                    callCenterId: '1623',
                    inboundCalls: 0,
                    outboundCalls: 2,
                    readyDuration: 75,
                    totalNotReadyDuration: 48,
                    notReadyLunchDuration: 0,
                    notReadyTrainingDuration: 0,
                    notReadyBreakDuration: 0,
                    notReadyMeetingDuration: 0,
                    notReadyTechDiffDuration: 0,
                    notReadyOtherDuration: 48,
                    wrapupDuration: 0,
                    talkDuration: 156,
                    rpcComplete: 1,
                    rpcIncomplete: 0,
                    wpc: 0,
                    nonContacts: 0,
                  },
                  {
                    id: 38049,
                    callCenterId: '1623',
                    inboundCalls: 0,
                    outboundCalls: 0,
                    readyDuration: 191,
                    totalNotReadyDuration: 1049,
                    notReadyLunchDuration: 0,
                    notReadyTrainingDuration: 0,
                    notReadyBreakDuration: 0,
                    notReadyMeetingDuration: 0,
                    notReadyTechDiffDuration: 0,
                    notReadyOtherDuration: 1049,
                    wrapupDuration: 0,
                    talkDuration: 154,
                    rpcComplete: 0,
                    rpcIncomplete: 0,
                    wpc: 0,
                    nonContacts: 0,
                  },
                ],
                agentName: 'LIVE VOX',
                agentLoginId: 'SEBY',
              },
              {
                services: [
                  {
                    id: 23068,
                    callCenterId: '1623',
                    inboundCalls: 0,
                    outboundCalls: 1,
                    readyDuration: 297,
                    totalNotReadyDuration: 31,
                    notReadyLunchDuration: 0,
                    notReadyTrainingDuration: 0,
                    notReadyBreakDuration: 0,
                    notReadyMeetingDuration: 0,
                    notReadyTechDiffDuration: 0,
                    notReadyOtherDuration: 31,
                    wrapupDuration: 27,
                    talkDuration: 17,
                    rpcComplete: 1,
                    rpcIncomplete: 1,
                    wpc: 0,
                    nonContacts: 0,
                  },
                ],
                agentName: 'QA PASS1234',
                agentLoginId: '1AMBY',
              },
            ],
          },
        },
      },
    },
  },
  agentStatus: {
    request: {
      'agent-status': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Agent Status',
        value: {
          filter: {
            service: [
              {
                id: '38049',
              },
            ],
          },
        },
      },
    },
    responses: {
      '200': {
        'agent-status': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Agent Status',
          value: {
            agentDetails: [
              {
                serviceId: 38049,
                serviceName: 'Manual (Manual 4)',
                agentLoginId: 'VKUMARK',
                agentName: 'VINAY K',
                state: 'Not Ready',
                stateId: 3,
                reasonCode: '',
                callType: null,
                stateChangedAfter: 1401958827016,
                inboundCalls: null,
                outboundCalls: null,
                isAgentMonitored: false,
                transactionId: null,
                sessionId: null,
                account: null,
                agentSkill: null,
                phone: null,
                callCenterId: '1623',
                callCenterName: 'Call Center',
              },
            ],
            timeStamp: 1401958827016,
          },
        },
      },
    },
  },
} satisfies Examples;
