import type { ServerResponse } from 'node:http';

/** Options of {@link SseHub}. */
export interface SseHubOptions {
  /** Interval of the `: keepalive` comments that keep proxies from closing an idle stream. */
  keepaliveMs: number;
  /** Most streams open at once; more are refused with 503. */
  maxClients: number;
  /** A client whose unsent output grows past this many bytes is too slow and is disconnected. */
  maxBufferedBytes: number;
  /** Called when the first client connects and when the last one leaves. */
  onActiveChange?: (active: boolean) => void;
}

/** Formats one server-sent event; the data is JSON on one line, so it needs no escaping. */
export function formatEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The open event streams of a dashboard: every browser gets the same events, written once per
 * broadcast from the server's single poller and sampler.
 */
export class SseHub {
  private readonly clients = new Set<ServerResponse>();
  private keepalive: NodeJS.Timeout | undefined;

  constructor(private readonly options: SseHubOptions) {}

  /** Streams open now. */
  get size(): number {
    return this.clients.size;
  }

  /**
   * Opens a stream on `res` and writes `initial` (the current state) to it first. Returns false (and
   * answers 503) when the hub is full.
   */
  open(res: ServerResponse, initial: string): boolean {
    if (this.clients.size >= this.options.maxClients) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '10' });
      res.end(JSON.stringify({ error: 'too many dashboard pages are open' }));
      return false;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    res.write(`retry: 3000\n\n${initial}`);
    this.clients.add(res);
    // The response closes when the page goes away or the connection drops (the request's own 'close'
    // only means its body was read).
    res.once('close', () => this.remove(res));
    if (this.clients.size === 1) {
      this.keepalive = setInterval(() => this.writeAll(': keepalive\n\n'), this.options.keepaliveMs);
      this.options.onActiveChange?.(true);
    }
    return true;
  }

  /** Sends an event to every open stream. */
  broadcast(event: string, data: unknown): void {
    if (this.clients.size > 0) this.writeAll(formatEvent(event, data));
  }

  /** Ends every stream. */
  closeAll(): void {
    for (const res of [...this.clients]) {
      res.end();
      this.remove(res);
    }
  }

  private writeAll(chunk: string): void {
    for (const res of this.clients) {
      if (res.writableLength > this.options.maxBufferedBytes) {
        // A page that stopped reading; it reconnects (and gets the full state) when it wakes up.
        res.destroy();
        this.remove(res);
        continue;
      }
      res.write(chunk);
    }
  }

  private remove(res: ServerResponse): void {
    if (!this.clients.delete(res)) return;
    if (this.clients.size === 0) {
      clearInterval(this.keepalive);
      this.keepalive = undefined;
      this.options.onActiveChange?.(false);
    }
  }
}
