import { ConnectionError, InternalServerError, RateLimitError } from '@voxbridge/core';
import type { Playvox } from '@voxbridge/playvox';
import type { BridgeConfig } from '../config/schema.js';
import type { WithProgress } from '../progress.js';
import { type PlanStep, planIntegration, type RemoteIntegration } from './qa-plan.js';

/** Options of {@link applyIntegration}; progress is reported per step carried out (phase `playvox-qa`). */
export interface ApplyOptions extends WithProgress {
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
  const report = (done: number) =>
    options.onProgress?.({ done, total: plan.length, phase: 'playvox-qa', unit: 'steps' });
  report(0);
  for (const [index, step] of plan.entries()) {
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
    report(index + 1);
  }
  return { plan, integrationId, applied: true };
}

/** True for a failure of the service (down, overloaded, unreachable), as opposed to a wrong request. */
function serviceUnavailable(error: unknown): boolean {
  return (
    error instanceof ConnectionError ||
    error instanceof InternalServerError ||
    error instanceof RateLimitError
  );
}

/** What {@link applyAtStart} settled on, and how to stop its retries. */
export interface StartApply {
  apply: ApplyResult;
  /** Stops re-applying in the background (a no-op once applied). */
  cancel(): void;
}

/**
 * Applies the integration at start. When Playvox is down and the store already knows the integration id
 * from an earlier start, the bridge starts with that id (delivery then waits on Playvox's circuit) and
 * applies again every `retryMs` until Playvox answers — instead of exiting, which a supervisor would turn
 * into a crash loop that leaves the LiveVox feed unread. Without a known id, or on an error that is not
 * the service's (bad credentials, a refused field), it throws as before.
 */
export async function applyAtStart(
  playvox: Playvox,
  config: BridgeConfig['playvox'],
  knownIntegrationId: string | undefined,
  onLater: (event: { applied?: ApplyResult; error?: unknown }) => void,
  retryMs = 30_000,
): Promise<StartApply> {
  try {
    return { apply: await applyIntegration(playvox, config), cancel: () => {} };
  } catch (error) {
    if (!knownIntegrationId || !serviceUnavailable(error)) throw error;
    onLater({ error });
    let timer: NodeJS.Timeout | undefined;
    let cancelled = false;
    const retry = () => {
      timer = setTimeout(async () => {
        try {
          const applied = await applyIntegration(playvox, config);
          if (!cancelled) onLater({ applied });
        } catch (later) {
          if (cancelled) return;
          if (!serviceUnavailable(later)) onLater({ error: later });
          retry();
        }
      }, retryMs);
      timer.unref();
    };
    retry();
    return {
      apply: { plan: [], integrationId: knownIntegrationId, applied: false },
      cancel: () => {
        cancelled = true;
        clearTimeout(timer);
      },
    };
  }
}
