import type { LiveVoxEmulator } from '@voxbridge/emulator-livevox';
import { describe, expect, it } from 'vitest';
import { call, freshEmulatorEachTest } from './helpers.js';

const CALL = '/context/call/U70D91T533151E6@10.40.88.32/28479905424/ARB_WSAPI_1';

describe('LiveVox call context data', () => {
  let emu: LiveVoxEmulator;
  let session: string;
  freshEmulatorEachTest(undefined, (fresh, freshSession) => {
    emu = fresh;
    session = freshSession;
  });
  /** Posts context data pairs (`entry`) to a call. */
  const postEntries = (entry: unknown, path = CALL) => call(emu, 'POST', path, { session, body: { entry } });

  it('answers 204 when reading a call without context data and 404 when deleting it', async () => {
    const read = await call(emu, 'GET', `${CALL}?client=7419`, { session });
    expect(read.status).toBe(204);
    expect(read.body).toBeUndefined();
    expect((await call(emu, 'DELETE', `${CALL}?client=7419`, { session })).status).toBe(404);
    expect((await call(emu, 'DELETE', `${CALL}/key1?client=7419`, { session })).status).toBe(404);
    expect((await call(emu, 'GET', `${CALL}/key1`, { session })).status).toBe(404);
  });

  it('creates and updates pairs, keeps keys case-sensitive and keys without a value', async () => {
    const post = await postEntries(
      [{ key: 'Key1', value: 'Value1' }, { key: 'Key2' }, { key: 'Key3', value: 'Value3' }],
      `${CALL}?client=7419`,
    );
    expect(post.status).toBe(204);
    await postEntries([
      { key: 'Key1', value: 'Changed' },
      { key: 'key1', value: 'lower' },
    ]);
    const all = await call(emu, 'GET', CALL, { session });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({
      entry: [
        { key: 'Key1', value: 'Changed' },
        { key: 'Key2' },
        { key: 'Key3', value: 'Value3' },
        { key: 'key1', value: 'lower' },
      ],
    });
    expect((await call(emu, 'GET', `${CALL}/Key1`, { session })).body).toEqual({ value: 'Changed' });
    expect((await call(emu, 'GET', `${CALL}/key1`, { session })).body).toEqual({ value: 'lower' });
    expect((await call(emu, 'GET', `${CALL}/KEY1`, { session })).status).toBe(404);
  });

  it('deletes one key, then everything', async () => {
    await postEntries([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    expect((await call(emu, 'DELETE', `${CALL}/a`, { session })).status).toBe(204);
    expect((await call(emu, 'GET', CALL, { session })).body).toEqual({ entry: [{ key: 'b', value: '2' }] });
    expect((await call(emu, 'DELETE', CALL, { session })).status).toBe(204);
    expect((await call(emu, 'GET', CALL, { session })).status).toBe(204);
    expect((await call(emu, 'DELETE', CALL, { session })).status).toBe(404);
  });

  it('keeps the pairs of different calls apart (session, transaction and account all count)', async () => {
    await postEntries([{ key: 'k', value: 'v' }]);
    expect(
      (await call(emu, 'GET', '/context/call/U70D91T533151E6@10.40.88.32/28479905424/OTHER', { session }))
        .status,
    ).toBe(204);
    expect(
      (
        await call(emu, 'GET', '/context/call/U70D91T533151E6@10.40.88.32/28479905425/ARB_WSAPI_1', {
          session,
        })
      ).status,
    ).toBe(204);
  });

  it('refuses bad input with 400', async () => {
    expect((await call(emu, 'GET', '/context/call/S/not-a-number/A', { session })).status).toBe(400);
    expect((await call(emu, 'GET', `${CALL}?client=abc`, { session })).status).toBe(400);
    expect((await postEntries('x')).status).toBe(400);
    expect((await postEntries([{ value: 'no key' }])).status).toBe(400);
    expect((await postEntries([{ key: 'k', value: 5 }])).status).toBe(400);
  });

  it('serves the context data the simulator attached to its calls, and lets the API change it', async () => {
    emu.configure({ simulation: { contextDataRate: 1 } });
    emu.generateBacklog({ calls: 20, seed: 5 });
    const voice = emu.truth({ type: 'VOICE' }).interactions ?? [];
    expect(voice).toHaveLength(20);
    const target = voice[0]!;
    const path = `/context/call/${encodeURIComponent(target.sessionId)}/${target.transactionId}/${target.account}`;
    const read = await call(emu, 'GET', path, { session });
    expect(read.status).toBe(200);
    const keys = read.body.entry.map((entry: { key: string }) => entry.key);
    expect(keys).toEqual(
      expect.arrayContaining(['IVRPath', 'CustomerTier', 'PreferredLanguage', 'BalanceDue']),
    );
    expect(
      (
        await call(
          emu,
          'GET',
          `/context/call/${encodeURIComponent(target.sessionId)}/${target.transactionId}/000000000`,
          { session },
        )
      ).status,
    ).toBe(204);
    await call(emu, 'POST', path, { session, body: { entry: [{ key: 'CustomerTier', value: 'Diamond' }] } });
    expect((await call(emu, 'GET', `${path}/CustomerTier`, { session })).body).toEqual({ value: 'Diamond' });
    expect((await call(emu, 'DELETE', path, { session })).status).toBe(204);
    expect((await call(emu, 'GET', path, { session })).status).toBe(204);
  });
});
