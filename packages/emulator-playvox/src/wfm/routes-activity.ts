import type { WireOperation } from '@voxbridge/core';
import type { RouteContext, Router } from '@voxbridge/emulator-kit';
import { wfm } from '@voxbridge/playvox/wire';
import { toWfmContact } from './contacts.js';
import { ok, serveWfm, type WfmBody, type WfmRouteDeps } from './context.js';
import { wfmError } from './errors.js';
import { contactInput, eventsOf, statusInput } from './inbound.js';
import { agentMetrics } from './metrics.js';
import { decodePageToken, encodePageToken, readPageSize } from './paging.js';
import type { WfmInboundItemResult } from './state.js';

/** The answer of an inbound POST (the contract's `inboundSummary`). */
export type WfmInboundSummary = wfm.WfmInboundSummary;

/** Adds the work-activity reads and the inbound endpoints. */
export function addActivityRoutes(router: Router, deps: WfmRouteDeps): void {
  const { state } = deps;

  serveWfm(router, wfm.listTaskIntervals, (ctx) => {
    const { paging } = deps.config();
    const token = ctx.query.get('nextPageToken');
    type Cursor = { k: string; f: number; t: number; s: number; as?: number; ai?: number };
    const cursor: Cursor = token
      ? decodePageToken<Cursor>(token, 'tasks')
      : {
          k: 'tasks',
          f: requiredTime(ctx, 'taskStartTimeFrom'),
          t: requiredTime(ctx, 'taskStartTimeTo'),
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

  serveWfm(router, wfm.agentMetricsOperation, (ctx) => {
    const endTime = ctx.query.get('endTime');
    const data = agentMetrics(
      state.contacts.list(),
      {
        fromMs: requiredTime(ctx, 'startTime'),
        toMs: endTime ? Date.parse(endTime) : state.clock.now(),
        // The contract allows only `true` and `false`; absent means true (tap-playvox always sends true).
        userGrouping: ctx.query.get('userGrouping') !== 'false',
        dateGrouping: ctx.query.get('dateGrouping') !== 'false',
      },
      state.directory,
      state.catalog,
    );
    return ok(data);
  });

  // The batch size is a setting, so the handler checks it; the contract checked every event.
  const inbound = (
    op: WireOperation,
    ingest: (integration: string, body: unknown) => WfmInboundItemResult[],
  ) => serveWfm(router, op, (ctx) => ok(summary(ingest(integrationOf(ctx), ctx.body))), { batch: 'events' });
  inbound(wfm.sendAgentStatuses, (integration, body) => {
    const events = eventsOf(
      body as WfmBody<typeof wfm.sendAgentStatuses>,
      deps.config().inbound.maxBatchSize,
    );
    return state.ingestStatuses(integration, events.map(statusInput), deps.config().matching.caseInsensitive);
  });
  inbound(wfm.sendContacts, (integration, body) => {
    const events = eventsOf(body as WfmBody<typeof wfm.sendContacts>, deps.config().inbound.maxBatchSize);
    return state.ingestContacts(
      integration,
      events.map(contactInput),
      deps.config().matching.caseInsensitive,
    );
  });
  serveWfm(router, wfm.listContacts, (ctx) =>
    ok(state.contacts.list(integrationOf(ctx)).map((record) => toWfmContact(record, state.catalog))),
  );
  serveWfm(router, wfm.listUnmatched, (ctx) => ok(state.issues(integrationOf(ctx))));
}

function summary(results: WfmInboundItemResult[]): WfmInboundSummary {
  const duplicates = results.filter((result) => result.outcome === 'duplicate').length;
  return { received: results.length, accepted: results.length - duplicates, duplicates, results };
}

/** The `{integration}` the contract checked, in lower case (aliases are matched case-insensitively). */
export function integrationOf(ctx: RouteContext): string {
  return (ctx.params.integration ?? '').toLowerCase();
}

/** A date-time query parameter the contract checked, which this request must give. */
function requiredTime(ctx: RouteContext, name: string): number {
  const value = ctx.query.get(name);
  if (!value) throw wfmError(400, `${name}: is required`, { field: name });
  return Date.parse(value);
}
