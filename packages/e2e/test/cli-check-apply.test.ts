/**
 * `voxbridge check`, `apply` (--json, --detailed-exitcode, lint before change), `status`/`dlq` refusing a
 * missing store, and the run lock — the built CLI in child processes against the four emulators.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findIntegration, playvoxClient, SqliteStore } from '@voxbridge/bridge';
import {
  GLADLY_DEFAULT_CREDENTIALS,
  type GladlyEmulator,
  startGladlyEmulator,
} from '@voxbridge/emulator-gladly';
import { LIVEVOX_DEFAULT_CREDENTIALS } from '@voxbridge/emulator-livevox';
import {
  PLAYVOX_DEFAULT_CREDENTIALS,
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  type PlayvoxWfmEmulator,
  startPlayvoxWfmEmulator,
} from '@voxbridge/emulator-playvox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseConfig, tempDir } from '../../bridge/test/helpers.js';
import { type Emulators, startEmulators } from './e2e-helpers.js';
import { BUILT_BRIDGE, CLI_BIN, runCli, signalWorker, startWorker } from './workers-helpers.js';

const built = existsSync(CLI_BIN) && existsSync(BUILT_BRIDGE);

describe.skipIf(!built)('voxbridge check, apply and the store location (built CLI, emulators)', () => {
  let emulators: Emulators;
  let gladly: GladlyEmulator;
  let wfm: PlayvoxWfmEmulator;
  const elsewhere = tempDir('voxbridge-cwd-');

  beforeAll(async () => {
    emulators = await startEmulators();
    gladly = await startGladlyEmulator({ seed: 7 });
    wfm = await startPlayvoxWfmEmulator({ config: { rateLimit: { requestsPerMinute: 0 } } });
  });
  afterAll(async () => {
    await Promise.all([emulators?.close(), gladly?.close(), wfm?.close()]);
  });

  /** A configuration file in a fresh folder, with a relative store path; returns its path. */
  // biome-ignore lint/suspicious/noExplicitAny: each test edits the raw configuration freely
  type Raw = Record<string, any>;
  function writeFile(options: { wfm?: boolean; change?: (raw: Raw) => void } = {}): string {
    const raw = baseConfig() as Raw;
    raw.livevox = { baseUrl: emulators.livevox.url, ...LIVEVOX_DEFAULT_CREDENTIALS };
    raw.playvox = {
      ...raw.playvox,
      baseUrl: emulators.playvox.url,
      ...PLAYVOX_DEFAULT_CREDENTIALS,
      integration: { name: `LiveVox ${Math.random().toString(36).slice(2)}` },
    };
    raw.store = { path: './state/bridge.db' };
    raw.log = { level: 'info' };
    if (options.wfm) {
      raw.gladly = { baseUrl: gladly.url, ...GLADLY_DEFAULT_CREDENTIALS };
      raw.wfm = { baseUrl: wfm.url, ...PLAYVOX_WFM_DEFAULT_CREDENTIALS };
    }
    options.change?.(raw);
    const dir = tempDir('voxbridge-conf-');
    const file = join(dir, 'voxbridge.yaml');
    writeFileSync(file, JSON.stringify(raw, null, 2));
    return file;
  }

  it('checks every service read-only, compares the integration, and exits 0 only when all pass', async () => {
    const file = writeFile({ wfm: true });
    const storePath = join(file, '..', 'state', 'bridge.db');
    const before = await runCli(['check', '-c', file], elsewhere);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/^OK {4}configuration/m);
    expect(before.stdout).toContain(`FAIL  store          no store at ${storePath}`);
    expect(before.stdout).toMatch(/^FAIL {2}playvox-qa .*does not exist \(`voxbridge apply` creates it\)/m);
    expect(before.stdout).toMatch(/^OK {4}livevox .*logged in/m);
    expect(before.stdout).toMatch(/^OK {4}gladly .*inboxes readable/m);
    expect(before.stdout).toMatch(/^OK {4}playvox-wfm .*token issued/m);
    expect(existsSync(storePath)).toBe(false); // check never creates the store

    const plan = await runCli(['apply', '-c', file, '--dry-run', '--json', '--detailed-exitcode'], elsewhere);
    expect(plan.code).toBe(2);
    const json = JSON.parse(plan.stdout);
    expect(json.changed).toBe(true);
    expect(json.qa.plan[0]).toMatchObject({ action: 'create-integration', change: true });
    expect(json.wfm.plan.some((step: { action: string }) => step.action === 'create-task')).toBe(true);
    const name = JSON.parse(readFileSync(file, 'utf8')).playvox.integration.name;
    const client = playvoxClient({ baseUrl: emulators.playvox.url, ...PLAYVOX_DEFAULT_CREDENTIALS } as never);
    expect(await findIntegration(client, name)).toBeUndefined();

    expect((await runCli(['apply', '-c', file, '--detailed-exitcode'], elsewhere)).code).toBe(2);
    const again = await runCli(['apply', '-c', file, '--detailed-exitcode'], elsewhere);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to do');

    mkdirSync(join(file, '..', 'state'));
    await new SqliteStore({ path: storePath }).close();
    const after = await runCli(['check', '-c', file, '--json'], elsewhere);
    expect(after.code).toBe(0);
    const checks = JSON.parse(after.stdout) as { ok: boolean; checks: Array<{ check: string; ok: boolean }> };
    expect(checks.ok).toBe(true);
    expect(checks.checks.map((c) => c.check)).toEqual([
      'configuration',
      'store',
      'playvox-qa',
      'livevox',
      'gladly',
      'playvox-wfm',
    ]);
    expect((await runCli(['dlq', 'list', '--json', '-c', file], elsewhere)).stdout.trim()).toBe('[]');
  }, 120_000);

  it('says FAIL and why for wrong credentials and a metadata field that differs, never the secret', async () => {
    const file = writeFile();
    expect((await runCli(['apply', '-c', file], elsewhere)).code).toBe(0);
    const wrong = writeFile({
      change: (raw) => {
        raw.livevox.password = 'not-the-password-93';
        raw.playvox.metadata[2].type = 'float';
        raw.playvox.integration.name = JSON.parse(readFileSync(file, 'utf8')).playvox.integration.name;
      },
    });
    const ran = await runCli(['check', '-c', wrong], elsewhere);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toMatch(/^FAIL {2}livevox /m);
    expect(ran.stdout).toMatch(/^FAIL {2}playvox-qa .*differs from the file.*duration_seconds/m);
    expect(ran.stdout + ran.stderr).not.toContain('not-the-password-93');
  }, 60_000);

  it('lints WFM against the live inboxes before changing Playvox QA', async () => {
    const file = writeFile({
      wfm: true,
      change: (raw) => {
        raw.wfm.workstreams = { extra: [{ name: 'Everything', identifiers: { gladly: '.*' } }] };
      },
    });
    const ran = await runCli(['apply', '-c', file], elsewhere);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('Playvox would find it ambiguous');
    expect(ran.stderr).toContain('nothing was changed in Playvox QA or WFM');
    const name = JSON.parse(readFileSync(file, 'utf8')).playvox.integration.name;
    const client = playvoxClient({ baseUrl: emulators.playvox.url, ...PLAYVOX_DEFAULT_CREDENTIALS } as never);
    expect(await findIntegration(client, name)).toBeUndefined();
  }, 60_000);

  it('status and dlq refuse a missing store and name the path, from any folder', async () => {
    const file = writeFile();
    const storePath = join(file, '..', 'state', 'bridge.db');
    for (const args of [['status'], ['dlq', 'list']]) {
      const ran = await runCli([...args, '-c', file], elsewhere);
      expect(ran.code).toBe(1);
      expect(ran.stderr).toContain(`no store at ${storePath}`);
    }
    expect(existsSync(storePath)).toBe(false);
  }, 60_000);

  it('refuses a second run on the same store, and takes over the lock of a SIGKILLed one', async () => {
    const file = writeFile();
    const storePath = join(file, '..', 'state', 'bridge.db');
    const first = await startWorker(file);
    expect(first.output()).toMatch(/created a new store.*bridge\.db|bridge\.db.*created a new store/); // says where
    expect(first.output()).toContain(storePath);
    const second = await runCli(['run', '-c', file, '--port', '0'], elsewhere);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `the store ${storePath} is in use by another voxbridge run (pid ${first.child.pid}`,
    );
    await signalWorker(first, 'SIGKILL');
    const third = await startWorker(file);
    expect(third.output()).not.toContain('created a new store');
    await signalWorker(third, 'SIGTERM');
  }, 120_000);
});
