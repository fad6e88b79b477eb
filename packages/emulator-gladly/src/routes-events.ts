import { HANDLED, type RouteContext, type RouteResult, type Router } from '@voxbridge/emulator-kit';
import { streamEvents } from '@voxbridge/gladly/wire';
import { serveGladly } from './contract.js';
import { gladlyError } from './errors.js';
import type { ApiDeps } from './routes.js';

/** Lines written per chunk of the stream. */
const LINES_PER_CHUNK = 200;

/** `GET /api/v1/events`: the Events API, streamed as JSON lines. */
export function addEventRoutes(router: Router, deps: ApiDeps): void {
  serveGladly(
    router,
    streamEvents,
    async (ctx): Promise<RouteResult> => {
      deps.simulator.catchUp();
      const now = deps.clock.now();
      const { startAt, endAt, entities } = readQuery(ctx.query, now, deps.config().events.maxLookbackMs);
      const visibleUntil = now - deps.config().events.visibilityDelayMs;
      // endAt is exclusive; without one, everything recorded up to now (inclusive) is visible.
      const end = Math.min(endAt ?? now + 1, visibleUntil + 1);
      const lines = [...deps.simulator.events(startAt, end, entities)].map(
        (event) => `${JSON.stringify(event)}\n`,
      );
      await writeLines(ctx, deps.poison.plantLines(lines));
      return HANDLED;
    },
    splitEntities,
  );
}

/** The emulator also takes `entities=A,B` (a lenience of its own): it is read as `entities=A&entities=B`. */
function splitEntities(ctx: RouteContext): void {
  const entities = ctx.query
    .getAll('entities')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  ctx.query.delete('entities');
  for (const entity of entities) ctx.query.append('entities', entity);
}

/**
 * The range of a query the contract accepted, checked against the clock: Gladly keeps 24 hours of
 * events (the configured lookback) and has none from the future.
 */
function readQuery(
  query: URLSearchParams,
  now: number,
  maxLookbackMs: number,
): { startAt: number; endAt: number | undefined; entities: Set<string> } {
  const startAt = Date.parse(query.get('startAt')!);
  const endText = query.get('endAt');
  if (startAt < now - maxLookbackMs)
    throw gladlyError(400, {
      attr: 'startAt',
      code: 'invalid',
      detail: `startAt must be within the last ${maxLookbackMs / 3_600_000} hours`,
    });
  if (startAt > now)
    throw gladlyError(400, { attr: 'startAt', code: 'invalid', detail: 'startAt must not be in the future' });
  return {
    startAt,
    endAt: endText ? Date.parse(endText) : undefined,
    entities: new Set(query.getAll('entities')),
  };
}

/** Streams lines in chunks, waiting for the socket to drain; honours the kit's `truncate` fault. */
export async function writeLines(ctx: RouteContext, lines: string[]): Promise<void> {
  const { res } = ctx;
  const truncate = ctx.truncate === true;
  res.writeHead(200, {
    'content-type': 'application/x-jsonlines; charset=utf-8',
    'cache-control': 'no-store',
  });
  const cutAt = truncate ? Math.floor(lines.length / 2) : lines.length;
  for (let i = 0; i < cutAt; i += LINES_PER_CHUNK) {
    if (ctx.signal.aborted) return;
    const chunk = lines.slice(i, Math.min(i + LINES_PER_CHUNK, cutAt)).join('');
    if (!res.write(chunk))
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
  }
  if (truncate) {
    // Half a line, then the connection drops: what a client sees when a stream is cut.
    const partial = lines[cutAt]?.slice(0, Math.floor((lines[cutAt]?.length ?? 0) / 2)) ?? '';
    await new Promise<void>((resolve) => res.write(partial || ' ', () => resolve()));
    res.socket?.destroy();
    return;
  }
  res.end();
}
