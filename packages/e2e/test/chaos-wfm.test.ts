import { LIVEVOX_AGENT_STREAM, type WfmConnector } from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import { FaultTally, type NamedRule, outageRequestBound } from './chaos-helpers.js';
import { configureWorld, connectWorld, trackWorlds, waitFor } from './wfm-helpers.js';
import { expectedIntervals, livevoxTimelines, secretsIn, wfmIntervalsByUser } from './wfm-truth.js';

// Issue 13 item 9, the WFM half: agent statuses from the Gladly webhook and Events API and from the
// LiveVox Agent Event Feed reach Playvox WFM exactly once while Gladly, LiveVox and Playvox WFM answer
// with 500s, 429s with Retry-After, dropped connections and cut bodies, LiveVox sessions expire, each
// service has an outage, and the connector restarts. The kills by SIGKILL are the QA suite's
// (chaos.test.ts, one process); here the connector runs in this process, on the frozen clocks of the
// WFM world, and restarts by stopping. Answers past the client timeout are the QA suite's too (30 s
// each on clocks that do not move would only make this run long).

const MINUTE = 60_000;
const SOAK = process.env.VOXBRIDGE_SOAK === '1';
/** How long each service's outage lasts (every request answered 503); `npm run soak`: 2 minutes. */
const OUTAGE_MS = SOAK ? 120_000 : 5_000;
/** Ten simulated minutes per step: 18 steps are three hours of traffic. */
const STEPS = 18;
/** LiveVox agents (ids 544001…) and their WFM users. */
const LIVEVOX_AGENTS = ['544001', '544002', '544003', '544004'];
/**
 * Callers of each destination in flight at once: WFM (the Gladly and the LiveVox consumers, the user
 * syncs), Gladly (the poll, work sessions, user sync, webhook watchdog), LiveVox (the feed, user sync).
 */
const CALLERS = { 'playvox-wfm': 4, gladly: 4, livevox: 2 } as const;
/** Log lines an outage may cost: circuit open, one warning per caller, a summary a minute, circuit closed. */
const lineBound = (service: keyof typeof CALLERS, ms: number) =>
  2 + CALLERS[service] * 2 + Math.ceil(ms / 60_000);

const { connectors, world } = trackWorlds();

/**
 * The background faults on every path of a service: 500, 429 with Retry-After, a dropped connection,
 * a cut body; each applies to one request in `1 / probability` and at most `times` times a phase, so
 * every kind is met even by a service that gets few requests.
 */
function backgroundFaults(probability: number, times = 4): NamedRule[] {
  const rule = (fault: Record<string, unknown>) => ({ path: '^/', probability, times, ...fault });
  return [
    { kind: 'status 500', rule: rule({ status: 500 }) },
    { kind: '429 Retry-After', rule: rule({ status: 429, retryAfter: 1 }) },
    { kind: 'dropped connection', rule: rule({ drop: true }) },
    { kind: 'cut body', rule: rule({ truncate: true }) },
  ];
}

describe('WFM chaos: faults on Gladly, LiveVox and Playvox WFM', () => {
  it('delivers every agent status of both sources exactly once through faults, session expiries, outages and restarts', async () => {
    const w = await world({
      gladly: true,
      livevox: true,
      users: (agents) => [
        ...agents.map((agent) => ({ email: agent.emailAddress })),
        ...LIVEVOX_AGENTS.map((id) => ({ email: `lv${id}@example.com`, integrations: { livevox: id } })),
      ],
    });
    const gladly = w.gladlyEmulator!;
    const livevox = w.livevoxEmulator!;
    const { config, clients } = await configureWorld(w);
    let connector: WfmConnector = await connectWorld(w, config, { clients });
    connectors.push(connector);
    const restart = async () => {
      await connector.stop();
      connector = await connectWorld(w, config, { clients });
      connectors.push(connector);
    };
    await waitFor(
      async () => (await clients.gladly!.webhooks.list())[0]?.enabled === true,
      'the webhook to be enabled',
    );
    await waitFor(
      async () => (await w.store.getCheckpoint(LIVEVOX_AGENT_STREAM)) !== undefined,
      'the first agent feed token',
    );

    const faults = {
      gladly: new FaultTally(gladly.url),
      livevox: new FaultTally(livevox.url),
      'playvox-wfm': new FaultTally(w.wfmEmulator.url),
    };
    const services = Object.keys(faults) as Array<keyof typeof faults>;
    const background = async () => {
      await faults.gladly.set(backgroundFaults(0.15));
      await faults.livevox.set(backgroundFaults(0.15));
      await faults['playvox-wfm'].set(backgroundFaults(0.15));
    };
    const step = async () => {
      livevox.clock.advance(10 * MINUTE);
      gladly.clock.advance(10 * MINUTE);
      await gladly.deliveriesSettled();
      connector.nudge();
      await new Promise((resolve) => setTimeout(resolve, 300));
    };
    const rejected = () => (livevox.stats() as { byStatus: Record<string, number> }).byStatus['401'] ?? 0;
    let expiriesSeen = 0;
    const expireLiveVoxSession = async () => {
      const before = rejected();
      const idleMs = (livevox.config() as { session: { idleMs: number } }).session.idleMs;
      livevox.clock.advance(idleMs + 1_000);
      await waitFor(() => rejected() > before, 'a 401 after the session expired', 10_000).catch(() => {});
      if (rejected() > before) expiriesSeen += 1;
    };
    const outages: Array<{
      service: string;
      ms: number;
      requests: number;
      bound: number;
      lines: number;
      messages: Record<string, number>;
    }> = [];
    const outage = async (service: keyof typeof faults) => {
      for (const other of services) if (other !== service) await faults[other].set([]);
      await faults[service].set([{ kind: 'outage', rule: { path: '^/', status: 503 } }]);
      const from = Date.now();
      const linesBefore = w.logLines.length;
      // Traffic goes on during the outage: the sources store, the consumers wait.
      await step();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, from + OUTAGE_MS - Date.now())));
      const requests = await faults[service].appliedNow('outage');
      const ms = Date.now() - from;
      // What `run` logs at its default level (the world's logger also keeps debug lines).
      const logged = w.logLines
        .slice(linesBefore)
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((line) => line.level >= 30);
      const lines = logged.length;
      const messages: Record<string, number> = {};
      for (const line of logged) messages[line.msg] = (messages[line.msg] ?? 0) + 1;
      await background();
      outages.push({
        service,
        ms,
        requests,
        bound: outageRequestBound(ms, 1, CALLERS[service]),
        lines,
        messages,
      });
    };

    livevox.startTraffic({
      agents: LIVEVOX_AGENTS.length,
      callsPerMinute: 1.5,
      smsPerMinute: 0,
      emailsPerMinute: 0,
    });
    gladly.start();
    await background();
    for (let i = 0; i < STEPS; i++) {
      await step();
      if (i === 3) await expireLiveVoxSession();
      if (i === 5) await outage('playvox-wfm');
      if (i === 7) await restart();
      if (i === 9) await outage('gladly');
      if (i === 11) await expireLiveVoxSession();
      if (i === 13) await outage('livevox');
      if (i === 15) await restart();
    }
    // Random faults can miss a rare kind on a service with few requests (the soak's long outages leave
    // little else): one of each kind still missing is planted while traffic still flows.
    for (const service of services) await faults[service].ensureEach(backgroundFaults(0.15), 60_000, step);
    const drained = livevox.stopTraffic({ drain: true });
    await gladly.stop({ drain: true });
    livevox.clock.advance(30 * MINUTE);
    gladly.clock.advance(MINUTE);
    await drained;
    for (const service of services) await faults[service].set([]);
    connector.nudge();

    const lvTruth = livevoxTimelines(livevox);
    const lvExpected = LIVEVOX_AGENTS.reduce((sum, id) => sum + (lvTruth.get(id)?.length ?? 0), 0);
    const glTruth = gladly.truth();
    const glExpected = glTruth.agents.reduce((sum, agent) => sum + agent.statuses.length, 0);
    const inWfm = () => w.wfmEmulator.truth().perIntegration;
    await waitFor(
      async () =>
        (inWfm().livevox?.statuses ?? 0) >= lvExpected && (inWfm().gladly?.statuses ?? 0) >= glExpected,
      `${lvExpected} LiveVox and ${glExpected} Gladly statuses in WFM`,
      120_000,
    );
    // A re-sent status would show as one more in WFM's count: give stragglers a moment before comparing.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const figures = {
      steps: STEPS,
      restarts: 2,
      livevoxStatuses: lvExpected,
      gladlyStatuses: glExpected,
      faults: Object.fromEntries(services.map((s) => [s, Object.fromEntries(faults[s].applied)])),
      sessionExpiriesSeen: expiriesSeen,
      outages,
      logLines: w.logLines.length,
      duplicatesAbsorbedByWfm: w.wfmEmulator.truth().duplicatesByKind,
    };
    console.info(`WFM chaos figures: ${JSON.stringify(figures)}`);

    // Both truths: every status once in WFM, no more (WFM counts a re-sent event id as a duplicate).
    expect(inWfm().livevox).toMatchObject({ statuses: lvExpected, unmatched: 0, ambiguous: 0 });
    expect(inWfm().gladly).toMatchObject({ statuses: glExpected, unmatched: 0, ambiguous: 0 });
    const now = Math.max(livevox.clock.now(), gladly.clock.now());
    const lvIntervals = await wfmIntervalsByUser(w.wfm, 'livevox', now - 12 * 60 * MINUTE, now + MINUTE);
    for (const id of LIVEVOX_AGENTS)
      expect(lvIntervals.get(`lv${id}@example.com`) ?? [], id).toEqual(
        expectedIntervals('livevox', lvTruth.get(id) ?? []),
      );
    const glIntervals = await wfmIntervalsByUser(w.wfm, 'gladly', now - 12 * 60 * MINUTE, now + MINUTE);
    for (const agent of glTruth.agents)
      expect(glIntervals.get(agent.emailAddress.toLowerCase()) ?? [], agent.emailAddress).toEqual(
        expectedIntervals('gladly', agent.statuses),
      );
    expect(await w.store.listDeadLetters()).toEqual([]);

    expect(expiriesSeen).toBeGreaterThan(0);
    for (const service of services)
      for (const kind of ['status 500', '429 Retry-After', 'dropped connection', 'cut body'])
        expect(faults[service].applied.get(kind), `${service} ${kind}`).toBeGreaterThan(0);
    for (const o of outages) {
      expect(o.requests, `${o.service} requests during its outage`).toBeLessThanOrEqual(o.bound);
      expect(o.lines, `${o.service} log lines during its outage`).toBeLessThanOrEqual(
        lineBound(o.service as keyof typeof CALLERS, o.ms),
      );
    }
    expect(secretsIn(w.logLines)).toEqual([]);
    // What /readyz would report: the expired LiveVox session and the last circuit that opened.
    const notes = w.metrics.errors.snapshot();
    expect(notes.tokenExpiry?.destination).toBe('livevox');
    expect(notes.circuit?.message).toMatch(
      /^(playvox-wfm|gladly|livevox): circuit open after consecutive failures/,
    );
    expect(secretsIn([JSON.stringify(notes)])).toEqual([]);
  }, 900_000);
});
