import { operation, type WireOperation } from '@voxbridge/core';
import { z } from 'zod';
import { contextEntriesSchema, errorAnswers, integerTextSchema, notFoundAnswers } from './common.js';
// The seed documents' examples in value form; test/fixtures/seed-examples.json quotes them verbatim.
import examples from './seed-examples.json' with { type: 'json' };
import { loginAnswerSchema } from './stats.js';

/**
 * The Session API (from the spec: no seed document covers it) and the Call Context Data API (seed:
 * livevox-context-data-api.txt) as contract operations.
 */

const agentFlag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .optional()
  .describe('Log in as an agent; some clients send "true"/"false" as strings');

/** The body of a login. */
export const loginRequestSchema = z.looseObject({
  clientName: z.string().min(1).describe('The Client Code from the Client Editor, not the display name'),
  userName: z.string().min(1).describe('Agent user names are case-insensitive, user names case-sensitive'),
  password: z.string().min(1),
  agent: agentFlag,
  isAgent: agentFlag.describe("LiveVox.NET's spelling of `agent`; the emulator reads it too"),
});

/** The body of a password change. */
export const passwordRequestSchema = loginRequestSchema.extend({ newPassword: z.string().min(1) });

const sessionIdParams = z.object({ sessionId: z.string().min(1) });
const noContent = { description: 'Done (no body)' };
const tags = ['Session'] as const;

/** `POST /session/login`: the `LV-Access` header and the credentials give a session id. */
export const login = operation({
  operationId: 'login',
  method: 'POST',
  path: '/session/login',
  summary: 'Log in; the same user and access token get the same session while it is valid',
  description: 'Send the application token as the LV-Access header. Sessions expire after 2 idle hours.',
  tags,
  public: true,
  body: loginRequestSchema,
  responses: {
    200: { description: 'The session', schema: loginAnswerSchema },
    ...errorAnswers(),
  },
  requestExamples: {
    spec: {
      summary: 'spec: livevox-api.md § 1 Login',
      value: { clientName: 'ACME', userName: 'api.user', password: 'secret', agent: false },
    },
  },
});

/** Declares a Session method on a session id in the path, answered 204, or 404 for an unknown session. */
function sessionIdOperation<const Id extends string, const M extends 'GET' | 'DELETE'>(
  operationId: Id,
  method: M,
  path: string,
  summary: string,
  notFound: string,
) {
  return operation({
    operationId,
    method,
    path,
    summary,
    tags,
    public: true,
    params: sessionIdParams,
    responses: { 204: noContent, ...notFoundAnswers(notFound) },
  });
}

/** `GET /session/validate/{sessionId}`: 204 while the session is valid. */
export const validateSession = sessionIdOperation(
  'validateSession',
  'GET',
  '/session/validate/{sessionId}',
  'Validate a session (path form)',
  'The session is not valid',
);

/** `DELETE /session/logout/{sessionId}`. */
export const logout = sessionIdOperation(
  'logout',
  'DELETE',
  '/session/logout/{sessionId}',
  'Log out',
  'Unknown session',
);

/** `POST /session/password`: changes the password and ends the user's sessions. */
export const changePassword = operation({
  operationId: 'changePassword',
  method: 'POST',
  path: '/session/password',
  summary: "Change a password (ends the user's sessions)",
  tags,
  public: true,
  body: passwordRequestSchema,
  responses: { 204: noContent, ...errorAnswers() },
});

/** The path and query of a Call Context Data method. */
export const contextParamsSchema = z.object({
  session: z
    .string()
    .min(1)
    .describe('The call session id (U70D91T533151E6@10.40.88.32), not the API session'),
  txId: integerTextSchema.describe('The call transaction id'),
  account: z.string().min(1),
});
const keyParams = contextParamsSchema.extend({
  key: z.string().min(1).describe('Case-sensitive'),
});
const clientQuery = z.object({ client: integerTextSchema.optional().describe('The client id') });
const contextPath = '/context/call/{session}/{txId}/{account}';

/** Declares a Call Context Data method: its tag and the optional `client` query are the same for all. */
function contextOperation<const T extends Omit<WireOperation, 'tags' | 'query'>>(op: T) {
  return operation({ ...op, tags: ['Context Data'] as const, query: clientQuery });
}

/** `GET /context/call/{session}/{txId}/{account}`: all pairs of a call; 204 when it has none. */
export const readCallContext = contextOperation({
  operationId: 'readCallContext',
  method: 'GET',
  path: contextPath,
  summary: 'Read all Context Data of a call (204 when none)',
  params: contextParamsSchema,
  responses: {
    200: { description: 'The pairs', schema: contextEntriesSchema.partial() },
    204: { description: 'The call has no Context Data' },
    ...errorAnswers(),
  },
  responseExamples: examples.readCallContext.responses,
});

/** `GET …/{key}`: one value. */
export const readCallContextKey = contextOperation({
  operationId: 'readCallContextKey',
  method: 'GET',
  path: `${contextPath}/{key}`,
  summary: 'Read one key (case-sensitive)',
  params: keyParams,
  responses: {
    200: { description: 'The value', schema: z.object({ value: z.string().nullable() }) },
    ...notFoundAnswers('No such key'),
  },
  responseExamples: examples.readCallContextKey.responses,
});

/** `POST /context/call/{session}/{txId}/{account}`: adds or updates pairs (there is no create). */
export const updateCallContext = contextOperation({
  operationId: 'updateCallContext',
  method: 'POST',
  path: contextPath,
  summary: 'Add or update Context Data (a key that does not exist is created)',
  params: contextParamsSchema,
  body: contextEntriesSchema,
  responses: { 204: noContent, ...errorAnswers() },
  requestExamples: examples.updateCallContext.request,
});

/** `DELETE /context/call/{session}/{txId}/{account}`: 404 when the call has none. */
export const deleteCallContext = contextOperation({
  operationId: 'deleteCallContext',
  method: 'DELETE',
  path: contextPath,
  summary: 'Delete all Context Data of a call (404 when none)',
  params: contextParamsSchema,
  responses: { 204: noContent, ...notFoundAnswers('The call has no Context Data') },
});

/** `DELETE …/{key}`. */
export const deleteCallContextKey = contextOperation({
  operationId: 'deleteCallContextKey',
  method: 'DELETE',
  path: `${contextPath}/{key}`,
  summary: 'Delete one key',
  params: keyParams,
  responses: { 204: noContent, ...notFoundAnswers('No such key') },
});
