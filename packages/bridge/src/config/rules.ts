import { compileIdentifier, lintTasks } from '../apply/wfm-lint.js';
import type { BridgeConfig } from './schema.js';

/**
 * The rules that span several keys, checked when the configuration is loaded — before anything runs —
 * so that a mistake is one clear line at start instead of every interaction dead-lettered at run time,
 * or `apply` failing halfway. Each problem names the YAML path it is about.
 */
export function crossFieldProblems(config: BridgeConfig): string[] {
  return [
    ...metadataProblems(config),
    ...mappingProblems(config),
    ...assigneeProblems(config),
    ...wfmProblems(config),
  ];
}

function metadataProblems(config: BridgeConfig): string[] {
  const problems: string[] = [];
  config.playvox.metadata.forEach((field, i) => {
    if (field.type === 'list' && field.allowed.length === 0)
      problems.push(
        `playvox.metadata[${i}].allowed: a list field needs its allowed values (Playvox refuses a list field without them)`,
      );
    if (field.type !== 'list' && field.allowed.length > 0)
      problems.push(
        `playvox.metadata[${i}].allowed: only a list field has allowed values (this one is ${field.type})`,
      );
  });
  return problems;
}

function mappingProblems(config: BridgeConfig): string[] {
  const problems: string[] = [];
  const fieldIds = config.playvox.metadata.map((f) => f.fieldId);
  config.mapping.fields.forEach((rule, i) => {
    if (!fieldIds.includes(rule.field))
      problems.push(
        `mapping.fields[${i}].field: "${rule.field}" is not in playvox.metadata (fields: ${fieldIds.join(', ')})`,
      );
  });
  config.playvox.metadata.forEach((field, i) => {
    if (field.required && !config.mapping.fields.some((rule) => rule.field === field.fieldId))
      problems.push(
        `playvox.metadata[${i}]: required field ${field.fieldId} has no mapping.fields rule, so every interaction would be dead-lettered`,
      );
  });
  return problems;
}

function assigneeProblems(config: BridgeConfig): string[] {
  const problems: string[] = [];
  const { assignee } = config.mapping;
  if (assignee.mode === 'table' && Object.keys(assignee.table).length === 0)
    problems.push('mapping.assignee.table: mode table needs at least one "agent login: Playvox user" entry');
  if (assignee.mode === 'template' && !/\{[^}]+\}/.test(assignee.template))
    problems.push(
      `mapping.assignee.template: mode template needs a template with a record field, such as {agentLoginId}@example.com (got "${assignee.template}")`,
    );
  return problems;
}

function wfmProblems(config: BridgeConfig): string[] {
  const wfm = config.wfm;
  if (!wfm) return [];
  const problems: string[] = [];
  const taskIndex = new Map(wfm.taskDefinitions.map((task, i) => [task.name, i]));
  for (const finding of lintTasks(config, wfm)) {
    if (finding.severity !== 'error') continue;
    const at =
      finding.kind === 'invalid'
        ? `wfm.taskDefinitions[${taskIndex.get(finding.names[0]!)}].identifiers.${finding.source}`
        : 'wfm.taskDefinitions';
    problems.push(`${at}: ${finding.message}`);
  }
  wfm.workstreams.extra.forEach((workstream, i) => {
    for (const [source, pattern] of Object.entries(workstream.identifiers)) {
      if (pattern === undefined) continue;
      try {
        compileIdentifier(pattern);
      } catch (error) {
        problems.push(
          `wfm.workstreams.extra[${i}].identifiers.${source}: /${pattern}/ is not a valid regular expression (${(error as Error).message})`,
        );
      }
    }
  });
  return problems;
}

/**
 * What is valid but probably not meant, for `voxbridge check`: SMS and email attempts carry no agent, so
 * without `mapping.assignee.fallback` each of them is dead-lettered (some set-ups want exactly that).
 */
export function configWarnings(config: BridgeConfig): string[] {
  const { assignee, interactionTypes } = config.mapping;
  const feedTypes = config.livevox.feed.filter.interactionType;
  const agentless = interactionTypes.filter(
    (t) => t !== 'VOICE' && (feedTypes === undefined || feedTypes.includes(t)),
  );
  return agentless.length > 0 && !assignee.fallback
    ? [
        `mapping.assignee.fallback: not set, so every ${agentless.join(' and ')} interaction (they carry no agent) will be dead-lettered`,
      ]
    : [];
}
