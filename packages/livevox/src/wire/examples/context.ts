import type { WireExample } from '@voxbridge/core';

// Generated once from test/fixtures/seed-examples.json (the seed text, repaired where the seed's JSON is
// broken); test/seed-examples.test.ts checks that the two agree, so edit both together.

type Examples = Record<
  string,
  { request?: Record<string, WireExample>; responses?: Record<number, Record<string, WireExample>> }
>;

/** The Context Data seed examples (livevox-context-data-api.txt), as the operations carry them in the generated document. */
export const contextExamples = {
  deleteCallContext: {},
  deleteCallContextKey: {},
  readCallContext: {
    responses: {
      '200': {
        'read-call-context-data': {
          summary: 'seed: livevox-context-data-api.txt § Read Call Context Data',
          value: {
            entry: [
              {
                key: 'Documentatin',
                value: 'testers',
              },
              {
                key: 'Key1',
                value: 'Value1',
              },
              {
                key: 'Key2',
              },
              {
                key: 'Key3',
                value: 'Value3',
              },
              {
                key: 'random',
                value: 'testing',
              },
            ],
          },
        },
      },
    },
  },
  readCallContextKey: {
    responses: {
      '200': {
        'read-a-single-key-value-pair-of-a-calls-context-data': {
          summary:
            'seed: livevox-context-data-api.txt § Read a single key value pair of a Calls Context Data',
          value: {
            value: 'testers',
          },
        },
      },
    },
  },
  updateCallContext: {
    request: {
      'update-add-call-context-data': {
        summary: 'seed: livevox-context-data-api.txt § Update/Add Call Context Data',
        value: {
          entry: [
            {
              key: 'Key1',
              value: 'Value1',
            },
            {
              key: 'Key2',
              value: 'Value2',
            },
            {
              key: 'Key3',
              value: 'Value3',
            },
          ],
        },
      },
    },
  },
} satisfies Examples;
