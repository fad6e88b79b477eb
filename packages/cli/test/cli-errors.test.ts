import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, BUILT, collectText, voxbridge } from './helpers.js';

describe.skipIf(!BUILT)('voxbridge CLI: small breakages', () => {
  it('an unknown command exits 1 with a message, with or without --help', async () => {
    for (const args of [['nope'], ['nope', '--help'], ['nope', 'run']]) {
      const { code, stderr, stdout } = await voxbridge(args);
      expect(code, args.join(' ')).toBe(1);
      expect(stderr).toContain("unknown command 'nope'");
      expect(stdout).toBe('');
    }
  });

  it('--help, `help <command>` and `<command> --help` exit 0; the root help lists every command', async () => {
    const root = await voxbridge(['--help']);
    expect(root.code).toBe(0);
    for (const name of ['demo', 'run', 'apply', 'check', 'status', 'dlq', 'completion'])
      expect(root.stdout).toContain(`  ${name} `);
    const run = await voxbridge(['run', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: voxbridge run [options]');
    expect(run.stdout).toContain('--print-token');
    const help = await voxbridge(['help', 'dlq']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: voxbridge dlq');
  });

  it('a reader that goes away (| head) ends the output quietly with 0, not an EPIPE crash', async () => {
    const child = spawn(process.execPath, [BIN, 'config', 'schema'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    const stderr = collectText(child.stderr);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr()).not.toContain('EPIPE');
    expect(code).toBe(0);
  });

  it.each([
    [
      ['demo', '--speed', 'abc'],
      "option '--speed <factor>' argument 'abc' is invalid. must be a number above 0",
    ],
    [['demo', '--duration', '-5'], "option '--duration <seconds>' argument '-5' is invalid"],
    [['demo', '--agents', '2.5'], "option '--agents <n>' argument '2.5' is invalid. must be an integer"],
    [['demo', '--calls-per-minute', 'x'], "option '--calls-per-minute <n>' argument 'x' is invalid"],
    [['demo', '--transport', 'udp'], 'must be one of longpoll, sse, got "udp"'],
    [
      ['run', '--port', '99999'],
      "option '--port <n>' argument '99999' is invalid. must be an integer from 0 to 65535",
    ],
    [['emulate', 'playvox', '--speed', 'NaN'], "option '--speed <factor>' argument 'NaN' is invalid"],
    [['dashboard', '--poll-interval', '10'], 'must be an integer from 500 to 600000, got "10"'],
    [
      ['dlq', 'list', '--limit', 'ten'],
      "option '--limit <n>' argument 'ten' is invalid. must be an integer at least 1",
    ],
  ])(
    'a bad numeric flag fails at once naming the flag, and leaves no temporary folder (%j)',
    async (args, message) => {
      const tmp = mkdtempSync(join(tmpdir(), 'voxbridge-flags-'));
      const started = Date.now();
      const { code, stderr } = await voxbridge(args, {
        timeout: 20_000,
        env: { ...process.env, TMPDIR: tmp },
      });
      expect(code).toBe(1);
      expect(stderr).toContain(message);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(readdirSync(tmp)).toEqual([]);
      rmSync(tmp, { recursive: true, force: true });
    },
  );
});
