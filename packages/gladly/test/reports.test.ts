import { ValidationError } from '@voxbridge/core';
import {
  CsvParseError,
  parseCsv,
  parseCsvObjects,
  parseWorkSessionCsv,
  ReportFormatError,
  toReportTime,
} from '@voxbridge/gladly';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { clientOf, closeAll, emulator, FAST_LIMITS, HOUR, START } from './helpers.js';

afterEach(closeAll);

describe('Gladly client: work-session report', () => {
  it('parses the report into typed rows that match the simulated contacts', async () => {
    const emu = await emulator({ seed: 21, config: FAST_LIMITS });
    emu.generateBacklog({ hours: 3, agents: 5, endAt: START });
    const gladly = clientOf(emu, {
      rateLimit: { requestsPerSecond: 100 },
      reportRateLimit: { requestsPerSecond: 10, maxConcurrent: 2 },
    });
    const rows = await gladly.reports.workSessionEvents({
      startAtTime: new Date(START - 4 * HOUR),
      endAtTime: emu.clock.now(),
    });
    const contacts = emu.simulator.contacts();
    expect(rows.map((row) => row.contactSessionId).sort()).toEqual(
      contacts.map((contact) => contact.id).sort(),
    );
    const answered = rows.filter((row) => row.status === 'ANSWERED');
    expect(answered.length).toBeGreaterThan(10);
    for (const row of answered) {
      expect(row.agentId).toEqual(expect.any(String));
      expect(row.workSessionHandleTimeSec).toBeGreaterThanOrEqual(20);
      expect(typeof row.withinSla).toBe('boolean');
      expect(Date.parse(row.contactSessionEndedAt!)).toBeGreaterThanOrEqual(Date.parse(row.agentAcceptedAt!));
    }
    for (const row of rows.filter((candidate) => candidate.status === 'ABANDONED')) {
      expect(row).toMatchObject({
        agentId: null,
        agentAcceptedAt: null,
        workSessionHandleTimeSec: null,
        withinSla: false,
      });
    }
    const csv = await gladly.reports.workSessionEventsCsv({
      startAtTime: '2025-03-10T12:00Z',
      endAtTime: '2025-03-10T12:30Z',
    });
    expect(csv.split('\r\n')[0]).toMatch(/^id,contact_session_id,/);
  });

  it('validates and formats report times at minute precision', () => {
    expect(toReportTime(new Date('2025-03-10T12:34:56.789Z'), 'startAtTime')).toBe('2025-03-10T12:34Z');
    expect(toReportTime('2020-04-14T19:27-09:00', 'endAtTime')).toBe('2020-04-14T19:27-09:00');
    expect(toReportTime('2025-03-10T12:34:56Z', 'endAtTime')).toBe('2025-03-10T12:34Z');
    expect(() => toReportTime('soon', 'startAtTime')).toThrow(ValidationError);
  });

  it('keeps to 2 reports at once and lets none be refused', async () => {
    const emu = await emulator({
      config: { ...FAST_LIMITS, reports: { processingDelayMs: 150, requestsPerWindow: 100 } },
    });
    const gladly = clientOf(emu, {
      rateLimit: { requestsPerSecond: 100 },
      reportRateLimit: { requestsPerSecond: 50, burst: 10, maxConcurrent: 2 },
    });
    const query = { startAtTime: START - HOUR, endAtTime: START };
    const reports = await Promise.all(
      Array.from({ length: 5 }, () => gladly.reports.workSessionEventsCsv(query)),
    );
    expect(reports).toHaveLength(5);
    expect(emu.truth().reports).toEqual({ requests: 5, rejected: 0, maxConcurrent: 2 });
    await expect(
      gladly.reports.workSessionEvents({ startAtTime: START, endAtTime: START - HOUR }),
    ).rejects.toMatchObject({ field: 'endAtTime' });
  });
});

describe('CSV parsing', () => {
  it('handles quotes, escaped quotes, separators and line breaks inside fields, CRLF and a BOM', () => {
    const text = '\ufeffid,note,empty\r\n1,"hello, ""world""",\r\n2,"two\r\nlines",x\n3,plain,""\r\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'note', 'empty'],
      ['1', 'hello, "world"', ''],
      ['2', 'two\r\nlines', 'x'],
      ['3', 'plain', ''],
    ]);
    expect(parseCsvObjects('a,b\n1\n')).toEqual([{ a: '1', b: '' }]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
    expect(() => parseCsv('a,"unclosed\n')).toThrow(CsvParseError);
    expect(() => parseCsv('a,"x"y\n')).toThrow(/text after a closing quote/);
  });

  it('reads back whatever an RFC 4180 writer writes', () => {
    const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.array(
            fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é') }), {
              minLength: width,
              maxLength: width,
            }),
            { minLength: 1, maxLength: 8 },
          ),
        ),
        (rows) => {
          // A record of one empty field is written as an empty line, which readers skip; keep such rows out.
          fc.pre(rows.every((row) => !(row.length === 1 && row[0] === '')));
          const text = `${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
          expect(parseCsv(text)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a report without the work-session columns and maps NULL to null', () => {
    expect(() => parseWorkSessionCsv('a,b\n1,2\n')).toThrow(ReportFormatError);
    const [row] = parseWorkSessionCsv(
      'contact_session_id,agent_id,within_sla,work_session_handle_time_sec,extra\nc1,NULL,true,42,ignored\n',
    );
    expect(row).toMatchObject({
      contactSessionId: 'c1',
      agentId: null,
      withinSla: true,
      workSessionHandleTimeSec: 42,
      id: '',
    });
  });
});
