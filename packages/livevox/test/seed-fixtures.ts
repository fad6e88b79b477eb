import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WireOperation } from '@voxbridge/core';
import { SseParser } from '@voxbridge/livevox';
import { LIVEVOX_OPERATIONS } from '@voxbridge/livevox/wire';
import fixtures from './fixtures/seed-examples.json' with { type: 'json' };

/**
 * The seed documents' examples as fixtures: each quotes one example of a seed verbatim (request line,
 * request body, response body) and names the seed file and section. Where the seed's JSON is broken, the
 * fixture lists the repairs (`find` → `replace`, with the reason) that make it JSON; nothing else is
 * changed. The emulator's tests import this file too.
 */

/** A text replacement that turns the seed's broken JSON into JSON. */
export interface Repair {
  find: string;
  replace: string;
  why: string;
}

/** One example of a seed document. */
export interface SeedExample {
  seed: string;
  section: string;
  operationId: string;
  request: { line: string; body?: string; canonicalPath?: string };
  response: { status: number; statusLine?: string; contentType?: string; body?: string };
  repairs?: Repair[];
  note?: string;
}

/** Every seed example. */
export const SEED_EXAMPLES: readonly SeedExample[] = fixtures as SeedExample[];

/** The seed documents, when this checkout sits beside `shared/` (as the project's workspace does). */
export const SEEDS_DIR = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));

/** The text of a seed document, or undefined when the seeds are not beside the checkout. */
export function seedText(seed: string): string | undefined {
  const file = SEEDS_DIR + seed;
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** The operation an example belongs to. */
export function operationOf(example: SeedExample): WireOperation {
  const op = LIVEVOX_OPERATIONS.find((candidate) => candidate.operationId === example.operationId);
  if (!op) throw new Error(`no operation ${example.operationId}`);
  return op;
}

/** Applies an example's repairs to a text of it. */
export function repaired(text: string, example: SeedExample): string {
  return (example.repairs ?? []).reduce((out, fix) => out.split(fix.find).join(fix.replace), text);
}

/** The request body as JSON, or undefined when the example sends none. */
export function requestBody(example: SeedExample): unknown {
  return example.request.body === undefined ? undefined : JSON.parse(repaired(example.request.body, example));
}

/** The response body as JSON (undefined when none); for an SSE answer, the `data:` payloads. */
export function responseBody(example: SeedExample): unknown {
  const body = example.response.body;
  if (body === undefined) return undefined;
  if (example.response.contentType !== 'text/event-stream') return JSON.parse(repaired(body, example));
  return sseEvents(`${repaired(body, example)}\n\n`);
}

/** The events of an SSE text, read with the client's own parser. */
export function sseEvents(text: string): unknown[] {
  return new SseParser().push(text).messages.map((message) => JSON.parse(message.data));
}

/** Method, path (canonical where the seed's path is a typo), path parameters and query of the request. */
export function requestParts(example: SeedExample): {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
} {
  const [method = '', target = ''] = example.request.line.split(' ');
  const url = new URL(target, 'http://seed.invalid');
  const path = example.request.canonicalPath ?? url.pathname.replace(/\/$/, '');
  const template = operationOf(example).path;
  const names: string[] = [];
  const pattern = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) throw new Error(`${example.section}: ${path} is not ${template}`);
  const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
  return { method, path, params, query: Object.fromEntries(url.searchParams) };
}
