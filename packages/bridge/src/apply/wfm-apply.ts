import type { Gladly, Webhook } from '@voxbridge/gladly';
import type { LiveVox } from '@voxbridge/livevox';
import { escapeIdentifier, type WfmTaskDefinitionInput, type WfmWorkstreamInput } from '@voxbridge/playvox';
import type { WfmClients } from '../clients.js';
import type { BridgeConfig } from '../config/schema.js';
import type { WfmSource } from '../config/wfm-defaults.js';
import type { GladlyConfig, WfmConfig } from '../config/wfm-schema.js';
import type { WithProgress } from '../progress.js';
import { type LintFinding, lintIdentifiers, lintTasks } from './wfm-lint.js';
import {
  aliasesOf,
  planRecords,
  planWebhook,
  taskInput,
  type WantedWorkstream,
  type WfmPlanStep,
  workstreamInput,
} from './wfm-plan.js';

/** Options of {@link applyWfm}; progress is reported per step carried out (phase `playvox-wfm`). */
export interface ApplyWfmOptions extends WithProgress {
  /** Only read, lint and plan. */
  dryRun?: boolean;
  /**
   * Create or re-enable the Gladly webhook enabled. Gladly PINGs the URL when a webhook is enabled, so
   * this only works while the bridge's receiver is up; by default `apply` leaves a new webhook disabled
   * and the running bridge enables it.
   */
  enableWebhook?: boolean;
  /** Send the configured webhook credentials again (after changing the password). */
  rotateWebhookCredentials?: boolean;
  signal?: AbortSignal;
}

/** What `applyWfm` found and did. */
export interface ApplyWfmResult {
  plan: WfmPlanStep[];
  /** Problems with the regular expressions, found before anything was sent. */
  lint: LintFinding[];
  /** True when the plan was carried out. */
  applied: boolean;
  /** True when a lint error stopped the apply (nothing was sent). */
  blocked: boolean;
  /** The Gladly webhook's id, when there is (or now is) one. */
  webhookId: string | undefined;
}

/** The WFM workstreams the configuration wants: Gladly inboxes, LiveVox services and extra ones, merged by name. */
async function wantedWorkstreams(
  config: WfmConfig,
  clients: WfmClients,
  signal: AbortSignal | undefined,
): Promise<{ wanted: WantedWorkstream[]; samples: Partial<Record<WfmSource, string[]>>; notes: string[] }> {
  const byName = new Map<string, WantedWorkstream>();
  const samples: Partial<Record<WfmSource, string[]>> = {};
  const notes: string[] = [];
  const add = (source: WfmSource, queue: { id: string | number; name: string }) => {
    const key = queue.name.toLowerCase();
    const entry = byName.get(key) ?? { name: queue.name, identifiers: {} };
    entry.identifiers[source] = `${escapeIdentifier(String(queue.id))}|${escapeIdentifier(queue.name)}`;
    byName.set(key, entry);
    const list = samples[source] ?? [];
    list.push(String(queue.id));
    samples[source] = list;
  };
  const { gladlyInboxes, livevoxServices } = config.workstreams;
  if (clients.gladly && gladlyInboxes !== 'none') {
    const inboxes = await clients.gladly.inboxes.list({ signal });
    const chosen =
      gladlyInboxes === 'all'
        ? inboxes.filter((inbox) => !inbox.disabled)
        : inboxes.filter((inbox) => gladlyInboxes.includes(inbox.id));
    if (Array.isArray(gladlyInboxes)) {
      for (const id of gladlyInboxes)
        if (!inboxes.some((inbox) => inbox.id === id))
          notes.push(`wfm.workstreams.gladlyInboxes: Gladly has no inbox ${id}`);
    }
    for (const inbox of chosen) add('gladly', inbox);
  }
  if (Array.isArray(livevoxServices)) {
    for (const service of livevoxServices) add('livevox', service);
  } else if (livevoxServices === 'all' && clients.livevox) {
    for (const service of await liveVoxServices(clients.livevox)) add('livevox', service);
  }
  for (const extra of config.workstreams.extra) {
    const key = extra.name.toLowerCase();
    const entry = byName.get(key) ?? { name: extra.name, identifiers: {} };
    entry.identifiers = { ...entry.identifiers, ...extra.identifiers };
    if (extra.channel !== undefined) entry.channel = extra.channel;
    byName.set(key, entry);
  }
  return { wanted: [...byName.values()], samples, notes };
}

/** LiveVox's services (`serviceId`, `serviceName`) from the service statistics. */
async function liveVoxServices(livevox: LiveVox): Promise<Array<{ id: string; name: string }>> {
  const stats = await livevox.realtime.service.stats();
  const seen = new Map<string, string>();
  for (const service of stats) seen.set(String(service.serviceId), service.serviceName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Finds the webhook pointing at the configured URL. */
async function findWebhook(gladly: Gladly, url: string, signal?: AbortSignal): Promise<Webhook | undefined> {
  return (await gladly.webhooks.list({ signal })).find((webhook) => webhook.url === url);
}

/**
 * Makes Playvox WFM and Gladly match the configuration, as `voxbridge apply` does: lints the Integration
 * Identifiers (invalid, overlapping, or matching nothing in a sample of statuses and workstream values)
 * before anything is sent; then creates or updates the task definitions and workstreams (Gladly inboxes
 * as `inboxId|inboxName`, LiveVox services as `serviceId|serviceName`) and the Gladly webhook pointing at
 * the bridge's receiver with Basic credentials. A lint error stops it with nothing sent. Running it
 * twice changes nothing the second time.
 */
export async function applyWfm(
  config: BridgeConfig,
  clients: WfmClients,
  options: ApplyWfmOptions = {},
): Promise<ApplyWfmResult> {
  const wfm = config.wfm;
  if (!wfm) throw new Error('the configuration has no wfm section');
  const { signal } = options;
  const aliases = aliasesOf(wfm);
  const { wanted, samples, notes } = await wantedWorkstreams(wfm, clients, signal);
  const lint = [
    ...lintTasks(config, wfm),
    ...lintIdentifiers({ target: 'workstream', records: wanted, samples }),
  ];
  const [tasks, workstreams] = await Promise.all([
    clients.wfm.taskDefinitions({ signal }),
    clients.wfm.workstreams({ signal }),
  ]);
  const plan: WfmPlanStep[] = [
    ...notes.map((message): WfmPlanStep => ({ action: 'note', message })),
    ...planRecords(
      'task',
      wfm.taskDefinitions.map((task) => taskInput(task, aliases)),
      tasks,
    ),
    ...planRecords(
      'workstream',
      wanted.map((workstream) => workstreamInput(workstream, aliases)),
      workstreams,
    ),
  ];
  let webhook: Webhook | undefined;
  if (clients.gladly && config.gladly) {
    webhook = config.gladly.webhook.url
      ? await findWebhook(clients.gladly, config.gladly.webhook.url, signal)
      : undefined;
    plan.push(
      ...planWebhook(config.gladly.webhook, webhook, {
        enable: options.enableWebhook ?? false,
        rotateCredentials: options.rotateWebhookCredentials ?? false,
      }),
    );
  }
  const blocked = lint.some((finding) => finding.severity === 'error');
  if (options.dryRun || blocked) return { plan, lint, applied: false, blocked, webhookId: webhook?.id };
  let webhookId = webhook?.id;
  const report = (done: number) =>
    options.onProgress?.({ done, total: plan.length, phase: 'playvox-wfm', unit: 'steps' });
  report(0);
  for (const [index, step] of plan.entries()) {
    const created = await carryOut(step, clients, config.gladly, signal);
    if (created) webhookId = created;
    report(index + 1);
  }
  return { plan, lint, applied: true, blocked: false, webhookId };
}

/** Carries out one step; returns the id of a webhook it created. */
async function carryOut(
  step: WfmPlanStep,
  clients: WfmClients,
  gladly: GladlyConfig | undefined,
  signal?: AbortSignal,
): Promise<string | undefined> {
  switch (step.action) {
    case 'create-task':
      await clients.wfm.createTaskDefinition(step.input, { signal });
      return undefined;
    case 'update-task':
      await clients.wfm.updateTaskDefinition(step.id, step.changes as Partial<WfmTaskDefinitionInput>, {
        signal,
      });
      return undefined;
    case 'create-workstream':
      await clients.wfm.createWorkstream(step.input, { signal });
      return undefined;
    case 'update-workstream':
      await clients.wfm.updateWorkstream(step.id, step.changes as Partial<WfmWorkstreamInput>, { signal });
      return undefined;
    case 'create-webhook': {
      const credentials = webhookCredentials(gladly!);
      const created = await clients.gladly!.webhooks.create(
        { name: step.name, url: step.url, events: step.events, enabled: step.enabled, credentials },
        { signal },
      );
      return created.id;
    }
    case 'update-webhook': {
      const { credentials, ...rest } = step.changes;
      await clients.gladly!.webhooks.update(
        step.id,
        { ...rest, ...(credentials ? { credentials: webhookCredentials(gladly!) } : {}) },
        { signal },
      );
      return undefined;
    }
    case 'note':
      return undefined;
  }
}

/** The Basic credentials Gladly sends with each delivery. */
export function webhookCredentials(gladly: GladlyConfig): { username: string; password: string } {
  return { username: gladly.webhook.username, password: gladly.webhook.password! };
}
