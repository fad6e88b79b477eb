import type { WireExample } from '@voxbridge/core';

// Generated once from test/fixtures/seed-examples.json (the seed text, repaired where the seed's JSON is
// broken); test/seed-examples.test.ts checks that the two agree, so edit both together.

type Examples = Record<
  string,
  { request?: Record<string, WireExample>; responses?: Record<number, Record<string, WireExample>> }
>;

/** The seed examples of the Interaction Event feeds, long poll and SSE (livevox-realtime-reporting-api.txt), as the operations carry them. */
export const interactionsExamples = {
  interactionEventFeed: {
    request: {
      'retrieve-interaction-event-feed': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Retrieve Interaction Event Feed',
        value: {
          token: 'e0646720-a7f3-11eb-8080-808080808080',
          filter: {
            interactionType: [
              {
                type: 'EMAIL',
              },
              {
                type: 'SMS',
              },
            ],
            callCenter: [
              {
                id: 11363,
              },
            ],
            service: [
              {
                id: 93140,
              },
            ],
          },
        },
      },
      'retrieve-interaction-event-feed-for-multiple-events': {
        summary:
          'seed: livevox-realtime-reporting-api.txt § Retrieve Interaction Event Feed for Multiple Events',
        value: {
          token: '04a2ab40-0384-11ee-8080-808080808080',
        },
      },
      'retrieve-interaction-event-feed-when-the-token-is-older-than-24-hours': {
        summary:
          'seed: livevox-realtime-reporting-api.txt § Retrieve interaction event feed when the token is older than 24 hours',
        value: {
          token: 'd57fa600-9117-11eb-8080-808080808080',
          filter: {
            interactionType: [
              {
                type: 'EMAIL',
              },
              {
                type: 'SMS',
              },
            ],
            callCenter: [
              {
                id: 7432,
              },
            ],
            service: [
              {
                id: 83626,
              },
            ],
          },
        },
      },
    },
    responses: {
      '200': {
        'retrieve-interaction-event-feed': {
          summary: 'seed: livevox-realtime-reporting-api.txt § Retrieve Interaction Event Feed',
          value: {
            token: 'c388c0f0-a4d9-11eb-8080-808080808080',
            events: [
              {
                eventId: '41e22410-a4d9-11eb-abe6-bd1649d297a6',
                interactionType: 'SMS',
                clientId: '93119',
                callCenterId: '11363',
                serviceId: '93140',
                timestamp: '2021-04-24T04:44:08.000-04:00',
                campaignId: '29161334',
                sessionId: '93140-55926849742-1619253848682',
                phoneNumber: '4154164061',
                acctTransactionId: '55926849742',
                eventType: 'Attempt',
                threadId: '55926849742',
                accountNumber: '13213',
                campaignType: 'OB',
                carrier: 'sap_sms365',
                smsCode: '53063',
              },
              {
                eventId: '41e928f0-a4d9-11eb-abe6-bd1649d297a6',
                interactionType: 'Email',
                clientId: '93119',
                callCenterId: '11363',
                serviceId: '93140',
                timestamp: '2021-04-24T04:44:15.106-04:00',
                campaignId: '29161335',
                sessionId: '93140_55926849743_1619253855019',
                fromEmail: 'qa@livevox.com',
                toEmail: 'kyargal@livevox.com',
                acctTransactionId: '55926849743',
                eventType: 'Attempt',
                threadId: null,
                accountNumber: 'APIQAE1234',
                campaignType: 'OB',
                carrier: 'sendgrid',
              },
            ],
          },
        },
        'retrieve-interaction-event-feed-for-multiple-events': {
          summary:
            'seed: livevox-realtime-reporting-api.txt § Retrieve Interaction Event Feed for Multiple Events',
          value: {
            token: '8fe74990-0384-11ee-8080-808080808080',
            events: [
              {
                eventId: '1c9bc100-0384-11ee-8d7c-873023fbd061',
                interactionType: 'SMS',
                clientId: '83424',
                callCenterId: '6797',
                serviceId: '83447',
                timestamp: '2023-06-05T05:33:58.000-04:00',
                campaignId: '751740258',
                sessionId: '83447-1229726123827-1685957638296',
                phoneNumber: '4154164061',
                acctTransactionId: '1229726123827',
                eventType: 'Attempt',
                threadId: '1229726123827',
                accountNumber: '13213',
                campaignType: 'OB',
                carrier: 'sap_sms365',
                smsCode: '53063',
                campaignTypeId: '6',
                callStartTime: '1685957638000',
              },
              {
                eventId: '34740850-0384-11ee-a680-714d10a96a0a',
                interactionType: 'Email',
                clientId: '83424',
                callCenterId: '6797',
                serviceId: '83447',
                timestamp: '2023-06-05T05:34:39.968-04:00',
                campaignId: '751740257',
                sessionId: '83447_1229726123830_1685957679957',
                fromEmail: 'qa@livevox.com',
                toEmail: 'kyargal@livevox.com',
                acctTransactionId: '1229726123830',
                eventType: 'Attempt',
                threadId: '1229726123830',
                accountNumber: 'APIQAE1234',
                campaignType: 'OB',
                campaignTypeId: '11',
                carrier: 'sendgrid',
              },
              {
                eventId: '63ce1280-0384-11ee-8d7c-873023fbd061',
                callEventType: 'CALL_START',
                interactionType: 'VOICE',
                transactionId: 1229726123859,
                clientId: 83424,
                serviceId: 149926,
                callCenterId: 6799,
                sessionId: 'U5BT647DAC80@10.111.17.102',
                campaignId: 751740268,
                phoneDialed: '6283860755',
                account: 'asd1',
                operatorPhone: '0',
                areaCodeState: 'CA',
                callDirection: 'MANUAL',
                campaignType: 'MANUAL',
                agentLoginId: 'APITEST1',
                agentId: '544004',
                start: '2023-06-05T09:36:00.000Z',
                timestamp: '2023-06-05T09:36:00.000Z',
              },
              {
                eventId: '6fbabee0-0384-11ee-a680-714d10a96a0a',
                callEventType: 'CALL_TERMINATION',
                interactionType: 'VOICE',
                transactionId: 1229726123859,
                clientId: 83424,
                serviceId: 149926,
                callCenterId: 6799,
                sessionId: 'U5BT647DAC80@10.111.17.102',
                campaignId: 751740268,
                phoneDialed: '6283860755',
                account: 'asd1',
                operatorPhone: '0',
                areaCodeState: 'CA',
                callDirection: 'MANUAL',
                campaignType: 'MANUAL',
                agentLoginId: 'APITEST1',
                agentId: '544004',
                start: '2023-06-05T09:36:00.000Z',
                end: '2023-06-05T09:36:14.000Z',
                timestamp: '2023-06-05T09:36:14.000Z',
                callerId: null,
                serviceLevelThreshold: 20,
                transferHoldDuration: 0,
                roundedIvrDuration: 0,
                duration: 12,
                agentSkillId: '',
                lvResultId: 661,
                priority: 308,
                lvResult: 'Operator Transfer (Agent Terminated Call)',
                operatorTransferSuccessful: 1,
                operatorTransfer: 1,
              },
              {
                eventId: '8ddc5e60-0384-11ee-a680-714d10a96a0a',
                callEventType: 'CALL_DISPOSITION',
                interactionType: 'VOICE',
                transactionId: 1229726123859,
                clientId: 83424,
                serviceId: 149926,
                callCenterId: 6799,
                sessionId: 'U5BT647DAC80@10.111.17.102',
                campaignId: null,
                phoneDialed: null,
                account: null,
                areaCodeState: 'null',
                zipCode: 'null',
                start: '2023-06-05T09:36:00.000Z',
                timestamp: '2023-06-05T09:37:05.611Z',
              },
            ],
          },
        },
      },
      '400': {
        'retrieve-interaction-event-feed-when-the-token-is-older-than-24-hours': {
          summary:
            'seed: livevox-realtime-reporting-api.txt § Retrieve interaction event feed when the token is older than 24 hours',
          value: {
            code: 202,
            message:
              'Time "2021-03-30 01:21:51-0400" is more than 24 hours old. This type of data is kept for 24 hours.',
          },
        },
      },
    },
  },
  interactionEventStream: {
    request: {
      'retrieve-interaction-event-feed-through-sse': {
        summary: 'seed: livevox-realtime-reporting-api.txt § Retrieve interaction event feed through SSE',
        value: {
          token: '',
          filter: {
            interactionType: [
              {
                type: 'EMAIL',
              },
              {
                type: 'SMS',
              },
            ],
            callCenter: [
              {
                id: 11363,
              },
            ],
            service: [
              {
                id: 93140,
              },
            ],
          },
        },
      },
      'retrieve-interaction-event-feed-through-sse-when-eventid-is-used-as-token': {
        summary:
          'seed: livevox-realtime-reporting-api.txt § Retrieve interaction event feed through SSE when eventId is used as token',
        value: {
          token: '41e22410-a4d9-11eb-abe6-bd1649d297a6',
          filter: {
            interactionType: [
              {
                type: 'EMAIL',
              },
              {
                type: 'SMS',
              },
            ],
            callCenter: [
              {
                id: 11363,
              },
            ],
            service: [
              {
                id: 93140,
              },
            ],
          },
        },
      },
    },
    responses: {
      '200': {
        'retrieve-interaction-event-feed-through-sse-event-1': {
          summary:
            'seed: livevox-realtime-reporting-api.txt § Retrieve interaction event feed through SSE (data of event 1)',
          value: {
            eventId: '41e22410-a4d9-11eb-abe6-bd1649d297a6',
            interactionType: 'SMS',
            clientId: '93119',
            callCenterId: '11363',
            serviceId: '93140',
            timestamp: '2021-04-24T07:34:52.000-04:00',
            campaignId: '29161334',
            sessionId: '93140-55926849742-1619253848682',
            phoneNumber: '4154164061',
            acctTransactionId: '55926849742',
            eventType: 'Attempt',
            threadId: '55926849742',
            accountNumber: '13213',
            campaignType: 'OB',
            carrier: 'sap_sms365',
            smsCode: '53063',
          },
        },
        'retrieve-interaction-event-feed-through-sse-event-2': {
          summary:
            'seed: livevox-realtime-reporting-api.txt § Retrieve interaction event feed through SSE (data of event 2)',
          value: {
            eventId: '41e928f0-a4d9-11eb-abe6-bd1649d297a6',
            interactionType: 'Email',
            clientId: '93119',
            callCenterId: '11363',
            serviceId: '93140',
            timestamp: '2021-04-24T07:34:55.106-04:00',
            campaignId: '29161335',
            sessionId: '93140_55926849743_1619253855019',
            fromEmail: 'qa@livevox.com',
            toEmail: 'kyargal@livevox.com',
            acctTransactionId: '55926849743',
            eventType: 'Attempt',
            threadId: null,
            accountNumber: 'APIQAE1234',
            campaignType: 'OB',
            carrier: 'sendgrid',
          },
        },
        'retrieve-interaction-event-feed-through-sse-when-eventid-is-used-as-token-event-1': {
          summary:
            'seed: livevox-realtime-reporting-api.txt § Retrieve interaction event feed through SSE when eventId is used as token (data of event 1)',
          value: {
            eventId: '41e928f0-a4d9-11eb-abe6-bd1649d297a6',
            interactionType: 'Email',
            clientId: '93119',
            callCenterId: '11363',
            serviceId: '93140',
            timestamp: '2021-04-24T07:34:55.106-04:00',
            campaignId: '29161335',
            sessionId: '93140_55926849743_1619253855019',
            fromEmail: 'qa@livevox.com',
            toEmail: 'kyargal@livevox.com',
            acctTransactionId: '55926849743',
            eventType: 'Attempt',
            threadId: null,
            accountNumber: 'APIQAE1234',
            campaignType: 'OB',
            carrier: 'sendgrid',
          },
        },
        'retrieve-interaction-event-feed-through-sse-when-eventid-is-used-as-token-event-2': {
          summary:
            'seed: livevox-realtime-reporting-api.txt § Retrieve interaction event feed through SSE when eventId is used as token (data of event 2)',
          value: {
            eventId: '41ee8020-a4d9-11eb-abe6-bd1649d297a6',
            interactionType: 'Email',
            clientId: '93119',
            callCenterId: '11363',
            serviceId: '93140',
            timestamp: '2021-04-24T07:52:16-100-04:00',
            campaignId: '29161335',
            sessionId: '93140_55926849744_1619253855759',
            fromEmail: 'qa@livevox.com',
            toEmail: 'kyargal@livevox.com',
            acctTransactionId: '55926849744',
            eventType: 'Attempt',
            threadId: null,
            accountNumber: 'APIQAE1234',
            campaignType: 'OB',
            carrier: 'sendgrid',
          },
        },
      },
    },
  },
} satisfies Examples;
