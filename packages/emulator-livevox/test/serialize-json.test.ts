import { afterEach, describe, expect, it } from 'vitest';
import type { LiveVoxEmulator } from '../src/emulator.js';
import { interactionEvent } from '../src/serialize.js';
import { interactionEventJson } from '../src/serialize-json.js';
import { startEmulator } from './helpers.js';

describe('interaction events written straight to JSON', () => {
  let emu: LiveVoxEmulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  /** Every event of the log, both ways: the text must be the same, byte for byte. */
  const expectSameText = (running: LiveVoxEmulator) => {
    const { state } = running.simulator;
    expect(state.events.length).toBeGreaterThan(0);
    for (let position = 0; position < state.events.length; position++) {
      const expected = JSON.stringify(interactionEvent(state, position));
      if (interactionEventJson(state, position) !== expected)
        expect(interactionEventJson(state, position)).toBe(expected);
    }
  };

  it('writes the text JSON.stringify writes of the event object, for a backlog of every kind', async () => {
    emu = await startEmulator({ seed: 9 });
    emu.generateBacklog({ agents: 30, calls: 3000, sms: 800, emails: 600, seed: 4 });
    expectSameText(emu);
  });

  it('does so for live traffic too (calls in progress, queued, abandoned), in another offset', async () => {
    emu = await startEmulator({ seed: 3, config: { timezoneOffsetMinutes: 330 } });
    emu.startTraffic({ agents: 5, callsPerMinute: 20, smsPerMinute: 5, emailsPerMinute: 5 });
    emu.clock.advance(45 * 60_000);
    expectSameText(emu);
  });
});
