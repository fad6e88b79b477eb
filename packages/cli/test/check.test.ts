import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { offlineConfigYaml } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/voxbridge.js', import.meta.url));
const run = promisify(execFile);

/** Runs the built CLI from `cwd`; resolves with its output and exit code. */
async function voxbridge(
  args: string[],
  cwd: string,
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, timeout: 60_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const CONFIG = offlineConfigYaml(`    - { fieldId: channel, type: list }
mapping:
  fields: [{ field: wrap, from: wrapUp }]
delivery: { batchSize: abc }
`);

describe.skipIf(!existsSync(fileURLToPath(new URL('../dist/bin.js', import.meta.url))))(
  'voxbridge check (built)',
  () => {
    it('stops at an invalid file with one FAIL line naming each problem, exit 1', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'voxbridge-check-'));
      writeFileSync(join(dir, 'voxbridge.yaml'), CONFIG);
      const text = await voxbridge(['check'], dir);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/^FAIL {2}configuration {2}voxbridge\.yaml: /);
      expect(text.stdout).toContain('delivery.batchSize: expected an integer, got "abc"');
      const json = await voxbridge(['check', '--json', '-c', join(dir, 'voxbridge.yaml')], tmpdir());
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        checks: [{ check: 'configuration', ok: false }],
      });
    });

    it('names the unreachable service and the missing store, exit 1', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'voxbridge-check-'));
      const fixed = CONFIG.replace('delivery: { batchSize: abc }', '')
        .replace('type: list }', 'type: list, allowed: [A] }')
        .replace('field: wrap', 'field: channel');
      writeFileSync(join(dir, 'voxbridge.yaml'), fixed);
      const ran = await voxbridge(['check', '--json'], dir);
      expect(ran.code).toBe(1);
      const checks = JSON.parse(ran.stdout).checks as Array<{ check: string; ok: boolean; detail: string }>;
      expect(checks[0]).toMatchObject({ check: 'configuration', ok: true });
      expect(checks.find((c) => c.check === 'store')).toMatchObject({
        ok: false,
        detail: `no store at ${join(dir, '.voxbridge', 'state.db')}: \`voxbridge run\` creates it there`,
      });
      expect(checks.find((c) => c.check === 'playvox-qa')?.ok).toBe(false);
      expect(checks.find((c) => c.check === 'livevox')?.ok).toBe(false);
      expect(existsSync(join(dir, '.voxbridge'))).toBe(false);
    }, 60_000);
  },
);
