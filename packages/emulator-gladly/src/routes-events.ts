import { HANDLED, type RouteContext, type RouteResult, type Router } from '@voxbridge/emulator-kit';
import { gladlyError } from './errors.js';
import { EVENT_ENTITIES } from './model.js';
import { API_PREFIX, type ApiDeps } from './routes.js';
import type { FieldError } from './webhooks.js';

const KNOWN_ENTITIES = new Set<string>(EVENT_ENTITIES);
/** Lines written per chunk of the stream. */
const LINES_PER_CHUNK = 200;

/** `GET /api/v1/events`: the Events API, streamed as JSON lines. */
export function addEventRoutes(router: Router, deps: ApiDeps): void {
  router.get(`${API_PREFIX}/events`, async (ctx): Promise<RouteResult> => {
    deps.simulator.catchUp();
    const now = deps.clock.now();
    const { startAt, endAt, entities } = parseQuery(ctx.query, now, deps.config().events.maxLookbackMs);
    const visibleUntil = now - deps.config().events.visibilityDelayMs;
    // endAt is exclusive; without one, everything recorded up to now (inclusive) is visible.
    const end = Math.min(endAt ?? now + 1, visibleUntil + 1);
    const lines = [...deps.simulator.events(startAt, end, entities)].map(
      (event) => `${JSON.stringify(event)}\n`,
    );
    await writeLines(ctx, lines);
    return HANDLED;
  });
}

function parseQuery(
  query: URLSearchParams,
  now: number,
  maxLookbackMs: number,
): { startAt: number; endAt: number | undefined; entities: Set<string> } {
  const errors: FieldError[] = [];
  const startText = query.get('startAt');
  const startAt = startText ? Date.parse(startText) : Number.NaN;
  if (!startText) errors.push({ attr: 'startAt', code: 'blank', detail: 'startAt is required' });
  else if (Number.isNaN(startAt))
    errors.push({ attr: 'startAt', code: 'invalid', detail: 'startAt must be an ISO 8601 time' });
  else if (startAt < now - maxLookbackMs)
    errors.push({
      attr: 'startAt',
      code: 'invalid',
      detail: `startAt must be within the last ${maxLookbackMs / 3_600_000} hours`,
    });
  else if (startAt > now)
    errors.push({ attr: 'startAt', code: 'invalid', detail: 'startAt must not be in the future' });
  const endText = query.get('endAt');
  const endAt = endText ? Date.parse(endText) : undefined;
  if (endText && Number.isNaN(endAt))
    errors.push({ attr: 'endAt', code: 'invalid', detail: 'endAt must be an ISO 8601 time' });
  else if (endAt !== undefined && !Number.isNaN(startAt) && endAt <= startAt)
    errors.push({ attr: 'startAt', code: 'invalid', detail: 'endAt must occur after startAt' });
  const entities = query
    .getAll('entities')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  if (entities.length === 0)
    errors.push({ attr: 'entities', code: 'blank', detail: 'at least one entity must be given' });
  for (const entity of entities) {
    if (!KNOWN_ENTITIES.has(entity))
      errors.push({
        attr: 'entities',
        code: 'invalid',
        detail: `${entity} is not an event entity (known: ${EVENT_ENTITIES.join(', ')})`,
      });
  }
  if (errors.length > 0) throw gladlyError(400, errors);
  return { startAt, endAt, entities: new Set(entities) };
}

/** Streams lines in chunks, waiting for the socket to drain; honours the kit's `truncate` fault. */
async function writeLines(ctx: RouteContext, lines: string[]): Promise<void> {
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
