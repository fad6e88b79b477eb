import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SseMessage, SseParser } from '../src/sse-parser.js';

/** The seed's SSE example response, wrapped lines included. */
const SEED_STREAM = `: keepalive 2021-04-24 07:34:29-0400

: keepalive 2021-04-24 07:34:39-0400

: keepalive 2021-04-24 07:34:49-0400

data: {"eventId":"41e22410-a4d9-11eb-abe6-bd1649d297a6","interactionType":"SMS","clientId":"93119",
"callCenterId":"11363","serviceId":"93140","timestamp":"2021-04-24T07:34:52.000-04:00","campaignId":"29161334",
"sessionId":"93140-55926849742-1619253848682","phoneNumber":"4154164061","acctTransactionId":"55926849742",
"eventType":"Attempt","threadId":"55926849742","accountNumber":"13213","campaignType":"OB","carrier":"sap_sms365","smsCode":"53063"}

data: {"eventId":"41e928f0-a4d9-11eb-abe6-bd1649d297a6","interactionType":"Email","clientId":"93119",
"callCenterId":"11363","serviceId":"93140","timestamp":"2021-04-24T07:34:55.106-04:00","campaignId":"29161335",
"sessionId":"93140_55926849743_1619253855019","fromEmail":"qa@livevox.com","toEmail":"kyargal@livevox.com",
"acctTransactionId":"55926849743","eventType":"Attempt","threadId":null,"accountNumber":"APIQAE1234","campaignType":"OB","carrier":"sendgrid"}

: keepalive 2021-04-24 07:35:05-0400

`;

function parseAll(chunks: string[]): { messages: SseMessage[]; comments: number } {
  const parser = new SseParser();
  const messages: SseMessage[] = [];
  let comments = 0;
  for (const chunk of chunks) {
    const result = parser.push(chunk);
    messages.push(...result.messages);
    comments += result.comments;
  }
  return { messages, comments };
}

describe('SseParser', () => {
  it('reads the seed example: keepalives and JSON wrapped over several lines', () => {
    const { messages, comments } = parseAll([SEED_STREAM]);
    expect(comments).toBe(4);
    expect(messages.map((m) => JSON.parse(m.data).eventId)).toEqual([
      '41e22410-a4d9-11eb-abe6-bd1649d297a6',
      '41e928f0-a4d9-11eb-abe6-bd1649d297a6',
    ]);
    expect(JSON.parse(messages[1]!.data).toEmail).toBe('kyargal@livevox.com');
  });

  it('gives the same messages however the stream is cut into chunks, with any line ending', () => {
    fc.assert(
      fc.property(fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 12 }), (eol, cuts) => {
        const text = SEED_STREAM.replace(/\n/g, eol);
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let from = 0;
        for (const point of points) {
          chunks.push(text.slice(from, point));
          from = point;
        }
        chunks.push(text.slice(from));
        const { messages, comments } = parseAll(chunks);
        expect(comments).toBe(4);
        expect(messages).toHaveLength(2);
        expect(messages.map((m) => JSON.parse(m.data).eventId)).toEqual([
          '41e22410-a4d9-11eb-abe6-bd1649d297a6',
          '41e928f0-a4d9-11eb-abe6-bd1649d297a6',
        ]);
      }),
    );
  });

  it('joins data lines, reads id, event and retry, and dispatches only on a blank line', () => {
    const parser = new SseParser();
    const first = parser.push('id: 7\nevent: interaction\ndata: {"a":\ndata:1}\nretry: 2500\n');
    expect(first.messages).toEqual([]);
    expect(first.retryMs).toBe(2500);
    const second = parser.push('\n');
    expect(second.messages).toEqual([{ data: '{"a":\n1}', id: '7', event: 'interaction' }]);
    expect(JSON.parse(second.messages[0]!.data)).toEqual({ a: 1 });
  });

  it('keeps an unfinished message until its blank line arrives and ignores stray lines', () => {
    const parser = new SseParser();
    expect(parser.push('stray line without a field\n\n').messages).toEqual([]);
    expect(parser.push('data: {"eventId":"x"').messages).toEqual([]);
    expect(parser.push('}\n').messages).toEqual([]);
    expect(parser.push('\n').messages).toEqual([
      { data: '{"eventId":"x"}', id: undefined, event: undefined },
    ]);
  });
});
