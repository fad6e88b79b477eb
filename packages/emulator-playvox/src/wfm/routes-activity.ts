import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { toWfmContact } from './contacts.js';
import { checked, ok, type WfmRouteDeps } from './context.js';
import { FieldError, wfmError } from './errors.js';
import { batchOf, parseContactEvent, parseStatusEvent } from './inbound.js';
import { agentMetrics } from './metrics.js';
import { decodePageToken, encodePageToken, readPageSize } from './paging.js';
import type { WfmInboundItemResult } from './state.js';
import { INTEGRATION_ALIAS, parseQueryTime } from './validate.js';

/** Base path of the inbound (designed, not Playvox's) endpoints. */
export const WFM_INBOUND_BASE = '/api/workactivity/integrations/:integration';

/** Adds the work-activity reads and the inbound endpoints. */
export function addActivityRoutes(router: Router, deps: WfmRouteDeps): void {
  const { state } = deps;

  router.get('/api/workactivity/tasks', (ctx) => {
    const { paging } = deps.config();
    const token = ctx.query.get('nextPageToken');
    type Cursor = { k: string; f: number; t: number; s: number; as?: number; ai?: number };
    const cursor: Cursor = token
      ? decodePageToken<Cursor>(token, 'tasks')
      : {
          k: 'tasks',
          f: queryTime(ctx, 'taskStartTimeFrom', true)!,
          t: queryTime(ctx, 'taskStartTimeTo', true)!,
          s: readPageSize(ctx.query, paging.tasksPageSize, paging.maxPageSize),
        };
    const after = (startMs: number, id: number) =>
      cursor.as === undefined || startMs > cursor.as || (startMs === cursor.as && id > (cursor.ai ?? 0));
    const rest = state.statuses
      .intervals(cursor.f, cursor.t, state.catalog)
      .filter((interval) => after(Date.parse(interval.startTime), interval.id));
    const page = rest.slice(0, cursor.s);
    const last = page[page.length - 1];
    const next =
      rest.length > cursor.s && last
        ? encodePageToken({ ...cursor, as: Date.parse(last.startTime), ai: last.id })
        : undefined;
    return ok(page, 200, next ? { nextPageToken: next } : {});
  });

  router.get('/api/workactivity/workstreams/metrics/agents', (ctx) => {
    const fromMs = queryTime(ctx, 'startTime', true)!;
    const toMs = queryTime(ctx, 'endTime', false) ?? state.clock.now();
    const data = agentMetrics(
      state.contacts.list(),
      {
        fromMs,
        toMs,
        userGrouping: queryFlag(ctx, 'userGrouping'),
        dateGrouping: queryFlag(ctx, 'dateGrouping'),
      },
      state.directory,
      state.catalog,
    );
    return ok(data);
  });

  router.post(
    `${WFM_INBOUND_BASE}/agent-status`,
    checked((ctx) => {
      const integration = integrationOf(ctx);
      const { list, prefix } = batchOf(ctx.body, deps.config().inbound.maxBatchSize);
      const events = list.map((event, i) => parseStatusEvent(event, prefix(i)));
      return ok(summary(state.ingestStatuses(integration, events, deps.config().matching.caseInsensitive)));
    }),
  );

  router.post(
    `${WFM_INBOUND_BASE}/contacts`,
    checked((ctx) => {
      const integration = integrationOf(ctx);
      const { list, prefix } = batchOf(ctx.body, deps.config().inbound.maxBatchSize);
      const events = list.map((event, i) => parseContactEvent(event, prefix(i)));
      return ok(summary(state.ingestContacts(integration, events, deps.config().matching.caseInsensitive)));
    }),
  );

  router.get(`${WFM_INBOUND_BASE}/contacts`, (ctx) =>
    ok(state.contacts.list(integrationOf(ctx)).map((record) => toWfmContact(record, state.catalog))),
  );
  router.get(`${WFM_INBOUND_BASE}/unmatched`, (ctx) => ok(state.issues(integrationOf(ctx))));
}

/** The answer of an inbound POST. */
export interface WfmInboundSummary {
  received: number;
  accepted: number;
  duplicates: number;
  results: WfmInboundItemResult[];
}

function summary(results: WfmInboundItemResult[]): WfmInboundSummary {
  const duplicates = results.filter((result) => result.outcome === 'duplicate').length;
  return { received: results.length, accepted: results.length - duplicates, duplicates, results };
}

function integrationOf(ctx: RouteContext): string {
  const alias = (ctx.params.integration ?? '').toLowerCase();
  if (!INTEGRATION_ALIAS.test(alias))
    throw wfmError(400, 'integration: must be 1-64 characters of a-z, 0-9, _ and -', {
      field: 'integration',
    });
  return alias;
}

/** A date-time query parameter; problems with query parameters are 400s. */
function queryTime(ctx: RouteContext, name: string, required: boolean): number | undefined {
  try {
    return parseQueryTime(ctx.query.get(name), name, required);
  } catch (error) {
    if (error instanceof FieldError) throw wfmError(400, error.message, { field: error.field });
    throw error;
  }
}

/** `true` unless the parameter says `false` (tap-playvox always sends `true`). */
function queryFlag(ctx: RouteContext, name: string): boolean {
  const value = ctx.query.get(name);
  if (value === null || value === '' || value === 'true') return true;
  if (value === 'false') return false;
  throw wfmError(400, `${name}: must be true or false`, { field: name });
}
