/**
 * Examples taken from the source documents, attached to the operations so that the published document
 * carries them. The test fixtures (`test/fixtures/`) quote the passages verbatim and check that these
 * values are what the documents say.
 */

/** The inbox of the seed's Workstreams table ("Inbox JSON Results"). */
export const SEED_INBOX = {
  summary: 'seed gladly-playvox-connector-setup.txt, "Workstreams": Inbox JSON Results',
  value: { id: 'BBWGXUw8R4W9EBT4oqfXXX', name: 'Customer_Support', disabled: false },
};

/** The webhook the seed says the connector creates, with the fields spec §3 lists. */
export const SPEC_WEBHOOK = {
  summary:
    'seed gladly-playvox-connector-setup.txt ("A webhook will automatically be created in Gladly to send conversation (started/ended) events"); fields from spec gladly-and-playvox-wfm.md §3',
  value: {
    name: 'Playvox WFM',
    url: 'https://playvox.example/gladly/webhook',
    events: ['CONVERSATION/CREATED', 'CONVERSATION/CLOSED'],
    enabled: true,
    headers: { 'X-Gladly-Token': 'shared-secret' },
  },
};

/** A work-session report range (spec §2: body `{startAtTime, endAtTime}`, ISO minute precision). */
export const SPEC_REPORT_RANGE = {
  summary:
    'spec gladly-and-playvox-wfm.md §2, Work sessions: Body {startAtTime, endAtTime} (ISO minute precision)',
  value: { startAtTime: '2024-04-13T19:27Z', endAtTime: '2024-04-14T19:27Z' },
};

/** The Events API's answer to a bad range (spec §2: "A bad range → 400 (attr: startAt, code: invalid)"). */
export const SPEC_BAD_RANGE = {
  summary: 'spec gladly-and-playvox-wfm.md §2, Events API: A bad range → 400 (attr: startAt, code: invalid)',
  value: { errors: [{ attr: 'startAt', code: 'invalid' }] },
};
