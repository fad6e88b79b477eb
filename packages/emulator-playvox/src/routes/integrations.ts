import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { fieldError, notFound } from '../errors.js';
import { listEnvelope } from '../listing.js';
import type { IntegrationRecord, MetadataField } from '../types.js';
import { requireObject, validateIntegration, validateMetadata } from '../validation.js';
import { API, listParams, ok, type RouteDeps, requireIntegration, result, SUCCESS } from './common.js';

/** Registers `integrations` and their `metadata`. */
export function registerIntegrationRoutes(router: Router, deps: RouteDeps): void {
  const { store } = deps;

  const checkNameFree = (name: string | undefined, self?: IntegrationRecord) => {
    const clash = name === undefined ? undefined : store.integrationByName(name);
    if (clash && clash !== self)
      throw fieldError(409, 'name', `an integration named '${name}' already exists`);
  };

  router.get(`${API}/integrations`, (ctx) => ok(listEnvelope(store.integrations(), listParams(ctx, deps))));

  router.get(`${API}/integrations/:integrationId`, (ctx) => result(requireIntegration(ctx, deps)));

  router.post(`${API}/integrations`, (ctx) => {
    const input = validateIntegration(requireObject(ctx.body), 'create');
    checkNameFree(input.name);
    const integration = store.addIntegration(
      input.name!,
      input.description ?? '',
      input.data_storage_minutes!,
    );
    return ok({ success: true, _id: integration._id });
  });

  router.put(`${API}/integrations/:integrationId`, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const input = validateIntegration(requireObject(ctx.body), 'update');
    checkNameFree(input.name, integration);
    store.updateIntegration(integration, input);
    return SUCCESS;
  });

  router.delete(`${API}/integrations/:integrationId`, (ctx) => {
    store.deleteIntegration(requireIntegration(ctx, deps)._id);
    return SUCCESS;
  });

  router.post(`${API}/integrations/:integrationId/metadata`, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const { rules } = deps.config();
    const input = validateMetadata(requireObject(ctx.body), 'create', integration.metadata, rules);
    if (integration.metadata.length >= rules.maxMetadataFields)
      throw fieldError(422, 'metadata', `an integration has at most ${rules.maxMetadataFields} fields`);
    const field: MetadataField = {
      _id: store.newId(),
      field_id: input.field_id!,
      type: input.type!,
      allowed: input.allowed ?? [],
      required: input.required ?? false,
      available_in: input.available_in ?? [],
    };
    store.setMetadata(integration, [...integration.metadata, field]);
    return ok({ success: true, _id: integration._id, metadata: integration.metadata });
  });

  const requireField = (ctx: RouteContext, integration: IntegrationRecord): MetadataField => {
    const id = ctx.params.metadataId ?? '';
    const field = integration.metadata.find((f) => f._id === id);
    if (!field) throw notFound('metadata_id', id);
    return field;
  };

  router.put(`${API}/integrations/:integrationId/metadata/:metadataId`, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const field = requireField(ctx, integration);
    const others = integration.metadata.filter((f) => f !== field);
    const input = validateMetadata(requireObject(ctx.body), 'update', others, deps.config().rules, field);
    if (store.interactionCount(integration._id) > 0) {
      // Stored values were checked against the old definition; renaming or retyping would orphan them.
      if (input.type !== undefined && input.type !== field.type)
        throw fieldError(422, 'type', 'cannot change once the integration has interactions');
      if (input.field_id !== undefined && input.field_id !== field.field_id)
        throw fieldError(422, 'field_id', 'cannot change once the integration has interactions');
    }
    const updated: MetadataField = { ...field, ...input };
    store.setMetadata(
      integration,
      integration.metadata.map((f) => (f === field ? updated : f)),
    );
    return SUCCESS;
  });

  router.delete(`${API}/integrations/:integrationId/metadata/:metadataId`, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const field = requireField(ctx, integration);
    store.setMetadata(
      integration,
      integration.metadata.filter((f) => f !== field),
    );
    return SUCCESS;
  });
}
