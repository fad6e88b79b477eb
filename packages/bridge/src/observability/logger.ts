import pino, { type Logger } from 'pino';

/** Paths pino redacts in every log line, whatever the message. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'key',
  '*.key',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'apiToken',
  '*.apiToken',
  'secret',
  '*.secret',
  'headers.authorization',
  '*.headers.authorization',
  'headers["lv-access"]',
  'headers["lv-session"]',
  'sessionId',
  '*.sessionId',
];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level?: string;
  /** Pretty, coloured lines; default: when stdout is a terminal. */
  pretty?: boolean;
  /** Destination (default stdout); tests pass a stream. */
  destination?: NodeJS.WritableStream;
}

/** JSON logs (pretty on a terminal) with secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const pretty = options.pretty ?? (process.stdout.isTTY === true && !options.destination);
  const base = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    base: { app: 'voxbridge' },
  };
  if (pretty) {
    return pino({
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' },
      },
    });
  }
  return options.destination ? pino(base, options.destination as pino.DestinationStream) : pino(base);
}

export type { Logger };
