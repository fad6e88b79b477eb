import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GLADLY_DEFAULT_CREDENTIALS, startGladlyEmulator } from '@voxbridge/emulator-gladly';
import { LIVEVOX_DEFAULT_CREDENTIALS, startLiveVoxEmulator } from '@voxbridge/emulator-livevox';
import {
  PLAYVOX_DEFAULT_CREDENTIALS,
  PLAYVOX_WFM_DEFAULT_CREDENTIALS,
  startPlayvoxEmulator,
  startPlayvoxWfmEmulator,
} from '@voxbridge/emulator-playvox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CheckLine, runChecks } from '../src/commands/check.js';
import { forward } from './helpers.js';

// `tls.caFile`: every client the bridge builds trusts a private CA. The four emulators sit behind HTTPS
// fronts on 127.0.0.1 whose certificate a throwaway CA signed (made with the openssl CLI at test time);
// `voxbridge check` reaches all four with the CA in the configuration, and none without it.

const OPENSSL = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;
if (!OPENSSL)
  console.warn('tls.caFile test SKIPPED: the openssl CLI is not installed (it makes the test CA)');

interface Pki {
  dir: string;
  caFile: string;
  key: string;
  cert: string;
}

/** A CA and a server certificate for IP 127.0.0.1 that it signed, written into a fresh temporary folder. */
function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'voxbridge-tls-'));
  // Each command is one line of space-separated arguments (none holds a space).
  const openssl = (command: string) =>
    execFileSync('openssl', command.trim().split(/\s+/), { cwd: dir, stdio: 'pipe' });
  const ec = '-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes';
  openssl(`req -x509 ${ec} -keyout ca.key -out ca.pem -days 2 -subj /CN=voxbridge-test-CA
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign`);
  openssl(`req -new ${ec} -keyout server.key -out server.csr -subj /CN=127.0.0.1`);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl(`x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2
    -extfile server.ext`);
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    key: readFileSync(join(dir, 'server.key'), 'utf8'),
    cert: readFileSync(join(dir, 'server.pem'), 'utf8'),
  };
}

/** An HTTPS front on 127.0.0.1 that passes every request on to a plain-HTTP emulator. */
async function httpsFront(pki: Pki, target: string): Promise<{ url: string; server: Server }> {
  const server = createServer({ key: pki.key, cert: pki.cert }, (req, res) => forward(req, res, target));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe.skipIf(!OPENSSL)('tls.caFile', () => {
  let pki: Pki;
  const closers: Array<() => Promise<unknown>> = [];
  const configDirs: string[] = [];
  const urls: Record<'playvox' | 'wfm' | 'livevox' | 'gladly', string> = {
    playvox: '',
    wfm: '',
    livevox: '',
    gladly: '',
  };

  beforeAll(async () => {
    pki = makePki();
    const emulators = {
      playvox: await startPlayvoxEmulator(),
      wfm: await startPlayvoxWfmEmulator(),
      livevox: await startLiveVoxEmulator(),
      gladly: await startGladlyEmulator(),
    };
    for (const [name, emulator] of Object.entries(emulators)) {
      const front = await httpsFront(pki, emulator.url);
      urls[name as keyof typeof urls] = front.url;
      closers.push(() => new Promise((resolve) => front.server.close(resolve)).then(() => emulator.close()));
    }
  });
  afterAll(async () => {
    for (const close of closers) await close();
    for (const dir of [pki.dir, ...configDirs]) rmSync(dir, { recursive: true, force: true });
  });

  /** A configuration file in a fresh folder naming the four HTTPS fronts, with `tls` as given. */
  function configFile(tls: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'voxbridge-tls-config-'));
    configDirs.push(dir);
    const { uid, key } = PLAYVOX_DEFAULT_CREDENTIALS;
    const lv = LIVEVOX_DEFAULT_CREDENTIALS;
    const wfm = PLAYVOX_WFM_DEFAULT_CREDENTIALS;
    writeFileSync(
      join(dir, 'voxbridge.yaml'),
      `${tls}
livevox: { baseUrl: ${urls.livevox}, accessToken: ${lv.accessToken}, clientName: ${lv.clientName}, userName: ${lv.userName}, password: ${lv.password} }
playvox:
  baseUrl: ${urls.playvox}
  uid: ${uid}
  key: ${key}
  integration: { name: voxbridge TLS test }
  metadata:
    - { fieldId: when, type: datetime }
mapping:
  fields: [{ field: when, from: timestamp }]
gladly: { baseUrl: ${urls.gladly}, email: ${GLADLY_DEFAULT_CREDENTIALS.email}, apiToken: ${GLADLY_DEFAULT_CREDENTIALS.apiToken} }
wfm: { baseUrl: ${urls.wfm}, accessKeyId: ${wfm.accessKeyId}, secret: ${wfm.secret} }
`,
    );
    // The CA file sits next to the configuration, named by a relative path.
    writeFileSync(join(dir, 'corp-ca.pem'), readFileSync(pki.caFile));
    return join(dir, 'voxbridge.yaml');
  }

  const byCheck = (lines: CheckLine[]) => Object.fromEntries(lines.map((line) => [line.check, line]));
  const services = ['playvox-qa', 'livevox', 'gladly', 'playvox-wfm'];

  it('with tls.caFile every client reaches its HTTPS service', async () => {
    const lines = byCheck(await runChecks(configFile('tls: { caFile: corp-ca.pem }')));
    expect(lines.configuration?.ok).toBe(true);
    expect(lines.livevox).toMatchObject({ ok: true, detail: expect.stringContaining('logged in as demo') });
    expect(lines.gladly).toMatchObject({ ok: true, detail: expect.stringContaining('inboxes readable') });
    expect(lines['playvox-wfm']).toMatchObject({ ok: true, detail: 'access token issued' });
    // Playvox answered over TLS: the integration is simply not there yet.
    expect(lines['playvox-qa']?.detail).toBe(
      'integration "voxbridge TLS test" does not exist (`voxbridge apply` creates it)',
    );
  });

  it('without it every client fails with a certificate error', async () => {
    const lines = byCheck(await runChecks(configFile('')));
    expect(lines.configuration?.ok).toBe(true);
    for (const service of services) {
      expect(lines[service]?.ok, service).toBe(false);
      expect(lines[service]?.detail, service).toMatch(/unable to verify the first certificate/);
    }
  });
});
