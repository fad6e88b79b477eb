import type { BridgeConfig, MetadataFieldConfig } from '../config/schema.js';

/** A metadata field as Playvox returns it. */
export interface RemoteField {
  _id: string;
  field_id: string;
  type: string;
  allowed?: string[];
  required?: boolean;
  available_in?: string[];
}

/** The integration as Playvox returns it (undefined when it does not exist yet). */
export interface RemoteIntegration {
  _id: string;
  name: string;
  description?: string;
  settings?: { data_storage_minutes?: number };
  metadata?: RemoteField[];
}

/** One change `voxbridge apply` makes (or, with `--dry-run`, would make). */
export type PlanStep =
  | { action: 'create-integration'; name: string; description: string; dataStorageMinutes: number }
  | { action: 'update-integration'; changes: { description?: string; dataStorageMinutes?: number } }
  | { action: 'add-field'; field: MetadataFieldConfig }
  | {
      action: 'update-field';
      fieldId: string;
      metadataId: string;
      changes: Partial<Pick<MetadataFieldConfig, 'type' | 'allowed' | 'required' | 'availableIn'>>;
    }
  | { action: 'delete-field'; fieldId: string; metadataId: string }
  | { action: 'report-extra-field'; fieldId: string; metadataId: string };

const sameList = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

/**
 * Compares the configuration with what Playvox has and lists the changes: create the integration,
 * add missing fields, update changed ones, and report (or with `prune`, delete) fields the
 * configuration does not have. An empty plan means Playvox already matches.
 */
export function planIntegration(
  config: BridgeConfig['playvox'],
  remote: RemoteIntegration | undefined,
  prune: boolean,
): PlanStep[] {
  const steps: PlanStep[] = [];
  const { integration } = config;
  if (!remote) {
    steps.push({
      action: 'create-integration',
      name: integration.name,
      description: integration.description,
      dataStorageMinutes: integration.dataStorageMinutes,
    });
    for (const field of config.metadata) steps.push({ action: 'add-field', field });
    return steps;
  }
  const changes: { description?: string; dataStorageMinutes?: number } = {};
  if ((remote.description ?? '') !== integration.description) changes.description = integration.description;
  if (
    remote.settings?.data_storage_minutes !== undefined &&
    remote.settings.data_storage_minutes !== integration.dataStorageMinutes
  ) {
    changes.dataStorageMinutes = integration.dataStorageMinutes;
  }
  if (Object.keys(changes).length > 0) steps.push({ action: 'update-integration', changes });
  const remoteFields = new Map((remote.metadata ?? []).map((f) => [f.field_id, f]));
  // Datetime fields first: Playvox accepts interactions only once one exists.
  const ordered = [...config.metadata].sort(
    (a, b) => Number(b.type === 'datetime') - Number(a.type === 'datetime'),
  );
  for (const field of ordered) {
    const existing = remoteFields.get(field.fieldId);
    if (!existing) {
      steps.push({ action: 'add-field', field });
      continue;
    }
    const diff: Extract<PlanStep, { action: 'update-field' }>['changes'] = {};
    if (existing.type !== field.type) diff.type = field.type;
    if (!sameList(existing.allowed, field.allowed)) diff.allowed = field.allowed;
    if (Boolean(existing.required) !== field.required) diff.required = field.required;
    if (!sameList(existing.available_in, field.availableIn)) diff.availableIn = field.availableIn;
    if (Object.keys(diff).length > 0)
      steps.push({ action: 'update-field', fieldId: field.fieldId, metadataId: existing._id, changes: diff });
  }
  const wanted = new Set(config.metadata.map((f) => f.fieldId));
  for (const field of remote.metadata ?? []) {
    if (!wanted.has(field.field_id))
      steps.push({
        action: prune ? 'delete-field' : 'report-extra-field',
        fieldId: field.field_id,
        metadataId: field._id,
      });
  }
  return steps;
}

/** One line per step, for the printed plan. */
export function describeStep(step: PlanStep): string {
  switch (step.action) {
    case 'create-integration':
      return `+ create integration "${step.name}" (data storage ${step.dataStorageMinutes} min)`;
    case 'update-integration':
      return `~ update integration: ${Object.entries(step.changes)
        .map(([k, v]) => `${k} → ${JSON.stringify(v)}`)
        .join(', ')}`;
    case 'add-field':
      return `+ add metadata field ${step.field.fieldId} (${step.field.type}${step.field.required ? ', required' : ''})`;
    case 'update-field':
      return `~ update metadata field ${step.fieldId}: ${Object.entries(step.changes)
        .map(([k, v]) => `${k} → ${JSON.stringify(v)}`)
        .join(', ')}`;
    case 'delete-field':
      return `- delete metadata field ${step.fieldId} (not in the configuration; --prune)`;
    case 'report-extra-field':
      return `! metadata field ${step.fieldId} is in Playvox but not in the configuration (kept; --prune deletes it)`;
  }
}
