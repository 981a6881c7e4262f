/**
 * The audit trail in PostgreSQL (production): the same records and chains as the JSONL file, in
 * `audit.records` (platform/audit/migrations/). Each row holds the record exactly as written
 * (jsonb); the columns the queries search by (time, user, unit, subjects, chain and sequence) are
 * generated from it by the database, so they cannot disagree with what the verifier hashes.
 *
 * The gateway writes as a role that may only insert: a batch is one multi-row INSERT in its own
 * implicit transaction, durable when it returns. ON CONFLICT (id) DO NOTHING makes a batch safe to
 * send twice, which the spool does when it cannot know whether a timed-out batch committed.
 *
 * Readers page through the table by keyset (never the whole table in memory): by time for the
 * audit queries and the export, by chain and sequence for the verifier.
 */
import pg from 'pg';
import { recordJson, type AuditCheckpoint, type AuditRecord } from '../../contracts/audit.js';
import type { Logger } from '../logger.js';
import type { AuditQuery, AuditReader, AuditSink } from './audit-store.js';

export interface AuditPoolOptions {
  /** Shown in pg_stat_activity, so an operator sees which process holds a connection. */
  applicationName: string;
  max?: number;
  connectionTimeoutMs?: number;
  logger?: Logger;
}

/** A pool that survives the database going away: idle connections that break are logged and dropped. */
export function createAuditPool(url: string, options: AuditPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    application_name: options.applicationName,
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // Without a listener an idle connection the server (or a network hop) closes would crash the process.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'an idle audit database connection failed; it is dropped'));
  return pool;
}

/**
 * A connection taken from the pool, with an error listener for as long as it is out: pg emits a
 * connection that breaks mid-query as an 'error' event too (the query rejects as well), and an
 * event nobody listens to would crash the process.
 */
export async function checkOut(pool: pg.Pool): Promise<{ client: pg.PoolClient; release: (destroy?: Error | boolean) => void }> {
  const client = await pool.connect();
  const ignore = () => {};
  client.on('error', ignore);
  let released = false;
  return {
    client,
    release: (destroy) => {
      if (released) return;
      released = true;
      client.off('error', ignore);
      client.release(destroy);
    },
  };
}

/** A batch the database did not confirm in time: it may still commit, which is why batches are idempotent. */
export class AuditDatabaseTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`the audit database did not answer within ${timeoutMs} ms`);
    this.name = 'AuditDatabaseTimeoutError';
  }
}

export interface PostgresAuditSinkOptions {
  /** How long one batch may take, connecting included, before it counts as failed. */
  timeoutMs?: number;
}

/** Batch sizes with a prepared insert of their own, per connection. */
const PREPARED_BATCH_SIZES = 16;

export class PostgresAuditSink implements AuditSink {
  private readonly timeoutMs: number;

  constructor(
    private readonly pool: pg.Pool,
    options: PostgresAuditSinkOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
  }

  async append(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    let release: ((destroy?: Error | boolean) => void) | undefined;
    let timedOut = false;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        // A connection whose answer never came is destroyed, not reused: its late answer would
        // belong to no query.
        release?.(new AuditDatabaseTimeoutError(this.timeoutMs));
        reject(new AuditDatabaseTimeoutError(this.timeoutMs));
      }, this.timeoutMs);
    });
    const work = (async () => {
      const connection = await checkOut(this.pool);
      release = connection.release;
      if (timedOut) {
        connection.release(true);
        return;
      }
      try {
        await connection.client.query({
          // Batches of up to PREPARED_BATCH_SIZES records run as statements each connection prepares
          // once (a quiet gateway writes one record per batch): no parse or plan per record.
          ...(records.length <= PREPARED_BATCH_SIZES ? { name: `audit-insert-${records.length}` } : {}),
          text: `INSERT INTO audit.records (record) VALUES ${records.map((_, index) => `($${index + 1}::jsonb)`).join(',')} ON CONFLICT (id) DO NOTHING`,
          values: records.map((record) => recordJson(record)),
        });
        connection.release();
      } catch (error) {
        connection.release(error instanceof Error ? error : true);
        throw error;
      }
    })();
    // The losing side's rejection is handled here so it never surfaces as unhandled.
    work.catch(() => {});
    try {
      await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export interface PostgresReadOptions {
  /** Rows per page (one query each). */
  pageSize?: number;
}

interface RecordRow {
  record: AuditRecord;
  at: Date;
  chain: string;
  sequence: string;
}

export class PostgresAuditReader implements AuditReader {
  constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresReadOptions = {},
  ) {}

  async *records(query: AuditQuery = {}): AsyncIterable<AuditRecord> {
    const order = query.order ?? 'time';
    const pageSize = this.options.pageSize ?? 1_000;
    const filters: string[] = [];
    const values: unknown[] = [];
    const parameter = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (query.from) filters.push(`at >= ${parameter(query.from)}`);
    if (query.to) filters.push(`at < ${parameter(query.to)}`);
    if (query.userId !== undefined) filters.push(`user_id = ${parameter(query.userId)}`);
    if (query.unit !== undefined) filters.push(`unit = ${parameter(query.unit)}`);
    if (query.subject !== undefined) filters.push(`subjects @> ARRAY[${parameter(query.subject)}]::text[]`);
    const keyset = order === 'time' ? '(at, chain, sequence)' : '(chain, sequence)';
    let after: unknown[] | null = null;
    for (;;) {
      const pageValues = [...values];
      const where = [...filters];
      if (after) {
        const placeholders = after.map((value) => {
          pageValues.push(value);
          return `$${pageValues.length}`;
        });
        where.push(`${keyset} > (${placeholders.join(', ')})`);
      }
      pageValues.push(pageSize);
      const { rows } = await this.pool.query<RecordRow>(
        `SELECT record, at, chain, sequence FROM audit.records ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY ${keyset.slice(1, -1)} LIMIT $${pageValues.length}`,
        pageValues,
      );
      for (const row of rows) yield row.record;
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1]!;
      after = order === 'time' ? [last.at, last.chain, last.sequence] : [last.chain, last.sequence];
    }
  }

  async checkpoints(): Promise<AuditCheckpoint[]> {
    const { rows } = await this.pool.query<{ chain: string; sequence: string; hash: string; purged_at: Date }>(
      'SELECT chain, sequence, hash, purged_at FROM audit.checkpoints ORDER BY chain',
    );
    return rows.map((row) => ({ chain: row.chain, sequence: Number(row.sequence), hash: row.hash, purgedAt: row.purged_at.toISOString() }));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Drops the records before `before`, as the JSONL purge does: per chain only a prefix (a record
 * goes when it and every earlier record of its chain are older), leaving a checkpoint at the last
 * one dropped so the rest still verifies. One statement, one snapshot: records the gateway writes
 * meanwhile are neither seen nor dropped. Runs as the schema's owner (the writer may not delete).
 */
export async function purgePostgresTrail(pool: pg.Pool, before: Date, now = new Date()): Promise<{ purged: number; kept: number }> {
  const { client, release } = await checkOut(pool);
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ purged: string }>(
      `WITH first_kept AS (
         SELECT chain, min(sequence) AS sequence FROM audit.records WHERE at >= $1 GROUP BY chain
       ), purged AS (
         DELETE FROM audit.records AS r
         WHERE r.sequence < coalesce((SELECT f.sequence FROM first_kept AS f WHERE f.chain = r.chain), 9223372036854775807)
         RETURNING r.chain, r.sequence, r.hash
       ), last_purged AS (
         SELECT DISTINCT ON (chain) chain, sequence, hash FROM purged ORDER BY chain, sequence DESC
       ), checkpointed AS (
         INSERT INTO audit.checkpoints (chain, sequence, hash, purged_at)
         SELECT chain, sequence, hash, $2 FROM last_purged
         ON CONFLICT (chain) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash, purged_at = excluded.purged_at
         WHERE audit.checkpoints.sequence < excluded.sequence
       )
       SELECT count(*) AS purged FROM purged`,
      [before, now],
    );
    const { rows: remaining } = await client.query<{ kept: string }>('SELECT count(*) AS kept FROM audit.records');
    await client.query('COMMIT');
    return { purged: Number(rows[0]!.purged), kept: Number(remaining[0]!.kept) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    release();
  }
}
