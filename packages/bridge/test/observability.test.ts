import { CircuitBreaker } from '@voxbridge/core';
import { describe, expect, it } from 'vitest';
import { countsAsAttempt, surelyNotProcessed } from '../src/delivery/policy.js';
import { operationName, statusCode } from '../src/observability/http-metrics.js';
import { BridgeMetrics } from '../src/observability/metrics.js';
import { WfmMetrics } from '../src/observability/wfm-metrics.js';
import { keptLogger } from './helpers.js';

const value = async (metrics: BridgeMetrics, line: string): Promise<number | undefined> => {
  const text = await metrics.registry.metrics();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
};

describe('circuit watch', () => {
  it('sets voxbridge_circuit_state, warns once on open, sums up while open, and logs the close once', async () => {
    const { logger, lines } = keptLogger();
    const metrics = new BridgeMetrics({ processMetrics: false, logger, circuitSummaryMs: 40 });
    let now = 1_000_000;
    const breaker = new CircuitBreaker({
      destination: 'playvox-qa',
      failureThreshold: 3,
      now: () => now,
      random: () => 1,
    });
    metrics.circuits.watch(breaker);
    metrics.circuits.watch(breaker); // twice is harmless
    const state = 'voxbridge_circuit_state{connection="default",destination="playvox-qa"}';
    const opened = 'voxbridge_circuit_opened_total{connection="default",destination="playvox-qa"}';
    expect(await value(metrics, state)).toBe(0);
    expect(await value(metrics, opened)).toBe(0);

    for (let i = 0; i < 3; i++) breaker.failed(false, 'status 503');
    expect(await value(metrics, state)).toBe(2);
    expect(await value(metrics, opened)).toBe(1);
    expect(metrics.circuits.openCircuits()).toEqual([
      expect.objectContaining({ destination: 'playvox-qa', state: 'open', reason: 'status 503', probes: 0 }),
    ]);
    // Many more failures and fast-fails while open: no further line.
    for (let i = 0; i < 50; i++) expect(() => breaker.admit()).toThrow(/circuit/i);
    // Two probes fail: half-open then open again, summed up, never a line each.
    for (let probe = 0; probe < 2; probe++) {
      now += 120_000;
      expect(breaker.admit()).toBe(true);
      expect(await value(metrics, state)).toBe(1);
      breaker.failed(true, 'status 503');
    }
    await new Promise((resolve) => setTimeout(resolve, 110));
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings.filter((l) => l.msg.startsWith('circuit open'))).toHaveLength(1);
    const summaries = warnings.filter((l) => l.msg.startsWith('circuit still open'));
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    expect(summaries.length).toBeLessThanOrEqual(3); // one per interval, whatever happened in between
    expect(summaries.at(-1)).toMatchObject({ destination: 'playvox-qa', probes: 2, rejected: 50 });

    now += 120_000;
    expect(breaker.admit()).toBe(true);
    breaker.succeeded(true);
    expect(await value(metrics, state)).toBe(0);
    expect(metrics.circuits.openCircuits()).toEqual([]);
    const closed = lines.filter((l) => l.msg.startsWith('circuit closed'));
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ level: 30, destination: 'playvox-qa', probes: 2 });
    const before = lines.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines.length).toBe(before); // summaries stop with the outage
  });

  it('shows the worst state of the breakers sharing a destination name', async () => {
    const metrics = new BridgeMetrics({ processMetrics: false });
    const a = new CircuitBreaker({ destination: 'livevox', failureThreshold: 1 });
    const b = new CircuitBreaker({ destination: 'livevox', failureThreshold: 1 });
    metrics.circuits.watch(a);
    metrics.circuits.watch(b);
    b.failed(false, 'connect ECONNREFUSED');
    expect(await value(metrics, 'voxbridge_circuit_state{connection="default",destination="livevox"}')).toBe(
      2,
    );
    a.succeeded(false);
    expect(await value(metrics, 'voxbridge_circuit_state{connection="default",destination="livevox"}')).toBe(
      2,
    );
    metrics.circuits.stop();
  });
});

describe('metric names and labels', () => {
  it('turns paths into bounded operation names and statuses into classes', () => {
    expect(operationName('post', '/api/v1/integrations/64a1f0c2e4b0/bulk/interactions?x=1')).toBe(
      'POST /api/v1/integrations/:id/bulk/interactions',
    );
    expect(operationName('GET', '/realtime/v6.0/interaction/event/feed')).toBe(
      'GET /realtime/v6.0/interaction/event/feed',
    );
    expect(operationName('GET', '/api/v1/jobs/job-17')).toBe('GET /api/v1/jobs/:id');
    expect(operationName('GET', `/api/v1/conversations/${'a'.repeat(40)}`)).toBe(
      'GET /api/v1/conversations/:id',
    );
    expect([200, 302, 404, 429, 503, 0].map(statusCode)).toEqual([
      '2xx',
      '3xx',
      '4xx',
      '429',
      '5xx',
      'error',
    ]);
  });

  it('keeps the QA call sites’ labels and adds connection and pipeline; done states never reach a gauge', async () => {
    const metrics = new BridgeMetrics({ processMetrics: false });
    metrics.eventsReceived.inc({ stream: 'livevox:interaction-events' }, 7);
    metrics.failed.inc({ final: 'true' });
    metrics.failed.inc({ final: 'false' });
    metrics.queueDepth.set({ state: 'mapped' }, 4);
    metrics.queueDepth.set({ state: 'delivered' }, 1000);
    metrics.tokenExpired.inc();
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'voxbridge_events_received_total{connection="default",pipeline="qa",source="livevox"} 7',
    );
    expect(text).toContain(
      'voxbridge_delivery_failures_total{connection="default",pipeline="qa",outcome="dead"} 1',
    );
    expect(text).toContain(
      'voxbridge_delivery_failures_total{connection="default",pipeline="qa",outcome="retry"} 1',
    );
    expect(text).toContain(
      'voxbridge_interactions_queued{connection="default",pipeline="qa",state="mapped"} 4',
    );
    expect(text).not.toContain('state="delivered"');
    expect(text).toContain(
      'voxbridge_feed_token_expired_total{connection="default",pipeline="qa",source="livevox"} 1',
    );
  });

  it('puts WFM dead letters in the shared counter by stage, and a second connector reuses the metrics', async () => {
    const metrics = new BridgeMetrics({ processMetrics: false });
    const wfm = new WfmMetrics(metrics.registry);
    wfm.deadLettered.inc({ source: 'gladly', reason: 'rejected' });
    wfm.deadLettered.inc({ source: 'livevox', reason: 'untranslatable' }, 2);
    new WfmMetrics(metrics.registry).statusesSent.inc({ source: 'gladly' });
    wfm.pollLag.set({ stream: 'gladly:events' }, 12);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'voxbridge_dead_letters_total{connection="default",pipeline="wfm",source="gladly",stage="deliver"} 1',
    );
    expect(text).toContain(
      'voxbridge_dead_letters_total{connection="default",pipeline="wfm",source="livevox",stage="map"} 2',
    );
    expect(text).toContain('voxbridge_wfm_statuses_sent_total{connection="default",source="gladly"} 1');
    expect(text).toContain('voxbridge_wfm_poll_lag_seconds{connection="default",source="gladly"} 12');
  });
});

describe('delivery policy and open circuits', () => {
  it('treats a fail-fast as surely not processed and not an attempt of the items', () => {
    const breaker = new CircuitBreaker({ destination: 'playvox-qa', failureThreshold: 1 });
    breaker.failed(false, 'status 503');
    let error: unknown;
    try {
      breaker.admit();
    } catch (caught) {
      error = caught;
    }
    expect(surelyNotProcessed(error)).toBe(true);
    expect(countsAsAttempt(error)).toBe(false);
    expect(countsAsAttempt(new Error('other'))).toBe(true);
  });
});
