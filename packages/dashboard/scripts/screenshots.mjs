// `npm run screenshots`: refreshes docs/dashboard.png (1280×800, the whole page) and
// docs/dashboard-phone.png (375×812, what a phone shows first) against the emulators and a real
// bridge with its WFM connector, as `voxbridge demo --wfm` runs them. Never run by `npm test`.
// Usage: node packages/dashboard/scripts/screenshots.mjs [--out-dir <folder>] [--seconds <n>]
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { attachDashboard } from '@voxbridge/dashboard';
import { chromium } from 'playwright-core';
import { startDemoStack } from './demo-stack.mjs';

const CHROMIUM = '/usr/bin/chromium';
const { values } = parseArgs({
  options: { 'out-dir': { type: 'string' }, seconds: { type: 'string', default: '50' } },
});
const outDir = resolve(values['out-dir'] ?? fileURLToPath(new URL('../../../docs/', import.meta.url)));
const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds < 5)
  throw new Error(`--seconds: must be 5 or more, got ${values.seconds}`);
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install -y chromium)`);

const stack = await startDemoStack({ wfm: true, calm: true });
// 2-second points, so that the chart shows a shape after a minute (the default is 10 s over an hour).
const { dashboard, url } = attachDashboard(stack.bridge, {
  pollIntervalMs: 2000,
  sampleIntervalMs: 1000,
  seriesBucketMs: 2000,
  wfm: () => stack.connector?.stats(),
});
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  process.stderr.write(`dashboard at ${url}; letting the demo run ${seconds} s\n`);
  await new Promise((done) => setTimeout(done, seconds * 1000));
  mkdirSync(outDir, { recursive: true });
  const shots = [
    { file: 'dashboard.png', viewport: { width: 1280, height: 800 }, fullPage: true },
    { file: 'dashboard-phone.png', viewport: { width: 375, height: 812 }, fullPage: false },
  ];
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: shot.viewport });
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    page.on('console', (message) => {
      if (message.type() === 'error') process.stderr.write(`page console: ${message.text()}\n`);
    });
    await page.goto(url);
    await page.locator('#connection[data-state="live"]').waitFor({ timeout: 15_000 });
    await page.locator('#agents li.agent').first().waitFor({ timeout: 15_000 });
    await page.locator('#dead-groups li.dead-group').first().waitFor({ timeout: 15_000 });
    // Two samples, so that the rates and the relative times have settled.
    await page.waitForTimeout(2500);
    const path = join(outDir, shot.file);
    await page.screenshot({ path, fullPage: shot.fullPage });
    process.stderr.write(`wrote ${path}\n`);
    await page.close();
  }
} finally {
  await browser.close();
  await dashboard.close();
  await stack.close();
}
