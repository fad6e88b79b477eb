import { HANDLED, type RouteResult, type Router } from '@voxbridge/emulator-kit';
import { getExportFile, getExportJob, listExportJobs } from '@voxbridge/gladly/wire';
import { serveGladly } from './contract.js';
import { notFound } from './errors.js';
import type { ApiDeps } from './routes.js';
import { writeLines } from './routes-events.js';

/** `GET /api/v1/export/jobs`, `…/{jobId}` and `…/{jobId}/files/{fileName}`: the Export API. */
export function addExportRoutes(router: Router, deps: ApiDeps): void {
  const { simulator } = deps;
  serveGladly(router, listExportJobs, (ctx) => {
    simulator.catchUp();
    const time = (name: string) => {
      const text = ctx.query.get(name);
      return text ? Date.parse(text) : undefined;
    };
    const status = ctx.query.get('status') ?? undefined;
    return {
      status: 200,
      body: simulator.exports.list({ status, startAt: time('startAt'), endAt: time('endAt') }),
    };
  });
  serveGladly(router, getExportJob, (ctx) => {
    simulator.catchUp();
    const job = simulator.exports.job(ctx.params.jobId!);
    if (!job) throw notFound('export job');
    return { status: 200, body: job };
  });
  serveGladly(router, getExportFile, async (ctx): Promise<RouteResult> => {
    simulator.catchUp();
    if (!simulator.exports.job(ctx.params.jobId!)) throw notFound('export job');
    const records = simulator.exports.file(ctx.params.jobId!, ctx.params.fileName!);
    if (!records) throw notFound('export file');
    const lines = records.map((record) => `${JSON.stringify(record)}\n`);
    await writeLines(ctx, deps.poison.plantLines(lines));
    return HANDLED;
  });
}
