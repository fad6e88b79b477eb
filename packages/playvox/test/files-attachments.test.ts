/** Files, comment attachments, updates in place and the roster's users, against the emulator over HTTP. */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { UnprocessableEntityError } from '@voxbridge/core';
import { buildRoster, DEFAULT_MISSING_PLAYVOX_USERS, hasPlayvoxUser } from '@voxbridge/emulator-kit';
import { EICAR_SIGNATURE } from '@voxbridge/emulator-playvox';
import { MAX_FILE_BYTES } from '@voxbridge/playvox';
import { describe, expect, it } from 'vitest';
import {
  clearFaults,
  makeIntegration,
  offlineClient,
  rejection,
  setFaults,
  sharedClient,
} from './helpers.js';

const { emu, pv, seen } = sharedClient();

/** A deterministic "recording" of `size` bytes. */
function bytes(size: number, seed = 7): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1_103_515_245 + 12_345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Streams a buffer in 64 KiB chunks, counting the chunks read. */
function chunked(data: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < data.length; at += 65_536) yield data.subarray(at, at + 65_536);
    })(),
  );
}

/** A raw GET without credentials or compression: status, headers and body bytes. */
function rawGet(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });
}

/** An interaction to hang comments on. */
async function interaction(): Promise<{ integrationId: string; id: string }> {
  const integrationId = await makeIntegration(pv);
  const id = await pv.interactions.create(integrationId, {
    interactionId: `call-${Math.random().toString(36).slice(2)}`,
    assigneeId: 'agent@example.com',
    metadata: { closed_at: '2026-11-22T10:00:00Z', channel: 'voice' },
  });
  return { integrationId, id };
}

describe('files.upload', () => {
  it('streams a file up and the hosted URL serves the same bytes with their type and length', async () => {
    const data = bytes(3 * 1024 * 1024 + 17);
    const stored = await pv.files.upload(chunked(data), {
      name: 'call 42.wav',
      contentType: 'audio/wav',
      size: data.length,
    });
    expect(stored).toMatchObject({ name: 'call 42.wav', contentType: 'audio/wav', size: data.length });
    expect(stored.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]{24}\/call%2042\.wav$/);
    const served = await rawGet(stored.url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('audio/wav');
    expect(served.headers['content-length']).toBe(String(data.length));
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(digest(served.body)).toBe(digest(data));
  });

  it('takes a Buffer and a web ReadableStream too', async () => {
    const data = bytes(1000, 3);
    const fromBuffer = await pv.files.upload(data, {
      name: 'a.bin',
      contentType: 'application/octet-stream',
      size: 1000,
    });
    const fromWeb = await pv.files.upload(new Blob([data]).stream(), {
      name: 'b.bin',
      contentType: 'application/octet-stream',
      size: 1000,
    });
    expect((await rawGet(fromBuffer.url)).body.equals(data)).toBe(true);
    expect((await rawGet(fromWeb.url)).body.equals(data)).toBe(true);
  });

  it('refuses a file over 10 MB before reading or sending it', async () => {
    const { pv: offline, requests } = offlineClient();
    const error = await rejection(
      offline.files.upload(Buffer.alloc(0), {
        name: 'big.wav',
        contentType: 'audio/wav',
        size: MAX_FILE_BYTES + 1,
      }),
    );
    expect(error.message).toBe(
      `size: must be at most ${MAX_FILE_BYTES} bytes (10 MB), got ${MAX_FILE_BYTES + 1}`,
    );
    expect(requests()).toBe(0);
  });

  it('refuses a source that gives more or fewer bytes than announced', async () => {
    const { pv: offline } = offlineClient();
    const more = await rejection(
      offline.files.upload(chunked(bytes(200_000)), {
        name: 'x.wav',
        contentType: 'audio/wav',
        size: 100_000,
      }),
    );
    expect(more.message).toBe('size: the source gave more than the 100000 bytes announced');
    const fewer = await rejection(
      offline.files.upload(chunked(bytes(10)), { name: 'x.wav', contentType: 'audio/wav', size: 11 }),
    );
    expect(fewer.message).toBe('size: the source gave 10 bytes, not the 11 announced');
  });

  it('the emulator answers 413 past 10 MB, with the rule in the message', async () => {
    const boundary = 'b0undary';
    const size = MAX_FILE_BYTES + 1;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
      ),
      Buffer.alloc(size, 1),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${emu.apiUrl}/files`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('demo:demo-secret').toString('base64')}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
    });
    expect(res.status).toBe(413);
    const answer = (await res.json()) as { error: { code: string; message: string; field: string } };
    expect(answer.error).toEqual({
      code: 'payload_too_large',
      field: 'file',
      message: `file: must be at most ${MAX_FILE_BYTES} bytes (10 MB), got ${size}`,
    });
  });

  it('drops an infected file (the EICAR test string) with the error Playvox describes', async () => {
    const before = emu.store.files.count;
    const data = Buffer.concat([bytes(500), Buffer.from(EICAR_SIGNATURE), bytes(500)]);
    const error = await pv.files
      .upload(data, { name: 'virus.wav', contentType: 'audio/wav', size: data.length })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).message).toContain(
      "file: the attached file 'virus.wav' was not sent: a virus was found in it",
    );
    expect(emu.store.files.count).toBe(before);
  });

  it('is sent once: a lost answer is not repeated unless the caller says it is safe', async () => {
    await setFaults(emu, [{ method: 'POST', path: '^/api/v1/files$', status: 503, retryAfter: 0, times: 1 }]);
    const before = seen.requests;
    await expect(
      pv.files.upload(bytes(10), { name: 'a.bin', contentType: 'application/octet-stream', size: 10 }),
    ).rejects.toMatchObject({ status: 503 });
    expect(seen.requests - before).toBe(1);
    await setFaults(emu, [{ method: 'POST', path: '^/api/v1/files$', status: 503, retryAfter: 0, times: 1 }]);
    const stored = await pv.files.upload(
      bytes(10),
      { name: 'a.bin', contentType: 'application/octet-stream', size: 10 },
      { retrySafe: true },
    );
    expect(stored.size).toBe(10);
    await clearFaults(emu);
  });
});

describe('comment attachments', () => {
  it('a comment carries an uploaded file and GET comments returns it', async () => {
    const { id } = await interaction();
    const data = bytes(4096);
    const file = await pv.files.upload(data, {
      name: 'rec.wav',
      contentType: 'audio/wav',
      size: data.length,
    });
    await pv.comments.create(id, {
      body: 'Call recording',
      type: 'internal_note',
      authorId: 'agent@example.com',
      attachments: [
        file,
        { url: 'https://example.com/r.mp3', name: 'r.mp3', contentType: 'audio/mpeg', size: 10 },
      ],
    });
    const [comment] = await pv.comments.list(id).toArray({ limit: 100 });
    const truth = emu.store.truth();
    expect(truth.attachments).toBeGreaterThanOrEqual(2);
    expect(truth.files.stored).toBe(emu.store.files.count);
    expect(comment?.attachments).toEqual([
      { url: file.url, name: 'rec.wav', content_type: 'audio/wav', size: 4096 },
      { url: 'https://example.com/r.mp3', name: 'r.mp3', content_type: 'audio/mpeg', size: 10 },
    ]);
  });

  it('bulk items carry attachments in their comments', async () => {
    const integrationId = await makeIntegration(pv);
    const attachment = {
      url: 'https://example.com/a.wav',
      name: 'a.wav',
      contentType: 'audio/wav',
      size: 99,
    };
    const jobs = await pv.interactions.bulkCreate(integrationId, [
      {
        interactionId: 'bulk-att-1',
        assigneeId: 'agent@example.com',
        metadata: { closed_at: '2026-11-22T10:00:00Z' },
        comments: [
          { body: 'rec', type: 'internal_note', authorId: 'agent@example.com', attachments: [attachment] },
        ],
      },
    ]);
    const outcome = await pv.interactions.waitForJobs(jobs, { timeoutMs: 10_000 });
    expect(outcome.failures).toEqual([]);
    const [comment] = await pv.comments.list(outcome.createdIds[0]!).toArray({ limit: 100 });
    expect(comment?.attachments).toEqual([
      { url: attachment.url, name: 'a.wav', content_type: 'audio/wav', size: 99 },
    ]);
  });

  it('refuses a bad attachment, naming it, in the client and in the emulator', async () => {
    const { pv: offline } = offlineClient();
    const error = await rejection(
      offline.comments.create('0'.repeat(24), {
        body: 'x',
        type: 'internal_note',
        authorId: 'a@example.com',
        attachments: [{ url: 'ftp://x/y', name: 'y', contentType: 'audio/wav', size: 1 }],
      }),
    );
    expect(error.message).toBe('attachments[0].url: must be an absolute http(s) URL');
    const { id } = await interaction();
    const res = await fetch(`${emu.apiUrl}/interactions/${id}/comments`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('demo:demo-secret').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        body: 'x',
        type: 'internal_note',
        author_id: 'a@example.com',
        attachments: [{ url: 'https://x/y', name: 'y', content_type: 'audio/wav', size: MAX_FILE_BYTES + 1 }],
      }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('attachments[0].size');
  });
});

describe('updates in place', () => {
  it('PUT changes a delivered interaction; repeating it changes nothing more', async () => {
    const { integrationId, id } = await interaction();
    const external = (await pv.interactions.list(integrationId).toArray({ limit: 100 }))[0]!.interaction_id;
    await pv.interactions.update(integrationId, id, { channel: 'chat' });
    const once = await pv.interactions
      .list(integrationId, { query: { interaction_id: external } })
      .toArray({ limit: 100 });
    await pv.interactions.update(integrationId, id, { channel: 'chat' });
    const twice = await pv.interactions
      .list(integrationId, { query: { interaction_id: external } })
      .toArray({ limit: 100 });
    expect(once).toHaveLength(1);
    expect(once[0]?.metadata).toMatchObject({ channel: 'chat', closed_at: '2026-11-22T10:00:00Z' });
    expect({ ...twice[0], updated_at: undefined }).toEqual({ ...once[0], updated_at: undefined });
  });
});

describe('listing a period for a reconcile', () => {
  it('pages the interactions of a time range, 100 per request', async () => {
    const integrationId = await makeIntegration(pv);
    const at = (i: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, i)).toISOString();
    const items = Array.from({ length: 260 }, (_, i) => ({
      interactionId: `period-${i}`,
      assigneeId: 'agent@example.com',
      metadata: { closed_at: at(i) },
    }));
    await pv.interactions.waitForJobs(await pv.interactions.bulkCreate(integrationId, items), {
      timeoutMs: 20_000,
    });
    const before = seen.requests;
    const inRange = await pv.interactions
      .list(integrationId, { query: { 'metadata.closed_at': { $gte: at(5), $lt: at(255) } } })
      .toArray({ limit: 1000 });
    expect(inRange.map((i) => i.interaction_id).sort()).toEqual(
      items
        .slice(5, 255)
        .map((i) => i.interactionId)
        .sort(),
    );
    expect(seen.requests - before).toBe(3);
  });
});

describe('users of the roster', () => {
  it('lists every roster person with a Playvox user, by email and username, and none of the others', async () => {
    const users = new Map<string, string>();
    for await (const user of pv.users.list()) users.set(String(user.email), String(user.username));
    const roster = buildRoster(1, 60);
    for (const person of roster) {
      const present = users.get(person.email) === person.username;
      expect(present, person.email).toBe(hasPlayvoxUser(person.index, DEFAULT_MISSING_PLAYVOX_USERS));
    }
    expect(roster.filter((p) => !hasPlayvoxUser(p.index)).map((p) => p.index)).toEqual([3, 7]);
    // The seeded QA users (the admin among them) are still there.
    expect(users.get('admin@example.com')).toBe('admin');
    // The lookup map: by email, by username, or both, in lower case.
    const person = roster[0]!;
    const both = await pv.users.logins();
    expect(both.get(person.email.toLowerCase())?.username).toBe(person.username);
    expect(both.get(person.username)?.email).toBe(person.email);
    const byEmail = await pv.users.logins('email');
    expect(byEmail.has(person.username)).toBe(false);
    expect(byEmail.size).toBe(users.size);
    expect(both.has(roster[3]!.email)).toBe(false);
  });
});
