import { VoxbridgeError } from '@voxbridge/core';

/** A CSV text that breaks RFC 4180 (an unclosed quote, text after a closing quote). */
export class CsvParseError extends VoxbridgeError {
  override name = 'CsvParseError';
  /** 1-based line where the problem is. */
  readonly line: number;
  constructor(message: string, line: number) {
    super(`CSV line ${line}: ${message}`);
    this.line = line;
  }
}

/**
 * Parses RFC 4180 CSV into records of fields: fields separated by commas, records by CRLF or LF;
 * a field in double quotes may hold commas, line breaks and `""` (an escaped quote). A trailing line
 * break does not make an empty record; a byte-order mark at the start is dropped.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let atFieldStart = true;
  const endField = () => {
    record.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const char = text[i]!;
    if (atFieldStart && char === '"') {
      // A quoted field runs to the next quote that is not doubled.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvParseError('a quoted field is not closed', startLine);
        const inner = text[i]!;
        if (inner === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (inner === '\n') line++;
        field += inner;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        throw new CsvParseError('text after a closing quote', line);
      atFieldStart = false;
      continue;
    }
    atFieldStart = false;
    if (char === ',') {
      endField();
      i++;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += char;
      i++;
    }
  }
  // A last record without a trailing line break.
  if (field !== '' || record.length > 0 || !atFieldStart) endRecord();
  return records;
}

/** Parses CSV with a header row into objects keyed by the header names. Missing trailing fields are ''. */
export function parseCsvObjects(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows
    .filter((row) => !(row.length === 1 && row[0] === ''))
    .map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}
