/**
 * Where audit records are kept: the interface every backend implements (a JSONL file, the
 * embedded default; PostgreSQL in production), for the gateway that writes, and for the verifier,
 * the purge, the export and the audit queries that read.
 */
import type { AuditCheckpoint, AuditRecord } from '../../contracts/audit.js';

/** Which records to read: a time window (inclusive from, exclusive to) and optional filters. */
export interface AuditQuery {
  from?: Date;
  to?: Date;
  /** Records that read this subject (a pseudonym from subjectPseudonym). */
  subject?: string;
  /** Records of this caller. */
  userId?: string;
  /** Records of callers of this unit. */
  unit?: string;
  /**
   * time (the default): by time, then chain and sequence. chain: by chain, then sequence, what the
   * verifier needs whatever the clocks did. The file trail yields its append order for both, which
   * is ascending within every chain.
   */
  order?: 'time' | 'chain';
}

export interface AuditSink {
  /**
   * Appends records, in order, durably: when the promise resolves the records survive a crash of
   * this process (and of the machine, as far as fsync or the database's commit promises). On
   * rejection none of them may be counted as written.
   */
  append(records: readonly AuditRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface AuditReader {
  /** Records matching the query, oldest first (by time, then chain and sequence), or as `order` says. */
  records(query?: AuditQuery): AsyncIterable<AuditRecord>;
  /** The checkpoints purges have left, one per chain at most (the latest). */
  checkpoints(): Promise<AuditCheckpoint[]>;
  close(): Promise<void>;
}

/** Whether a record matches a query (for backends that filter in process). */
export function matchesAuditQuery(record: AuditRecord, query: AuditQuery): boolean {
  const at = Date.parse(record.at);
  if (query.from && at < query.from.getTime()) return false;
  if (query.to && at >= query.to.getTime()) return false;
  if (query.userId !== undefined && record.caller.userId !== query.userId) return false;
  if (query.unit !== undefined && record.caller.unit !== query.unit) return false;
  if (query.subject !== undefined && !record.registries.some((read) => read.subjects.includes(query.subject!))) return false;
  return true;
}
