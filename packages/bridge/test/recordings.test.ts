import { Readable } from 'node:stream';
import { ApiError, NotFoundError } from '@voxbridge/core';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/index.js';
import { RecordingAttacher } from '../src/qa/stages/recordings.js';
import { baseConfig } from './helpers.js';

const recordings = parseConfig(baseConfig()).recordings;
const call = { sessionId: 'S1', transactionId: 7, start: '2026-01-05T10:00:00.000Z' };
const row = { recordingId: 'REC-7', session: 'S1', transactionId: 7, bytes: 6, contentType: 'audio/wav' };

/** A LiveVox `reporting` fake: the listed rows, and a download that may fail. */
function liveVox(rows: unknown[], download: () => Promise<unknown>) {
  return { reporting: { recordingsOf: async () => rows, downloadRecording: download } } as never;
}

function audio() {
  return {
    body: Readable.from([Buffer.from('RIFF..')]),
    status: 200,
    contentType: 'audio/wav',
    contentLength: 6,
  };
}

describe('RecordingAttacher', () => {
  it('is "not yet" while the report lists nothing and while the download answers 404', async () => {
    const empty = new RecordingAttacher(
      liveVox([], async () => audio()),
      undefined,
      recordings,
      'http://lv',
    );
    expect(await empty.attach(call)).toEqual({ notYet: true });
    const gone = new RecordingAttacher(
      liveVox([row], async () => {
        throw new NotFoundError(404, { message: 'not there' });
      }),
      { files: { upload: async () => ({}) } } as never,
      recordings,
      'http://lv',
    );
    expect(await gone.attach(call)).toEqual({ notYet: true });
  });

  it('links the LiveVox URL when Playvox drops the file (422, infected) and rethrows a transient error', async () => {
    const refuse = (status: number) => ({
      files: {
        upload: async () => {
          throw new ApiError(status, {}, {}, undefined, `status ${status}`);
        },
      },
    });
    const dropped = new RecordingAttacher(
      liveVox([row], async () => audio()),
      refuse(422) as never,
      recordings,
      'http://lv/',
    );
    const look = await dropped.attach(call);
    expect(look).toMatchObject({
      found: { id: 'REC-7', how: 'linked', url: 'http://lv/compliance/recording/REC-7', size: 6 },
    });
    expect((look as { found: { note: string } }).found.note).toMatch(/^Playvox refused the upload/);
    const flaky = new RecordingAttacher(
      liveVox([row], async () => audio()),
      refuse(503) as never,
      recordings,
      'http://lv',
    );
    await expect(flaky.attach(call)).rejects.toThrow('status 503');
  });

  it('uploads one file at a time (at most one file in memory) and keeps the hosted URL', async () => {
    let active = 0;
    let most = 0;
    const playvox = {
      files: {
        upload: async (source: Readable, file: { name: string; size: number }) => {
          active += 1;
          most = Math.max(most, active);
          for await (const _ of source);
          await new Promise((resolve) => setTimeout(resolve, 5));
          active -= 1;
          return {
            id: 'f1',
            url: `http://pv/files/f1/${file.name}`,
            name: file.name,
            contentType: 'audio/wav',
            size: file.size,
          };
        },
      },
    };
    const attacher = new RecordingAttacher(
      liveVox([row], async () => audio()),
      playvox as never,
      recordings,
      'http://lv',
    );
    const looks = await Promise.all([1, 2, 3, 4].map(() => attacher.attach(call)));
    expect(most).toBe(1);
    for (const look of looks)
      expect(look).toEqual({
        found: expect.objectContaining({ how: 'uploaded', url: 'http://pv/files/f1/REC-7.wav', size: 6 }),
      });
  });
});
