import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AttachedDashboard, attachDashboard } from '@voxbridge/dashboard';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoStack } from '../scripts/demo-stack.mjs';
import { eventually, memoryLogger } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`dashboard browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The tiles that must be visible without scrolling. */
const HEALTH_TILES = ['lag', 'pending', 'delivered', 'dead', 'circuit', 'workers'];
const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 812 },
] as const;

type Stack = Awaited<ReturnType<typeof startDemoStack>>;

describe.skipIf(!hasChromium)('the dashboard in Chromium, against the emulators and a real bridge', () => {
  let stack: Stack;
  let attached: AttachedDashboard;
  let browser: Browser;
  const pages = new Map<string, Page>();
  const logs = memoryLogger();
  const pageErrors: string[] = [];
  const desktop = () => pages.get('desktop')!;

  beforeAll(async () => {
    stack = await startDemoStack({ logger: logs.logger, wfm: true });
    attached = attachDashboard(stack.bridge, {
      pollIntervalMs: 1000,
      sampleIntervalMs: 500,
      seriesBucketMs: 1000,
      wfm: () => stack.connector?.stats(),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
      page.on('pageerror', (error) => pageErrors.push(`${size.name}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`${size.name}: ${message.text()}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400)
          pageErrors.push(`${size.name}: ${response.status()} ${new URL(response.url()).pathname}`);
      });
      await page.goto(attached.url!);
      pages.set(size.name, page);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await attached?.dashboard.close();
    await stack?.close();
  });

  it('loads the page from the bridge server, next to /metrics, and goes live', async () => {
    const page = desktop();
    expect(attached.url).toBe(`${stack.bridge.url}/?token=${attached.dashboard.token}`);
    expect((await fetch(`${stack.bridge.url}/metrics`)).status).toBe(200);
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 10_000 }).toBe('Live');
    expect(await page.title()).toContain('voxbridge');
    // The first Tab lands on the skip link, which moves the focus to the dashboard itself.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the dashboard');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });

  it.each(SIZES)(
    'shows the bridge health above the fold at $width×$height',
    async ({ name, width, height }) => {
      const page = pages.get(name)!;
      await expect
        .poll(() => page.locator('#health-tiles .tile').count(), { timeout: 10_000 })
        .toBe(HEALTH_TILES.length);
      for (const id of HEALTH_TILES) {
        const box = await page.locator(`[data-tile="${id}"]`).boundingBox();
        expect(box, id).not.toBeNull();
        expect(box!.x, id).toBeGreaterThanOrEqual(0);
        expect(box!.y, id).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width, id).toBeLessThanOrEqual(width);
        expect(box!.y + box!.height, id).toBeLessThanOrEqual(height);
      }
      const text = (id: string) => page.locator(`[data-tile="${id}"]`).textContent();
      expect(await text('workers')).toMatch(/^Workers1.+:\d+ · /);
      // The state of each client's breaker, read through the client; n/a when none has a breaker.
      const circuits = [stack.bridge.playvox.http.circuit, stack.bridge.livevox.http.circuit].filter(
        (circuit) => circuit !== undefined,
      );
      if (circuits.length === 0) expect(await text('circuit')).toContain('n/a');
      for (const circuit of circuits) {
        const { destination, state } = circuit.snapshot();
        expect(await text('circuit')).toContain(`${destination} ${state}`);
      }
      await expect
        .poll(() => text('delivered'), { timeout: 15_000 })
        .toMatch(/Delivered\d.*\/s[\d,]+ in total/);
    },
  );

  it('shows the simulated agents on the agent board, colour-coded by state', async () => {
    const page = desktop();
    const cards = page.locator('#agents li.agent');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const simulated = new Set(stack.livevox.simulator.state.agents.map((agent) => agent.name));
    for (const name of await page.locator('#agents li.agent .name').allTextContents())
      expect(simulated.has(name), name).toBe(true);
    const badge = page
      .locator('#agents li.agent[data-kind="in-call"] .badge, #agents li.agent[data-kind="ready"] .badge')
      .first();
    await expect.poll(() => badge.count(), { timeout: 15_000 }).toBe(1);
    // Polled: the board re-renders every sample, and a badge replaced mid-read has no computed style.
    await expect
      .poll(() => badge.evaluate((node) => getComputedStyle(node).color), { timeout: 5_000 })
      .toBe('rgb(255, 255, 255)');
    await expect.poll(() => page.locator('#services tbody tr[data-service]').count()).toBe(3);
    await expect.poll(() => page.locator('#live-connects rect.bar').count()).toBe(6);
    await expect.poll(() => page.locator('#campaigns li.campaign').count()).toBeGreaterThan(0);
  });

  it('shows the WFM connector: statuses sent, unmatched users, the last webhook, the next user sync', async () => {
    const page = desktop();
    const figure = (id: string) => page.locator(`#wfm-figures [data-figure="${id}"] .value`);
    await expect.poll(() => figure('statuses').count(), { timeout: 15_000 }).toBe(1);
    // The demo's WFM tenant lacks a user for one Gladly agent.
    await expect.poll(() => figure('unmatched-users').textContent(), { timeout: 15_000 }).toBe('1');
    await expect
      .poll(async () => Number(await figure('statuses').textContent()), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await figure('next-sync').textContent()).toMatch(/^in (\d+:)?\d+:\d\d$/);
    await expect.poll(() => figure('last-webhook').textContent(), { timeout: 30_000 }).toMatch(/ ago$/);
    const datetime = await figure('last-webhook').locator('time').getAttribute('datetime');
    expect(Math.abs(Date.parse(datetime!) - Date.now())).toBeLessThan(30_000);
  });

  it('groups the dead letters by reason, and retries one from the keyboard until it reaches Playvox', async () => {
    const page = desktop();
    const store = stack.bridge.store;
    const letter = await eventually(
      'a dead letter from an interaction without an agent',
      async () =>
        (await store.listDeadLetters(1000)).find(
          (l) => l.stage === 'map' && l.key && l.reason.includes('agentLoginId'),
        ),
      30_000,
    );
    const group = page.locator('#dead-groups li.dead-group[data-group="map|assignee_id"]');
    await expect.poll(() => group.count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(async () => Number.parseInt((await group.locator('.count').textContent()) ?? '', 10))
      .toBeGreaterThan(0);
    expect(await group.locator('.sample').textContent()).toContain('mapping.assignee.fallback is not set');
    // The server's list: the group's count is every listed record of that cause.
    const row = group.locator(`tbody tr[data-id="${letter.id}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);

    // The operator fixes the mapping, opens the group and retries the record from the dashboard.
    stack.bridge.config.mapping.assignee.fallback = 'qa-unassigned@demo.livevox.test';
    await group.locator('summary').focus();
    await page.keyboard.press('Enter');
    const retry = page.getByRole('button', { name: `Retry dead letter ${letter.id}`, exact: true });
    await retry.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#dead-status').textContent(), { timeout: 10_000 })
      .toBe(`Dead letter ${letter.id} retried: it is back in the pipeline.`);
    await expect.poll(() => row.count()).toBe(0);
    expect((await store.listDeadLetters(100_000)).some((l) => l.id === letter.id)).toBe(false);
    await eventually(
      'the retried interaction delivered',
      async () => (await store.getInteractions([letter.key!])).get(letter.key!)?.state === 'delivered',
      20_000,
    );
  });

  it('draws the last hour from the series the server keeps, with times on the server clock', async () => {
    const page = desktop();
    await expect.poll(() => page.locator('#throughput-chart canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#series-bucket').textContent()).toBe('1 s');
    const points = async () =>
      (await (await fetch(`${stack.bridge.url}/dashboard/state`)).json()).history.points.length;
    await expect.poll(points, { timeout: 15_000 }).toBeGreaterThan(5);
    // The page drew what the server kept (history when it connected, then a point per closed bucket).
    const drawn = () => page.evaluate(() => document.querySelectorAll('#throughput-chart .u-over').length);
    expect(await drawn()).toBe(1);
    // "Server time" in the header follows the server's clock.
    const shown = await page.locator('#server-time').getAttribute('datetime');
    expect(Math.abs(Date.parse(shown!) - Date.now())).toBeLessThan(3_000);
  });

  it.each(SIZES)(
    'has no horizontal overflow and no serious accessibility violation at $width×$height',
    async ({ name }) => {
      const page = pages.get(name)!;
      await expect
        .poll(() => page.locator('#dead-groups li.dead-group').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      await expect
        .poll(() => page.locator('#agents li.agent').count(), { timeout: 15_000 })
        .toBeGreaterThan(0);
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      // axe-core, evaluated through the debugging protocol (the page's CSP forbids injected scripts).
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        // biome-ignore lint/suspicious/noExplicitAny: axe is a global put there by the evaluated source
        const axe = (window as any).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map(
          (v: { id: string; impact: string; nodes: Array<{ target: string[] }> }) => ({
            id: v.id,
            impact: v.impact,
            targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
          }),
        );
      });
      expect(
        violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical'),
      ).toEqual([]);
    },
  );

  it('logged no page error and never the token', () => {
    expect(pageErrors).toEqual([]);
    expect(logs.text()).not.toContain(attached.dashboard.token);
  });
});
