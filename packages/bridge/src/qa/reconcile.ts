import type { LiveVox } from '@voxbridge/livevox';
import type { Playvox } from '@voxbridge/playvox';
import type { BridgeConfig } from '../config/schema.js';
import type { BridgeStore, InteractionRow, InteractionState } from '../store/types.js';
import { historyRow } from './sources/history.js';
import { mapRow } from './stages/process.js';

/**
 * `voxbridge reconcile`: LiveVox's record of a period (the Call Event Recovery report) against what
 * Playvox holds. Playvox is read with its documented list endpoint only, filtered by `interaction_id`
 * (`{interaction_id: {$in: [...]}}`, 100 ids and 100 rows per page): a period of N interactions costs
 * ⌈N/100⌉ GETs (10,000 → 100), plus one more page for each 100 extra copies. Reading by id rather than
 * by a metadata time range finds every copy of an expected interaction whatever its fields say.
 */

const IDS_PER_REQUEST = 100;

/** A field whose value in Playvox differs from what LiveVox's record maps to. */
export interface FieldDifference {
  field: string;
  expected: unknown;
  held: unknown;
}

/** What {@link reconcile} found (and, with `fix`, queued). */
export interface ReconcileReport {
  from: string;
  to: string;
  /** Interactions LiveVox lists for the period. */
  expected: number;
  /** Copies Playvox holds of them. */
  held: number;
  /** `interaction_id`s Playvox does not hold. */
  missing: string[];
  /** `interaction_id`s Playvox holds more than once, with the number of copies. */
  duplicated: Array<{ interactionId: string; copies: number }>;
  /** Interactions whose Playvox metadata differs from the mapped LiveVox record (first copy compared). */
  different: Array<{ interactionId: string; fields: FieldDifference[] }>;
  /** Requests made: LiveVox report pages and Playvox list pages. */
  requests: { livevox: number; playvox: number };
  /** With `fix`: missing interactions queued for delivery, and those already on their way. */
  fixed?: { queued: number; inFlight: number };
}

/** Options of {@link reconcile}. */
export interface ReconcileOptions {
  from: Date | number | string;
  to: Date | number | string;
  /** Queue the missing interactions in the store for the pipeline to deliver (exactly once). */
  fix?: boolean;
  signal?: AbortSignal;
}

/** What reconcile reads and writes. */
export interface ReconcileParts {
  config: BridgeConfig;
  store: BridgeStore;
  livevox: LiveVox;
  playvox: Playvox;
  /** The Playvox integration's `_id` (default: the store's, else found by the configured name). */
  integrationId?: string;
}

// On their way to Playvox already: a fix must not queue them again.
const IN_FLIGHT: InteractionState[] = ['ready', 'mapped', 'sending', 'submitted'];

/** Compares LiveVox's record of `[from, to)` with Playvox's interactions; see the module comment. */
export async function reconcile(parts: ReconcileParts, options: ReconcileOptions): Promise<ReconcileReport> {
  const { config, store, livevox, playvox } = parts;
  const integrationId = parts.integrationId ?? (await findIntegration(parts));
  const filter = config.livevox.feed.filter;
  const types = filter.interactionType?.map((t) => t.toUpperCase());
  const now = Date.now();
  const expected = new Map<string, InteractionRow>();
  let rowsRead = 0;
  for await (const detail of livevox.reporting.callHistory({
    from: options.from,
    to: options.to,
    pageSize: 1000,
    signal: options.signal,
    ...(filter.service?.length ? { service: filter.service.map(String) } : {}),
  })) {
    rowsRead += 1;
    if (types && !types.includes(String(detail.interactionType).toUpperCase())) continue;
    const built = historyRow(detail, now);
    if ('row' in built) expected.set(built.row.interactionId, built.row);
  }
  const report: ReconcileReport = {
    from: new Date(options.from).toISOString(),
    to: new Date(options.to).toISOString(),
    expected: expected.size,
    held: 0,
    missing: [],
    duplicated: [],
    different: [],
    requests: { livevox: Math.max(1, Math.ceil(rowsRead / 1000)), playvox: 0 },
  };
  const held = new Map<string, Array<Record<string, unknown>>>();
  const ids = [...expected.keys()];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
    const chunk = ids.slice(i, i + IDS_PER_REQUEST);
    let page = 1;
    for (;;) {
      const answer = await playvox.interactions.list(
        integrationId,
        { query: { interaction_id: { $in: chunk } }, perPage: 100, page },
        { signal: options.signal },
      );
      report.requests.playvox += 1;
      const items = answer.items as Array<Record<string, unknown>>;
      for (const item of items) {
        const id = String(item.interaction_id);
        held.set(id, [...(held.get(id) ?? []), item]);
        report.held += 1;
      }
      if (!answer.hasNextPage) break;
      page += 1;
    }
  }
  for (const [id, row] of expected) {
    const copies = held.get(id);
    if (!copies) {
      report.missing.push(id);
      continue;
    }
    if (copies.length > 1) report.duplicated.push({ interactionId: id, copies: copies.length });
    const fields = compareFields(config, row, copies[0]!);
    if (fields.length > 0) report.different.push({ interactionId: id, fields });
  }
  if (options.fix)
    report.fixed = await queueMissing(
      store,
      report.missing.map((id) => expected.get(id)!),
    );
  return report;
}

/** The integration's `_id`: the one the bridge recorded, else the one named in the configuration. */
async function findIntegration({ config, store, playvox }: ReconcileParts): Promise<string> {
  const saved = await store.getIntegrationId();
  if (saved) return saved;
  const name = config.playvox.integration.name;
  for await (const integration of playvox.integrations.list({ query: { name } })) return integration._id;
  throw new Error(
    `playvox.integration.name: no Playvox integration is named "${name}" (run voxbridge apply)`,
  );
}

/**
 * The metadata fields that differ between Playvox's copy and what the record maps to. Only fields the
 * record alone determines are compared (the expected payload is mapped without enrichment, so fields
 * that need Context Data or a lookup are absent from it and skipped); times compare as instants.
 */
export function compareFields(
  config: BridgeConfig,
  row: InteractionRow,
  held: Record<string, unknown>,
): FieldDifference[] {
  const mapped = mapRow(config, row);
  if (mapped.letter || !mapped.row.payload) return [];
  const heldMetadata = (held.metadata ?? {}) as Record<string, unknown>;
  const out: FieldDifference[] = [];
  for (const [field, value] of Object.entries(mapped.row.payload.metadata)) {
    if (value === undefined || value === null || value === '') continue;
    const other = heldMetadata[field] ?? held[field];
    if (!sameValue(value, other)) out.push({ field, expected: value, held: other ?? null });
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (b === undefined || b === null) return false;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b);
  const ta = typeof a === 'string' && /^\d{4}-\d\d-\d\d[T ]/.test(a) ? Date.parse(a) : Number.NaN;
  const tb = typeof b === 'string' && /^\d{4}-\d\d-\d\d[T ]/.test(b) ? Date.parse(b) : Number.NaN;
  if (Number.isFinite(ta) && Number.isFinite(tb)) return Math.floor(ta / 1000) === Math.floor(tb / 1000);
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Queues missing interactions as `ready` for the pipeline. A row already on its way is left alone; a
 * row the store thinks delivered (or dead) is queued again, since Playvox does not hold it.
 */
async function queueMissing(
  store: BridgeStore,
  rows: InteractionRow[],
): Promise<{ queued: number; inFlight: number }> {
  const existing = await store.getInteractions(rows.map((r) => r.key));
  const queue: InteractionRow[] = [];
  let inFlight = 0;
  for (const row of rows) {
    const state = existing.get(row.key)?.state;
    if (state && IN_FLIGHT.includes(state)) inFlight += 1;
    else queue.push(row);
  }
  if (queue.length > 0) await store.saveInteractions(queue);
  return { queued: queue.length, inFlight };
}
