import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { qa } from '@voxbridge/playvox/wire';
import { conform, fieldError, notFound } from '../errors.js';
import { listEnvelope } from '../listing.js';
import type { IntegrationRecord, MetadataField } from '../types.js';
import { requireObject, validateIntegration, validateMetadata } from '../validation.js';
import { listParams, ok, type RouteDeps, requireIntegration, result, SUCCESS, serve } from './common.js';

/** Registers `integrations` and their `metadata`. */
export function registerIntegrationRoutes(router: Router, deps: RouteDeps): void {
  const { store } = deps;

  const checkNameFree = (name: string | undefined, self?: IntegrationRecord) => {
    const clash = name === undefined ? undefined : store.integrationByName(name);
    if (clash && clash !== self)
      throw fieldError(409, 'name', `an integration named '${name}' already exists`);
  };

  serve(router, qa.listIntegrations, (ctx) => ok(listEnvelope(store.integrations(), listParams(ctx, deps))));

  serve(router, qa.getIntegration, (ctx) => result(requireIntegration(ctx, deps)));

  serve(router, qa.createIntegration, (ctx) => {
    const input = validateIntegration(requireObject(ctx.body), 'create');
    conform(qa.integrationCreate, ctx.body);
    checkNameFree(input.name);
    const integration = store.addIntegration(
      input.name!,
      input.description ?? '',
      input.data_storage_minutes!,
    );
    return ok({ success: true, _id: integration._id });
  });

  serve(router, qa.updateIntegration, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const input = validateIntegration(requireObject(ctx.body), 'update');
    conform(qa.integrationUpdate, ctx.body);
    checkNameFree(input.name, integration);
    store.updateIntegration(integration, input);
    return SUCCESS;
  });

  serve(router, qa.deleteIntegration, (ctx) => {
    store.deleteIntegration(requireIntegration(ctx, deps)._id);
    return SUCCESS;
  });

  serve(router, qa.addMetadata, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const { rules } = deps.config();
    const input = validateMetadata(requireObject(ctx.body), 'create', integration.metadata, rules);
    conform(qa.metadataCreate, ctx.body);
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

  serve(router, qa.updateMetadata, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const field = requireField(ctx, integration);
    const others = integration.metadata.filter((f) => f !== field);
    const input = validateMetadata(requireObject(ctx.body), 'update', others, deps.config().rules, field);
    conform(qa.metadataUpdate, ctx.body);
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

  serve(router, qa.deleteMetadata, (ctx) => {
    const integration = requireIntegration(ctx, deps);
    const field = requireField(ctx, integration);
    store.setMetadata(
      integration,
      integration.metadata.filter((f) => f !== field),
    );
    return SUCCESS;
  });
}
