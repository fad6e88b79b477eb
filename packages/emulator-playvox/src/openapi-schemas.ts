import { id, ids, ref, stamps } from './openapi-parts.js';
import { CONTENT_SCHEMAS } from './openapi-schemas-content.js';

/** A seeded record schema: documented fields, further fields allowed. */
const seeded = (description: string, properties: Record<string, unknown>) => ({
  type: 'object',
  description,
  required: ['_id'],
  properties: { _id: id, ...properties, ...stamps },
  additionalProperties: true,
});

/** The `components.schemas` of the Playvox emulator's OpenAPI document. */
export const PLAYVOX_SCHEMAS: Record<string, unknown> = {
  ObjectId: id,
  Success: { type: 'object', required: ['success'], properties: { success: { const: true } } },
  CreatedTopLevel: {
    type: 'object',
    required: ['success', '_id'],
    description:
      'Answer of POST integrations and POST integrations/{id}/interactions: the new id at the top level.',
    properties: { success: { const: true }, _id: id },
  },
  CreatedInResult: {
    type: 'object',
    required: ['success', 'result'],
    description:
      'Answer of POST teams, POST users and POST interactions/{id}/comments: the new id in result._id.',
    properties: {
      success: { const: true },
      result: { type: 'object', required: ['_id'], properties: { _id: id } },
    },
  },
  Error: {
    type: 'object',
    required: ['success', 'error', 'errors'],
    properties: {
      success: { const: false },
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            examples: [
              'validation_error',
              'not_found',
              'unauthorized',
              'conflict',
              'bad_request',
              'rate_limited',
            ],
          },
          message: { type: 'string', description: '`<field>: <rule>` when a field is at fault' },
          field: { type: 'string' },
        },
      },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: { field: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
  },
  ListEnvelope: {
    type: 'object',
    required: ['success', 'result', 'page', 'per_page', 'next_page', 'total'],
    properties: {
      success: { const: true },
      result: { type: 'array', items: { type: 'object' } },
      page: { type: 'integer', minimum: 1 },
      per_page: { type: 'integer', minimum: 1, maximum: 100 },
      next_page: { type: 'boolean', description: 'True when page+1 has items.' },
      total: { type: 'integer', minimum: 0 },
    },
  },
  User: {
    type: 'object',
    required: ['_id', 'name', 'last_name', 'username', 'email', 'status'],
    properties: {
      _id: id,
      name: { type: 'string', description: 'first name' },
      last_name: { type: 'string' },
      username: { type: 'string' },
      email: { type: 'string', format: 'email' },
      type: { enum: ['admin', 'analyst', 'team_leader', 'agent'] },
      roles: ids,
      status: { enum: ['active', 'inactive'] },
      deactivation_type: { type: 'string' },
      deactivation_reason: { type: 'string' },
      founder: { type: 'boolean' },
      light: { type: 'boolean' },
      tz: { type: 'string' },
      lang: { type: 'string' },
      last_login_date: { type: ['string', 'null'], format: 'date-time' },
      ...stamps,
    },
    patternProperties: { '^integrations_[a-z0-9_]+$': { type: 'string' } },
  },
  UserCreate: {
    type: 'object',
    required: ['name', 'last_name', 'username', 'email', 'password'],
    properties: {
      name: { type: 'string', minLength: 1 },
      last_name: { type: 'string', minLength: 1 },
      username: { type: 'string', pattern: '^[A-Za-z0-9._@+-]{1,64}$' },
      email: { type: 'string', format: 'email' },
      password: {
        type: 'string',
        minLength: 10,
        description: 'at least one digit, one upper-case and one lower-case letter',
      },
    },
    patternProperties: {
      '^integrations_[a-z0-9_]+$': { type: 'string', description: 'the user id in that system' },
    },
    additionalProperties: false,
  },
  UserUpdate: {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 1 },
      last_name: { type: 'string', minLength: 1 },
      email: { type: 'string', format: 'email' },
      status: { enum: ['active', 'inactive'] },
      deactivation_type: { type: 'string' },
      deactivation_reason: { type: 'string' },
    },
    patternProperties: { '^integrations_[a-z0-9_]+$': { type: 'string' } },
    additionalProperties: false,
  },
  Team: {
    type: 'object',
    required: ['_id', 'name', 'team_leader_id', 'users', 'total_users'],
    properties: {
      _id: id,
      name: { type: 'string' },
      description: { type: 'string' },
      status: { const: 'active' },
      default: { type: 'boolean' },
      team_leader_id: ids,
      users: ids,
      total_users: { type: 'integer' },
      team_leader_info: { type: 'array', description: 'with include=all', items: { type: 'object' } },
      users_info: { type: 'array', description: 'with include=all', items: { type: 'object' } },
      ...stamps,
    },
  },
  TeamInput: {
    type: 'object',
    description: 'name is required on create; lists replace on update',
    properties: {
      name: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      team_leader_id: ids,
      users: ids,
    },
    additionalProperties: false,
  },
  TeamMember: { type: 'object', required: ['id'], properties: { id }, additionalProperties: false },
  ...CONTENT_SCHEMAS,
  CampaignVar: {
    type: 'object',
    required: ['code', 'name', 'type'],
    properties: {
      code: { type: 'string' },
      name: { type: 'string' },
      type: { enum: ['number', 'percentage', 'currency'] },
    },
  },
  MetricsRow: {
    type: 'object',
    required: ['user', 'date'],
    properties: {
      user: { type: 'string', description: 'username or email of a campaign user' },
      date: { type: 'string', format: 'date' },
    },
    additionalProperties: {
      type: 'number',
      description: 'a value of a campaign variable, keyed by its code',
    },
  },
  MetricsResult: {
    type: 'object',
    required: ['success', 'result'],
    properties: {
      success: { const: true },
      result: {
        type: 'object',
        required: ['total', 'total_errors', 'errors'],
        properties: {
          total: { type: 'integer' },
          total_errors: { type: 'integer' },
          errors: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  Truth: {
    type: 'object',
    required: ['integrations', 'interactions', 'comments', 'jobs'],
    properties: {
      integrations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['_id', 'name', 'interactions'],
          properties: { _id: id, name: { type: 'string' }, interactions: { type: 'integer' } },
        },
      },
      interactions: {
        type: 'object',
        required: ['total', 'distinctInteractionIds', 'duplicates'],
        properties: {
          total: { type: 'integer' },
          distinctInteractionIds: { type: 'integer' },
          duplicates: {
            type: 'array',
            items: { type: 'string' },
            description: 'interaction_ids held more than once',
          },
        },
      },
      comments: { type: 'integer' },
      jobs: {
        type: 'object',
        properties: {
          queued: { type: 'integer' },
          processing: { type: 'integer' },
          completed: { type: 'integer' },
          failed: { type: 'integer' },
        },
      },
    },
  },
  Campaign: seeded('A performance campaign', {
    name: { type: 'string' },
    status: { type: 'string' },
    team_ids: ids,
    users: ids,
    vars: { type: 'array', items: ref('CampaignVar') },
  }),
  Coaching: seeded('A coaching session', {
    status: { type: 'string' },
    coach_id: id,
    trainee_id: id,
    team_ids: ids,
    evaluation_ids: ids,
    achieved: { type: 'boolean' },
  }),
  LearningResult: seeded('A learning result', {
    learning_id: id,
    user_id: id,
    team_id: id,
    status: { type: 'string' },
    score: { type: ['integer', 'null'] },
  }),
  Calibration: seeded('A calibration', {
    status: { type: 'string' },
    scorecard_id: id,
    agent_id: id,
    analysts: { type: 'array', items: { type: 'object' } },
  }),
  Evaluation: seeded('An evaluation', {
    scorecard_id: id,
    agent_id: id,
    team_id: id,
    monitor_id: id,
    score: { type: 'number' },
    passed: { type: 'boolean' },
  }),
  Scorecard: seeded('A scorecard', {
    name: { type: 'string' },
    status: { type: 'string' },
    team_ids: ids,
    max_score: { type: 'number' },
    sections: { type: 'array', items: { type: 'object' } },
  }),
  Role: seeded('A role', {
    code: { type: 'string' },
    name: { type: 'string' },
    default: { type: 'boolean' },
    read: { type: 'array' },
    write: { type: 'array' },
  }),
};
