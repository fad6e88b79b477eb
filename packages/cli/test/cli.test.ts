import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { offlineConfigYaml } from './helpers.js';

// The committed shim that npm links as the `voxbridge` bin (it loads dist/bin.js).
const bin = fileURLToPath(new URL('../bin/voxbridge.js', import.meta.url));
const run = promisify(execFile);

/** Runs the built CLI; resolves with its output and exit code (never rejects on a non-zero exit). */
async function voxbridge(
  args: string[],
  timeout = 120_000,
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      timeout,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe.skipIf(!existsSync(fileURLToPath(new URL('../dist/bin.js', import.meta.url))))(
  'voxbridge CLI (built by npm test)',
  () => {
    it('prints help naming every command', async () => {
      const { stdout, code } = await voxbridge(['--help']);
      expect(code).toBe(0);
      for (const command of ['demo', 'run', 'apply', 'status', 'dlq', 'emulate', 'bench', 'config'])
        expect(stdout).toContain(command);
    });

    it('runs the demo and ends with a JSON summary read from the emulators: everything delivered exactly once', async () => {
      const { stdout, code, stderr } = await voxbridge(['demo', '--duration', '6', '--json']);
      expect(code, stderr).toBe(0);
      const summary = JSON.parse(stdout.trim().split('\n').pop()!);
      const generated = Object.values(summary.generated as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(generated).toBeGreaterThan(0);
      // The demo's roster has people without a Playvox user: their interactions are dead-lettered on purpose
      // (the assignee lookup's no-user path); everything else reaches Playvox exactly once.
      const withoutUser = summary.evaluation.agentsWithoutUser as number;
      expect(summary).toMatchObject({
        delivered: generated - withoutUser,
        duplicates: 0,
        missing: withoutUser,
        deadLettered: withoutUser,
      });
      // Calls dispositioned late end in Playvox with their final term code: delivered without it and
      // updated in place, or (when the disposition came within the grace, as in the demo's fast drain)
      // delivered complete.
      const late = summary.lateUpdates;
      expect(late.updatedWithFinalTermCode).toBe(late.lateDispositions);
      // The WFM side, read from the Playvox WFM emulator: agent statuses became task intervals.
      expect(summary.wfm.statuses).toBeGreaterThan(0);
      expect(summary.wfm.taskIntervals).toBeGreaterThan(0);
      expect(summary.wfm.unmatched).toBe(0);
    });

    it('names the YAML path and the rule of every configuration error', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'voxbridge-cli-'));
      const file = join(dir, 'voxbridge.yaml');
      writeFileSync(
        file,
        offlineConfigYaml(
          '    - { fieldId: ok_field, type: string }\n    - { fieldId: bad, type: number }\n',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the file's own ${ENV} interpolation
          '${NOT_SET_ANYWHERE}',
        ),
      );
      const { stderr, code } = await voxbridge(['apply', '--dry-run', '--config', file]);
      expect(code).not.toBe(0);
      expect(stderr).toContain('playvox.key: environment variable NOT_SET_ANYWHERE is not set');
      expect(stderr).toContain(
        'playvox.metadata[2].type: must be one of string, integer, float, list, boolean, datetime',
      );
    });

    it('prints the JSON Schema of the configuration', async () => {
      const { stdout, code } = await voxbridge(['config', 'schema']);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).properties.playvox).toBeDefined();
    });
  },
);
