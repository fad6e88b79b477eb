import { join } from 'node:path';
import { type DeadLetter, SqliteStore, type WfmConnectorStats } from '@voxbridge/bridge';
import { CircuitBreaker } from '@voxbridge/core';
import {
  groupDeadLetters,
  HealthSampler,
  reasonPattern,
  SeriesRecorder,
  storeBridgeView,
} from '@voxbridge/dashboard';
import { describe, expect, it } from 'vitest';
import { wfmFigures } from '../src/figures.js';
import { tempDir } from './helpers.js';

const letter = (
  id: number,
  stage: DeadLetter['stage'],
  reason: string,
  createdAt = id * 1000,
): DeadLetter => ({
  id,
  key: `SMS:s-${id}`,
  stage,
  reason,
  payload: {},
  createdAt,
});

describe('dead-letter groups', () => {
  it('takes a short leading code as the cause, and sets ids and numbers aside otherwise', () => {
    expect(
      reasonPattern('assignee_id: the record has no agentLoginId and mapping.assignee.fallback is not set'),
    ).toBe('assignee_id');
    expect(
      reasonPattern(
        'wfm/gladly unknown_user: Gladly agent TUgzyjBU5WG_fVhr4TQx4 matches no Playvox WFM user (by email)',
      ),
    ).toBe('wfm/gladly unknown_user');
    expect(reasonPattern('Playvox answered 503 for voice:12345 after 3 attempts')).toBe(
      'Playvox answered … for … after … attempts',
    );
    // The leading cause is normalised too, so that every job's failure is one group.
    expect(reasonPattern('job 6f1c2a9e-0b7d-4c1e-9a51-3d2f8e7c6b5a failed: "bad field"')).toBe(
      'job … failed',
    );
    expect(
      reasonPattern('a long explanation of what went wrong, far past the length of a code: "x" 42'),
    ).toBe('a long explanation of what went wrong, far past the length of a code: …');
  });

  it('counts each group, keeps its oldest record as the sample and its newest time, largest first', () => {
    const groups = groupDeadLetters([
      letter(1, 'deliver', 'Playvox answered 503 for voice:1'),
      letter(2, 'map', 'assignee_id: no agent for SMS:s-2'),
      letter(3, 'map', 'assignee_id: no agent for SMS:s-3'),
      letter(4, 'deliver', 'Playvox answered 502 for voice:4'),
      letter(5, 'map', 'assignee_id: no agent for SMS:s-5', 99_000),
      // Same reason at another stage: another group.
      letter(6, 'enrich', 'assignee_id: no agent'),
    ]);
    expect(groups.map((g) => [g.stage, g.pattern, g.count, g.sample.id, g.latestAt])).toEqual([
      ['map', 'assignee_id', 3, 2, 99_000],
      ['deliver', 'Playvox answered … for …', 2, 1, 4000],
      ['enrich', 'assignee_id', 1, 6, 6000],
    ]);
    expect(groups[0]!.sample).toEqual({
      id: 2,
      group: 'map|assignee_id',
      key: 'SMS:s-2',
      stage: 'map',
      reason: 'assignee_id: no agent for SMS:s-2',
      createdAt: 2000,
    });
    expect(JSON.stringify(groups)).not.toContain('payload');
  });
});

describe('the WFM figures', () => {
  const stats = (stored: number): WfmConnectorStats => ({
    gladly: {
      webhook: { stored, duplicates: 0, pings: 0, unauthorized: 0, invalid: 0, restored: 0 },
      poll: { polls: 1, read: 0, inserted: 0, gapFills: 0 },
      workSessions: { polls: 0, rows: 0, inserted: 0 },
      users: {
        at: '2026-12-03T07:00:00.000Z',
        matched: 7,
        mapped: 7,
        cleared: 0,
        unmatchedSource: 1,
        unmatchedWfm: 0,
      },
    },
    livevox: {
      stored: 0,
      duplicates: 0,
      connected: true,
      users: {
        at: '2026-12-03T07:10:00.000Z',
        matched: 3,
        mapped: 3,
        cleared: 0,
        unmatchedSource: 2,
        unmatchedWfm: 4,
      },
    },
    delivery: {
      gladly: { consumed: 9, statuses: 5, contacts: 3, duplicates: 0, unmatched: 1, deadLettered: 0 },
      livevox: { consumed: 4, statuses: 4, contacts: 0, duplicates: 0, unmatched: 2, deadLettered: 0 },
    },
  });

  it('adds the sources, and times the last webhook when its count goes up (the connector keeps no time)', () => {
    const memory = { webhooksReceived: null, lastWebhookAt: null };
    const first = wfmFigures(stats(3), memory, 1_000, 3_600_000);
    expect(first).toEqual({
      statusesSent: 9,
      contactsSent: 3,
      unmatchedStatuses: 3,
      unmatchedUsers: 3,
      webhooksReceived: 3,
      // Deliveries counted before the dashboard started have no known time.
      lastWebhookAt: null,
      lastUserSyncAt: Date.parse('2026-12-03T07:10:00.000Z'),
      nextUserSyncAt: Date.parse('2026-12-03T08:10:00.000Z'),
      lastError: null,
    });
    expect(wfmFigures(stats(3), memory, 2_000, 3_600_000).lastWebhookAt).toBeNull();
    expect(wfmFigures(stats(5), memory, 3_000, 3_600_000).lastWebhookAt).toBe(3_000);
    expect(wfmFigures(stats(5), memory, 4_000, 3_600_000).lastWebhookAt).toBe(3_000);
  });

  it('reports no webhook and no user sync when the connector has neither', () => {
    const figures = wfmFigures(
      { delivery: {}, lastError: 'boom' },
      { webhooksReceived: null, lastWebhookAt: null },
      1,
      60_000,
    );
    expect(figures).toMatchObject({
      statusesSent: 0,
      unmatchedUsers: null,
      webhooksReceived: null,
      lastWebhookAt: null,
      nextUserSyncAt: null,
      lastError: 'boom',
    });
  });
});

describe('the hour-long series', () => {
  it('sums samples into buckets on the server clock, as per-second averages, and keeps one window', () => {
    const series = new SeriesRecorder({ bucketMs: 10_000, windowMs: 30_000 });
    expect(series.add(1_000, 1, { events: 5, delivered: 2, dead: 0 })).toBeUndefined();
    expect(series.add(9_000, 8, { events: 15, delivered: 6, dead: 2 })).toBeUndefined();
    // The first sample of the next bucket closes the previous one: 20 events over 9 s.
    expect(series.add(10_500, 1.5, { events: 1, delivered: 1, dead: 0 })).toEqual({
      at: 0,
      eventsPerSecond: 2.22,
      deliveredPerSecond: 0.89,
      deadPerSecond: 0.22,
    });
    for (let at = 20_000; at <= 60_000; at += 10_000)
      series.add(at, 10, { events: 10, delivered: 0, dead: 0 });
    // Buckets 20 000 … 50 000 closed; only those newer than 50 000 − 30 000 are kept.
    expect(series.history().map((p) => p.at)).toEqual([30_000, 40_000, 50_000]);
    expect(series.history()[0]!.eventsPerSecond).toBe(1);
  });
});

describe('the health sample', () => {
  it('carries the circuits a view reports (an open one with its reason), and leaves the field out otherwise', async () => {
    const store = new SqliteStore({ path: join(tempDir(), 'state.db') });
    try {
      const breaker = new CircuitBreaker({
        destination: 'playvox-qa',
        failureThreshold: 2,
        now: () => 5_000,
      });
      for (let i = 0; i < 2; i++) breaker.failed(breaker.admit(), 'status 503');
      const options = { intervalMs: 1000, series: { bucketMs: 1000, windowMs: 60_000 }, onSample: () => {} };
      const view = { ...storeBridgeView(store), circuits: () => [breaker.snapshot()] };
      const sample = await new HealthSampler(view, options).sampleOnce();
      expect(sample.circuits).toEqual([
        { destination: 'playvox-qa', state: 'open', since: 5_000, reason: 'status 503', opened: 1 },
      ]);
      const without = await new HealthSampler({ ...view, circuits: () => [] }, options).sampleOnce();
      expect(without).not.toHaveProperty('circuits');
      expect(without).toMatchObject({ workers: [], wfm: null, deadLetters: 0 });
    } finally {
      store.close();
    }
  });

  it('lists every connection a view reports, a failing one with its error, and leaves the field out otherwise', async () => {
    const store = new SqliteStore({ path: join(tempDir(), 'state.db') });
    try {
      const options = { intervalMs: 1000, series: { bucketMs: 1000, windowMs: 60_000 }, onSample: () => {} };
      const connections = [
        { name: 'acme', state: 'running', ready: true, delivered: 12, error: null },
        { name: 'broken', state: 'failed', ready: false, delivered: 0, error: 'status 401' },
      ];
      const view = { ...storeBridgeView(store), connections: () => connections };
      expect((await new HealthSampler(view, options).sampleOnce()).connections).toEqual(connections);
      const single = await new HealthSampler(storeBridgeView(store), options).sampleOnce();
      expect(single).not.toHaveProperty('connections');
    } finally {
      store.close();
    }
  });
});
