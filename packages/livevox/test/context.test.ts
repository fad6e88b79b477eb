import type { LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { type ContextRef, ValidationError } from '@voxbridge/livevox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startEmulator } from './helpers.js';

/** The call of the seed's examples. */
const SEED_CALL: ContextRef = {
  session: 'U70D91T533151E6@10.40.88.32',
  transactionId: 28479905424,
  account: 'ARB_WSAPI_1',
  client: 7419,
};

describe('Call Context Data', () => {
  let emu: LiveVoxEmulator;
  const paths: string[] = [];
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it('replays the seed: update, read all, read one key, delete one key, delete all', async () => {
    const lv = client(emu, { on: { request: (event) => paths.push(`${event.method} ${event.path}`) } });
    const { call } = lv.context;
    // Read when none exists: the seed's 204 is an empty map.
    expect((await call.get(SEED_CALL)).size).toBe(0);
    await call.update(SEED_CALL, [
      { key: 'Key1', value: 'Value1' },
      { key: 'Key2', value: 'Value2' },
      { key: 'Key3', value: 'Value3' },
    ]);
    expect(paths).toContain(
      'POST /context/call/U70D91T533151E6@10.40.88.32/28479905424/ARB_WSAPI_1?client=7419',
    );
    await call.update(SEED_CALL, { Documentation: 'testers', Key2: undefined, random: 'testing' });
    // As in the seed's read example, a key can be stored without a value ("Key2").
    const all = await call.get(SEED_CALL);
    expect([...all.entries()]).toEqual([
      ['Key1', 'Value1'],
      ['Key2', undefined],
      ['Key3', 'Value3'],
      ['Documentation', 'testers'],
      ['random', 'testing'],
    ]);
    expect(await call.getKey(SEED_CALL, 'Documentation')).toBe('testers');
    expect(paths).toContain(
      'GET /context/call/U70D91T533151E6@10.40.88.32/28479905424/ARB_WSAPI_1/Documentation?client=7419',
    );
    expect(await call.deleteKey(SEED_CALL, 'Key1')).toBe(true);
    expect(paths).toContain(
      'DELETE /context/call/U70D91T533151E6@10.40.88.32/28479905424/ARB_WSAPI_1/Key1?client=7419',
    );
    expect(await call.getKey(SEED_CALL, 'Key1')).toBeUndefined();
    expect(await call.delete(SEED_CALL)).toBe(true);
    expect((await call.get(SEED_CALL)).size).toBe(0);
    // Deleting when none exists: the seed's 404 is `false`.
    expect(await call.delete(SEED_CALL)).toBe(false);
    expect(await call.deleteKey(SEED_CALL, 'Key2')).toBe(false);
  });

  it('treats keys as case-sensitive, keeps keys without a value, and works without a client id', async () => {
    const lv = client(emu);
    const ref: ContextRef = { session: 'UABC@10.1.2.3', transactionId: '1229726100001', account: 'acct 7/A' };
    await lv.context.call.update(
      ref,
      new Map<string, string | null>([
        ['key1', 'lower'],
        ['KEY1', 'upper'],
        ['empty', null],
      ]),
    );
    expect(await lv.context.call.getKey(ref, 'key1')).toBe('lower');
    expect(await lv.context.call.getKey(ref, 'KEY1')).toBe('upper');
    expect(await lv.context.call.getKey(ref, 'Key1')).toBeUndefined();
    const all = await lv.context.call.get(ref);
    expect(all.has('empty')).toBe(true);
    expect(all.get('empty')).toBeUndefined();
    expect(await lv.context.call.deleteKey(ref, 'KEY1')).toBe(true);
    expect(await lv.context.call.getKey(ref, 'key1')).toBe('lower');
  });

  it('refuses bad references and entries before sending anything', async () => {
    const lv = client(emu);
    const sent: string[] = [];
    lv.on('request', (event) => sent.push(event.path));
    await expect(lv.context.call.get({ ...SEED_CALL, transactionId: 'abc' })).rejects.toMatchObject({
      field: 'ref.transactionId',
    });
    await expect(lv.context.call.get({ ...SEED_CALL, session: '' })).rejects.toMatchObject({
      field: 'ref.session',
    });
    await expect(lv.context.call.get({ ...SEED_CALL, account: '' })).rejects.toMatchObject({
      field: 'ref.account',
    });
    await expect(lv.context.call.get({ ...SEED_CALL, client: 'x' })).rejects.toMatchObject({
      field: 'ref.client',
    });
    await expect(lv.context.call.update(SEED_CALL, [])).rejects.toMatchObject({ field: 'entries' });
    await expect(lv.context.call.update(SEED_CALL, [{ key: '' }])).rejects.toMatchObject({
      field: 'entries[0].key',
    });
    await expect(lv.context.call.update(SEED_CALL, { a: 5 as never })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(lv.context.call.getKey(SEED_CALL, '')).rejects.toMatchObject({ field: 'key' });
    expect(sent).toEqual([]);
  });
});
