/**
 * What a Date and a DateTime are, for the subgraphs' scalars (subgraphs/shared/scalars.ts) and for
 * the gateway, which checks literals in the query text before any subgraph is asked.
 */
import { isoDate } from './identifiers.js';

export const DATE_PROBLEM = 'A Date is written YYYY-MM-DD and must exist';
export const DATE_TIME_PROBLEM = 'A DateTime is written in ISO 8601 with a time zone, e.g. 2026-10-01T09:51:00Z';

/** The date as YYYY-MM-DD, or null when `value` is not a date that exists. */
export function parseIsoDate(value: unknown): string | null {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return match ? isoDate(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

export function isIsoDateTime(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}
