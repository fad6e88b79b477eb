/**
 * CPU of the Playvox emulator (in a child process) under the load the bridge puts on it in the
 * end-to-end drain, without the bridge and LiveVox: bulk requests of 100 interactions shaped like the
 * bridge's (21 metadata fields, a third of the items with two comments), each job read until it ends,
 * and `/_emulator/truth` read every 100 ms as the drain does. Usage, from `packages/cli` after building:
 * `node -e "import('./dist/bench/playvox-emulator.js').then((m) => m.emulatorLoadRounds(5)).then((r) => console.log(JSON.stringify(r)))"`.
 * `VOXBRIDGE_BENCH_BASE_EMULATOR=<path of another build's dist/bench/emulator-child.js>` alternates that
 * build with this one, round by round, for an old-vs-new ratio in one run.
 */
import { pathToFileURL } from 'node:url';
import { PLAYVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-playvox';
import { type BulkInteractionItem, Playvox } from '@voxbridge/playvox';
import { Agent, request } from 'undici';
import { startChildService } from './child-process.js';
import { cpuSeconds, type Spread, spread } from './drain.js';

/** Backlog events per interaction in the drain (22,000 events for 10,000 interactions). */
export const DRAIN_EVENTS_PER_INTERACTION = 2.2;

/** The bridge's Playvox metadata fields (its default mapping), as `[field_id, type, required, allowed]`. */
const FIELDS: Array<[string, 'datetime' | 'list' | 'string' | 'integer' | 'boolean', boolean?, string[]?]> = [
  ['interaction_date', 'datetime', true],
  ['call_end', 'datetime'],
  ['channel', 'list', true, ['VOICE', 'SMS', 'EMAIL']],
  ['direction', 'list', false, ['INBOUND', 'OUTBOUND']],
  ...['service_id', 'service_name', 'campaign_id', 'agent_login', 'agent_name'].map(
    (id) => [id, 'string'] as [string, 'string'],
  ),
  ...['duration_seconds', 'ivr_seconds', 'talk_seconds', 'hold_seconds', 'wrap_seconds'].map(
    (id) => [id, 'integer'] as [string, 'integer'],
  ),
  ...['call_result', 'term_code', 'term_code_description'].map((id) => [id, 'string'] as [string, 'string']),
  ['transferred', 'boolean'],
  ...['recording_url', 'customer_contact', 'account_number'].map(
    (id) => [id, 'string'] as [string, 'string'],
  ),
];

/** `count` items like the bridge's: voice calls with two notes, SMS and emails with fewer fields. */
export function bridgeLikeItems(count: number, prefix: string): BulkInteractionItem[] {
  const base = Date.parse('2026-12-03T11:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(base + i * 1000).toISOString();
    const common = { service_id: String(38_000 + (i % 50)), customer_contact: `******${1000 + (i % 9000)}` };
    if (i % 5 < 3) {
      const end = new Date(base + i * 1000 + 276_000).toISOString();
      return {
        interactionId: `${prefix}-VOICE-${i}`,
        assigneeId: 'agent.one@example.com',
        metadata: {
          ...common,
          interaction_date: at,
          call_end: end,
          channel: 'VOICE',
          direction: 'INBOUND',
          agent_login: 'LITO34',
          duration_seconds: 276,
          ivr_seconds: 0,
          hold_seconds: 0,
          wrap_seconds: 27,
          call_result: 'Operator Transfer (Customer Terminated Call)',
          term_code: '701',
          term_code_description: 'Escalated',
          transferred: false,
          account_number: `0${67_862_940 + i}`,
        },
        comments:
          i % 3 === 0
            ? [
                {
                  body: 'LiveVox result: Operator Transfer',
                  type: 'internal_note',
                  authorId: 'agent.one@example.com',
                  addedAt: end,
                },
                {
                  body: 'Term code 701: Escalated',
                  type: 'internal_note',
                  authorId: 'agent.one@example.com',
                  addedAt: end,
                },
              ]
            : [],
      } as BulkInteractionItem;
    }
    return {
      interactionId: `${prefix}-${i % 5 === 3 ? 'SMS' : 'EMAIL'}-${i}`,
      assigneeId: 'agent.one@example.com',
      metadata: {
        ...common,
        interaction_date: at,
        channel: i % 5 === 3 ? 'SMS' : 'EMAIL',
        campaign_id: '751740258',
      },
    } as BulkInteractionItem;
  });
}

/** A Playvox emulator started from `script` in a child process, a keep-alive pool, and a client on both. */
export async function startPlayvoxChild(config: object, script = './emulator-child.js', connections = 32) {
  const emulator = await startChildService(script, ['playvox', JSON.stringify(config)]);
  const agent = new Agent({ keepAliveTimeout: 10_000, connections });
  const { uid, key } = PLAYVOX_DEFAULT_CREDENTIALS;
  const pv = new Playvox({ baseUrl: emulator.url, uid, key, dispatcher: agent, maxRetries: 0 });
  return { emulator, agent, pv, uid, key };
}

/** One measured load: the emulator's CPU over it, per interaction and per drain-equivalent event. */
export interface EmulatorLoadRound {
  build: 'this' | 'base';
  interactions: number;
  seconds: number;
  cpuUsPerInteraction: number;
  cpuUsPerDrainEvent: number;
}

/** Runs the bridge-like load once against a Playvox emulator started from `childScript`. */
export async function emulatorLoad(
  childScript: string,
  interactions: number,
  build: EmulatorLoadRound['build'],
): Promise<EmulatorLoadRound> {
  const { emulator, agent, pv } = await startPlayvoxChild(
    { jobs: { delayMs: 0 }, rateLimit: { requestsPerMinute: 0 } },
    childScript,
    8,
  );
  try {
    const integrationId = await pv.integrations.create({
      name: 'load',
      description: 'bench',
      dataStorageMinutes: 60,
    });
    for (const [fieldId, type, required, allowed] of FIELDS)
      await pv.integrations.addMetadata(integrationId, {
        fieldId,
        type,
        required: required ?? false,
        ...(allowed ? { allowed } : {}),
      });
    const items = bridgeLikeItems(interactions, `${build}-${Date.now()}`);
    const cpuBefore = cpuSeconds(emulator.pid);
    const started = performance.now();
    let done = false;
    const truthPolls = (async () => {
      while (!done) {
        await (await request(`${emulator.url}/_emulator/truth`, { dispatcher: agent })).body.json();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    // Two batches in flight, each submitted alone and its job read until it ends, as the bridge does.
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const batch = items.slice(next, next + 100);
        next += 100;
        const [jobId] = await pv.interactions.bulkCreate(integrationId, batch, { concurrency: 1 });
        for (;;) {
          const job = await pv.interactions.job(jobId!);
          if (job.status === 'completed' || job.status === 'failed') {
            if (job.total_failed > 0) throw new Error(`job ${jobId} refused ${job.total_failed} items`);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    };
    await Promise.all([worker(), worker()]);
    done = true;
    await truthPolls;
    const seconds = (performance.now() - started) / 1000;
    const cpuUs = (cpuSeconds(emulator.pid) - cpuBefore) * 1e6;
    return {
      build,
      interactions,
      seconds,
      cpuUsPerInteraction: cpuUs / interactions,
      cpuUsPerDrainEvent: cpuUs / (interactions * DRAIN_EVENTS_PER_INTERACTION),
    };
  } finally {
    await agent.close();
    await emulator.close();
  }
}

/** Runs `rounds` loads, alternating with the base build when `VOXBRIDGE_BENCH_BASE_EMULATOR` names one. */
export async function emulatorLoadRounds(
  rounds: number,
  interactions = 10_000,
): Promise<Record<string, Spread & { rounds: number[] }>> {
  const base = process.env.VOXBRIDGE_BENCH_BASE_EMULATOR;
  const builds: Array<[EmulatorLoadRound['build'], string]> = [['this', './emulator-child.js']];
  if (base) builds.push(['base', pathToFileURL(base).href]);
  const perEvent: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++)
    for (const [build, script] of r % 2 ? [...builds].reverse() : builds) {
      const round = await emulatorLoad(script, interactions, build);
      perEvent[build] = [...(perEvent[build] ?? []), round.cpuUsPerDrainEvent];
    }
  return Object.fromEntries(
    Object.entries(perEvent).map(([build, values]) => [build, { ...spread(values), rounds: values }]),
  );
}
