import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import type { Progress } from '@voxbridge/bridge';
import { describe, expect, it } from 'vitest';
import { palette } from '../src/demo/view.js';
import { progressDisplay, renderProgress } from '../src/progress.js';

const ESC = '\u001b';
const width = (line: string) => [...stripVTControlCharacters(line)].length;

/** A stream that keeps what is written; a terminal of `columns` when `tty`. */
function stream(tty: boolean, columns = 80): NodeJS.WriteStream & { text(): string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text(): string };
  Object.assign(out, { isTTY: tty, columns, rows: 24, text: () => chunks.join('') });
  return out;
}

const big: Progress = { done: 1_234_567, total: 9_876_543, phase: 'playvox-wfm', unit: 'rows' };

describe('renderProgress', () => {
  it('fits the width it is given, dropping the unit, then the bar, as the width shrinks', () => {
    const wide = renderProgress(big, 80);
    expect(wide).toBe(`playvox-wfm ████░░░░░░░░░░░░░░░░░░░░░░░░░░ 1,234,567/9,876,543 rows  12%`);
    for (const columns of [80, 60, 52, 48, 45, 40, 34, 30, 20, 10]) {
      expect(width(renderProgress(big, columns)), `${columns} columns`).toBeLessThanOrEqual(columns);
    }
    expect(renderProgress(big, 48)).toMatch(/^playvox-wfm █+░+ 1,234,567\/9,876,543 {2}12%$/);
    expect(renderProgress(big, 40)).toBe('playvox-wfm 1,234,567/9,876,543  12%');
    expect(renderProgress({ done: 0, total: 0, phase: 'retry', unit: 'records' }, 80)).toMatch(
      /^retry █+ 0\/0 records 100%$/,
    );
  });

  it('colours only through the palette it is given', () => {
    expect(renderProgress(big, 80, palette(false))).not.toContain(ESC);
    const coloured = renderProgress(big, 80, palette(true));
    expect(coloured).toContain(ESC);
    expect(stripVTControlCharacters(coloured)).toBe(renderProgress(big, 80));
  });
});

describe('progressDisplay', () => {
  const steps = (total: number): Progress[] =>
    Array.from({ length: total + 1 }, (_, done) => ({ done, total, phase: 'copy', unit: 'rows' }));

  it('prints nothing and counts nothing with --json', () => {
    const out = stream(true);
    const display = progressDisplay({ json: true, out });
    expect(display.onProgress).toBeUndefined();
    display.done();
    expect(out.text()).toBe('');
  });

  it('piped: plain lines, at most one per interval and none for short work, even with FORCE_COLOR', () => {
    let clock = 0;
    const out = stream(false);
    const display = progressDisplay({
      out,
      env: { FORCE_COLOR: '1' },
      plainIntervalMs: 5000,
      now: () => clock,
    });
    for (const progress of steps(10)) {
      display.onProgress!(progress);
      clock += 1000;
    }
    display.done();
    const lines = out.text().split('\n').filter(Boolean);
    // Reports at 0 s … 10 s: a line at 5 s and at 10 s.
    expect(lines).toEqual([renderProgress(steps(10)[5]!, 80), renderProgress(steps(10)[10]!, 80)]);
    expect(out.text()).not.toContain(ESC);

    const short = stream(false);
    const quick = progressDisplay({ out: short, now: () => 0 });
    for (const progress of steps(3)) quick.onProgress!(progress);
    quick.done();
    expect(short.text()).toBe('');
  });

  it('on a terminal: redraws in place within its width, coloured unless NO_COLOR', () => {
    const out = stream(true, 50);
    const display = progressDisplay({ out, env: {}, redrawMs: 0 });
    for (const progress of steps(4)) display.onProgress!(progress);
    display.done();
    const text = out.text();
    expect(text).toContain(`${ESC}[32m`); // green bar
    expect(text).toMatch(new RegExp(`${ESC}\\[\\d*[AGK]`)); // cursor up / column / erase line: drawn in place
    const frames = stripVTControlCharacters(text).split('\n').filter(Boolean);
    expect(frames.at(-1)).toMatch(/^copy █+ 4\/4 rows 100%$/);
    for (const frame of frames) expect(width(frame)).toBeLessThanOrEqual(49);

    const plain = stream(true, 120);
    const uncoloured = progressDisplay({ out: plain, env: { NO_COLOR: '1' }, redrawMs: 0 });
    for (const progress of steps(2)) uncoloured.onProgress!(progress);
    uncoloured.done();
    expect(plain.text()).not.toMatch(new RegExp(`${ESC}\\[[0-9;]*m`));
    // Never wider than 80 columns, even on a wide terminal.
    for (const frame of stripVTControlCharacters(plain.text()).split('\n').filter(Boolean))
      expect(width(frame)).toBeLessThanOrEqual(79);
  });

  it('on a terminal: each finished phase keeps its line', () => {
    const out = stream(true, 80);
    const display = progressDisplay({ out, env: { NO_COLOR: '1' }, redrawMs: 0 });
    for (const phase of ['playvox-qa', 'playvox-wfm'])
      for (let done = 0; done <= 2; done += 1) display.onProgress!({ done, total: 2, phase, unit: 'steps' });
    display.done();
    const lines = stripVTControlCharacters(out.text()).split('\n').filter(Boolean);
    expect(lines.filter((line) => /^playvox-qa .* 2\/2 steps 100%$/.test(line)).length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^playvox-wfm .* 2\/2 steps 100%$/);
  });
});
