import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { colourEnabled, palette, renderFrame, TerminalView, type ViewFrame } from '../src/demo/view.js';
import { choiceOption, integerOption, numberOption, portOption } from '../src/options.js';
import { listenForShutdown, SIGNAL_EXIT_CODES } from '../src/signals.js';

const frame: ViewFrame = {
  elapsedSeconds: 1234.4,
  generated: 123_456,
  eventsReceived: 9_876_543,
  eventsPerSecond: 12_345.6,
  delivered: 120_000,
  deliveredPerSecond: 4321,
  pending: 3456,
  deadLettered: 12,
  lagSeconds: 123.4,
  phase: 'draining',
};
const visible = (text: string) => [...stripVTControlCharacters(text)].length;

describe('the live line', () => {
  it('fits every width from 200 columns down to 10, keeping the phase and what was delivered the longest', () => {
    for (let width = 200; width >= 10; width--) {
      const line = renderFrame(frame, width);
      expect(visible(line), `width ${width}: ${line}`).toBeLessThanOrEqual(width);
      if (width >= 40) expect(line).toContain('sent 120000');
    }
    expect(renderFrame(frame, 80)).toContain('dead 12');
    expect(renderFrame(frame, 200)).toContain('gen 123456');
    expect(renderFrame(frame, 30)).not.toContain('gen');
  });

  it('colours only when asked, without changing the visible width', () => {
    const plain = renderFrame(frame, 80);
    const coloured = renderFrame(frame, 80, palette(true));
    expect(plain).not.toContain('\x1b[');
    expect(coloured).toContain('\x1b[');
    expect(visible(coloured)).toBe(visible(plain));
  });

  it('turns colour off for NO_COLOR, TERM=dumb and output that is not a terminal', () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colourEnabled({ isTTY: false }, {})).toBe(false);
    expect(colourEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
  });

  it('piped, prints plain lines at most one per interval and the held-back last frame at the end', () => {
    const out = new PassThrough() as unknown as NodeJS.WriteStream;
    let text = '';
    (out as unknown as PassThrough).on('data', (chunk) => {
      text += chunk;
    });
    let now = 0;
    const view = new TerminalView({ out, env: {}, plainIntervalMs: 5000, now: () => now });
    for (now = 0; now < 12_000; now += 1000) view.draw({ ...frame, elapsedSeconds: now / 1000 });
    view.done();
    const lines = text.trim().split('\n');
    expect(lines.map((l) => /^draining (\d+)s/.exec(l)?.[1])).toEqual(['0', '5', '10', '11']);
    expect(text).not.toContain('\x1b[');
    for (const line of lines) expect(visible(line)).toBeLessThanOrEqual(80);
  });
});

describe('numeric flags', () => {
  it('accept what the rule allows', () => {
    expect(numberOption({ above: 0 })('0.5')).toBe(0.5);
    expect(integerOption({ min: 1, max: 10 })('10')).toBe(10);
    expect(portOption('0')).toBe(0);
    expect(choiceOption(['sse', 'longpoll'] as const)('sse')).toBe('sse');
  });

  it.each([
    [numberOption({ above: 0 }), 'abc', 'must be a number above 0, got "abc"'],
    [numberOption({ above: 0 }), '0', 'must be a number above 0, got "0"'],
    [numberOption(), '', 'must be a number, got ""'],
    [numberOption(), '5x', 'must be a number, got "5x"'],
    [numberOption(), 'Infinity', 'must be a number, got "Infinity"'],
    [integerOption({ min: 1, max: 10 }), '2.5', 'must be an integer from 1 to 10, got "2.5"'],
    [portOption, '70000', 'must be an integer from 0 to 65535, got "70000"'],
    [choiceOption(['sse', 'longpoll'] as const), 'udp', 'must be one of sse, longpoll, got "udp"'],
  ])('refuse a bad value with the rule and the value (%#)', (parse, value, message) => {
    expect(() => parse(value)).toThrow(message);
  });
});

describe('signals', () => {
  it('the first signal asks for a stop; the second exits at once with 128 + its number', async () => {
    const codes: number[] = [];
    let note = '';
    const listener = listenForShutdown({
      exit: (code) => void codes.push(code),
      stderr: { write: (text: string) => (note += text) },
    });
    try {
      process.emit('SIGTERM', 'SIGTERM');
      expect(await listener.requested).toBe('SIGTERM');
      expect(listener.signal.aborted).toBe(true);
      expect(codes).toEqual([]);
      process.emit('SIGINT', 'SIGINT');
      expect(codes).toEqual([SIGNAL_EXIT_CODES.SIGINT]);
      expect(SIGNAL_EXIT_CODES).toEqual({ SIGINT: 130, SIGTERM: 143 });
      expect(note).toContain('second SIGINT: exiting now (exit code 130)');
    } finally {
      listener.dispose();
    }
  });

  it("the caller's abort counts as the first request", async () => {
    const abort = new AbortController();
    const listener = listenForShutdown({ abort: abort.signal, exit: () => undefined });
    abort.abort();
    expect(await listener.requested).toBe('abort');
    listener.dispose();
  });
});

describe('completion scripts', () => {
  it('are generated from the whole command tree: bash parses the bash script, every command is in each', async () => {
    const { buildFullProgram } = await import('../src/program.js');
    const { completionScript } = await import('../src/completion.js');
    const program = await buildFullProgram();
    const names = program.commands.map((c) => c.name());
    expect(names).toEqual(expect.arrayContaining(['demo', 'run', 'apply', 'status', 'dlq', 'completion']));
    const dir = mkdtempSync(join(tmpdir(), 'voxbridge-completion-'));
    const bash = completionScript(program, 'bash');
    writeFileSync(join(dir, 'voxbridge.bash'), bash);
    execFileSync('bash', ['-n', join(dir, 'voxbridge.bash')]);
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const script = completionScript(program, shell);
      for (const name of names) expect(script, `${shell}: ${name}`).toContain(name);
    }
    expect(bash).toContain("'dlq list')");
    expect(bash).toContain('--config');
    // The script completes in bash itself: after "voxbridge dlq " it offers dlq's subcommands.
    const offered = execFileSync('bash', [
      '-c',
      `source ${join(dir, 'voxbridge.bash')}; COMP_WORDS=(voxbridge dlq ''); COMP_CWORD=2; _voxbridge; echo "\${COMPREPLY[*]}"`,
    ]).toString();
    expect(offered.split(/\s+/)).toEqual(expect.arrayContaining(['list', 'retry', 'drop']));
    rmSync(dir, { recursive: true, force: true });
  });

  it('the lazy table names exactly the commands the modules register', async () => {
    const { buildFullProgram, buildProgram } = await import('../src/program.js');
    const lazy = buildProgram()
      .commands.map((c) => c.name())
      .sort();
    const full = (await buildFullProgram()).commands.map((c) => c.name()).sort();
    expect(lazy).toEqual(full);
  });
});
