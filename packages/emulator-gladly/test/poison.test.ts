import { POISON_SAMPLES } from '@voxbridge/emulator-gladly';
import { describe, expect, it } from 'vitest';
import { call, harness, START } from './helpers.js';

const { emulator, receiver } = harness();
const HOUR = 3_600_000;
const eventsPath = `/api/v1/events?startAt=${new Date(START - 2 * HOUR).toISOString()}&entities=AGENT_STATUS&entities=AGENT_AVAILABILITY`;
const linesOf = (text: string) => text.split('\n').filter((line) => line !== '');

describe('poison switch (PUT /_emulator/poison)', () => {
  it('plants a malformed line after every Nth line of an Events API answer, keeping every real event', async () => {
    const emu = await emulator({ seed: 5, config: { rateLimit: { requestsPerMinute: 0 } } });
    emu.generateBacklog({ hours: 2, agents: 6, endAt: START });
    const clean = linesOf((await call(emu.url, 'GET', eventsPath)).text);
    expect(clean.length).toBeGreaterThan(10);
    const set = await call(emu.url, 'PUT', '/_emulator/poison', { linesEvery: 3 });
    expect(set.status).toBe(200);
    expect(set.json()).toEqual({ linesEvery: 3, webhooks: 0, planted: { lines: 0, webhooks: 0 } });
    const dirty = linesOf((await call(emu.url, 'GET', eventsPath)).text);
    const planted = Math.floor(clean.length / 3);
    expect(dirty).toHaveLength(clean.length + planted);
    expect(dirty.filter((line) => !POISON_SAMPLES.includes(line))).toEqual(clean);
    expect(dirty[3]).toBe(POISON_SAMPLES[0]);
    expect((await call(emu.url, 'GET', '/_emulator/poison')).json()).toMatchObject({
      planted: { lines: planted },
    });
    // Bad input names the field; a reset turns the switch off.
    const refused = await call(emu.url, 'PUT', '/_emulator/poison', { linesEvery: -1 });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('linesEvery');
    await call(emu.url, 'POST', '/_emulator/reset');
    expect((await call(emu.url, 'GET', '/_emulator/poison')).json()).toMatchObject({ linesEvery: 0 });
  });

  it('sends a poison webhook body beside the next N dispatches, once each, never replacing the real event', async () => {
    const emu = await emulator({ seed: 6 });
    const hook = await receiver();
    const created = await call(emu.url, 'POST', '/api/v1/webhooks', {
      url: hook.url,
      events: ['CONVERSATION/CREATED'],
      enabled: true,
    });
    expect(created.status).toBe(201);
    await call(emu.url, 'PUT', '/_emulator/poison', { webhooks: 2 });
    for (let i = 0; i < 3; i++) await call(emu.url, 'POST', '/_emulator/conversations', { channel: 'CHAT' });
    await emu.deliveriesSettled();
    const bodies = hook.deliveries().map((request) => request.raw);
    const poison = bodies.filter((raw) => POISON_SAMPLES.includes(raw));
    expect(poison).toEqual([POISON_SAMPLES[0], POISON_SAMPLES[1]]);
    const real = hook.deliveries().filter((request) => request.body.type === 'CONVERSATION/CREATED');
    expect(real).toHaveLength(3);
    expect(emu.truth().webhooks.succeeded).toBe(3);
  });
});
