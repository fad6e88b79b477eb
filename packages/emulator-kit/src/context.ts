import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteContext } from './router.js';

/**
 * The {@link RouteContext} of one request. A class, not an object literal with a `get signal()`: a
 * literal's getter is a new closure per request, which gives every context a hidden class of its own;
 * those piled up in old space and made the server's garbage collection cost more than its routing.
 */
export class RequestContext implements RouteContext {
  params: Record<string, string> = {};
  body: unknown = undefined;
  credential: string | undefined = undefined;
  truncate?: boolean;
  headers: Record<string, string | string[] | undefined>;
  private madeSignal: AbortSignal | undefined;

  constructor(
    public req: IncomingMessage,
    public res: ServerResponse,
    public method: string,
    public path: string,
    public query: URLSearchParams,
    public rawBody: Buffer,
    private readonly serverClosing: AbortSignal,
  ) {
    this.headers = req.headers;
  }

  /** Made on first use: only long polls and streams read it, and it costs listeners per request. */
  get signal(): AbortSignal {
    this.madeSignal ??= requestSignal(this.res, this.serverClosing);
    return this.madeSignal;
  }
}

/**
 * A signal that aborts when the client goes away or the server closes. Built from plain listeners, not
 * `AbortSignal.any`, which on Node 20 keeps every request's signal alive as long as the server's signal.
 */
function requestSignal(res: ServerResponse, serverClosing: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (serverClosing.aborted) abort();
  else serverClosing.addEventListener('abort', abort, { once: true });
  res.once('close', () => {
    serverClosing.removeEventListener('abort', abort);
    abort();
  });
  return controller.signal;
}
