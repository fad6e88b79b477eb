/** Custom integrations and their metadata fields. */
import type { PagePromise } from '@voxbridge/core';
import { integrationUpdateBody, metadataCreateBody, metadataUpdateBody } from '../serialize.js';
import { type CallOptions, idSegment, segment } from '../transport.js';
import type {
  Integration,
  IntegrationCreate,
  IntegrationUpdate,
  ListParams,
  MetadataCreate,
  MetadataField,
  MetadataUpdate,
  PlayvoxPage,
} from '../types.js';
import { assertDataStorageMinutes, requireId, requireText } from '../validation.js';
import { PlayvoxResource } from './resource.js';

/** Integrations (the containers interactions belong to) and their metadata fields. */
export class Integrations extends PlayvoxResource {
  /** One page (`await`) or every integration, built-in and custom (`for await`). */
  list(
    params: ListParams = {},
    options: CallOptions = {},
  ): PagePromise<PlayvoxPage<Integration>, Integration> {
    return this.transport.list<Integration>('integrations', params, options);
  }

  /** One integration with its metadata fields (`GET integrations/{id}`). */
  async retrieve(id: string, options: CallOptions = {}): Promise<Integration> {
    return this.transport.getResult<Integration>(`integrations/${idSegment(id, 'id')}`, options);
  }

  /**
   * Creates an integration (`POST integrations`, storage under `settings.data_storage_minutes`) and
   * returns its id. Sent once: Playvox does not deduplicate.
   */
  async create(integration: IntegrationCreate, options: CallOptions = {}): Promise<string> {
    const body = {
      name: requireText(integration?.name, 'name'),
      description: requireText(integration.description, 'description'),
      settings: { data_storage_minutes: assertDataStorageMinutes(integration.dataStorageMinutes) },
    };
    return this.transport.createTopLevelId('integrations', body, options);
  }

  /** Changes an integration (`PUT integrations/{id}`; storage nested under `settings`, as on create). */
  async update(id: string, patch: IntegrationUpdate, options: CallOptions = {}): Promise<void> {
    const integrationId = requireId(id, 'id');
    await this.transport.write(
      'PUT',
      `integrations/${segment(integrationId)}`,
      integrationUpdateBody(patch),
      options,
    );
  }

  /** Deletes an integration (`DELETE integrations/{id}`). */
  async delete(id: string, options: CallOptions = {}): Promise<void> {
    await this.transport.write('DELETE', `integrations/${idSegment(id, 'id')}`, undefined, options);
  }

  /**
   * Adds a metadata field (`POST integrations/{id}/metadata`) and returns the new field's `_id`,
   * found by `field_id` in the answer's `metadata` list (a {@link PlayvoxResponseError} if absent).
   */
  async addMetadata(id: string, field: MetadataCreate, options: CallOptions = {}): Promise<string> {
    const integrationId = requireId(id, 'id');
    const body = metadataCreateBody(field);
    const answer = await this.transport.post(
      `integrations/${segment(integrationId)}/metadata`,
      body,
      options,
    );
    const metadata = answer.body.metadata;
    const created = Array.isArray(metadata)
      ? (metadata as MetadataField[]).find((entry) => entry?.field_id === body.field_id)
      : undefined;
    if (!created || typeof created._id !== 'string') {
      throw this.transport.contractError(
        answer,
        `the answer's metadata list has no field_id ${String(body.field_id)}`,
      );
    }
    return created._id;
  }

  /** Changes a metadata field (`PUT integrations/{id}/metadata/{metadataId}`). */
  async updateMetadata(
    id: string,
    metadataId: string,
    patch: MetadataUpdate,
    options: CallOptions = {},
  ): Promise<void> {
    await this.transport.write('PUT', metadataPath(id, metadataId), metadataUpdateBody(patch), options);
  }

  /** Deletes a metadata field (`DELETE integrations/{id}/metadata/{metadataId}`). */
  async deleteMetadata(id: string, metadataId: string, options: CallOptions = {}): Promise<void> {
    await this.transport.write('DELETE', metadataPath(id, metadataId), undefined, options);
  }
}

/** `integrations/{id}/metadata/{metadataId}`, both ids checked. */
function metadataPath(id: string, metadataId: string): string {
  return `integrations/${idSegment(id, 'id')}/metadata/${idSegment(metadataId, 'metadataId')}`;
}
