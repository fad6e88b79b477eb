import type { Playvox } from '@voxbridge/playvox';
import type { BridgeConfig } from '../config/schema.js';
import { type PlanStep, planIntegration, type RemoteIntegration } from './qa-plan.js';

/** Options of {@link applyIntegration}. */
export interface ApplyOptions {
  /** Only compute and return the plan. */
  dryRun?: boolean;
  /** Delete metadata fields that are not in the configuration. */
  prune?: boolean;
}

/** What `apply` found and did. */
export interface ApplyResult {
  plan: PlanStep[];
  /** The integration's id (undefined on a dry run that would create it). */
  integrationId: string | undefined;
  applied: boolean;
}

/** Finds the integration by its configured name (names are unique in Playvox). */
export async function findIntegration(
  playvox: Playvox,
  name: string,
): Promise<RemoteIntegration | undefined> {
  for await (const integration of playvox.integrations.list({ query: { name } })) {
    if (integration.name === name)
      return (await playvox.integrations.retrieve(integration._id)) as unknown as RemoteIntegration;
  }
  return undefined;
}

/**
 * Makes Playvox match the configuration: finds the integration by name or creates it, adds missing
 * metadata fields (datetime first), updates changed ones, and reports — or with `prune` deletes —
 * fields the configuration does not have. Running it twice changes nothing the second time.
 */
export async function applyIntegration(
  playvox: Playvox,
  config: BridgeConfig['playvox'],
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const remote = await findIntegration(playvox, config.integration.name);
  const plan = planIntegration(config, remote, options.prune ?? false);
  if (options.dryRun) return { plan, integrationId: remote?._id, applied: false };
  let integrationId = remote?._id;
  for (const step of plan) {
    switch (step.action) {
      case 'create-integration':
        integrationId = await playvox.integrations.create({
          name: step.name,
          description: step.description,
          dataStorageMinutes: step.dataStorageMinutes,
        });
        break;
      case 'update-integration':
        await playvox.integrations.update(integrationId!, step.changes);
        break;
      case 'add-field':
        await playvox.integrations.addMetadata(integrationId!, {
          fieldId: step.field.fieldId,
          type: step.field.type,
          allowed: step.field.allowed,
          required: step.field.required,
          availableIn: step.field.availableIn,
        });
        break;
      case 'update-field':
        await playvox.integrations.updateMetadata(integrationId!, step.metadataId, step.changes);
        break;
      case 'delete-field':
        await playvox.integrations.deleteMetadata(integrationId!, step.metadataId);
        break;
      case 'report-extra-field':
        break;
    }
  }
  return { plan, integrationId, applied: true };
}
