import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import type { LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { describe, expect, it } from 'vitest';
import { call, firstToken, freshEmulatorEachTest, rawPost, sleep } from './helpers.js';

/** An open SSE stream: the text received so far, and whether the server ended it. */
interface Stream {
  response: IncomingMessage;
  text: () => string;
  ended: () => boolean;
  /** The parsed `data:` events received so far. */
  events: () => any[];
  close: () => void;
}

async function openStream(
  emu: LiveVoxEmulator,
  session: string,
  body: unknown,
  headers: Record<string, string> = {},
  query = '',
): Promise<Stream> {
  const response = await rawPost(emu, `/realtime/event/feed/sse${query}`, body, {
    'lv-session': session,
    accept: 'text/event-stream, application/json',
    ...headers,
  });
  const source = response.headers['content-encoding'] === 'gzip' ? response.pipe(createGunzip()) : response;
  let text = '';
  let ended = false;
  source.setEncoding('utf8');
  source.on('data', (chunk: string) => {
    text += chunk;
  });
  source.on('end', () => {
    ended = true;
  });
  source.on('error', () => {
    ended = true;
  });
  return {
    response,
    text: () => text,
    ended: () => ended,
    // Only complete messages (ended by a blank line): a chunk may stop in the middle of one.
    events: () =>
      text
        .slice(0, text.lastIndexOf('\n\n') + 1)
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => JSON.parse(line.slice(6))),
    close: () => response.destroy(),
  };
}

/** Waits (bounded) until `condition` holds. */
async function until(condition: () => boolean, maxMs = 5000): Promise<void> {
  for (let waited = 0; !condition() && waited < maxMs; waited += 10) await sleep(10);
}

describe('LiveVox interaction event feed over SSE', () => {
  let emu: LiveVoxEmulator;
  let session: string;
  freshEmulatorEachTest({ sse: { keepaliveMs: 50, idleCloseMs: 60_000 } }, (fresh, freshSession) => {
    emu = fresh;
    session = freshSession;
  });

  it('keeps an idle stream alive with keepalive comments', async () => {
    const stream = await openStream(emu, session, { token: '' });
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    await until(() => (stream.text().match(/: keepalive/g) ?? []).length >= 2);
    stream.close();
    expect(stream.text()).toMatch(/^: keepalive \d{4}-\d\d-\d\d \d\d:\d\d:\d\d-0400\n\n/);
  });

  it('sends new events as data lines, only those after the request started when no token is given', async () => {
    emu.generateBacklog({ sms: 5, seed: 1 });
    const stream = await openStream(emu, session, {});
    await sleep(30);
    emu.generateBacklog({ sms: 7, emails: 3, seed: 2 });
    await until(() => stream.events().length >= 10);
    stream.close();
    expect(stream.events()).toHaveLength(10);
    expect(stream.events().every((event) => typeof event.eventId === 'string')).toBe(true);
  });

  it('closes after the idle time with a last comment', async () => {
    emu.configure({ sse: { keepaliveMs: 40, idleCloseMs: 200 } });
    const stream = await openStream(emu, session, {});
    await until(() => stream.ended());
    expect(stream.ended()).toBe(true);
    expect(stream.text()).toMatch(/: closing the connection after \d+ s without events [^\n]+\n\n$/);
  });

  it('resumes after the eventId sent as token, in the body or as Last-Event-ID', async () => {
    const token = await firstToken(emu, session);
    emu.generateBacklog({ sms: 20, seed: 3 });
    const first = await openStream(emu, session, { token });
    await until(() => first.events().length >= 20);
    first.close();
    const events = first.events();
    expect(events).toHaveLength(20);
    const resumed = await openStream(emu, session, { token: events[11].eventId });
    await until(() => resumed.events().length >= 8);
    resumed.close();
    expect(resumed.events().map((event) => event.eventId)).toEqual(
      events.slice(12).map((event) => event.eventId),
    );
    const byHeader = await openStream(emu, session, {}, { 'last-event-id': events[17].eventId });
    await until(() => byHeader.events().length >= 2);
    byHeader.close();
    expect(byHeader.events().map((event) => event.eventId)).toEqual(
      events.slice(18).map((event) => event.eventId),
    );
  });

  it('applies the filter and honours count, gzip and JSON errors', async () => {
    const token = await firstToken(emu, session);
    emu.generateBacklog({ calls: 10, sms: 600, emails: 4, agents: 2, seed: 6 });
    const stream = await openStream(
      emu,
      session,
      { token, filter: { interactionType: [{ type: 'EMAIL' }, { type: 'SMS' }] } },
      { 'accept-encoding': 'gzip' },
      '?count=500',
    );
    expect(stream.response.headers['content-encoding']).toBe('gzip');
    await until(() => stream.events().length >= 604);
    stream.close();
    expect(stream.events()).toHaveLength(604);
    expect(stream.events().every((event) => event.interactionType !== 'VOICE')).toBe(true);
    const badCount = await call(emu, 'POST', '/realtime/event/feed/sse?count=10', { session, body: {} });
    expect(badCount.status).toBe(400);
    expect(badCount.body.code).toBe(400);
    const noSession = await call(emu, 'POST', '/realtime/event/feed/sse', { body: {} });
    expect(noSession.status).toBe(401);
  });
});
