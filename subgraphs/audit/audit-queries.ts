/**
 * The audit queries over any audit trail backend (AuditReader: the JSONL file, PostgreSQL): search
 * by a person's identity code (as its keyed pseudonym) or by user, a page at a time, and the
 * subject access report, which leaves out who among the staff did it.
 *
 * Paging: the reader yields records oldest first, by time, then chain and sequence, which is a
 * total order, so a cursor is the position of the last record served; the next page asks the
 * reader from that record's time on and skips up to and including that position.
 */
import { GraphQLError } from 'graphql';
import { subjectPseudonym, type AuditRecord, type AuditRegistryRead } from '../../contracts/audit.js';
import { isUserId } from '../../contracts/identifiers.js';
import type { AuditQuery, AuditReader } from '../../platform/audit/audit-store.js';
import { badUserInput, ErrorCode } from '../../platform/errors.js';
import type { SubgraphCaller } from '../shared/request-context.js';
import { validPageSize, validPersonalIdentityCode } from '../shared/validation.js';

export const MAX_PAGE_SIZE = 500;

/** Why an audit query was refused, in `extensions.reason`. */
export const AuditRefusalReason = {
  /** The caller holds neither audit:read nor audit:unit. */
  NO_AUDIT_ACCESS: 'NO_AUDIT_ACCESS',
  /** A supervisor (audit:unit) asked about a user the trail places in another unit, or has no unit. */
  USER_OF_ANOTHER_UNIT: 'USER_OF_ANOTHER_UNIT',
} as const;

const REFUSAL_MESSAGES: Record<keyof typeof AuditRefusalReason, string> = {
  NO_AUDIT_ACCESS: 'The caller may not read the audit trail.',
  USER_OF_ANOTHER_UNIT: "Only the accesses of the caller's own unit's staff may be read.",
};

function refused(reason: keyof typeof AuditRefusalReason): GraphQLError {
  return new GraphQLError(REFUSAL_MESSAGES[reason], { extensions: { code: ErrorCode.FORBIDDEN, reason } });
}

export interface TimeWindow {
  from?: string | null;
  to?: string | null;
}

export interface PageArguments extends TimeWindow {
  first?: number | null;
  after?: string | null;
}

/** An entry as the schema's AuditEntry: the record, with only the reads the query is about. */
export interface AuditEntry {
  record: AuditRecord;
  reads: AuditRegistryRead[];
}

export interface AuditEntryPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** A page of the subject access report, oldest first. */
export interface SubjectAccessPage {
  uses: SubjectDataUse[];
  nextCursor: string | null;
}

export interface SubjectDataUse {
  at: string;
  organisation: string | null;
  purpose: AuditRecord['purpose'];
  registries: Array<{ registry: string; fields: string[] }>;
}

/** What a query read from the trail, for the gateway's own record of it (contracts/registry-activity.ts). */
export interface TrailRead {
  /** The identity code searched for, in clear (the gateway pseudonymises it); none for a search by user. */
  subjects: string[];
}

interface Position {
  at: number;
  chain: string;
  sequence: number;
}

const DEFAULT_PAGE_SIZE = 50;

function positionOf(record: AuditRecord): Position {
  return { at: Date.parse(record.at), chain: record.chain, sequence: record.sequence };
}

function compare(a: Position, b: Position): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.chain !== b.chain) return a.chain < b.chain ? -1 : 1;
  return a.sequence - b.sequence;
}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at, position.chain, position.sequence])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string' &&
      Number.isSafeInteger(value[2])
    ) {
      return { at: value[0] as number, chain: value[1], sequence: value[2] as number };
    }
  } catch {
    // answered below
  }
  throw badUserInput('after is not a cursor this query returned', { argument: 'after' });
}

function validWindow({ from, to }: TimeWindow): { from?: Date; to?: Date } {
  const window = { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined };
  if (window.from && window.to && window.from.getTime() > window.to.getTime()) {
    throw badUserInput('from must not be after to', { argument: 'from' });
  }
  return window;
}

export class AuditQueries {
  constructor(
    private readonly reader: AuditReader,
    private readonly subjectKey: Buffer,
  ) {}

  /** The person's identity code, validated and normalised, and its pseudonym in the trail. */
  subjectOf(subject: string): { code: string; pseudonym: string } {
    const code = validPersonalIdentityCode(subject, 'subject');
    return { code, pseudonym: subjectPseudonym(this.subjectKey, code) };
  }

  /** The records that read the person, each with only the reads that concerned them. */
  async auditTrail(subject: string, args: PageArguments): Promise<{ page: AuditEntryPage; read: TrailRead }> {
    const { code, pseudonym } = this.subjectOf(subject);
    const page = await this.page({ ...validWindow(args), subject: pseudonym }, args, (record) =>
      record.registries.filter((read) => read.subjects.includes(pseudonym)),
    );
    return { page, read: { subjects: [code] } };
  }

  /**
   * What the person may be told: every use that was not refused, without the staff, their unit or
   * the case, a page at a time (a person whose case is checked daily for years has thousands).
   */
  async subjectAccessReport(subject: string, args: PageArguments): Promise<{ page: SubjectAccessPage; read: TrailRead }> {
    const { code, pseudonym } = this.subjectOf(subject);
    const { entries, nextCursor } = await this.page(
      { subject: pseudonym },
      { first: args.first ?? MAX_PAGE_SIZE, after: args.after },
      (record) => record.registries,
      // A refused attempt disclosed nothing of the person.
      (record) => record.outcome !== 'refused',
    );
    const uses = entries.map(({ record }): SubjectDataUse => {
      const registries = new Map<string, Set<string>>();
      for (const read of record.registries) {
        if (!read.subjects.includes(pseudonym)) continue;
        const fields = registries.get(read.registry) ?? new Set<string>();
        for (const field of read.fields) fields.add(field);
        registries.set(read.registry, fields);
      }
      return {
        at: record.at,
        organisation: record.caller.organisation,
        purpose: record.purpose,
        registries: [...registries].map(([registry, fields]) => ({ registry, fields: [...fields].sort() })),
      };
    });
    return { page: { uses, nextCursor }, read: { subjects: [code] } };
  }

  /**
   * What a user read. With audit:read, everything; with audit:unit only, a user whose latest
   * record names the caller's unit (the unit they are in now, as far as the trail knows), and only
   * what they read while in that unit: a user who moved keeps their old accesses with their old
   * supervisor. A user the trail has never seen has nothing to show, to anyone.
   */
  async accessesByUser(caller: SubgraphCaller, user: string, args: PageArguments): Promise<{ page: AuditEntryPage; read: TrailRead }> {
    if (!isUserId(user)) throw badUserInput('user is not a user id (letters, digits and . _ @ -)', { argument: 'user' });
    const query: AuditQuery = { ...validWindow(args), userId: user };
    this.validPageArguments(args);
    if (!caller.rights.has('audit:read')) {
      if (!caller.rights.has('audit:unit')) throw refused('NO_AUDIT_ACCESS');
      if (caller.unit === null) throw refused('USER_OF_ANOTHER_UNIT');
      let latestUnit: string | null | undefined;
      for await (const record of this.reader.records({ userId: user })) latestUnit = record.caller.unit;
      if (latestUnit !== undefined && latestUnit !== caller.unit) throw refused('USER_OF_ANOTHER_UNIT');
      query.unit = caller.unit;
    }
    const page = await this.page(query, args, (record) => record.registries);
    return { page, read: { subjects: [] } };
  }

  private validPageArguments(args: PageArguments): { first: number; after: Position | null } {
    return {
      first: validPageSize(args.first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
      after: args.after ? decodeCursor(args.after) : null,
    };
  }

  private async page(
    query: AuditQuery,
    args: PageArguments,
    readsOf: (record: AuditRecord) => AuditRegistryRead[],
    /** Records left out of the page (and of its count) unless this says otherwise. */
    include: (record: AuditRecord) => boolean = () => true,
  ): Promise<AuditEntryPage> {
    const { first, after } = this.validPageArguments(args);
    // From the cursor's record on (inclusive): the reader need not yield the pages before it.
    const from = after && (!query.from || query.from.getTime() < after.at) ? new Date(after.at) : query.from;
    const entries: AuditEntry[] = [];
    let more = false;
    for await (const record of this.reader.records({ ...query, from })) {
      if (after && compare(positionOf(record), after) <= 0) continue;
      if (!include(record)) continue;
      if (entries.length === first) {
        more = true;
        break;
      }
      entries.push({ record, reads: readsOf(record) });
    }
    const last = entries.at(-1);
    return { entries, nextCursor: more && last ? encodeCursor(positionOf(last.record)) : null };
  }
}
