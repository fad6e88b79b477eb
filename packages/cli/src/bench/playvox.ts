/**
 * Benchmark of the Playvox QA client against the emulator (in a child process) on loopback:
 * (a) `interactions.list` throughput through the client vs raw undici for the same requests;
 * (b) `bulkCreate` + `waitForJobs` vs one-by-one creates, the way python-playvox sends them;
 * (c) `bulkCreate` + `waitForJobs` vs python-playvox itself, measured side by side (python-playvox.ts).
 */
import { gunzipSync } from 'node:zlib';
import { type BulkInteractionItem, Playvox } from '@voxbridge/playvox';
import { request } from 'undici';
import { startPlayvoxChild } from './playvox-emulator.js';
import { comparePythonPlayvox, type PythonPlayvoxComparison } from './python-playvox.js';
import type { BenchContext, BenchResult, BenchSection } from './types.js';

/** Requests in flight during the list comparison. */
const LIST_CONCURRENCY = 8;
/** Page size of the list requests. */
const LIST_PER_PAGE = 50;
/** Per-request latency injected for the second bulk comparison: a typical WAN round trip. */
const WAN_LATENCY_MS = 20;

interface Sizes {
  listRequests: number;
  listWarmup: number;
  listRounds: number;
  bulkItems: number;
  sequentialSample: number;
  wanBulkItems: number;
  wanSequentialSample: number;
}

const FULL: Sizes = {
  listRequests: 1_000,
  listWarmup: 2_000,
  listRounds: 12,
  bulkItems: 10_000,
  sequentialSample: 1_000,
  wanBulkItems: 10_000,
  wanSequentialSample: 100,
};
const QUICK: Sizes = {
  listRequests: 300,
  listWarmup: 100,
  listRounds: 2,
  bulkItems: 1_000,
  sequentialSample: 200,
  wanBulkItems: 1_000,
  wanSequentialSample: 20,
};

/** Rate and process CPU time per request of one measured round. */
interface Round {
  rps: number;
  /** CPU time of this process (the client; the emulator runs in another) per request, in microseconds. */
  cpuUs: number;
}

/** Runs `total` calls of `call`, `concurrency` at a time, and measures wall-clock rate and CPU time. */
async function throughput(total: number, concurrency: number, call: () => Promise<unknown>): Promise<Round> {
  let started = 0;
  const begin = performance.now();
  const cpuBefore = process.cpuUsage();
  const worker = async () => {
    while (started < total) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpuBefore);
  return { rps: total / ((performance.now() - begin) / 1000), cpuUs: (cpu.user + cpu.system) / total };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function items(count: number, prefix: string): BulkInteractionItem[] {
  const base = Date.parse('2026-11-22T10:00:00Z');
  return Array.from({ length: count }, (_, i) => ({
    interactionId: `${prefix}-${i}`,
    assigneeId: 'agent.one@example.com',
    metadata: { closed_at: new Date(base + i * 1000), channel: 'voice', handle_seconds: 60 + (i % 300) },
  }));
}

/** The Playvox client section of BENCHMARKS.md. */
export const benchPlayvox: BenchSection = async (ctx: BenchContext): Promise<BenchResult> => {
  const sizes = ctx.quick ? QUICK : FULL;
  // The emulator runs in a process of its own, as the real service would: bulk work on the server
  // side must not share the client's CPU.
  // One pool for both sides of the comparison, so connection reuse is the same.
  const { emulator, agent, pv, uid, key } = await startPlayvoxChild({ jobs: { delayMs: 5 } });
  const pvClosing = new Playvox({
    baseUrl: emulator.url,
    uid,
    key,
    dispatcher: agent,
    maxRetries: 0,
    headers: { connection: 'close' },
  });
  try {
    const integrationId = await pv.integrations.create({
      name: 'voxbridge bench',
      description: 'benchmark data',
      dataStorageMinutes: 1_440,
    });
    await pv.integrations.addMetadata(integrationId, {
      fieldId: 'closed_at',
      type: 'datetime',
      required: true,
      availableIn: ['filters', 'display'],
    });
    await pv.integrations.addMetadata(integrationId, { fieldId: 'channel', type: 'string' });
    await pv.integrations.addMetadata(integrationId, { fieldId: 'handle_seconds', type: 'integer' });
    await pv.interactions.waitForJobs(
      await pv.interactions.bulkCreate(integrationId, items(LIST_PER_PAGE * 4, 'seed')),
      { initialDelayMs: 5, maxDelayMs: 100 },
    );

    // (a) The same GET through the client and through raw undici (same headers, same decoding).
    ctx.log(
      `playvox: list throughput, ${sizes.listRequests} requests x ${sizes.listRounds} rounds, ${LIST_CONCURRENCY} in flight`,
    );
    const listUrl = new URL(`api/v1/integrations/${integrationId}/interactions`, `${emulator.url}/`);
    listUrl.search = new URLSearchParams({ page: '1', per_page: String(LIST_PER_PAGE) }).toString();
    const headers = {
      authorization: `Basic ${Buffer.from(`${uid}:${key}`).toString('base64')}`,
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate',
      // The client's user agent, so that both sides send the same bytes.
      'user-agent': 'voxbridge/0.1 (+node)',
    };
    const raw = async () => {
      const res = await request(listUrl, { method: 'GET', headers, dispatcher: agent });
      const body = Buffer.from(await res.body.arrayBuffer());
      const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
      const parsed = JSON.parse(text.toString('utf8')) as { result: unknown[] };
      if (res.statusCode !== 200 || parsed.result.length !== LIST_PER_PAGE)
        throw new Error(`raw list answered ${res.statusCode}`);
    };
    const viaClient = async () => {
      const page = await pv.interactions.list(integrationId, { perPage: LIST_PER_PAGE });
      if (page.items.length !== LIST_PER_PAGE) throw new Error('client list returned a short page');
    };
    await throughput(sizes.listWarmup, LIST_CONCURRENCY, raw);
    await throughput(sizes.listWarmup, LIST_CONCURRENCY, viaClient);
    // Short rounds in A-B-B-A order, compared pair by pair, so that drift in machine load hits both sides.
    const rawRates: number[] = [];
    const clientRates: number[] = [];
    const pairRatios: number[] = [];
    const rawCpu: number[] = [];
    const clientCpu: number[] = [];
    for (let r = 0; r < sizes.listRounds; r++) {
      const rawFirst = r % 2 === 0;
      const first = await throughput(sizes.listRequests, LIST_CONCURRENCY, rawFirst ? raw : viaClient);
      const second = await throughput(sizes.listRequests, LIST_CONCURRENCY, rawFirst ? viaClient : raw);
      const [rawRound, clientRound] = rawFirst ? [first, second] : [second, first];
      rawRates.push(rawRound.rps);
      clientRates.push(clientRound.rps);
      pairRatios.push(clientRound.rps / rawRound.rps);
      rawCpu.push(rawRound.cpuUs);
      clientCpu.push(clientRound.cpuUs);
    }
    const rawRps = median(rawRates);
    const clientRps = median(clientRates);
    // CPU per request is far less sensitive to other load on the machine than the wall-clock rate; on
    // loopback the run is CPU-bound, so raw CPU / client CPU is the rate ratio without the noise.
    const rawCpuUs = median(rawCpu);
    const clientCpuUs = median(clientCpu);
    const listRatio = median(pairRatios);

    // (b) Bulk jobs vs one-by-one creates, first on bare loopback, then with WAN-like latency.
    const bulkVsSequential = async (bulkCount: number, sampleCount: number, label: string) => {
      ctx.log(`playvox: ${label}: bulk ${bulkCount} items, sequential sample ${sampleCount}`);
      const batch = items(bulkCount, `${label}-bulk`);
      const bulkStart = performance.now();
      const jobIds = await pv.interactions.bulkCreate(integrationId, batch, { concurrency: 8 });
      const submitMs = performance.now() - bulkStart;
      const outcome = await pv.interactions.waitForJobs(jobIds, {
        initialDelayMs: 10,
        maxDelayMs: 250,
        timeoutMs: 600_000,
      });
      const bulkMs = performance.now() - bulkStart;
      if (outcome.createdIds.length !== bulkCount || outcome.failures.length > 0) {
        throw new Error(
          `bulk created ${outcome.createdIds.length} of ${bulkCount} (${outcome.failures.length} failures)`,
        );
      }
      // One by one, as python-playvox does: each create waits for the previous one. Its `requests.request`
      // opens a new connection per call (no Session); `connection: close` does the same here.
      const oneByOne = async (client: Playvox, tag: string) => {
        const sample = items(sampleCount, `${label}-${tag}`);
        const started = performance.now();
        for (const item of sample) await client.interactions.create(integrationId, item);
        const sampleMs = performance.now() - started;
        return {
          sampleMs,
          perItemMs: sampleMs / sampleCount,
          extrapolatedMs: (sampleMs / sampleCount) * bulkCount,
        };
      };
      const newConnections = await oneByOne(pvClosing, 'seq-close');
      const keepAlive = await oneByOne(pv, 'seq-keep');
      return {
        bulkMs,
        submitMs,
        jobs: jobIds.length,
        newConnections,
        keepAlive,
        speedup: newConnections.extrapolatedMs / bulkMs,
        keepAliveSpeedup: keepAlive.extrapolatedMs / bulkMs,
      };
    };
    const loopback = await bulkVsSequential(sizes.bulkItems, sizes.sequentialSample, 'loopback');
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ path: '^/api/v1/', delayMs: WAN_LATENCY_MS }]),
    });
    const wan = await bulkVsSequential(sizes.wanBulkItems, sizes.wanSequentialSample, 'wan');
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
    // (c) against python-playvox itself, on an emulator of its own (it resets between rounds).
    const python = await comparePythonPlayvox(ctx);

    const figures: Record<string, number | string | boolean> = {
      quick: ctx.quick,
      listConcurrency: LIST_CONCURRENCY,
      listPerPage: LIST_PER_PAGE,
      listRequestsPerRound: sizes.listRequests,
      listRounds: sizes.listRounds,
      rawListRps: round(rawRps),
      clientListRps: round(clientRps),
      clientToRawRatio: round(listRatio, 3),
      rawCpuUsPerRequest: round(rawCpuUs),
      clientCpuUsPerRequest: round(clientCpuUs),
      clientOverheadCpuUsPerRequest: round(clientCpuUs - rawCpuUs),
      cpuRatio: round(rawCpuUs / clientCpuUs, 3),
      listGoalMet: listRatio >= 0.85,
      loopbackBulkItems: sizes.bulkItems,
      loopbackBulkJobs: loopback.jobs,
      loopbackBulkMs: round(loopback.bulkMs),
      loopbackBulkSubmitMs: round(loopback.submitMs),
      loopbackSequentialSample: sizes.sequentialSample,
      loopbackSequentialSampleMs: round(loopback.newConnections.sampleMs),
      loopbackSequentialPerItemMs: round(loopback.newConnections.perItemMs, 3),
      loopbackSequentialExtrapolatedMs: round(loopback.newConnections.extrapolatedMs),
      loopbackSpeedup: round(loopback.speedup),
      loopbackKeepAlivePerItemMs: round(loopback.keepAlive.perItemMs, 3),
      loopbackKeepAliveExtrapolatedMs: round(loopback.keepAlive.extrapolatedMs),
      loopbackKeepAliveSpeedup: round(loopback.keepAliveSpeedup),
      wanLatencyMs: WAN_LATENCY_MS,
      wanBulkItems: sizes.wanBulkItems,
      wanBulkMs: round(wan.bulkMs),
      wanBulkSubmitMs: round(wan.submitMs),
      wanSequentialSample: sizes.wanSequentialSample,
      wanSequentialPerItemMs: round(wan.newConnections.perItemMs, 2),
      wanSequentialExtrapolatedMs: round(wan.newConnections.extrapolatedMs),
      wanSpeedup: round(wan.speedup),
      wanKeepAlivePerItemMs: round(wan.keepAlive.perItemMs, 2),
      wanKeepAliveSpeedup: round(wan.keepAliveSpeedup),
      bulkGoalMet: loopback.speedup >= 50,
    };
    return {
      section: 'Playvox client',
      markdown: render(figures, rawRates, clientRates, pairRatios, python),
      figures: { ...figures, ...python.figures },
    };
  } finally {
    await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' }).catch(() => undefined);
    await agent.close();
    await emulator.close();
  }
};

function render(
  f: Record<string, number | string | boolean>,
  rawRates: number[],
  clientRates: number[],
  pairRatios: number[],
  python: PythonPlayvoxComparison,
): string {
  const yes = (ok: unknown) => (ok ? 'met' : 'NOT met');
  return [
    `Playvox emulator in a child process on 127.0.0.1, bulk job delay 5 ms${f.quick ? ' (quick run: small sizes, indicative only)' : ''}.`,
    '',
    '| measure | figure | goal |',
    '|---|---|---|',
    `| \`interactions.list\` via raw undici (${f.listConcurrency} in flight, ${f.listPerPage} per page) | ${f.rawListRps} req/s | |`,
    `| \`interactions.list\` via the client (same requests) | ${f.clientListRps} req/s | |`,
    `| client / raw (median of ${f.listRounds} paired rounds) | ${f.clientToRawRatio} | ≥ 0.85: ${yes(f.listGoalMet)} |`,
    `| CPU per request in the client process: raw / client | ${f.rawCpuUsPerRequest} µs / ${f.clientCpuUsPerRequest} µs (client overhead ${f.clientOverheadCpuUsPerRequest} µs) | |`,
    `| client-process CPU per request, raw / client (informational: the goal is the wall-clock rate above) | ${f.cpuRatio} | — |`,
    `| \`bulkCreate\` (8 requests in flight) + \`waitForJobs\`, ${f.loopbackBulkItems} interactions (${f.loopbackBulkJobs} jobs) | ${f.loopbackBulkMs} ms (${f.loopbackBulkSubmitMs} ms to submit) | |`,
    `| one-by-one creates, new connection each (python-playvox), measured on ${f.loopbackSequentialSample} | ${f.loopbackSequentialPerItemMs} ms each | |`,
    `| the same, ${f.loopbackBulkItems} extrapolated | ${f.loopbackSequentialExtrapolatedMs} ms | |`,
    `| **bulk speed-up on loopback** | **${f.loopbackSpeedup}×** | ≥ 50×: ${yes(f.bulkGoalMet)} |`,
    `| one-by-one over keep-alive connections (a kinder baseline), ${f.loopbackBulkItems} extrapolated | ${f.loopbackKeepAliveExtrapolatedMs} ms (${f.loopbackKeepAlivePerItemMs} ms each) | |`,
    `| bulk speed-up against keep-alive one-by-one | ${f.loopbackKeepAliveSpeedup}× | |`,
    `| with ${f.wanLatencyMs} ms injected per request: bulk ${f.wanBulkItems} | ${f.wanBulkMs} ms | |`,
    `| with ${f.wanLatencyMs} ms injected: one-by-one (new connections), measured on ${f.wanSequentialSample}, ${f.wanBulkItems} extrapolated | ${f.wanSequentialExtrapolatedMs} ms | |`,
    `| bulk speed-up with ${f.wanLatencyMs} ms latency (new connections / keep-alive) | ${f.wanSpeedup}× / ${f.wanKeepAliveSpeedup}× | |`,
    ...python.rows,
    '',
    `List rounds of ${f.listRequestsPerRound} requests (req/s) — raw: ${rawRates.map((r) => round(r, 0)).join(', ')}; client: ${clientRates.map((r) => round(r, 0)).join(', ')}; ` +
      `client/raw per pair: ${pairRatios.map((r) => round(r, 2)).join(', ')}. The table shows medians; rounds alternate A-B-B-A.`,
    '',
    'The one-by-one figures are extrapolated from the measured sample (per-item time × item count), not run in full. ' +
      'The first baseline opens a new connection per create, as python-playvox does (`requests.request` without a Session); the keep-alive ' +
      `baseline is kinder than python-playvox. Loopback has almost no network latency, so there the gap is only HTTP and per-request server overhead; the ${f.wanLatencyMs} ms rows ` +
      'inject a delay into every emulator answer (a fault rule) to show a real network round trip, which bulk pays once per 100 items and one-by-one pays per item.',
    ...python.notes.flatMap((note) => ['', note]),
  ].join('\n');
}
