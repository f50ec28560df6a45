import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/** Paths whose values never reach a log line, wherever they appear in the first two levels. */
export const REDACT_PATHS = [
  'password',
  'secret',
  'secretAccessKey',
  'accessKeyId',
  'sessionToken',
  'authorization',
  'credentials',
  '*.password',
  '*.secret',
  '*.secretAccessKey',
  '*.accessKeyId',
  '*.sessionToken',
  '*.authorization',
  '*.credentials',
  'headers.authorization',
  'headers.cookie',
];

export interface LoggerOptions {
  level?: string;
  name?: string;
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      ...(options.name ? { name: options.name } : {}),
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
    },
    options.destination,
  );
}

/** A logger that writes nowhere; for tests and libraries used without one. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
