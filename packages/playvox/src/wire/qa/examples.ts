/**
 * Example requests and answers built from the seed documents, attached to the operations so the published
 * document carries them. Each names the seed and the passage it follows; the tests hold the verbatim
 * quotes (test/fixtures/playvox-seed-examples.ts) and check these against them.
 */
import type { WireExample } from '@voxbridge/core';

const WRAPPER = 'seed: playvox-python-wrapper.txt';
const GUIDE = 'seed: playvox-custom-integrations-guide.txt';
const example = (source: string, passage: string, value: unknown): WireExample => ({
  summary: `${source}, ${passage}`,
  value,
});

/** Ids the examples use (24-character hex, as Playvox ids are). */
export const EXAMPLE_IDS = {
  integration: '5ee9f0c0a1b2c3d4e5f60a01',
  metadata: '5ee9f0c0a1b2c3d4e5f60b01',
  interaction: '5ee9f0c0a1b2c3d4e5f60c01',
  comment: '5ee9f0c0a1b2c3d4e5f60d01',
  job: '5ee9f0c0a1b2c3d4e5f60e01',
  leader: '5ee9f0c0a1b2c3d4e5f60f01',
  member: '5ee9f0c0a1b2c3d4e5f60f02',
  team: '5ee9f0c0a1b2c3d4e5f61001',
  user: '5ee9f0c0a1b2c3d4e5f61101',
} as const;

const solvedDate = {
  field_id: 'solved_date',
  type: 'datetime',
  allowed: [],
  required: true,
  available_in: ['filters', 'display'],
};
const interaction = {
  interaction_id: 'ticket-1001',
  assignee_id: 'agent@example.com',
  solved_date: '2020-06-17T10:00:00Z',
};
const comment = {
  body: 'Thanks, that solved it.',
  type: 'customer_comment',
  author_id: 'agent@example.com',
  added_at: '2020-06-17T10:05:00Z',
};

/** Request bodies by operationId. */
const REQUESTS: Record<string, Record<string, WireExample>> = {
  createIntegration: {
    seed: example(GUIDE, 'Step 1: Create the Integration', {
      name: 'Helpdesk',
      description: 'Tickets from our helpdesk',
      settings: { data_storage_minutes: 129600 },
    }),
  },
  updateIntegration: {
    seed: example(WRAPPER, 'pv.integration.update(integration_id, **kwargs)', {
      name: 'Helpdesk EU',
      description: 'Tickets from our EU helpdesk',
      data_storage_minutes: 43200,
    }),
  },
  addMetadata: {
    seed: example(GUIDE, 'Step 2: Create the Metadata (at least one datetime field)', solvedDate),
    wrapper: example(WRAPPER, 'pv.integration.add_metadata(integration_id, field_id, m_type, …)', {
      field_id: 'channel',
      type: 'list',
      allowed: ['voice', 'chat'],
      required: false,
      available_in: ['filters'],
      integration_id: EXAMPLE_IDS.integration,
    }),
  },
  updateMetadata: {
    seed: example(WRAPPER, 'pv.integration.update_metadata(integration_id, metadata_id, **kwargs)', {
      required: false,
      available_in: ['display'],
    }),
  },
  createInteraction: {
    seed: example(
      WRAPPER,
      'pv.interaction.add(integration_id, interaction_id, assignee_id, custom_metadata)',
      interaction,
    ),
  },
  updateInteraction: {
    seed: example(WRAPPER, 'pv.interaction.update(integration_id, interaction_id, data)', {
      solved_date: '2020-06-18T09:30:00Z',
    }),
  },
  bulkCreateInteractions: {
    seed: example(GUIDE, 'Bulk Operations (an array of up to 100 interactions objects)', [
      { ...interaction, comments: [comment] },
      { ...interaction, interaction_id: 'ticket-1002', solved_date: '2020-06-17T11:00:00Z' },
    ]),
  },
  createComment: {
    seed: example(
      WRAPPER,
      'pv.interaction.add_comment(interaction_id, body, comment_type, author_id, comment_dt)',
      comment,
    ),
  },
  updateComment: {
    seed: example(WRAPPER, 'pv.interaction.update_comment(interaction_id, comment_id, body, comment_dt)', {
      body: 'Thanks, that solved it for good.',
      added_at: '2020-06-17T10:07:00Z',
    }),
  },
  createTeam: {
    seed: example(WRAPPER, 'pv.team.new(name, description, team_leaders, users)', {
      name: 'Tier 1',
      description: 'First line support',
      team_leader_id: [EXAMPLE_IDS.leader],
      users: [EXAMPLE_IDS.member],
    }),
  },
  updateTeam: {
    seed: example(WRAPPER, 'pv.team.update(team_id, **kwargs)', {
      description: 'First line support, EMEA',
      users: [EXAMPLE_IDS.member],
    }),
  },
  addTeamUser: {
    seed: example(WRAPPER, 'pv.team.add_user(team_id, user_id)', { id: EXAMPLE_IDS.member }),
  },
  createUser: {
    seed: example(WRAPPER, 'pv.user.new(first_name, last_name, username, email, password, **kwargs)', {
      name: 'Ada',
      last_name: 'Lovelace',
      username: 'ada.lovelace',
      email: 'ada.lovelace@example.com',
      password: 'Analytical1Engine',
      integrations_zendesk: '361001',
    }),
  },
  updateUser: {
    seed: example(WRAPPER, 'pv.user.update(user_id, **kwargs)', {
      name: 'Augusta Ada',
      last_name: 'King',
      integrations_five9: 'ada.king',
    }),
    deactivate: example(WRAPPER, 'pv.user.deactivate(user_id, deactivation_type, reason)', {
      status: 'inactive',
      deactivation_type: 'voluntary',
      deactivation_reason: 'left the company',
    }),
    activate: example(WRAPPER, 'pv.user.activate(user_id)', {
      status: 'active',
      deactivation_type: '',
      deactivation_reason: '',
    }),
  },
  sendCampaignMetrics: {
    seed: example(WRAPPER, 'pv.campaign.send_data(campaign_id, data)', [
      { user: 'agent@example.com', date: '2020-06-17', aht: 320 },
    ]),
  },
};

/** Request bodies by operationId; python-playvox sends the team and user updates as POST. */
export const REQUEST_EXAMPLES: Record<string, Record<string, WireExample>> = {
  ...REQUESTS,
  updateTeamByPost: REQUESTS.updateTeam!,
  updateUserByPost: REQUESTS.updateUser!,
};

/** The answer of a create that returns `result._id`. */
const id = (value: string) => ({ success: true, result: { _id: value } });

/** A 200 example of one seed passage. */
const ok200 = (source: string, passage: string, value: unknown) => ({
  200: { seed: example(source, passage, value) },
});

/** Answers by operationId and status. */
export const RESPONSE_EXAMPLES: Record<string, Record<number, Record<string, WireExample>>> = {
  createIntegration: ok200(GUIDE, 'Step 1 (the response has a field called _id)', {
    success: true,
    _id: EXAMPLE_IDS.integration,
  }),
  addMetadata: ok200(WRAPPER, 'add_metadata returns the id of the new metadata field', {
    success: true,
    _id: EXAMPLE_IDS.integration,
    metadata: [{ _id: EXAMPLE_IDS.metadata, ...solvedDate }],
  }),
  createInteraction: ok200(WRAPPER, 'interaction.add returns the id of the new interaction', {
    success: true,
    _id: EXAMPLE_IDS.interaction,
  }),
  bulkCreateInteractions: ok200(GUIDE, 'Bulk Operations (returns a job JSON object)', {
    success: true,
    result: { _id: EXAMPLE_IDS.job, status: 'queued', total: 2, total_failed: 0 },
  }),
  createComment: ok200(WRAPPER, 'add_comment returns the id of the comment', id(EXAMPLE_IDS.comment)),
  createTeam: ok200(WRAPPER, 'team.new returns the id of the team', id(EXAMPLE_IDS.team)),
  createUser: ok200(WRAPPER, 'user.new returns the id of the new user', id(EXAMPLE_IDS.user)),
  sendCampaignMetrics: ok200(WRAPPER, 'campaign.send_data returns True if the data was added', {
    success: true,
    result: { total: 1, total_errors: 0, errors: [] },
  }),
};
