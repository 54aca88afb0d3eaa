import { pino, type Logger, type LoggerOptions } from 'pino';

/**
 * Structured JSON logs. Anything that could hold a secret is censored by path, so a careless
 * `log.info({ req })` still cannot print a password, a token or a cookie.
 */
export const redactPaths = [
  'password',
  'token',
  'passphrase',
  'key',
  '*.password',
  '*.token',
  '*.passphrase',
  '*.key',
  'headers.cookie',
  'headers.authorization',
  'headers["x-auth-token"]',
  'headers["x-subject-token"]',
  'headers["set-cookie"]',
  '*.headers.cookie',
  '*.headers.authorization',
  '*.headers["x-auth-token"]',
  '*.headers["x-subject-token"]',
  '*.headers["set-cookie"]',
];

/**
 * Standard output by default, written asynchronously: a synchronous write per line (Node's default for pipes
 * and files) costs a system call for every request the console answers, and the lines of a busy moment go out
 * together instead. pino writes what is left when the process exits.
 */
export function createLogger(options: LoggerOptions = {}, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      base: { service: 'bff' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...options,
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

export type { Logger };
