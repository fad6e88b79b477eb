import { createHash } from 'node:crypto';
import { ValidationError, VoxbridgeError } from './errors.js';

/** One page of a paginated list. */
export interface Page<T> {
  /** The records of this page. */
  items: T[];
  /** Whether the server says a further page exists. */
  hasNextPage: boolean;
  /** 1-based number of this page, when the API pages by number. */
  page?: number;
}

/** A paginator asked for the same page twice in a row: following it would never end. */
export class PaginationLoopError extends VoxbridgeError {
  override name = 'PaginationLoopError';
}

/** How a {@link PagePromise} moves from one page to the next. */
export interface PageFetcher<P extends Page<unknown>> {
  /** Fetches the first page. */
  first(): Promise<P>;
  /** Fetches the page after `previous`. Called only when `previous.hasNextPage` and it had items. */
  next(previous: P): Promise<P>;
  /**
   * A fingerprint of a page; a page whose fingerprint was already seen in this iteration stops it with a
   * {@link PaginationLoopError}. Default: the JSON of the page's items.
   */
  fingerprint?(page: P): string;
}

/**
 * The result of a `list()` call: `await` it for the first page, or `for await` over it for every item
 * of every page. Iteration stops on a page that says there is no next page or on an empty page, and
 * refuses to loop on a repeated page.
 */
export class PagePromise<P extends Page<T>, T = P['items'][number]>
  implements PromiseLike<P>, AsyncIterable<T>
{
  private firstPage: Promise<P> | undefined;
  private readonly fetcher: PageFetcher<P>;

  constructor(fetcher: PageFetcher<P>) {
    this.fetcher = fetcher;
  }

  private getFirst(): Promise<P> {
    this.firstPage ??= this.fetcher.first();
    return this.firstPage;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PagePromise is deliberately awaitable.
  then<R1 = P, R2 = never>(
    onFulfilled?: ((value: P) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.getFirst().then(onFulfilled, onRejected);
  }

  /** Every page, starting with the first. */
  async *pages(): AsyncGenerator<P> {
    const fingerprint = this.fetcher.fingerprint ?? ((page: P) => JSON.stringify(page.items));
    // Digests, not the fingerprints themselves, so that a long listing keeps ~20 bytes per page.
    const seen = new Set<string>();
    const digest = (page: P) => createHash('sha1').update(fingerprint(page)).digest('base64');
    let page = await this.getFirst();
    seen.add(digest(page));
    yield page;
    while (page.hasNextPage && page.items.length > 0) {
      page = await this.fetcher.next(page);
      if (page.items.length === 0) return;
      const print = digest(page);
      if (seen.has(print)) {
        throw new PaginationLoopError(
          `page ${page.page ?? '?'} repeated an earlier page; stopping instead of looping`,
        );
      }
      seen.add(print);
      yield page;
    }
  }

  /** Every item of every page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  /**
   * Collects items into an array; `limit` (a positive integer) is required so that a runaway list cannot
   * exhaust memory. Stops fetching pages once the limit is reached.
   */
  async toArray(options: { limit: number }): Promise<T[]> {
    if (!(Number.isInteger(options.limit) && options.limit > 0)) {
      throw new ValidationError('limit', 'must be a positive integer');
    }
    const out: T[] = [];
    for await (const item of this) {
      out.push(item);
      if (out.length >= options.limit) break;
    }
    return out;
  }
}
