/**
 * Checking a user's data set file record by record: problems are collected by JSON path (e.g.
 * `caseRegister.applications[12].applicantId: unknown applicant CUS-0000999`), and the checker
 * stops looking once there are enough to act on, so a badly broken file answers quickly. Each
 * data set section checks its own records with it (sections/), load.ts checks the whole.
 */
import { isIsoDate } from './dates.js';

const MAX_PROBLEMS = 20;

/** A JSON object of a user's data set, before it is known to be anything more. */
export type Json = Record<string, unknown>;

/** Records problems by JSON path, and stops looking once there are enough to act on. */
export class DatasetChecker {
  readonly problems: string[] = [];

  get full(): boolean {
    return this.problems.length >= MAX_PROBLEMS;
  }

  problem(path: string, message: string): void {
    if (!this.full) this.problems.push(`${path}: ${message}`);
  }

  object(value: unknown, path: string): value is Json {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return true;
    this.problem(path, `expected an object, got ${describe(value)}`);
    return false;
  }

  array(record: Json, field: string, path: string): unknown[] {
    const value = record[field];
    if (Array.isArray(value)) return value;
    this.problem(`${path}.${field}`, `expected an array, got ${describe(value)}`);
    return [];
  }

  string(record: Json, field: string, path: string, nullable = false): string | null {
    const value = record[field];
    if (typeof value === 'string') return value;
    if (nullable && value === null) return null;
    this.problem(`${path}.${field}`, `expected a string${nullable ? ' or null' : ''}, got ${describe(value)}`);
    return null;
  }

  /** A string of a shape the graph accepts (contracts/identifiers.ts): an id it could never ask for is a mistake. */
  identifier(record: Json, field: string, path: string, accepts: (value: unknown) => value is string, shape: string): string | null {
    const value = this.string(record, field, path);
    if (value === null || accepts(value)) return value;
    this.problem(`${path}.${field}`, `expected ${shape}, got ${JSON.stringify(value)}`);
    return null;
  }

  date(record: Json, field: string, path: string, nullable = false): void {
    const value = this.string(record, field, path, nullable);
    if (value !== null && !isIsoDate(value))
      this.problem(`${path}.${field}`, `expected a date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }

  strings(record: Json, field: string, path: string): string[] {
    const values = this.array(record, field, path);
    values.forEach((value, i) => {
      if (typeof value !== 'string') this.problem(`${path}.${field}[${i}]`, `expected a string, got ${describe(value)}`);
    });
    return values as string[];
  }

  oneOf(record: Json, field: string, allowed: readonly string[], path: string): void {
    const value = record[field];
    if (typeof value !== 'string' || !allowed.includes(value)) {
      this.problem(`${path}.${field}`, `expected one of ${allowed.join(', ')}, got ${describe(value)}`);
    }
  }

  typed(record: Json, field: string, type: 'boolean' | 'number', path: string): void {
    if (typeof record[field] !== type) this.problem(`${path}.${field}`, `expected a ${type}, got ${describe(record[field])}`);
  }

  /** Each value once: a second record with the same key is a problem naming the first. */
  unique(seen: Map<string, string>, value: string | null, path: string, what: string): void {
    if (value === null) return;
    const first = seen.get(value);
    if (first !== undefined) this.problem(path, `duplicate ${what} ${value} (first at ${first})`);
    else seen.set(value, path);
  }

  /** Checks each record of an array section, stopping early once the problem list is full. */
  each(records: unknown[], path: string, check: (record: Json, path: string) => void): void {
    for (let i = 0; i < records.length && !this.full; i++) {
      const recordPath = `${path}[${i}]`;
      if (this.object(records[i], recordPath)) check(records[i] as Json, recordPath);
    }
  }
}

/** A value as a problem message names it, never quoting more than the start of a long string. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${typeof value} ${typeof value === 'object' ? '' : String(value)}`.trim();
}
