import { existsSync, readFileSync } from 'node:fs';
import { invalidExamples } from '@voxbridge/emulator-kit';
import {
  createWebhook,
  EVENT_CONTENT_SCHEMAS,
  EVENT_ENTITIES,
  GLADLY_OPERATIONS,
  GladlyErrorBodySchema,
  getInbox,
  gladlyErrorsOf,
  InboxSchema,
  knownEventSchema,
  listInboxes,
  PingEventSchema,
  streamEvents,
  WEBHOOK_EVENT_TYPES,
  WebhookCreateSchema,
  WebhookUpdateSchema,
  WORK_SESSION_COLUMNS,
  WorkSessionReportBodySchema,
  workSessionReport,
} from '@voxbridge/gladly/wire';
import { describe, expect, it } from 'vitest';
import * as fixtures from './fixtures/seed-examples.js';

const documents = new URL('../../../../shared/', import.meta.url);
const documentText = (file: string) => {
  const [kind, name] = file.split(': ') as [string, string];
  const path = new URL(`${kind === 'seed' ? 'seeds' : 'spec'}/${name}`, documents);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
};

describe('the Gladly wire contract, judged by the seed and spec examples', () => {
  it('quotes the source documents verbatim (where they are on this machine)', () => {
    const sources = Object.values(fixtures).flatMap((fixture) =>
      'source' in fixture ? [fixture.source, ...('fields' in fixture ? [fixture.fields] : [])] : [],
    );
    expect(sources.length).toBeGreaterThanOrEqual(9);
    for (const source of sources) {
      const text = documentText(source.file);
      if (text !== undefined) expect(text, `${source.file} ${source.section}`).toContain(source.quote);
    }
  });

  it('accepts the seed’s inbox and carries it as the example answer of the inbox operations', () => {
    expect(InboxSchema.parse(fixtures.SEED_INBOX.value)).toEqual(fixtures.SEED_INBOX.value);
    expect(Object.keys(fixtures.SEED_INBOX.value as object)).toEqual(fixtures.SPEC_RESOURCES.keys.inboxes);
    expect(getInbox.responseExamples[200].seedInbox.value).toEqual(fixtures.SEED_INBOX.value);
    expect(listInboxes.responseExamples[200].seedInbox.value).toEqual([fixtures.SEED_INBOX.value]);
    const inbox = fixtures.SEED_INBOX.value as { id: string; name: string };
    expect(`${inbox.id}|${inbox.name}`).toBe(fixtures.SEED_INBOX.identifier);
    // The contract is no rubber stamp: the seed's shape without a field fails.
    expect(InboxSchema.safeParse({ id: inbox.id, name: inbox.name }).success).toBe(false);
  });

  it('accepts the webhook the seed’s connector creates, and its example is the one the operation publishes', () => {
    const example = createWebhook.requestExamples.specWebhook.value;
    expect(WebhookCreateSchema.parse(example)).toMatchObject({ events: fixtures.SEED_WEBHOOK.events });
    expect(example.events).toEqual(fixtures.SEED_WEBHOOK.events);
    expect(createWebhook.responses[201].headers.location.description).toBe('/api/v1/webhooks/{id}');
    expect(fixtures.SEED_WEBHOOK.fields.quote).toContain(
      '`POST` returns 201 with a `Location: /api/v1/webhooks/{id}`',
    );
    expect(PingEventSchema.parse(fixtures.SPEC_PING.value)).toEqual({ type: 'PING' });
  });

  it('accepts the spec’s Events API vocabulary, bad-range answer and report request', () => {
    expect([...EVENT_ENTITIES]).toEqual(fixtures.SPEC_EVENTS.entities);
    expect(GladlyErrorBodySchema.parse(fixtures.SPEC_EVENTS.badRange)).toEqual(fixtures.SPEC_EVENTS.badRange);
    expect(streamEvents.responseExamples[400].specBadRange.value).toEqual(fixtures.SPEC_EVENTS.badRange);
    expect(streamEvents.responses[200].contentType).toBe('application/x-jsonlines');
    expect(WorkSessionReportBodySchema.parse(fixtures.SPEC_WORK_SESSIONS.body)).toEqual(
      fixtures.SPEC_WORK_SESSIONS.body,
    );
    expect(workSessionReport.requestExamples.specRange.value).toEqual(fixtures.SPEC_WORK_SESSIONS.body);
    expect([...WORK_SESSION_COLUMNS]).toEqual(fixtures.SPEC_WORK_SESSIONS.columns);
    for (const code of fixtures.SPEC_ERROR_BODY.codes)
      expect(GladlyErrorBodySchema.safeParse({ errors: [{ code }] }).success).toBe(true);
  });

  it('publishes only examples that pass their own schemas, and knows the event types it types', () => {
    expect(invalidExamples(GLADLY_OPERATIONS)).toEqual([]);
    for (const type of Object.keys(EVENT_CONTENT_SCHEMAS)) {
      expect(WEBHOOK_EVENT_TYPES).toContain(type);
      expect(knownEventSchema(type)).toBeDefined();
    }
    expect(knownEventSchema('TASK/CREATED')).toBeUndefined();
  });

  it('names every field at fault in Gladly’s words', () => {
    expect(gladlyErrorsOf(WebhookCreateSchema, { name: 'x'.repeat(201) })).toEqual([
      { attr: 'name', code: 'too_long', detail: 'name must be at most 200 characters' },
      { attr: 'url', code: 'blank', detail: 'url cannot be blank' },
      { attr: 'events', code: 'blank', detail: 'events must be a non-empty list of event types' },
    ]);
    expect(
      gladlyErrorsOf(WebhookUpdateSchema, {
        url: 'ftp://example.com',
        events: ['CONVERSATION/CLOSED', 'AGENT_STATE_CHANGED'],
        credentials: { username: 'u', password: 'p', realm: 7 },
        headers: { 'Bad Name': 'x' },
      }),
    ).toEqual([
      { attr: 'url', code: 'invalid', detail: 'url must use https' },
      { attr: 'events[1]', code: 'invalid', detail: 'AGENT_STATE_CHANGED is not a webhook event type' },
      { attr: 'credentials.realm', code: 'invalid', detail: 'realm must be a string' },
      { attr: 'headers.Bad Name', code: 'invalid', detail: 'Bad Name is not a valid header name' },
    ]);
    expect(gladlyErrorsOf(WorkSessionReportBodySchema, 'soon')).toEqual([
      { code: 'invalid', detail: 'request body must be a JSON object with startAtTime and endAtTime' },
    ]);
    expect(gladlyErrorsOf(WebhookUpdateSchema, { credentials: null, headers: null })).toBeUndefined();
  });
});
