import { ValidationError } from '@voxbridge/core';
import {
  AGENTS_EXPORT_FILE,
  type Agent,
  agentStatusOf,
  GladlyApiError,
  type GladlyEvent,
  type PoisonItem,
} from '@voxbridge/gladly';
import { afterEach, describe, expect, it } from 'vitest';
import { clientOf, closeAll, emulator, FAST_CLIENT, FAST_LIMITS, HOUR, START } from './helpers.js';

afterEach(closeAll);

const ENTITIES = ['AGENT_STATUS', 'AGENT_AVAILABILITY'];
const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe('Gladly client: Export API (agent-status history beyond 24 hours)', () => {
  it('lists one completed job per simulated hour, and a job’s file agrees with the Events API for its hour', async () => {
    const emu = await emulator({ seed: 21, config: FAST_LIMITS });
    emu.generateBacklog({ hours: 30, agents: 8, endAt: START });
    const gladly = clientOf(emu, FAST_CLIENT);
    const jobs = await gladly.exports.list({ status: 'COMPLETED' });
    expect(jobs).toHaveLength(30);
    for (const [i, job] of jobs.entries()) {
      expect(Date.parse(job.parameters.startAt)).toBe(START - (30 - i) * HOUR);
      expect(Date.parse(job.parameters.endAt) - Date.parse(job.parameters.startAt)).toBe(HOUR);
      expect(job.parameters.type).toBe('AGENT_STATUS');
    }
    expect(await gladly.exports.coveredUntil()).toEqual(new Date(START));
    // A period filter returns the overlapping jobs only.
    const window = await gladly.exports.list({ startAt: START - 3 * HOUR, endAt: START - HOUR });
    expect(window.map((job) => job.id)).toEqual(jobs.slice(27, 29).map((job) => job.id));
    expect(await gladly.exports.get(jobs[0]!.id)).toEqual(jobs[0]);

    // Within the Events API's reach the two sources serve the same events in the same order.
    const from = START - 5 * HOUR;
    const to = START - 2 * HOUR;
    const fromEvents = await collect(gladly.events.stream({ startAt: from, endAt: to, entities: ENTITIES }));
    const fromExports = await collect(gladly.exports.agentStatusHistory({ startAt: from, endAt: to }));
    expect(fromEvents.length).toBeGreaterThan(20);
    expect(fromExports).toEqual(fromEvents);
  });

  it('reaches past the Events API’s 24 hours, and what it reads there agrees with the truth', async () => {
    const emu = await emulator({ seed: 22, config: FAST_LIMITS });
    emu.generateBacklog({ hours: 40, agents: 10, endAt: START });
    const gladly = clientOf(emu, FAST_CLIENT);
    const from = START - 36 * HOUR;
    const to = START - 26 * HOUR;
    // The Events API cannot serve this period: the client refuses it before sending.
    expect(() => gladly.events.stream({ startAt: from, entities: ENTITIES })).toThrow(ValidationError);
    const history = await collect(gladly.exports.agentStatusHistory({ startAt: from, endAt: to }));
    const derived = history.filter((event) => agentStatusOf(event) !== null);
    const truth = emu
      .truth()
      .agents.flatMap((agent) => agent.statuses)
      .filter((status) => Date.parse(status.at) >= from && Date.parse(status.at) < to);
    expect(truth.length).toBeGreaterThan(50);
    expect(new Set(derived.map((event) => event.id))).toEqual(new Set(truth.map((status) => status.eventId)));
    for (const event of history) expect(Date.parse(event.timestamp)).toBeGreaterThanOrEqual(from);
  });

  it('streams a file as typed records, downloads it as bytes, and answers 404 for an unknown job or file', async () => {
    const emu = await emulator({ seed: 23, config: FAST_LIMITS });
    emu.generateBacklog({ hours: 3, agents: 5, endAt: START });
    const gladly = clientOf(emu, FAST_CLIENT);
    const [job] = await gladly.exports.list({ status: 'COMPLETED' });
    const agents = await collect(gladly.exports.records<Agent>(job!.id, AGENTS_EXPORT_FILE));
    expect(agents).toEqual(await gladly.agents.list());
    const chunks: Buffer[] = [];
    for await (const chunk of await gladly.exports.download(job!.id, AGENTS_EXPORT_FILE)) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(
      agents.map((agent) => `${JSON.stringify(agent)}\n`).join(''),
    );
    await expect(gladly.exports.get('nope')).rejects.toMatchObject({ status: 404 });
    await expect(collect(gladly.exports.records(job!.id, 'customers.jsonl'))).rejects.toBeInstanceOf(
      GladlyApiError,
    );
    await expect(gladly.exports.list({ startAt: START, endAt: START - HOUR })).rejects.toThrow('endAt');
  });

  it('skips planted poison lines in an export file and reports each one', async () => {
    const emu = await emulator({ seed: 24, config: FAST_LIMITS });
    emu.generateBacklog({ hours: 4, agents: 6, endAt: START });
    const gladly = clientOf(emu, FAST_CLIENT);
    const jobs = await gladly.exports.list({ status: 'COMPLETED' });
    const clean: GladlyEvent[] = [];
    for (const job of jobs) clean.push(...(await collect(gladly.exports.agentStatusEvents(job.id))));
    const put = await fetch(`${emu.url}/_emulator/poison`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ linesEvery: 4 }),
    });
    expect(put.status).toBe(200);
    const poison: PoisonItem[] = [];
    const onPoison = (item: PoisonItem) => {
      poison.push(item);
    };
    const dirty: GladlyEvent[] = [];
    for (const job of jobs)
      dirty.push(...(await collect(gladly.exports.agentStatusEvents(job.id, { onPoison }))));
    expect(dirty).toEqual(clean);
    expect(poison.length).toBeGreaterThan(5);
    for (const item of poison)
      expect(item.reason).toMatch(/^(not JSON|not an object|id:|timestamp:|content:)/);
  });
});
