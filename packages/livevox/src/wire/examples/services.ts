import type { WireExample } from '@voxbridge/core';

// Generated once from test/fixtures/seed-examples.json (the seed text, repaired where the seed's JSON is
// broken); test/seed-examples.test.ts checks that the two agree, so edit both together.

type Examples = Record<
  string,
  { request?: Record<string, WireExample>; responses?: Record<number, Record<string, WireExample>> }
>;

/** The seed examples of the campaign and service statistics methods (livevox-realtime-reporting-api.txt), as the operations carry them. */
export const servicesExamples = {
  campaignStats: {
    request: {
      'campaign-level-statistics': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Campaign Level Statistics',
        value: {
          filter: {
            campaign: [
              {
                id: '103629512',
              },
            ],
          },
        },
      },
    },
    responses: {
      '200': {
        'campaign-level-statistics': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Campaign Level Statistics',
          value: {
            stats: [
              {
                timezoneBreakdown: [
                  {
                    timezone: 'AL',
                    count: 0,
                  },
                  {
                    timezone: 'AT',
                    count: 2,
                  },
                  {
                    timezone: 'CHT',
                    count: 0,
                  },
                  {
                    timezone: 'CT',
                    count: 0,
                  },
                  {
                    timezone: 'ET',
                    count: 5,
                  },
                  {
                    timezone: 'HI',
                    count: 0,
                  },
                  {
                    timezone: 'MT',
                    count: 3,
                  },
                  {
                    timezone: 'PT',
                    count: 1,
                  },
                  {
                    timezone: 'SAFE',
                    count: 0,
                  },
                  {
                    timezone: 'UK',
                    count: 0,
                  },
                ],
                campaignId: 103629512,
                serviceId: 1008351,
                loaded: 11,
                uploaded: 15,
                remaining: 10,
              },
            ],
          },
        },
      },
    },
  },
  holdDetails: {
    request: {
      'get-hold-details': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Get Hold Details',
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
        'get-hold-details': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Get Hold Details',
          value: {
            callsDetails: [
              {
                serviceName: 'Manual_test',
                serviceId: '38049',
                name: 'Will',
                account: '34964238',
                phone: '6503517490',
                timeStamp: '1417066734',
                agentSkill: '38049',
                priority: '1',
              },
            ],
            timeStamp: '1417077534000',
          },
        },
      },
    },
  },
  liveConnects: {
    request: {
      'get-right-party-live-connects': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Get Right Party Live Connects',
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
        'get-right-party-live-connects': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Get Right Party Live Connects',
          value: {
            liveConnects: [
              {
                total: '10',
                timeStamp: '1417075930315',
              },
              {
                total: '12',
                timeStamp: '1417077749955',
              },
            ],
          },
        },
      },
    },
  },
  serviceStats: {
    request: {
      'service-statistics': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Service Statistics',
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
        'service-statistics': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Service Statistics',
          value: {
            stats: [
              {
                calls: [],
                serviceId: '38049',
                serviceName: 'Manual (Manual 4)',
                cip: 0,
                totalOffered: 0,
                totalHandled: 0,
                totalAbandoned: 0,
                abandonRate: 0,
                serviceLevel: 0,
                averageSpeedOfAnswer: 0,
                averageDurationToAbandon: 0,
                averageTalkDuration: 0,
                averageWrapupDuration: 0,
                averageHandleDuration: 0,
                totalCallsAnsweredWithinSLA: 0,
                totalCallsAbandonedWithinSLA: 0,
                pacingMethod: 'Max CIP',
                throttle: '750',
                units: 'calls',
                totalCallsInQueue: 1,
                callsWithAgent: 0,
                totalAgents: 1,
                longestCallInQueue: 4024,
                maxHoldTime: 30,
                loaded: 0,
                remaining: 0,
                playingDialable: 0,
                percentComplete: 100,
                callCenterId: '1623',
                callCenterName: 'Call Center',
              },
            ],
          },
        },
      },
    },
  },
} satisfies Examples;
