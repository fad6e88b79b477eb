import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createLogger, type RunningBridge, startQaBridge, WfmMetrics } from '@voxbridge/bridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulators, e2eConfig, startEmulators, waitFor } from './e2e-helpers.js';

// A live scrape of a running bridge, checked the way Prometheus would: names and labels by the book,
// `promtool check metrics` on it, `promtool check rules` on the alert rules, and every metric the alert
// rules, the Grafana dashboard and the README name must exist in the scrape.

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const readRepo = (path: string): string => readFileSync(join(root, path), 'utf8');

/** Why promtool cannot run here, or null when it can. */
async function promtoolMissing(): Promise<string | null> {
  try {
    await run('promtool', ['--version'], { timeout: 20_000 });
    return null;
  } catch (error) {
    const e = error as { code?: string; message: string };
    return e.code === 'ENOENT' ? 'no promtool on PATH' : `promtool --version fails: ${e.message}`;
  }
}

/** Runs promtool with `input` on stdin; its exit code and output. */
function promtool(args: string[], input?: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('promtool', args, { cwd: root });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(input ?? '');
  });
}

/** Metric families of an exposition: name → type. */
function families(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** The series lines (name, labels, value) of an exposition. */
function series(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line)!;
      const labels = Object.fromEntries(
        [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
      );
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

/** The metric family a referenced name belongs to (`_bucket`, `_sum`, `_count` of a histogram). */
function familyOf(name: string, known: Map<string, string>): string | undefined {
  if (known.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return known.get(base) === 'histogram' ? base : undefined;
}

// prom-client's standard Node.js gauges are named `*_total` (kept as prom-client names them, so that
// its usual dashboards work); promtool's lint flags exactly these three, nothing of voxbridge's.
const PROM_CLIENT_LINT = [
  'nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_requests_total non-counter metrics should not have "_total" suffix',
  'nodejs_active_resources_total non-counter metrics should not have "_total" suffix',
];

describe('the /metrics of a running bridge', () => {
  let emulators: Emulators;
  let bridge: RunningBridge;
  let scrape: string;
  let missingPromtool: string | null;

  beforeAll(async () => {
    missingPromtool = await promtoolMissing();
    if (missingPromtool)
      console.warn(
        `\n!!! SKIPPING the promtool checks: ${missingPromtool}. CI installs Debian's prometheus package; here: apt-get install -y prometheus !!!\n`,
      );
    emulators = await startEmulators();
    bridge = await startQaBridge(e2eConfig(emulators), {
      logger: createLogger({ level: 'silent', pretty: false }),
    });
    // The WFM connector registers these on the bridge's registry when it starts beside the QA pipeline.
    new WfmMetrics(bridge.metrics.registry);
    await bridge.pipeline.waitUntilPositioned();
    await fetch(`${emulators.livevox.url}/_emulator/traffic`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agents: 5, calls: 20, sms: 10, emails: 10, seed: 5 }),
    });
    await waitFor(async () => (await bridge.store.counts()).interactions.delivered >= 40, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1200)); // one gauge refresh after the last delivery
    scrape = await (await fetch(`${bridge.url}/metrics`)).text();
  }, 60_000);
  afterAll(async () => {
    await bridge?.stop();
    await emulators?.close();
  });

  it('names every metric voxbridge_… (or prom-client’s standard process_/nodejs_), with units and the shared labels', () => {
    const known = families(scrape);
    for (const [name, type] of known) {
      expect(name, name).toMatch(/^(voxbridge_[a-z0-9_]+|process_[a-z0-9_]+|nodejs_[a-z0-9_]+)$/);
      if (type === 'counter') expect(name, name).toMatch(/_total$/);
      if (name.startsWith('voxbridge_') && type !== 'counter') expect(name, name).not.toMatch(/_total$/);
    }
    const ours = series(scrape).filter((s) => s.name.startsWith('voxbridge_'));
    for (const s of ours) {
      expect(Object.keys(s.labels), s.name).not.toEqual(expect.arrayContaining(['host']));
      expect(Object.keys(s.labels), s.name).not.toEqual(expect.arrayContaining(['port']));
      for (const value of Object.values(s.labels))
        expect(value, s.name).not.toMatch(/(\d+\.){3}\d+|:\d{2,5}$|localhost/);
      if (s.name !== 'voxbridge_build_info') expect(s.labels.connection, s.name).toBe('default');
    }
    const build = ours.find((s) => s.name === 'voxbridge_build_info');
    expect(build).toMatchObject({ labels: { version: expect.any(String), node: process.version }, value: 1 });
    // Counters exist from the start for their known label values, not from their first increment.
    expect(scrape).toContain(
      'voxbridge_dead_letters_total{connection="default",pipeline="qa",source="livevox",stage="deliver"} 0',
    );
    expect(scrape).toContain('voxbridge_circuit_state{connection="default",destination="playvox-qa"} 0');
    expect(scrape).toMatch(
      /^voxbridge_interactions_delivered_total\{connection="default",pipeline="qa",type="VOICE"\} [1-9]/m,
    );
    // Gauges hold what waits, never what is done.
    const queued = ours.filter((s) => s.name === 'voxbridge_interactions_queued').map((s) => s.labels.state);
    expect(queued.sort()).toEqual(['assembling', 'mapped', 'ready', 'sending', 'submitted']);
    const operations = ours.filter((s) => s.name === 'voxbridge_http_request_duration_seconds_count');
    expect(operations.map((s) => s.labels.operation)).toContain(
      'POST /api/v1/integrations/:id/bulk/interactions',
    );
  });

  it('passes promtool check metrics', async (ctx) => {
    if (missingPromtool) return ctx.skip();
    const { output } = await promtool(['check', 'metrics'], scrape);
    const problems = output
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !PROM_CLIENT_LINT.includes(line));
    expect(problems).toEqual([]);
  });

  it('has the alert rules pass promtool check rules and their unit tests (promtool test rules)', async (ctx) => {
    if (missingPromtool) return ctx.skip();
    const { code, output } = await promtool(['check', 'rules', 'deploy/prometheus/alerts.yml']);
    expect(output).toContain('SUCCESS');
    expect(code).toBe(0);
    // The rules' unit tests: each alert fires (and stays quiet) when it should, on the served label sets.
    const tested = await promtool(['test', 'rules', 'deploy/prometheus/alerts.test.yml']);
    expect(tested.output).toContain('SUCCESS');
    expect(tested.code).toBe(0);
  });

  it('serves every metric the alert rules, the Grafana dashboard and the README name', () => {
    const known = families(scrape);
    const sources = {
      'deploy/prometheus/alerts.yml': readRepo('deploy/prometheus/alerts.yml'),
      'deploy/grafana/dashboards/voxbridge.json': readRepo('deploy/grafana/dashboards/voxbridge.json'),
    };
    for (const [file, text] of Object.entries(sources)) {
      const names = new Set(
        [...text.matchAll(/\b(?:voxbridge|process|nodejs)_[a-z0-9_]+/g)].map((m) => m[0]),
      );
      expect(names.size, file).toBeGreaterThan(5);
      for (const name of names) expect(familyOf(name, known), `${file} names ${name}`).toBeDefined();
    }
    const readme = readRepo('README.md');
    const section = readme.slice(
      readme.indexOf('\n## Metrics'),
      readme.indexOf('\n## ', readme.indexOf('\n## Metrics') + 5),
    );
    expect(section.length).toBeGreaterThan(100);
    for (const name of known.keys())
      if (name.startsWith('voxbridge_'))
        expect(section, `README "Metrics" lists ${name}`).toContain(`\`${name}\``);
    const documented = new Set([...section.matchAll(/`(voxbridge_[a-z0-9_]+)`/g)].map((m) => m[1]!));
    for (const name of documented) expect(familyOf(name, known), `README names ${name}`).toBeDefined();
  });

  it('reports open circuits on /readyz (none while every destination answers)', async () => {
    const ready = (await (await fetch(`${bridge.url}/readyz`)).json()) as {
      details: { openCircuits: unknown[] };
    };
    expect(ready.details.openCircuits).toEqual([]);
  });
});
