import { dateTime, id, ref, stamps } from './openapi-parts.js';
import {
  AVAILABILITIES,
  COMMENT_TYPES,
  MAX_DATA_STORAGE_MINUTES,
  MAX_INTERACTION_ID_LENGTH,
  METADATA_TYPES,
} from './validation.js';

/** Schemas of integrations, metadata, interactions, bulk jobs and comments. */
export const CONTENT_SCHEMAS: Record<string, unknown> = {
  MetadataField: {
    type: 'object',
    required: ['_id', 'field_id', 'type', 'allowed', 'required', 'available_in'],
    properties: {
      _id: id,
      field_id: { type: 'string', pattern: '^[a-z_]{3,30}$' },
      type: { enum: [...METADATA_TYPES] },
      allowed: { type: 'array', items: { type: ['string', 'number'] } },
      required: { type: 'boolean' },
      available_in: { type: 'array', items: { enum: [...AVAILABILITIES] } },
    },
  },
  MetadataInput: {
    type: 'object',
    description: 'field_id and type are required on create; created_at and updated_at are reserved',
    properties: {
      field_id: { type: 'string', pattern: '^[a-z_]{3,30}$', not: { enum: ['created_at', 'updated_at'] } },
      type: { enum: [...METADATA_TYPES] },
      allowed: {
        type: 'array',
        items: { type: ['string', 'number'] },
        description: 'required (non-empty) for list fields',
      },
      required: { type: 'boolean' },
      available_in: { type: 'array', items: { enum: [...AVAILABILITIES] } },
      integration_id: { type: 'string', description: 'ignored (python-playvox sends it)' },
    },
    additionalProperties: false,
  },
  MetadataCreated: {
    type: 'object',
    required: ['success', '_id', 'metadata'],
    properties: {
      success: { const: true },
      _id: { ...id, description: 'the integration id' },
      metadata: { type: 'array', items: ref('MetadataField') },
    },
  },
  Integration: {
    type: 'object',
    required: ['_id', 'name', 'settings', 'metadata'],
    properties: {
      _id: id,
      name: { type: 'string' },
      description: { type: 'string' },
      type: { const: 'custom' },
      status: { const: 'active' },
      settings: {
        type: 'object',
        properties: {
          data_storage_minutes: { type: 'integer', minimum: 1, maximum: MAX_DATA_STORAGE_MINUTES },
        },
      },
      metadata: { type: 'array', items: ref('MetadataField') },
      ...stamps,
    },
  },
  IntegrationInput: {
    type: 'object',
    description: 'name and data_storage_minutes (nested or flat) are required on create',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      description: { type: 'string' },
      settings: {
        type: 'object',
        properties: {
          data_storage_minutes: { type: 'integer', minimum: 1, maximum: MAX_DATA_STORAGE_MINUTES },
        },
        additionalProperties: false,
      },
      data_storage_minutes: { type: 'integer', minimum: 1, maximum: MAX_DATA_STORAGE_MINUTES },
    },
    additionalProperties: false,
  },
  Interaction: {
    type: 'object',
    required: ['_id', 'interaction_id', 'integration_id', 'assignee_id', 'metadata'],
    properties: {
      _id: id,
      interaction_id: { type: 'string', description: 'the external id; not unique' },
      integration_id: id,
      assignee_id: { type: 'string' },
      metadata: { type: 'object', additionalProperties: true, description: 'field_id → value' },
      comments: { type: 'array', items: ref('Comment'), description: 'with include=all' },
      ...stamps,
    },
  },
  InteractionInput: {
    type: 'object',
    description:
      'interaction_id and assignee_id plus metadata values as flat keys; unknown keys are rejected',
    required: ['interaction_id', 'assignee_id'],
    properties: {
      interaction_id: { type: 'string', minLength: 1, maxLength: MAX_INTERACTION_ID_LENGTH },
      assignee_id: { type: 'string', minLength: 1, description: 'a Playvox username or email' },
    },
    additionalProperties: { description: 'a metadata value, checked against the field definition' },
  },
  InteractionUpdate: {
    type: 'object',
    properties: {
      interaction_id: { type: 'string', minLength: 1, maxLength: MAX_INTERACTION_ID_LENGTH },
      assignee_id: { type: 'string', minLength: 1 },
    },
    additionalProperties: { description: 'a metadata value' },
  },
  BulkItem: {
    allOf: [ref('InteractionInput')],
    properties: { comments: { type: 'array', items: ref('CommentInput') } },
  },
  BulkCreated: {
    type: 'object',
    required: ['success', 'result'],
    properties: {
      success: { const: true },
      result: {
        type: 'object',
        required: ['_id', 'status', 'total', 'total_failed'],
        properties: {
          _id: id,
          status: { const: 'queued' },
          total: { type: 'integer' },
          total_failed: { const: 0 },
        },
      },
    },
  },
  Job: {
    type: 'object',
    required: [
      '_id',
      'type',
      'integration_id',
      'status',
      'total',
      'total_processed',
      'total_succeeded',
      'total_failed',
      'errors',
      'results',
    ],
    properties: {
      _id: id,
      type: { const: 'bulk_interactions' },
      integration_id: id,
      status: { enum: ['queued', 'processing', 'completed', 'failed'] },
      total: { type: 'integer' },
      total_processed: { type: 'integer' },
      total_succeeded: { type: 'integer' },
      total_failed: { type: 'integer' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['index', 'field', 'message'],
          properties: {
            index: { type: 'integer' },
            interaction_id: { type: ['string', 'null'] },
            field: { type: 'string' },
            message: { type: 'string' },
          },
        },
      },
      results: {
        type: 'array',
        items: {
          type: 'object',
          required: ['index', 'interaction_id', '_id'],
          properties: { index: { type: 'integer' }, interaction_id: { type: 'string' }, _id: id },
        },
      },
      completed_at: { type: ['string', 'null'], format: 'date-time' },
      ...stamps,
    },
  },
  Comment: {
    type: 'object',
    required: ['_id', 'interaction_id', 'body', 'type', 'author_id', 'added_at'],
    properties: {
      _id: id,
      interaction_id: { ...id, description: 'the Playvox _id of the interaction' },
      body: { type: 'string' },
      type: { enum: [...COMMENT_TYPES] },
      author_id: { type: 'string' },
      added_at: dateTime,
      ...stamps,
    },
  },
  CommentInput: {
    type: 'object',
    required: ['body', 'type', 'author_id'],
    properties: {
      body: { type: 'string', minLength: 1 },
      type: { enum: [...COMMENT_TYPES] },
      author_id: { type: 'string', minLength: 1 },
      added_at: dateTime,
    },
    additionalProperties: false,
  },
  CommentUpdate: {
    type: 'object',
    properties: { body: { type: 'string', minLength: 1 }, added_at: dateTime },
    additionalProperties: false,
  },
};
