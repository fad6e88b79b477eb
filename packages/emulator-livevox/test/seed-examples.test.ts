import { wireProblems } from '@voxbridge/core';
import type { LiveVoxEmulator, TruthInteraction } from '@voxbridge/emulator-livevox';
import { SseParser } from '@voxbridge/livevox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The fixtures live beside the contract they judge, in the client package.
import {
  operationOf,
  requestBody,
  requestParts,
  responseBody,
  SEED_EXAMPLES,
  type SeedExample,
} from '../../livevox/test/seed-fixtures.js';
import { type Answer, call, login, rawPost, sleep, startEmulator } from './helpers.js';

const example = (section: string): SeedExample => {
  const found = SEED_EXAMPLES.find((candidate) => candidate.section === section);
  if (!found) throw new Error(`no seed example "${section}"`);
  return found;
};

/**
 * Checks an answer against the seed's: the same status, a body that passes the contract's schema for
 * it, the seed's top-level keys, and items wherever the seed shows some, each with the fields of the
 * seed's item of the same kind.
 */
function expectSeedShape(seed: SeedExample, answer: Answer): void {
  expect(answer.status, `${seed.section}: ${JSON.stringify(answer.body)}`).toBe(seed.response.status);
  const schema = operationOf(seed).responses[seed.response.status]?.schema;
  if (schema && answer.body !== undefined) expect(wireProblems(schema, answer.body)).toBeUndefined();
  const expected = responseBody(seed);
  if (expected === null || typeof expected !== 'object') return;
  for (const [key, value] of Object.entries(expected)) {
    expect(answer.body, `${seed.section}: ${key}`).toHaveProperty(key);
    if (!Array.isArray(value) || value.length === 0) continue;
    expect(answer.body[key].length).toBeGreaterThan(0);
    for (const item of answer.body[key] as Array<Record<string, unknown>>) {
      expect(Object.keys(item), `${seed.section}: ${key}[]`).toEqual(
        expect.arrayContaining(Object.keys(seedItemLike(value, item))),
      );
    }
  }
}

/** The seed's item of the same kind (interaction type and call event type) as an answer's item. */
function seedItemLike(items: Array<Record<string, unknown>>, item: Record<string, unknown>) {
  const kind = (event: Record<string, unknown>) => `${event.interactionType}/${event.callEventType}`;
  return items.find((candidate) => kind(candidate) === kind(item)) ?? (items[0] as Record<string, unknown>);
}

describe('the LiveVox emulator answers the seed examples in their shape', () => {
  let emu: LiveVoxEmulator;
  let session: string;

  /** Sends a seed example's request over HTTP, with the path and body the test adjusted, if any. */
  const replay = (seed: SeedExample, change: { path?: string; body?: unknown } = {}) => {
    const { method } = requestParts(seed);
    const target = seed.request.line.slice(method.length + 1);
    const body = 'body' in change ? change.body : requestBody(seed);
    return call(emu, method, change.path ?? seed.request.canonicalPath ?? target, { session, body });
  };
  /** A first token of a feed, from a blank request. */
  const tokenOf = async (path: string) => (await call(emu, 'POST', path, { session, body: {} })).body.token;
  /** Replays the seed examples named, in turn, and checks that each answer has its seed's shape. */
  const replayEach = async (sections: string[]) => {
    for (const section of sections) expectSeedShape(example(section), await replay(example(section)));
  };

  beforeAll(async () => {
    emu = await startEmulator({ seed: 5, config: { feed: { waitMs: 50 } } });
    session = await login(emu);
  });
  afterAll(() => emu.close());

  it('Context Data: update, read a key, read all, delete a key, delete all, then nothing is left', async () => {
    // The seed does not show how "Documentation" and "key1" were written before its examples read them.
    const write = example('Update/Add Call Context Data');
    const setup = await replay(write, {
      body: {
        entry: [
          { key: 'Documentation', value: 'testers' },
          { key: 'key1', value: 'one' },
        ],
      },
    });
    expect(setup.status).toBe(204);
    await replayEach([
      'Update/Add Call Context Data',
      'Read a single key value pair of a Calls Context Data',
      'Read Call Context Data',
      'Delete a single key value pair of a Calls Context Data',
      'Delete Call Context Data',
      'Attempt to delete Call Context Data when none exists',
      'Attempt to read Call Context Data when none exists',
    ]);
  });

  it('Agent Event Feed: a blank request procures a token, the token brings the events', async () => {
    const first = await replay(example('Procuring the Initial Token'));
    expectSeedShape(example('Procuring the Initial Token'), first);
    emu.generateBacklog({ agents: 4, calls: 10, sms: 0, emails: 0, seed: 2 });
    const events = await replay(example('Retrieve Events from the Feed'), {
      body: { token: first.body.token },
    });
    expectSeedShape(example('Retrieve Events from the Feed'), events);
  });

  it('Interaction Event Feed: first token, filtered page, page of every kind', async () => {
    await replayEach(['Getting a first token']);
    const token = await tokenOf('/realtime/event/feed');
    emu.generateBacklog({ agents: 4, calls: 5, sms: 5, emails: 5, seed: 3 });
    for (const section of [
      'Retrieve Interaction Event Feed',
      'Retrieve Interaction Event Feed for Multiple Events',
    ]) {
      const seed = example(section);
      const answer = await replay(seed, { body: { ...(requestBody(seed) as object), token } });
      expectSeedShape(seed, answer);
      const types = new Set(
        answer.body.events.map((event: { interactionType: string }) => event.interactionType),
      );
      const shown = new Set(
        (responseBody(seed) as { events: Array<{ interactionType: string }> }).events.map(
          (e) => e.interactionType,
        ),
      );
      expect(types).toEqual(shown);
    }
  });

  it('SSE: events arrive as data lines in the seed shape, and the eventId resumes right after itself', async () => {
    const open = async (seed: SeedExample, token: string) => {
      const response = await rawPost(
        emu,
        requestParts(seed).path + (seed.request.line.includes('?') ? '?count=500' : ''),
        { ...(requestBody(seed) as object), token },
        { 'lv-session': session, accept: 'text/event-stream, application/json' },
      );
      expect(response.statusCode).toBe(seed.response.status);
      expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
      const parser = new SseParser();
      const events: Array<Record<string, unknown>> = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        for (const message of parser.push(chunk).messages) events.push(JSON.parse(message.data));
      });
      return { events, close: () => response.destroy() };
    };
    const live = example('Retrieve interaction event feed through SSE');
    const stream = await open(live, '');
    emu.generateBacklog({ sms: 2, emails: 2, calls: 0, seed: 4 });
    for (let i = 0; i < 100 && stream.events.length < 4; i++) await sleep(20);
    stream.close();
    const schema = operationOf(live).responses[200]!.schema!;
    expect(stream.events).toHaveLength(4);
    for (const event of stream.events) expect(wireProblems(schema, event)).toBeUndefined();
    // Each event carries the fields the seed's event of the same interaction type shows.
    const shown = responseBody(live) as Array<Record<string, unknown>>;
    for (const event of stream.events) {
      const like = shown.find((seedEvent) => seedEvent.interactionType === event.interactionType)!;
      expect(Object.keys(event)).toEqual(expect.arrayContaining(Object.keys(like)));
    }

    const resumed = await open(
      example('Retrieve interaction event feed through SSE when eventId is used as token'),
      stream.events[0]!.eventId as string,
    );
    for (let i = 0; i < 100 && resumed.events.length < 3; i++) await sleep(20);
    resumed.close();
    expect(resumed.events.map((event) => event.eventId)).toEqual(
      stream.events.slice(1).map((e) => e.eventId),
    );
  });

  describe('with live traffic', () => {
    let truth: TruthInteraction[];
    beforeAll(() => {
      emu.startTraffic({ agents: 5, callsPerMinute: 20, smsPerMinute: 0, emailsPerMinute: 0 });
      emu.clock.advance(6 * 60_000);
      truth = emu.truth({ type: 'VOICE' }).interactions ?? [];
    });

    it('Call Data: in-call and post-call metadata of calls of today', async () => {
      const live = truth.find((interaction) => interaction.status === 'in-call')!;
      const done = truth.find((interaction) => interaction.status === 'completed')!;
      for (const [section, call] of [
        ['Read in call metadata', live],
        ['Read post call metadata', done],
      ] as const) {
        const seed = example(section);
        // The seed's call is not in the simulated contact center: ask for one of its calls instead.
        const path = seed.request.line
          .slice(4)
          .replace(/session=[^&]+/, `session=${encodeURIComponent(call.sessionId)}`)
          .replace(/transaction=\d+/, `transaction=${call.transactionId}`);
        expectSeedShape(seed, await replay(seed, { path }));
      }
    });

    it('statistics: campaign, agent averages, statistics, statistics ex, status, hold, live connects, service', async () => {
      const campaign = example('Campaign Level Statistics');
      const voiceCampaign = emu.simulator.state.campaigns.campaigns[0]!;
      // The seed's campaign id is not simulated; the filter names one of the emulator's campaigns.
      const answer = await replay(campaign, {
        body: { filter: { campaign: [{ id: String(voiceCampaign.id) }] } },
      });
      expectSeedShape(campaign, answer);
      await replayEach([
        'Get Agent Averages',
        'Agent Statistics',
        'Get Agent Statistics',
        'Agent Status',
        'Get Hold Details',
        'Get Right Party Live Connects',
        'Service Statistics',
      ]);
    });

    it('a token older than 24 hours: 400 with code 202', async () => {
      const seed = example('Retrieve interaction event feed when the token is older than 24 hours');
      const token = await tokenOf('/realtime/event/feed');
      emu.stopTraffic({ drain: false });
      emu.clock.advance(24 * 3_600_000 + 1000);
      session = await login(emu);
      const answer = await replay(seed, { body: { ...(requestBody(seed) as object), token } });
      expectSeedShape(seed, answer);
      expect(answer.body.code).toBe(202);
      expect(answer.body.message).toMatch(
        /is more than 24 hours old\. This type of data is kept for 24 hours\.$/,
      );
    });
  });
});
