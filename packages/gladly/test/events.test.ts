import { PassThrough } from 'node:stream';
import { ConnectionError, TimeoutError, ValidationError } from '@voxbridge/core';
import { agentStatusOf, GladlyApiError, type GladlyEvent, isEventType, readLines } from '@voxbridge/gladly';
import { afterEach, describe, expect, it } from 'vitest';
import { clientOf, closeAll, emulator, FAST_CLIENT, FAST_LIMITS, HOUR, START } from './helpers.js';

afterEach(closeAll);

describe('Gladly client: Events API', () => {
  it('streams typed events line by line, and the status strings it derives match the emulator’s truth', async () => {
    const emu = await emulator({ seed: 11, config: FAST_LIMITS });
    emu.generateBacklog({ hours: 8, agents: 10, endAt: START });
    const gladly = clientOf(emu, FAST_CLIENT);
    const derived = new Map<string, string[]>();
    let count = 0;
    for await (const event of gladly.events.stream({
      startAt: START - 9 * HOUR,
      entities: ['AGENT_STATUS', 'AGENT_AVAILABILITY'],
    })) {
      count += 1;
      const status = agentStatusOf(event);
      if (status === null) continue;
      const agentId = (event.content as { agentId: string }).agentId;
      derived.set(agentId, [...(derived.get(agentId) ?? []), status]);
      if (isEventType(event, 'AGENT_STATUS/RETURNED_FROM_AWAY'))
        expect(Date.parse(event.content.awayAt)).toBeLessThanOrEqual(Date.parse(event.content.occurredAt));
    }
    expect(count).toBeGreaterThan(100);
    const truth = emu.truth();
    for (const agent of truth.agents)
      expect(derived.get(agent.agentId)).toEqual(agent.statuses.map((entry) => entry.status));
  });

  it('reads a large stream across chunk borders, in timestamp order, and stops cleanly when the loop breaks', async () => {
    const emu = await emulator({ seed: 12, config: FAST_LIMITS });
    emu.generateBacklog({ hours: 10, agents: 12, endAt: START });
    const gladly = clientOf(emu, FAST_CLIENT);
    const query = {
      startAt: new Date(START - 11 * HOUR),
      endAt: new Date(START),
      entities: ['CONVERSATION', 'CONTACT', 'AGENT_STATUS'],
    } as const;
    const all = await gladly.events.list(query, { limit: 100_000 });
    expect(all.length).toBeGreaterThan(3000);
    const times = all.map((event) => Date.parse(event.timestamp));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(all.map((event) => event.type.split('/')[0]))).toEqual(
      new Set(['CONVERSATION', 'CONVERSATION_ASSIGNEE', 'CONTACT', 'AGENT_STATUS']),
    );
    const created = all.filter((event): event is Extract<GladlyEvent, { type: 'CONVERSATION/CREATED' }> =>
      isEventType(event, 'CONVERSATION/CREATED'),
    );
    const truthCreated = emu.truth().inboxes.flatMap((inbox) => inbox.conversationsCreated);
    expect(created.map((event) => event.content.conversationId).sort()).toEqual([...truthCreated].sort());

    const firstThree: GladlyEvent[] = [];
    for await (const event of gladly.events.stream(query)) {
      firstThree.push(event);
      if (firstThree.length === 3) break;
    }
    expect(firstThree).toEqual(all.slice(0, 3));
    expect(await gladly.events.list(query, { limit: 5 })).toEqual(all.slice(0, 5));
  });

  it('validates startAt (last 24 hours), endAt and entities before sending anything', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    const gladly = clientOf(emu, FAST_CLIENT);
    const now = emu.clock.now();
    const rejects = (run: () => unknown, field: string) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).field).toBe(field);
        return;
      }
      throw new Error(`expected a ValidationError for ${field}`);
    };
    rejects(() => gladly.events.stream({ startAt: now - 25 * HOUR, entities: ['AGENT_STATUS'] }), 'startAt');
    rejects(() => gladly.events.stream({ startAt: 'last tuesday', entities: ['AGENT_STATUS'] }), 'startAt');
    rejects(
      () => gladly.events.stream({ startAt: now - HOUR, endAt: now - 2 * HOUR, entities: ['AGENT_STATUS'] }),
      'endAt',
    );
    rejects(() => gladly.events.stream({ startAt: now - HOUR, entities: [] }), 'entities');
    rejects(() => gladly.events.stream({ startAt: now - HOUR, entities: ['agent status'] }), 'entities[0]');
    await expect(
      gladly.events.list({ startAt: now - 30 * HOUR, entities: 'AGENT_STATUS' }, { limit: 10 }),
    ).rejects.toThrow(/startAt: must be within the last 24 hours/);
    expect(emu.stats().total).toBe(0);
  });

  it('types the server’s own startAt rejection (the server’s clock decides)', async () => {
    const emu = await emulator({ config: FAST_LIMITS });
    // The client checks against real time; the emulator's clock is two hours ahead of it.
    const gladly = clientOf(emu, { ...FAST_CLIENT, now: () => emu.clock.now() - 2 * HOUR });
    const error = await gladly.events
      .list({ startAt: emu.clock.now() - 23 * HOUR - 2 * HOUR, entities: 'AGENT_STATUS' }, { limit: 10 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GladlyApiError);
    expect((error as GladlyApiError).errors).toEqual([
      { attr: 'startAt', code: 'invalid', detail: 'startAt must be within the last 24 hours' },
    ]);
    expect((error as GladlyApiError).message).toContain(
      'startAt: startAt must be within the last 24 hours (invalid)',
    );
  });

  it('a stream cut off mid-way ends in a ConnectionError, not in silently missing events', async () => {
    const emu = await emulator({ seed: 13, config: FAST_LIMITS });
    emu.generateBacklog({ hours: 4, agents: 6, endAt: START });
    const gladly = clientOf(emu, FAST_CLIENT);
    await fetch(`${emu.url}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ path: '/api/v1/events', truncate: true, times: 1 }]),
    });
    const received: GladlyEvent[] = [];
    const error = await (async () => {
      for await (const event of gladly.events.stream({
        startAt: START - 5 * HOUR,
        entities: ['CONVERSATION'],
      }))
        received.push(event);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(received.length).toBeGreaterThan(0);
  });

  it('gives up a stream that stays silent longer than the idle timeout', async () => {
    const body = new PassThrough();
    body.write('{"id":"a","type":"X/Y","timestamp":"2025-01-01T00:00:00.000Z","content":{}}\n{"id":"b"');
    const lines: string[] = [];
    const error = await (async () => {
      for await (const line of readLines(body, 50)) lines.push(line);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(lines).toHaveLength(1);
    expect(body.destroyed).toBe(true);
  });
});
