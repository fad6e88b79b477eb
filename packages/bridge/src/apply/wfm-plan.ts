import type { Webhook } from '@voxbridge/gladly';
import type {
  WfmIntegrationIdentifiers,
  WfmTaskDefinition,
  WfmTaskDefinitionInput,
  WfmWorkstream,
  WfmWorkstreamInput,
} from '@voxbridge/playvox';
import type { TaskDefinitionConfig, WfmSource } from '../config/wfm-defaults.js';
import type { GladlyConfig, WfmConfig } from '../config/wfm-schema.js';
import type { LintFinding } from './wfm-lint.js';

/** One change `applyWfm` makes (or, on a dry run, would make), or a note about the set-up. */
export type WfmPlanStep =
  | { action: 'create-task'; input: WfmTaskDefinitionInput }
  | { action: 'update-task'; id: number; name: string; changes: Partial<WfmTaskDefinitionInput> }
  | { action: 'create-workstream'; input: WfmWorkstreamInput }
  | { action: 'update-workstream'; id: number; name: string; changes: Partial<WfmWorkstreamInput> }
  | { action: 'create-webhook'; name: string; url: string; events: string[]; enabled: boolean }
  | { action: 'update-webhook'; id: string; url: string; changes: WebhookChanges }
  | { action: 'note'; message: string };

/** What an `update-webhook` step changes; credentials are shown as `true`, never their value. */
export interface WebhookChanges {
  name?: string;
  events?: string[];
  enabled?: boolean;
  credentials?: true;
}

/** A workstream wanted by the configuration, with identifiers per source and the values that source sends. */
export interface WantedWorkstream {
  name: string;
  channel?: string | null;
  identifiers: Partial<Record<WfmSource, string>>;
}

/** Source → integration alias, as the `wfm.integrations` section names them. */
export type AliasMap = Record<WfmSource, string>;

/** A source-keyed identifier map, written with the tenant's integration aliases. */
export function toAliases(
  identifiers: Partial<Record<WfmSource, string>>,
  aliases: AliasMap,
): WfmIntegrationIdentifiers {
  const out: WfmIntegrationIdentifiers = {};
  for (const [source, pattern] of Object.entries(identifiers) as Array<[WfmSource, string | undefined]>) {
    if (pattern !== undefined) out[aliases[source]] = pattern;
  }
  return out;
}

/** The WFM body of a configured task definition. */
export function taskInput(task: TaskDefinitionConfig, aliases: AliasMap): WfmTaskDefinitionInput {
  const { identifiers, ...fields } = task;
  return { ...fields, integrationIdentifiers: toAliases(identifiers, aliases) };
}

/** The WFM body of a wanted workstream. */
export function workstreamInput(workstream: WantedWorkstream, aliases: AliasMap): WfmWorkstreamInput {
  return {
    name: workstream.name,
    ...(workstream.channel !== undefined ? { channel: workstream.channel } : {}),
    integrationIdentifiers: toAliases(workstream.identifiers, aliases),
  };
}

/**
 * Creates what is missing and updates what differs, by name (case-insensitive). Identifiers of other
 * integrations on an existing record are kept: only this connector's aliases are set.
 */
export function planRecords<
  R extends { id: number; name: string; integrationIdentifiers: WfmIntegrationIdentifiers },
  I extends { name: string; integrationIdentifiers?: WfmIntegrationIdentifiers },
>(kind: 'task' | 'workstream', wanted: readonly I[], remote: readonly R[]): WfmPlanStep[] {
  const byName = new Map(remote.map((record) => [record.name.toLowerCase(), record]));
  const steps: WfmPlanStep[] = [];
  for (const input of wanted) {
    const current = byName.get(input.name.toLowerCase());
    if (!current) {
      steps.push(kind === 'task' ? { action: 'create-task', input } : { action: 'create-workstream', input });
      continue;
    }
    const changes: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined || key === 'name' || key === 'integrationIdentifiers') continue;
      if (JSON.stringify((current as Record<string, unknown>)[key]) !== JSON.stringify(value))
        changes[key] = value;
    }
    const merged = { ...current.integrationIdentifiers, ...input.integrationIdentifiers };
    if (!sameMap(merged, current.integrationIdentifiers)) changes.integrationIdentifiers = merged;
    if (Object.keys(changes).length === 0) continue;
    steps.push(
      kind === 'task'
        ? { action: 'update-task', id: current.id, name: current.name, changes }
        : { action: 'update-workstream', id: current.id, name: current.name, changes },
    );
  }
  return steps;
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The webhook step: create it, bring it in line with the configuration, or nothing. */
export function planWebhook(
  config: GladlyConfig['webhook'],
  existing: Webhook | undefined,
  options: { enable: boolean; rotateCredentials: boolean },
): WfmPlanStep[] {
  if (config.url === undefined) {
    return [
      {
        action: 'note',
        message: 'gladly.webhook.url is not set: no webhook, the minutely Events API poll brings every event',
      },
    ];
  }
  if (!existing) {
    return [
      {
        action: 'create-webhook',
        name: config.name,
        url: config.url,
        events: [...config.events],
        enabled: options.enable,
      },
    ];
  }
  const changes: WebhookChanges = {};
  if (existing.name !== config.name) changes.name = config.name;
  const events = [...config.events].sort();
  if (JSON.stringify([...existing.events].sort()) !== JSON.stringify(events))
    changes.events = [...config.events];
  if (!existing.hasCredentials || options.rotateCredentials) changes.credentials = true;
  if (options.enable && !existing.enabled) changes.enabled = true;
  const steps: WfmPlanStep[] = [];
  if (Object.keys(changes).length > 0)
    steps.push({ action: 'update-webhook', id: existing.id, url: existing.url, changes });
  if (!existing.enabled && !options.enable) {
    steps.push({
      action: 'note',
      message: `webhook ${existing.id} is disabled; the running bridge enables it once its receiver answers Gladly's PING`,
    });
  }
  return steps;
}

/** One line per step, for the printed plan. */
export function describeWfmStep(step: WfmPlanStep): string {
  const identifiers = (map?: WfmIntegrationIdentifiers) =>
    Object.entries(map ?? {})
      .map(([alias, pattern]) => `${alias}: /${pattern}/`)
      .join(', ');
  switch (step.action) {
    case 'create-task':
      return `+ create WFM task definition "${step.input.name}" (${identifiers(step.input.integrationIdentifiers)})`;
    case 'update-task':
      return `~ update WFM task definition "${step.name}": ${describeChanges(step.changes)}`;
    case 'create-workstream':
      return `+ create WFM workstream "${step.input.name}" (${identifiers(step.input.integrationIdentifiers)})`;
    case 'update-workstream':
      return `~ update WFM workstream "${step.name}": ${describeChanges(step.changes)}`;
    case 'create-webhook':
      return `+ create Gladly webhook "${step.name}" → ${step.url} for ${step.events.join(', ')} with Basic credentials (${step.enabled ? 'enabled' : 'disabled until the bridge runs'})`;
    case 'update-webhook':
      return `~ update Gladly webhook ${step.id} (${step.url}): ${Object.entries(step.changes)
        .map(([key, value]) =>
          key === 'credentials' ? 'credentials → (set)' : `${key} → ${JSON.stringify(value)}`,
        )
        .join(', ')}`;
    case 'note':
      return `! ${step.message}`;
  }
}

function describeChanges(changes: object): string {
  return Object.entries(changes)
    .map(([key, value]) => `${key} → ${JSON.stringify(value)}`)
    .join(', ');
}

/** One line per lint finding. */
export function describeLintFinding(finding: LintFinding): string {
  return `${finding.severity === 'error' ? '✗' : '⚠'} ${finding.kind}: ${finding.message}`;
}

/** Task definitions and workstreams as WFM has them (the reads `applyWfm` starts from). */
export interface RemoteWfmCatalog {
  tasks: WfmTaskDefinition[];
  workstreams: WfmWorkstream[];
}

/** Source → integration alias of a `wfm` section. */
export function aliasesOf(config: WfmConfig): AliasMap {
  return { gladly: config.integrations.gladly, livevox: config.integrations.livevox };
}
