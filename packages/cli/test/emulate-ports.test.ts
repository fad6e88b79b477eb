import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parsePortSpec, resolvePorts } from '../src/emulator-ports.js';
import { BUILT, startChild, voxbridge } from './helpers.js';

/** Free loopback ports, distinct (all held open until every one is found). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    }),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** True when something accepts connections on the port. */
async function listening(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/_emulator/health`);
    return true;
  } catch {
    return false;
  }
}

describe('--port of voxbridge emulate', () => {
  it('takes one port (the first emulator, as before) or a port per emulator', () => {
    expect(parsePortSpec('5010')).toBe(5010);
    expect(parsePortSpec('playvox=5010, livevox=5020,gladly=0')).toEqual({
      playvox: 5010,
      livevox: 5020,
      gladly: 0,
    });
    // One port: the first emulator; Playvox WFM beside Playvox QA when it is first.
    expect(resolvePorts(['livevox', 'playvox'], 5020)).toEqual(
      new Map([
        ['livevox', 5020],
        ['playvox', 4010],
        ['playvox-wfm', 4011],
      ]),
    );
    expect([...resolvePorts(['playvox', 'gladly'], 0).values()]).toEqual([0, 0, 0]);
    expect(resolvePorts(['playvox', 'livevox', 'gladly'], { playvox: 5010, gladly: 5030 })).toEqual(
      new Map([
        ['playvox', 5010],
        ['playvox-wfm', 5011],
        ['livevox', 4020],
        ['gladly', 5030],
      ]),
    );
    expect(resolvePorts(['playvox'], { playvox: 5010, 'playvox-wfm': 6011 }).get('playvox-wfm')).toBe(6011);
  });

  it('refuses an unknown emulator, a bad port, a name given twice and a shared port, naming what is wrong', () => {
    expect(() => parsePortSpec('playvx=4010')).toThrow(
      '"playvx=4010": must be <emulator>=<port> with an emulator among playvox, playvox-wfm, livevox, gladly',
    );
    expect(() => parsePortSpec('playvox=abc')).toThrow(
      '"playvox=abc": a port must be an integer from 0 to 65535, got "abc"',
    );
    expect(() => parsePortSpec('livevox=70000')).toThrow('got "70000"');
    expect(() => parsePortSpec('-1')).toThrow('a port must be an integer from 0 to 65535, got "-1"');
    expect(() => parsePortSpec('playvox=4010,playvox=4012')).toThrow('playvox is given a port twice');
    expect(() => resolvePorts(['playvox'], { livevox: 4020 })).toThrow(
      '--port: livevox=4020 names an emulator that is not started (started: playvox)',
    );
    expect(() => resolvePorts(['playvox', 'livevox'], { livevox: 4010 })).toThrow(
      '--port: playvox and livevox would both listen on port 4010',
    );
    expect(() => resolvePorts(['playvox'], { playvox: 65535 })).toThrow(
      "--port: playvox-wfm would take 65536 (playvox's port + 1): give it one with playvox-wfm=<port>",
    );
  });
});

describe.skipIf(!BUILT)('voxbridge emulate --port (the built CLI)', () => {
  it('places each emulator on its own port', async () => {
    const [qa, wfm, lv, gl] = await freePorts(4);
    const child = startChild([
      'emulate',
      'playvox',
      'livevox',
      'gladly',
      '--port',
      `playvox=${qa},playvox-wfm=${wfm},livevox=${lv},gladly=${gl}`,
    ]);
    try {
      const deadline = Date.now() + 20_000;
      while (!child.stdout().includes('gladly emulator') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      const out = child.stdout();
      expect(out, child.stderr()).toContain(`playvox QA emulator  http://127.0.0.1:${qa}`);
      expect(out).toContain(`playvox WFM emulator http://127.0.0.1:${wfm}`);
      expect(out).toContain(`livevox emulator     http://127.0.0.1:${lv}`);
      expect(out).toContain(`gladly emulator      http://127.0.0.1:${gl}`);
      for (const port of [qa!, wfm!, lv!, gl!]) expect(await listening(port), `port ${port}`).toBe(true);
    } finally {
      child.process.kill('SIGINT');
      await child.exited;
    }
  });

  it.each([
    [['playvox', '--port', 'nope=4010'], '"nope=4010": must be <emulator>=<port>'],
    [['playvox', '--port', 'playvox=x'], '"playvox=x": a port must be an integer from 0 to 65535'],
    [['playvox', '--port', 'playvox=99999'], 'got "99999"'],
    [['playvox', 'livevox', '--port', 'livevox=1,livevox=2'], 'livevox is given a port twice'],
    [['playvox', 'livevox', '--port', 'playvox=PORT,livevox=PORT'], 'would both listen on port PORT'],
    [['playvox', '--port', 'gladly=PORT'], 'names an emulator that is not started'],
  ])('fails at once, naming --port, with nothing left running (%j)', async (args, message) => {
    const [port] = await freePorts(1);
    const filled = args.map((a) => a.replaceAll('PORT', String(port)));
    const { code, stderr } = await voxbridge(['emulate', ...filled], { timeout: 20_000 });
    expect(code).toBe(1);
    expect(stderr).toContain('--port');
    expect(stderr).toContain(message.replaceAll('PORT', String(port)));
    expect(await listening(port!)).toBe(false);
  });
});
