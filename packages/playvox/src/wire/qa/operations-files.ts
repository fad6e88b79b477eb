/**
 * The files endpoint (HC-ATT, "Send audio, video or other file types in your API Integration"): a
 * `multipart/form-data` upload of at most 10 MB answered with a URL Playvox hosts, and that URL itself.
 * The public material names neither path nor answer; docs/playvox-wire.md ("Files") fixes both.
 */
import { operation } from '@voxbridge/core';
import { z } from 'zod';
import { answer, errorBody, errors, oneResult, pathId } from './common.js';
import { API_PREFIX } from './operations-people.js';
import * as records from './records.js';
import { MAX_FILE_BYTES } from './rules.js';

const TAGS = ['files'] as const;

/** The multipart part that carries the file, as the generated document describes it. */
export const fileUploadForm = z.object({
  file: z
    .string()
    .meta({ format: 'binary' })
    .describe(
      `the file's bytes, in a part with a filename and a Content-Type; at most ${MAX_FILE_BYTES} bytes`,
    ),
});

/** `POST files`: one file, sent as `multipart/form-data` (part `file`), answered with its hosted URL. */
export const uploadFile = operation({
  operationId: 'uploadFile',
  method: 'POST',
  path: `${API_PREFIX}/files`,
  summary: 'Upload a file (≤ 10 MB) and get the URL Playvox hosts it at',
  description:
    'Scanned for viruses: an infected file is dropped and answered 422 ("the attached file was not sent"). ' +
    'Not deduplicated: each upload stores a new file.',
  tags: TAGS,
  body: fileUploadForm,
  bodyContentType: 'multipart/form-data',
  responses: {
    200: answer('stored', oneResult(records.uploadedFile)),
    413: { description: `the file is larger than ${MAX_FILE_BYTES} bytes (10 MB)`, schema: errorBody },
    ...errors(400, 422),
  },
  responseExamples: {
    200: {
      stored: {
        summary: 'docs/playvox-wire.md, Files and attachments (HC-ATT: "a new URL … in the JSON response")',
        value: {
          success: true,
          result: {
            _id: '5f1a2b3c4d5e6f7a8b9c0d1e',
            url: 'https://acme.playvox.com/files/5f1a2b3c4d5e6f7a8b9c0d1e/call-1001.wav',
            name: 'call-1001.wav',
            content_type: 'audio/wav',
            size: 480_044,
          },
        },
      },
    },
    413: {
      tooLarge: {
        summary: 'HC-ATT: "Each attachment cannot exceed 10 MB"',
        value: {
          success: false,
          error: {
            code: 'payload_too_large',
            message: `file: must be at most ${MAX_FILE_BYTES} bytes (10 MB), got 10485761`,
            field: 'file',
          },
          errors: [
            { field: 'file', message: `file: must be at most ${MAX_FILE_BYTES} bytes (10 MB), got 10485761` },
          ],
        },
      },
    },
    422: {
      infected: {
        summary: 'HC-ATT: an infected file is not sent, with an error message saying so',
        value: {
          success: false,
          error: {
            code: 'validation_error',
            message:
              "file: the attached file 'call-1001.wav' was not sent: a virus was found in it, and it was dropped",
            field: 'file',
          },
          errors: [
            {
              field: 'file',
              message:
                "file: the attached file 'call-1001.wav' was not sent: a virus was found in it, and it was dropped",
            },
          ],
        },
      },
    },
  },
});

/** `GET files/{fileId}/{name}`: the bytes of a stored file, at the URL the upload answered (no credentials). */
export const downloadFile = operation({
  operationId: 'downloadFile',
  method: 'GET',
  path: '/files/{fileId}/{name}',
  summary: 'Download a hosted file',
  tags: TAGS,
  params: z.object({ fileId: pathId('the file _id'), name: pathId('the file name, as uploaded') }),
  public: true,
  responses: {
    200: { description: "the file's bytes, with its Content-Type and Content-Length", contentType: '*/*' },
    404: { description: 'unknown file', schema: errorBody },
  },
});
