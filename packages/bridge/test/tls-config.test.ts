import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfigFile, parseConfig } from '../src/config/load.js';
import { baseConfig, problemsOf, tempDir } from './helpers.js';

// `tls.caFile`: relative to the configuration file's folder, like `store.path`; a file that cannot be
// used stops the load with the key and the path.

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

/** Writes `voxbridge.yaml` with the given `tls` section into a fresh folder; returns its path. */
function writeConfig(tls: unknown): string {
  const dir = tempDir('voxbridge-tls-config-');
  const file = join(dir, 'voxbridge.yaml');
  writeFileSync(file, stringify(baseConfig({ tls })));
  return file;
}

describe('tls.caFile', () => {
  it('is absent unless configured', () => {
    expect(parseConfig(baseConfig()).tls).toBeUndefined();
  });

  it("resolves a relative path against the configuration file's folder", () => {
    const file = writeConfig({ caFile: 'certs/corp-ca.pem' });
    const dir = join(file, '..');
    writeFileSync(join(dir, 'corp-ca.pem'), PEM);
    expect(problemsOf(() => loadConfigFile(file))).toEqual([
      `tls.caFile: cannot read ${join(dir, 'certs', 'corp-ca.pem')} (ENOENT)`,
    ]);
    const flat = writeConfig({ caFile: 'corp-ca.pem' });
    writeFileSync(join(flat, '..', 'corp-ca.pem'), PEM);
    expect(loadConfigFile(flat).tls?.caFile).toBe(join(flat, '..', 'corp-ca.pem'));
  });

  it('keeps an absolute path and refuses a file with no PEM certificate', () => {
    const dir = tempDir();
    const pem = join(dir, 'ca.pem');
    writeFileSync(pem, PEM);
    expect(parseConfig(baseConfig({ tls: { caFile: pem } })).tls?.caFile).toBe(pem);
    const der = join(dir, 'ca.der');
    writeFileSync(der, Buffer.from([0x30, 0x82, 0x01, 0x0a]));
    expect(problemsOf(() => parseConfig(baseConfig({ tls: { caFile: der } })))).toEqual([
      `tls.caFile: ${der} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    ]);
  });

  it('names an unknown key or an empty path under tls', () => {
    expect(problemsOf(() => parseConfig(baseConfig({ tls: { cafile: 'x.pem' } })))).toEqual([
      'tls: unknown key cafile',
    ]);
    expect(problemsOf(() => parseConfig(baseConfig({ tls: { caFile: '' } }))).join()).toMatch(
      /^tls\.caFile: /,
    );
  });
});
