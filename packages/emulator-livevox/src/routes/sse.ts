import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { acceptsGzip, HANDLED, type Router } from '@voxbridge/emulator-kit';
import { interactionEventStream } from '@voxbridge/livevox/wire';
import type { LiveVoxRuntime } from '../context.js';
import { serve } from '../contract.js';
import { bodyObject, parseCount, parseFilter } from '../http-util.js';
import { lvTime, MarkerKind } from '../ids.js';
import { interactionEvent } from '../serialize.js';
import { interactionAcceptor, resolveStart } from './feed-common.js';
import { header } from './session.js';

/**
 * Adds the Interaction Event Feed over Server-Sent Events. Each event goes out as one `data:` line
 * (its JSON); `: keepalive <time>` comments keep an idle stream open; after `sse.idleCloseMs`
 * without events the server sends a last comment and closes. A client resumes by sending the last
 * `eventId` it saw as `token` (or as `Last-Event-ID`). Validation and auth errors answer as JSON.
 */
export function addSseRoute(router: Router, runtime: LiveVoxRuntime): void {
  const { state } = runtime;
  const log = state.events;

  serve(router, interactionEventStream, (ctx) => {
    runtime.simulator.scheduler.runDue();
    const config = runtime.config();
    const body = bodyObject(ctx);
    const count = parseCount(ctx, config.feed.minCount, config.feed.maxCount);
    const accept = interactionAcceptor(runtime, parseFilter(body));
    const token = body.token ?? header(ctx, 'last-event-id');
    let position = resolveStart(runtime, log, token, [
      MarkerKind.InteractionToken,
      MarkerKind.InteractionEventId,
    ]);

    const { res } = ctx;
    const gzip = config.gzip !== false && acceptsGzip(ctx.headers['accept-encoding']);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    });
    res.flushHeaders();
    const compressor = gzip ? createGzip() : undefined;
    compressor?.pipe(res);
    const out: Writable = compressor ?? res;
    let closed = false;
    let pumping = false;
    let lastEventAt = Date.now();

    const write = (text: string): boolean => {
      const fits = out.write(text);
      compressor?.flush();
      return fits;
    };
    const comment = (text: string) =>
      write(`: ${text} ${lvTime(runtime.clock.now(), runtime.config().timezoneOffsetMinutes)}\n\n`);

    const push = async () => {
      if (pumping || closed) return;
      pumping = true;
      try {
        while (!closed && position < log.length) {
          const slice = log.read(position, count, accept);
          position = slice.next;
          if (slice.positions.length === 0) continue;
          lastEventAt = Date.now();
          const payloads = slice.positions.map((p) => JSON.stringify(interactionEvent(state, p)));
          payloads.splice(1, 0, ...runtime.poison.intoStream());
          const text = payloads.map((data) => `data: ${data}\n\n`).join('');
          if (!write(text)) await Promise.race([once(out, 'drain'), once(res, 'close')]);
        }
      } finally {
        pumping = false;
      }
    };

    const close = (reason?: string) => {
      if (closed) return;
      closed = true;
      clearInterval(keepalive);
      clearTimeout(idleTimer);
      unsubscribe();
      ctx.signal.removeEventListener('abort', aborted);
      if (reason && !res.destroyed) comment(reason);
      out.end();
    };
    const aborted = () => close();
    const keepalive = setInterval(() => comment('keepalive'), config.sse.keepaliveMs);
    const idleCheck = () => {
      const idleMs = runtime.config().sse.idleCloseMs;
      const idleFor = Date.now() - lastEventAt;
      if (idleFor >= idleMs)
        close(`closing the connection after ${Math.round(idleFor / 1000)} s without events`);
      else idleTimer = setTimeout(idleCheck, idleMs - idleFor);
    };
    let idleTimer = setTimeout(idleCheck, config.sse.idleCloseMs);
    const unsubscribe = log.onAppend(() => void push());
    ctx.signal.addEventListener('abort', aborted, { once: true });
    res.on('close', aborted);
    void push();
    return HANDLED;
  });
}
