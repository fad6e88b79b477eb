/** One dispatched Server-Sent Events message. */
export interface SseMessage {
  /** The `data` lines joined with `\n`. */
  data: string;
  /** The `id` field, when the message had one. */
  id: string | undefined;
  /** The `event` field, when the message had one. */
  event: string | undefined;
}

/** What one chunk of the stream contained. */
export interface SseChunkResult {
  messages: SseMessage[];
  /** Comment lines (`: keepalive …`) in the chunk. */
  comments: number;
  /** The last `retry:` value (ms) in the chunk, when there was one. */
  retryMs: number | undefined;
}

const FIELD = /^(data|id|event|retry)(?::|$)/;

/**
 * An incremental `text/event-stream` parser: feed it decoded text as it arrives, get back the messages
 * completed by that text. Lines end in `\n`, `\r\n` or `\r` (also when a `\r\n` pair is split across
 * chunks); a blank line dispatches the message; `:` starts a comment. One tolerance beyond the SSE
 * specification: a line that is not a field, seen while a message is collecting `data`, continues that
 * data (joined with `\n`), because the seed's SSE example shows the JSON of one event wrapped over
 * several lines.
 */
export class SseParser {
  private pending = '';
  private skipLeadingLf = false;
  private data: string[] = [];
  private id: string | undefined;
  private event: string | undefined;

  /** Parses the next piece of text. */
  push(text: string): SseChunkResult {
    const result: SseChunkResult = { messages: [], comments: 0, retryMs: undefined };
    let input = text;
    if (this.skipLeadingLf && input.startsWith('\n')) input = input.slice(1);
    this.skipLeadingLf = false;
    let buffer = this.pending + input;
    let start = 0;
    // Position of the next '\r', kept between lines so that a CR-free stream is scanned once, not per line.
    let cr = buffer.indexOf('\r');
    for (;;) {
      if (cr !== -1 && cr < start) cr = buffer.indexOf('\r', start);
      const lf = buffer.indexOf('\n', start);
      const end = cr === -1 ? lf : lf === -1 ? cr : Math.min(lf, cr);
      if (end === -1) break;
      this.line(buffer.slice(start, end), result);
      if (buffer[end] === '\r') {
        if (end + 1 === buffer.length) {
          this.skipLeadingLf = true;
          start = end + 1;
          break;
        }
        start = buffer[end + 1] === '\n' ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
    buffer = buffer.slice(start);
    this.pending = buffer;
    return result;
  }

  private line(line: string, result: SseChunkResult): void {
    if (line === '') {
      this.dispatch(result);
      return;
    }
    if (line.startsWith(':')) {
      result.comments += 1;
      return;
    }
    const field = FIELD.exec(line);
    if (!field) {
      if (this.data.length > 0) this.data.push(line);
      return;
    }
    let value = line.slice(field[0].length);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field[1]) {
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.id = value;
        break;
      case 'event':
        this.event = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) result.retryMs = Number(value);
        break;
    }
  }

  private dispatch(result: SseChunkResult): void {
    if (this.data.length > 0)
      result.messages.push({ data: this.data.join('\n'), id: this.id, event: this.event });
    this.data = [];
    this.event = undefined;
  }
}
