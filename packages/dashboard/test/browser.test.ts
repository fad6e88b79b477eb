import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AttachedDashboard, attachDashboard } from '@voxbridge/dashboard';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, memoryLogger, openEventStream, type Stack, startStack } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = fileURLToPath(new URL('../../../docs/dashboard.png', import.meta.url));
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`dashboard browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('the dashboard in Chromium, against the emulators and a real bridge', () => {
  let stack: Stack;
  let attached: AttachedDashboard;
  let browser: Browser;
  let page: Page;
  const logs = memoryLogger();
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await startStack(logs.logger);
    attached = attachDashboard(stack.bridge, {
      pollIntervalMs: 1000,
      sampleIntervalMs: 500,
      wfmUnmatched: () => 2,
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
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400)
        pageErrors.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.goto(attached.url!);
  });

  afterAll(async () => {
    await browser?.close();
    await attached?.dashboard.close();
    await stack?.close();
  });

  it('loads the page from the bridge server, next to /metrics, and goes live', async () => {
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

  it('shows the simulated agents on the agent board, colour-coded by state', async () => {
    const cards = page.locator('#agents li.agent');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const simulated = new Set(stack.livevox.simulator.state.agents.map((agent) => agent.name));
    const names = await page.locator('#agents li.agent .name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(simulated.has(name), name).toBe(true);
    const kinds = await cards.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.kind));
    expect(kinds.every((kind) => ['ready', 'not-ready', 'in-call', 'wrap-up', 'other'].includes(kind!))).toBe(
      true,
    );
    const badge = page
      .locator('#agents li.agent[data-kind="in-call"] .badge, #agents li.agent[data-kind="ready"] .badge')
      .first();
    await expect.poll(() => badge.count(), { timeout: 15_000 }).toBe(1);
    expect(await badge.evaluate((node) => getComputedStyle(node).color)).toBe('rgb(255, 255, 255)');
    await expect.poll(() => page.locator('#services tbody tr[data-service]').count()).toBe(3);
    await expect.poll(() => page.locator('#live-connects rect.bar').count()).toBe(6);
    await expect.poll(() => page.locator('#averages tbody tr').count()).toBe(3);
    await expect.poll(() => page.locator('#campaigns li.campaign').count()).toBeGreaterThan(0);
  });

  it('moves the numbers within a few seconds', async () => {
    const tile = page.locator('#health-tiles .tile').first();
    await expect.poll(() => tile.textContent(), { timeout: 10_000 }).toMatch(/Events received/);
    const eventsBefore = await tile.locator('small').textContent();
    const polledBefore = await page.locator('#wallboard-updated').getAttribute('datetime');
    await expect.poll(() => tile.locator('small').textContent(), { timeout: 15_000 }).not.toBe(eventsBefore);
    await expect
      .poll(() => page.locator('#wallboard-updated').getAttribute('datetime'), { timeout: 15_000 })
      .not.toBe(polledBefore);
    await expect.poll(() => page.locator('#throughput-chart canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#health-tiles').textContent()).toContain('WFM statuses unmatched2');
    // From the running bridge only: the Playvox limiter (6000/min in the test configuration) and delivery latency.
    expect(await page.locator('[data-tile="rate-limit"]').textContent()).toContain('of 100/s');
    await expect
      .poll(() => page.locator('[data-tile="lag"] .value').textContent(), { timeout: 15_000 })
      .toMatch(/^\d+ s$|^\d+:\d\d$/);
  });

  it('retries a dead letter from the page with the keyboard, and the interaction reaches Playvox', async () => {
    const store = stack.bridge.store;
    const letter = await eventually(
      'a dead letter from an interaction without an agent',
      async () =>
        (await store.listDeadLetters(1000)).find(
          (l) => l.stage === 'map' && l.key && l.reason.includes('agentLoginId'),
        ),
      20_000,
    );
    const row = page.locator(`#dead-letters tbody tr[data-id="${letter.id}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('mapping.assignee.fallback is not set');

    // The operator fixes the mapping, then retries the record from the dashboard.
    stack.bridge.config.mapping.assignee.fallback = 'qa-unassigned@demo.livevox.test';
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

  it('meets the accessibility basics and writes the screenshot', async () => {
    expect(await page.locator('[aria-live]').count()).toBeGreaterThanOrEqual(4);
    const unnamed = await page
      .locator('button')
      .evaluateAll(
        (buttons) => buttons.filter((b) => !(b.getAttribute('aria-label') || b.textContent?.trim())).length,
      );
    expect(unnamed).toBe(0);
    expect(await page.locator('main section h2').count()).toBe(7);
    // Let the throughput chart gather a few seconds of samples before the picture is taken.
    const stream = await openEventStream(
      `${stack.bridge.url}/dashboard/events?token=${encodeURIComponent(attached.dashboard.token)}`,
    );
    try {
      const points = () =>
        (stream.events.find((e) => e.event === 'history')?.data.length ?? 0) +
        stream.events.filter((e) => e.event === 'health').length;
      await eventually('a chart worth a picture', () => points() >= 24, 20_000);
    } finally {
      stream.close();
    }
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(logs.text()).not.toContain(attached.dashboard.token);
  });
});
