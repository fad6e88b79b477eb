/** The shared roster's people as Playvox users, and the files routes in the generated document. */
import { buildRoster, hasPlayvoxUser } from '@voxbridge/emulator-kit';
import { describe, expect, it } from 'vitest';
import { sharedEmulator } from './helpers.js';

const shared = sharedEmulator({ seed: 42 });
const { api } = shared;

/** Every user's email → username. */
async function users(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let page = 1; ; page++) {
    const answer = await api.get(`users?page=${page}&per_page=100`);
    for (const user of answer.body.result) out.set(user.email, user.username);
    if (!answer.body.next_page) return out;
  }
}

describe('roster users', () => {
  it('follows roster.size and roster.missingPlayvoxUsers, and keeps the seeded users', async () => {
    const put = await api.put('/_emulator/config', { roster: { size: 20, missingPlayvoxUsers: 3 } });
    expect(put.status).toBe(200);
    const found = await users();
    for (const person of buildRoster(42, 20))
      expect(found.get(person.email) === person.username, person.email).toBe(hasPlayvoxUser(person.index, 3));
    expect([...found.keys()].filter((email) => email.endsWith('@voxbridge-demo.test'))).toHaveLength(17);
    expect([...found.keys()].filter((email) => email.endsWith('@example.com'))).toHaveLength(40);
    await api.put('/_emulator/config', { roster: { size: 0 } });
    expect([...(await users()).keys()].some((email) => email.endsWith('@voxbridge-demo.test'))).toBe(false);
  });

  it('refuses a bad roster or files setting, naming the key', async () => {
    const bad = await api.put('/_emulator/config', { roster: { size: -1 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('roster.size: must be an integer from 0 to 100000');
    const files = await api.put('/_emulator/config', { files: { maxBytes: 0 } });
    expect(JSON.stringify(files.body)).toContain('files.maxBytes: must be an integer from 1 to 1073741824');
  });

  it('the same seed gives the same roster users in another emulator', async () => {
    const ids = (await users()).size;
    expect(ids).toBeGreaterThan(0);
    const first = shared.emu.store.userByLogin(buildRoster(42, 1)[0]!.email);
    await api.post('/_emulator/reset');
    expect(shared.emu.store.userByLogin(buildRoster(42, 1)[0]!.email)?._id).toBe(first?._id);
  });
});

describe('files in the document', () => {
  it('documents the upload as multipart/form-data with its 413, and the download as public', async () => {
    const doc = (await api.get('/_emulator/openapi.json')).body;
    const upload = doc.paths['/api/v1/files'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(upload.responses)).toContain('413');
    expect(doc.paths['/files/{fileId}/{name}'].get.security).toEqual([]);
  });

  it('answers 400 to an upload that is not multipart and 404 to an unknown file', async () => {
    const notMultipart = await api.post('files', { file: 'x' });
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.body.error.message).toBe('body: must be multipart/form-data with a boundary');
    const missing = await fetch(`${shared.emu.url}/files/${'0'.repeat(24)}/x.wav`);
    expect(missing.status).toBe(404);
  });
});
