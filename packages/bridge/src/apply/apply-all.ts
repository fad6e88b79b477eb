import type { Playvox } from '@voxbridge/playvox';
import type { WfmClients } from '../clients.js';
import type { BridgeConfig } from '../config/schema.js';
import type { WithProgress } from '../progress.js';
import { type ApplyResult, applyIntegration } from './qa-apply.js';
import { describeStep, type PlanStep } from './qa-plan.js';
import { type ApplyWfmResult, applyWfm } from './wfm-apply.js';
import { describeLintFinding, describeWfmStep, type WfmPlanStep } from './wfm-plan.js';

/**
 * Options of {@link applyAll}. Progress is reported while changes are carried out: phase `playvox-qa`,
 * then `playvox-wfm` (a dry run reports nothing).
 */
export interface ApplyAllOptions extends WithProgress {
  /** Only read, lint and plan. */
  dryRun?: boolean;
  /** Delete Playvox QA metadata fields that are not in the configuration. */
  prune?: boolean;
}

/** What `voxbridge apply` found and did, for both products. */
export interface ApplyAllResult {
  qa: ApplyResult | undefined;
  wfm: ApplyWfmResult | undefined;
  /** A WFM lint error stopped everything before any change (QA included). */
  blocked: boolean;
  /** The plan holds at least one change (whether or not it was carried out). */
  changed: boolean;
}

/** Whether a QA step changes something (a reported extra field does not). */
export function isQaChange(step: PlanStep): boolean {
  return step.action !== 'report-extra-field';
}

/** Whether a WFM step changes something (a note does not). */
export function isWfmChange(step: WfmPlanStep): boolean {
  return step.action !== 'note';
}

/**
 * `voxbridge apply` for everything the configuration describes. The configuration's own rules ran at
 * load; here the WFM Integration Identifiers are linted against the live inboxes and services first
 * (a dry WFM plan), so that a lint error stops the run before Playvox QA is changed. Then QA is applied,
 * then WFM.
 */
export async function applyAll(
  config: BridgeConfig,
  clients: { playvox: Playvox; wfm?: WfmClients },
  options: ApplyAllOptions = {},
): Promise<ApplyAllResult> {
  let wfm: ApplyWfmResult | undefined;
  if (config.wfm && clients.wfm) {
    wfm = await applyWfm(config, clients.wfm, { dryRun: true });
    if (wfm.blocked) return { qa: undefined, wfm, blocked: true, changed: false };
  }
  const qa = await applyIntegration(clients.playvox, config.playvox, options);
  if (config.wfm && clients.wfm && !options.dryRun) {
    wfm = await applyWfm(config, clients.wfm, options.onProgress ? { onProgress: options.onProgress } : {});
    if (wfm.blocked) return { qa, wfm, blocked: true, changed: qa.plan.some(isQaChange) };
  }
  const changed = qa.plan.some(isQaChange) || (wfm?.plan.some(isWfmChange) ?? false);
  return { qa, wfm, blocked: false, changed };
}

/** The plan as JSON for `apply --json`: each step with its one-line description. */
export function applyAllJson(config: BridgeConfig, result: ApplyAllResult, dryRun: boolean): unknown {
  return {
    dryRun,
    changed: result.changed,
    blocked: result.blocked,
    qa: result.qa
      ? {
          integration: config.playvox.integration.name,
          integrationId: result.qa.integrationId ?? null,
          applied: result.qa.applied,
          plan: result.qa.plan.map((step) => ({
            ...step,
            change: isQaChange(step),
            text: describeStep(step),
          })),
        }
      : null,
    wfm: result.wfm
      ? {
          applied: result.wfm.applied,
          lint: result.wfm.lint.map((finding) => ({ ...finding, text: describeLintFinding(finding) })),
          plan: result.wfm.plan.map((step) => ({
            ...step,
            change: isWfmChange(step),
            text: describeWfmStep(step),
          })),
        }
      : null,
  };
}
