import { HANDLED, type RouteContext, type Router } from '@voxbridge/emulator-kit';
import { liveVoxTimeToMs } from '@voxbridge/livevox';
import { callEventRecoveryReport, callRecordingReport, downloadRecording } from '@voxbridge/livevox/wire';
import type { LiveVoxRuntime } from '../context.js';
import { serve } from '../contract.js';
import { lvError, ok, parseFilter } from '../http-util.js';
import { CLIENT_ID, Direction, InteractionType, LV_RESULTS } from '../model.js';
import { recordingBytes, recordingOf, rowOfRecording } from '../recordings.js';
import type { SimulationState } from '../state.js';

/** `lvResultId` of a term code (term codes are numbered from 700, as on CALL_DISPOSITION). */
const TERM_CODE_ID_BASE = 700;
const MAX_PAGE = 1000;

/** The finished rows whose start lies in the request's period, after the service filter, in start order. */
function periodRows(runtime: LiveVoxRuntime, ctx: RouteContext, keep: (row: number) => boolean): number[] {
  const body = ctx.body as Record<string, unknown>;
  const from = liveVoxTimeToMs(body.startDate);
  const to = liveVoxTimeToMs(body.endDate);
  if (from === undefined) throw lvError(400, 'startDate: must be an ISO-8601 time or epoch milliseconds');
  if (to === undefined) throw lvError(400, 'endDate: must be an ISO-8601 time or epoch milliseconds');
  if (to < from) throw lvError(400, 'endDate: must not be before startDate');
  const services = parseFilter(body).service;
  const table = runtime.state.interactions;
  const order = startOrder(runtime.state);
  const rows: number[] = [];
  for (let i = firstStartingAt(order, table, from); i < order.length; i++) {
    const row = order[i] as number;
    if (table.startOf(row) >= to) break;
    if (services && !services.has(table.serviceOf(row).id)) continue;
    if (keep(row)) rows.push(row);
  }
  return rows;
}

const orders = new WeakMap<SimulationState, { length: number; generation: number; rows: Int32Array }>();

/** Every row by start time (then row), rebuilt only when rows were added or the state was reset. */
function startOrder(state: SimulationState): Int32Array {
  const table = state.interactions;
  const cached = orders.get(state);
  if (cached && cached.length === table.length && cached.generation === state.events.generation)
    return cached.rows;
  const rows = Int32Array.from({ length: table.length }, (_, i) => i).sort(
    (a, b) => table.startOf(a) - table.startOf(b) || a - b,
  );
  orders.set(state, { length: table.length, generation: state.events.generation, rows });
  return rows;
}

/** The first index of `order` whose row starts at or after `time` (binary search). */
function firstStartingAt(order: Int32Array, table: SimulationState['interactions'], time: number): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (table.startOf(order[mid] as number) < time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** One page of rows (`offset`, `count` ≤ 1000) and the `next` URI when more remain. */
function page<T>(ctx: RouteContext, rows: number[], path: string, render: (row: number) => T) {
  const offset = Number(ctx.query.get('offset') ?? 0);
  const count = Number(ctx.query.get('count') ?? MAX_PAGE);
  if (!(count >= 1 && count <= MAX_PAGE))
    throw lvError(400, `count: must be an integer from 1 to ${MAX_PAGE}`);
  const slice = rows.slice(offset, offset + count).map(render);
  const next = offset + count < rows.length ? `${path}?offset=${offset + count}&count=${count}` : undefined;
  return { rows: slice, next };
}

const seconds = (ms: number) => (Number.isNaN(ms) ? null : Math.round(ms / 1000));

/** A finished interaction in Call Detail Report form (also what the truth's durations come from). */
export function callDetail(state: SimulationState, row: number, now: number) {
  const table = state.interactions;
  const voice = table.typeOf(row) === InteractionType.Voice;
  const service = table.serviceOf(row);
  const campaignRow = table.campaignOf(row);
  const agent = voice ? state.agents[table.agentOf(row)] : undefined;
  const start = table.startOf(row);
  const answer = table.answerOf(row);
  const end = table.endOf(row);
  const disposition = table.dispositionOf(row);
  const termCode = table.termCodeOf(row);
  const result = table.resultOf(row);
  const recording = voice ? recordingOf(state, row) : undefined;
  const iso = (ms: number) => (Number.isNaN(ms) ? null : new Date(ms).toISOString());
  return {
    interactionType: table.typeName(row) === 'EMAIL' ? 'Email' : table.typeName(row),
    sessionId: table.sessionId(row),
    transactionId: table.transactionId(row),
    account: table.accountText(row),
    clientId: CLIENT_ID,
    serviceId: service.id,
    serviceName: service.name,
    callCenterId: service.callCenterId,
    campaignId: campaignRow >= 0 ? (state.campaigns.campaigns[campaignRow]?.id ?? null) : null,
    callDirection: table.directionOf(row) === Direction.Inbound ? 'INBOUND' : 'OUTBOUND',
    agentId: agent ? String(agent.agentId) : null,
    agentLoginId: agent?.loginId ?? null,
    phoneNumber: table.phoneText(row),
    start: new Date(start).toISOString(),
    end: voice ? iso(end) : null,
    answer: voice ? iso(answer) : null,
    disposition: voice ? iso(disposition) : null,
    // As CALL_TERMINATION gives it: connected time for a connected call, else the whole call.
    duration: voice ? seconds(Number.isNaN(answer) ? end - start : end - answer) : null,
    talkDuration: voice ? (Number.isNaN(answer) ? 0 : seconds(end - answer)) : null,
    holdDuration: voice ? 0 : null,
    wrapDuration: voice ? (Number.isNaN(answer) ? 0 : seconds(disposition - end)) : null,
    lvResult: voice && result !== undefined ? (LV_RESULTS[result] as { name: string }).name : null,
    lvResultId: voice && result !== undefined ? (LV_RESULTS[result] as { id: number }).id : null,
    termCode: table.termCodeName(row),
    termCodeId: termCode === undefined ? null : TERM_CODE_ID_BASE + termCode,
    recordingId: recording && recording.availableAt <= now ? recording.id : null,
  };
}

/** Whether a row is finished: a voice call with its disposition, or a sent SMS or email. */
function finished(state: SimulationState, row: number): boolean {
  const table = state.interactions;
  return table.typeOf(row) !== InteractionType.Voice || !Number.isNaN(table.dispositionOf(row));
}

/**
 * Adds the Reporting methods: the Call Recording report, the recording download (with Range), and the
 * Call Event Recovery report answering for any past period of the simulation.
 */
export function addReportingRoutes(router: Router, runtime: LiveVoxRuntime): void {
  const { state } = runtime;
  serve(router, callRecordingReport, (ctx) => {
    runtime.simulator.scheduler.runDue();
    const now = runtime.clock.now();
    const rows = periodRows(runtime, ctx, (row) => {
      const recording = recordingOf(state, row);
      return recording !== undefined && recording.availableAt <= now;
    });
    const table = state.interactions;
    const { rows: callRecording, next } = page(ctx, rows, callRecordingReport.path, (row) => {
      const recording = recordingOf(state, row)!;
      const answer = table.answerOf(row);
      const end = table.endOf(row);
      const campaignRow = table.campaignOf(row);
      return {
        recordingId: recording.id,
        session: table.sessionId(row),
        transactionId: table.transactionId(row),
        account: table.accountText(row),
        service: table.serviceOf(row).name,
        serviceId: table.serviceOf(row).id,
        callCenterId: table.serviceOf(row).callCenterId,
        campaign: campaignRow >= 0 ? String(state.campaigns.campaigns[campaignRow]?.id ?? '') || null : null,
        name: `${table.firstName(row)} ${table.lastName(row)}`,
        phone: table.phoneText(row),
        agent: state.agents[table.agentOf(row)]?.loginId ?? null,
        termCode: table.termCodeName(row),
        transferConnect: String(answer),
        transferEnd: String(end),
        transferDuration: Math.round((end - answer) / 1000),
        contentType: recording.contentType,
        bytes: recording.bytes,
      };
    });
    return ok(next ? { callRecording, next } : { callRecording });
  });

  serve(router, callEventRecoveryReport, (ctx) => {
    runtime.simulator.scheduler.runDue();
    const now = runtime.clock.now();
    const rows = periodRows(runtime, ctx, (row) => finished(state, row));
    const { rows: callEventRecovery, next } = page(ctx, rows, callEventRecoveryReport.path, (row) =>
      callDetail(state, row, now),
    );
    return ok(next ? { callEventRecovery, next } : { callEventRecovery });
  });

  serve(router, downloadRecording, (ctx) => {
    runtime.simulator.scheduler.runDue();
    const id = ctx.params.recordingId as string;
    const row = rowOfRecording(state, id);
    const recording = row === undefined ? undefined : recordingOf(state, row);
    if (row === undefined || !recording || recording.availableAt > runtime.clock.now())
      throw lvError(404, `Recording ${id} not found`);
    const bytes = recordingBytes(state, row, recording);
    const range = parseRange(ctx.headers.range, bytes.length);
    const { res } = ctx;
    if (range === 'unsatisfiable') {
      res.writeHead(416, { 'content-type': 'application/json', 'content-range': `bytes */${bytes.length}` });
      res.end(
        JSON.stringify({
          code: 416,
          message: `Range ${ctx.headers.range} is outside the ${bytes.length} bytes`,
        }),
      );
      return HANDLED;
    }
    const headers: Record<string, string | number> = {
      'content-type': recording.contentType,
      'accept-ranges': 'bytes',
    };
    const [first, last] = range ?? [0, bytes.length - 1];
    headers['content-length'] = last - first + 1;
    if (range) headers['content-range'] = `bytes ${first}-${last}/${bytes.length}`;
    res.writeHead(range ? 206 : 200, headers);
    res.end(bytes.subarray(first, last + 1));
    return HANDLED;
  });
}

/** A single `bytes=a-b`, `bytes=a-` or `bytes=-n` range; undefined when absent or not understood (whole file). */
function parseRange(header: unknown, size: number): [number, number] | 'unsatisfiable' | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return [Math.max(0, size - suffix), size - 1];
  }
  const first = Number(match[1]);
  const last = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (first >= size || last < first) return 'unsatisfiable';
  return [first, last];
}
