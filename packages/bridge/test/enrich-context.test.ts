import { type LiveVoxEmulator, startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { LiveVox } from '@voxbridge/livevox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveVoxEnricher } from '../src/qa/stages/enrich-livevox.js';

describe('LiveVoxEnricher: Context Data over HTTP from the emulator', () => {
  let emu: LiveVoxEmulator;
  let livevox: LiveVox;
  beforeAll(async () => {
    emu = await startLiveVoxEmulator({ port: 0, seed: 3 });
    livevox = new LiveVox({
      baseUrl: emu.url,
      accessToken: 'demo-access-token',
      clientName: 'DEMO',
      userName: 'demo',
      password: 'demo-password',
      rateLimit: false,
    });
  });
  afterAll(() => emu?.close());

  it('gives every key as an own field, `__proto__` included, and a key without a value as ""', async () => {
    const ref = { session: 'U1@10.0.0.1', transactionId: 1229726100000, account: 'ACME', client: 7 };
    await livevox.context.call.update(ref, [
      { key: '__proto__', value: 'from the agent script' },
      { key: 'Tier', value: 'Gold' },
      { key: 'Asked', value: undefined },
    ]);
    const record = {
      sessionId: ref.session,
      transactionId: ref.transactionId,
      account: ref.account,
      clientId: 7,
    };
    const context = await new LiveVoxEnricher(livevox).contextData(record);
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype);
    expect(Object.keys(context)).toEqual(['__proto__', 'Tier', 'Asked']);
    expect(Object.getOwnPropertyDescriptor(context, '__proto__')?.value).toBe('from the agent script');
    expect(JSON.parse(JSON.stringify(context))).toEqual(
      JSON.parse('{"__proto__":"from the agent script","Tier":"Gold","Asked":""}'),
    );
  });
});
