import { VoxbridgeError } from './errors.js';

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
   * A fingerprint of a page; two consecutive pages with the same fingerprint stop iteration with a
   * {@link PaginationLoopError}. Default: the JSON of the page's items.
   */
  fingerprint?(page: P): string;
}

/**
 * The result of a `list()` call: `await` it for the first page, or `for await` over it for every item
 * of every page. Iteration stops on a page that says there is no next page or on an empty page, and
 * refuses to loop on a repeated page.
 */
export class PagePromise<P extends Page<T>, T = P['items'][number]> implements PromiseLike<P>, AsyncIterable<T> {
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
  then<R1 = P, R2 = never>(onFulfilled?: ((value: P) => R1 | PromiseLike<R1>) | null, onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    return this.getFirst().then(onFulfilled, onRejected);
  }

  /** Every page, starting with the first. */
  async *pages(): AsyncGenerator<P> {
    const fingerprint = this.fetcher.fingerprint ?? ((page: P) => JSON.stringify(page.items));
    let page = await this.getFirst();
    let previousPrint = fingerprint(page);
    yield page;
    while (page.hasNextPage && page.items.length > 0) {
      page = await this.fetcher.next(page);
      if (page.items.length === 0) return;
      const print = fingerprint(page);
      if (print === previousPrint) {
        throw new PaginationLoopError(`page ${page.page ?? '?'} repeated the previous page; stopping instead of looping`);
      }
      previousPrint = print;
      yield page;
    }
  }

  /** Every item of every page. */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects items into an array; `limit` is required so that a runaway list cannot exhaust memory. */
  async toArray(options: { limit: number }): Promise<T[]> {
    const out: T[] = [];
    for await (const item of this) {
      out.push(item);
      if (out.length >= options.limit) break;
    }
    return out;
  }
}
