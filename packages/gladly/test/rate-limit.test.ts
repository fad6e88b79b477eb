import { afterEach, describe, expect, it } from 'vitest';
import { clientOf, closeAll, emulator } from './helpers.js';

afterEach(closeAll);

describe('Gladly client: rate limits', () => {
  it('stays under Gladly’s 10 requests per second with its default budget', async () => {
    const emu = await emulator();
    const gladly = clientOf(emu);
    const results = await Promise.all(
      Array.from({ length: 22 }, (_, i) => (i % 2 === 0 ? gladly.agents.list() : gladly.inboxes.list())),
    );
    expect(results).toHaveLength(22);
    expect(emu.stats().byStatus).toEqual({ 200: 22 });
    expect(gladly.http.rateLimiter?.stats().pauses).toBe(0);
  });

  it('recovers from 429 answers by waiting for Retry-After when the server’s budget is smaller', async () => {
    const emu = await emulator({ config: { rateLimit: { requestsPerMinute: 3, windowMs: 1000 } } });
    const gladly = clientOf(emu, { rateLimit: { requestsPerSecond: 50, burst: 10 } });
    const retries: string[] = [];
    gladly.http.on('retry', (event) => retries.push(event.reason));
    const teams = await Promise.all(Array.from({ length: 5 }, () => gladly.teams.list()));
    expect(teams.every((list) => list.length === 2)).toBe(true);
    expect(emu.stats().byStatus[429]).toBeGreaterThan(0);
    expect(retries).toContain('status 429');
  });
});
