/**
 * Structured logging with pino.
 *
 * casegraph's logs must never hold personal data: no identity codes, names, dates of birth,
 * variables of GraphQL operations or registry response bodies. Log registry names, request
 * ids, durations, counts and error codes instead. The redaction list below is a safety net for
 * the field names that could carry such data, not a licence to log them.
 */
import { pino, type DestinationStream, type Logger, type LevelWithSilent, type LoggerOptions } from 'pino';
import { currentTraceId } from './trace-context.js';

export type { Logger };

const REDACTED_PATHS = [
  'personalIdentityCode',
  '*.personalIdentityCode',
  'givenNames',
  '*.givenNames',
  'familyName',
  '*.familyName',
  'dateOfBirth',
  '*.dateOfBirth',
  'variables',
  '*.variables',
  'body',
  '*.body',
  'req.headers.authorization',
  'headers.authorization',
];

/** `destination` is for tests that read the lines; services log to stdout. */
export function createLogger(service: string, level: LevelWithSilent = 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // A line logged while serving a request says which trace it belongs to (trace-context.ts).
    mixin: () => {
      const traceId = currentTraceId();
      return traceId ? { traceId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
