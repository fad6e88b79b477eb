import type { WireExample } from '@voxbridge/core';

/**
 * The examples of the seed `gladly-playvox-connector-setup.txt` as WFM request bodies, attached to the
 * operations so that the published document carries them. The package tests hold the seed's lines
 * verbatim and check that these values are what the seed says.
 */

const SOURCE = 'seed: gladly-playvox-connector-setup.txt';

/** The seed's Tasks table (Agent Status Name | Integration Identifier), one task definition per row. */
const TASK_ROWS: ReadonlyArray<readonly [key: string, name: string, identifier: string]> = [
  ['loggedIn', 'Agent Status – Logged In', 'LOGGED_IN'],
  ['loggedOut', 'Agent Status – Logged Out', 'LOGGED_OUT'],
  ['wentAway', 'Agent Status – Went Away', 'Break|Lunch|Meeting|Other|WENT_AWAY'],
  ['returnedFromAway', 'Agent Status – Returned from Away', 'RETURNED_FROM_AWAY'],
  ['availabilityUpdated', 'Agent Status – Availability Updated', 'AvailableFor:.*|Unavailable'],
];

/** `POST /api/schedule/tasks/definitions` bodies: the seed's Tasks table for the `gladly` integration. */
export const SEED_TASK_DEFINITIONS: Record<string, WireExample> = Object.fromEntries(
  TASK_ROWS.map(([key, name, identifier]) => [
    key,
    { summary: `${SOURCE}, Tasks table`, value: { name, integrationIdentifiers: { gladly: identifier } } },
  ]),
);

/**
 * `POST /api/workactivity/workstreams` bodies: the seed's Workstreams example, an inbox matched by
 * `inboxId|inboxName`, named after the inbox.
 */
export const SEED_WORKSTREAMS: Record<string, WireExample> = {
  customerSupport: {
    summary: `${SOURCE}, Workstreams table (inbox BBWGXUw8R4W9EBT4oqfXXX "Customer_Support")`,
    value: {
      name: 'Customer_Support',
      integrationIdentifiers: { gladly: 'BBWGXUw8R4W9EBT4oqfXXX|Customer_Support' },
    },
  },
};
