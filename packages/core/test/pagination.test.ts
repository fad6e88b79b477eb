import { HttpClient, type Page, PagePromise, PaginationLoopError, ValidationError } from '@voxbridge/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Item, startTestServer, type TestServer } from './fixtures.js';

interface ItemPage extends Page<Item> {
  page: number;
}

let server: TestServer;
let http: HttpClient;
let requests: string[];

beforeAll(async () => {
  server = await startTestServer();
  http = new HttpClient({ baseUrl: `${server.url}/api/`, headers: { authorization: 'Bearer static' } });
  http.on('request', (event) => requests.push(event.path));
});
afterAll(() => server.close());
beforeEach(() => {
  requests = [];
});

/** A list() in the style the API clients build: numbered pages of `size` items. */
function listItems(
  size: number,
  path = 'items',
  options: { ignoreHasNext?: boolean } = {},
): PagePromise<ItemPage> {
  const fetchPage = async (page: number) => {
    const body = await http.json<ItemPage>({ method: 'GET', path, query: { page, size } });
    return options.ignoreHasNext ? { ...body, hasNextPage: true } : body;
  };
  return new PagePromise<ItemPage>({
    first: () => fetchPage(1),
    next: (previous) => fetchPage(previous.page + 1),
  });
}

describe('PagePromise over HTTP', () => {
  it('resolves to the first page when awaited', async () => {
    const page = await listItems(10);
    expect(page.page).toBe(1);
    expect(page.items.map((item) => item.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(page.hasNextPage).toBe(true);
    expect(requests).toEqual(['/api/items?page=1&size=10']);
  });

  it('iterates every item of every page, in order, and stops when hasNextPage is false', async () => {
    const ids: number[] = [];
    for await (const item of listItems(10)) ids.push(item.id);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(requests).toHaveLength(3);
  });

  it('does not fetch the first page twice when awaited and then iterated', async () => {
    const list = listItems(10);
    await list;
    let count = 0;
    for await (const _ of list) count += 1;
    expect(count).toBe(25);
    expect(requests).toEqual([
      '/api/items?page=1&size=10',
      '/api/items?page=2&size=10',
      '/api/items?page=3&size=10',
    ]);
  });

  it('stops on an empty page even when the server claims there is more', async () => {
    const pages: number[] = [];
    for await (const page of listItems(5, 'items', { ignoreHasNext: true }).pages()) pages.push(page.page);
    expect(pages).toEqual([1, 2, 3, 4, 5]);
    // The sixth page came back empty, which ended the iteration.
    expect(requests).toHaveLength(6);
  });

  it('detects a server that repeats a page instead of looping forever', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const item of listItems(5, 'loop')) seen.push(item.id);
    };
    await expect(run()).rejects.toBeInstanceOf(PaginationLoopError);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(requests).toHaveLength(3);
  });

  it('detects a cycle that is not between consecutive pages', async () => {
    // Pages alternate 1, 2, 1, 2, ...: each differs from the one before it.
    let calls = 0;
    const list = new PagePromise<Page<number>>({
      first: async () => ({ items: [1], hasNextPage: true }),
      next: async () => {
        calls += 1;
        return { items: [calls % 2 === 1 ? 2 : 1], hasNextPage: true };
      },
    });
    await expect(list.toArray({ limit: 1000 })).rejects.toBeInstanceOf(PaginationLoopError);
    expect(calls).toBe(2);
  });

  it('collects up to the limit and fetches no further page', async () => {
    const items = await listItems(10).toArray({ limit: 12 });
    expect(items.map((item) => item.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(requests).toHaveLength(2);
  });

  it('requires a positive integer limit', async () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      await expect(listItems(10).toArray({ limit })).rejects.toBeInstanceOf(ValidationError);
    }
    expect(requests).toEqual([]);
  });

  it('surfaces an error of the first page to await and to iteration alike', async () => {
    await server.faults([{ path: '^/api/items$', status: 404, times: 2 }]);
    await expect(listItems(10)).rejects.toMatchObject({ status: 404 });
    const iterate = async () => {
      for await (const _ of listItems(10)) {
        // never reached
      }
    };
    await expect(iterate()).rejects.toMatchObject({ status: 404 });
    await server.admin('DELETE', '/faults');
  });
});
