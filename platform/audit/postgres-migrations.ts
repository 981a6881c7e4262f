/**
 * The PostgreSQL audit schema's migrations: the SQL files of platform/audit/migrations/, applied
 * in name order by `npm run audit -- migrate` as the schema's owner (AUDIT_ADMIN_DATABASE_URL).
 * The gateway never migrates: it runs as the insert-only writer and refuses to start on a schema
 * that lacks a migration it ships (checkAuditSchema), naming the command.
 *
 * Each migration runs in its own transaction with its row in audit.schema_migrations, so it is
 * applied whole or not at all. A session advisory lock serialises runners: a second one waits, then
 * finds the work done. An applied migration whose file changed since is refused: the database no
 * longer matches what the files say.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { ConfigError } from '../config.js';
import { checkOut } from './postgres-store.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The command that migrates, for messages that tell an operator what to do. */
export const MIGRATE_COMMAND = 'npm run audit -- migrate';

/** The advisory lock's key: any constant, the same for every runner ("casegraph audit"). */
const MIGRATION_LOCK = 0x6361_7365_6175_64n;

export interface Migration {
  /** The file's name without .sql, e.g. 0001_audit_records. */
  version: string;
  sql: string;
  checksum: string;
}

export function shippedMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      return { version: file.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * The audit database did not answer the schema check at all (refused, reset, timed out,
 * unresolvable, or starting up): an outage rather than a mistake, which a writer may ride out on
 * its spool. Still a ConfigError for whoever cannot (the CLI, the audit subgraph).
 */
export class AuditDatabaseUnreachableError extends ConfigError {
  /** What the network or the server said: a Node error code (ECONNREFUSED...), a SQLSTATE, or "no answer". */
  readonly reason: string;

  constructor(variable: string, cause: Error & { code?: unknown }) {
    super([`${variable}: cannot reach the audit database: ${cause.message}`], { cause });
    this.name = 'AuditDatabaseUnreachableError';
    this.reason = typeof cause.code === 'string' ? cause.code : 'no answer';
  }
}

/**
 * Whether a failed connection or query means nothing answered: a network error has a Node error
 * code (ECONNREFUSED, ETIMEDOUT, ...) or none (pg's own connection timeout), and a server starting
 * or shutting down says so (SQLSTATE classes 08 and 57P). Any other SQLSTATE is the database
 * refusing us (no such role or database, a wrong password).
 */
function isUnanswered(error: { code?: unknown }): boolean {
  const { code } = error;
  if (code === undefined) return true;
  return typeof code === 'string' && (/^E[A-Z]+$/.test(code) || code.startsWith('08') || code.startsWith('57P'));
}

export class AuditSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditSchemaError';
  }
}

/** Applies the migrations not applied yet; returns the versions it applied. */
export async function migrateAuditSchema(pool: pg.Pool, migrations = shippedMigrations()): Promise<string[]> {
  const { client, release } = await checkOut(pool);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS audit`);
      await client.query(`CREATE TABLE IF NOT EXISTS audit.schema_migrations (
        version text PRIMARY KEY,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: string; checksum: string }>('SELECT version, checksum FROM audit.schema_migrations');
      const applied = new Map(rows.map((row) => [row.version, row.checksum]));
      for (const migration of migrations) {
        const checksum = applied.get(migration.version);
        if (checksum !== undefined && checksum !== migration.checksum) {
          throw new AuditSchemaError(
            `migration ${migration.version} was applied from a different file: a shipped migration is never edited, add a new one`,
          );
        }
      }
      const done: string[] = [];
      for (const migration of migrations.filter((candidate) => !applied.has(candidate.version))) {
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO audit.schema_migrations (version, checksum) VALUES ($1, $2)', [
            migration.version,
            migration.checksum,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new AuditSchemaError(`migration ${migration.version} failed and was rolled back: ${(error as Error).message}`);
        }
        done.push(migration.version);
      }
      return done;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]);
    }
  } finally {
    release();
  }
}

/**
 * Refuses a database whose audit schema lacks a shipped migration, that refuses the connection, or
 * that cannot be reached, in a message naming the variable and what fixes it (a ConfigError: the
 * service stops with that message rather than a stack). Needs only SELECT on audit.schema_migrations, which the
 * writer and reader roles have.
 */
export async function checkAuditSchema(pool: pg.Pool, variable: string, migrations = shippedMigrations()): Promise<void> {
  let applied: Set<string>;
  try {
    const { rows } = await pool.query<{ version: string }>('SELECT version FROM audit.schema_migrations');
    applied = new Set(rows.map((row) => row.version));
  } catch (error) {
    const code = (error as { code?: string }).code;
    // 42P01 undefined_table, 3F000 invalid_schema_name: nothing was ever migrated there.
    if (code === '42P01' || code === '3F000') {
      throw new ConfigError([`${variable}: the audit database has no audit schema: run \`${MIGRATE_COMMAND}\` first`]);
    }
    if (code === '42501') {
      throw new ConfigError([
        `${variable}: this role may not read audit.schema_migrations: grant it casegraph_audit_writer or casegraph_audit_reader (docs/audit-storage.md)`,
      ]);
    }
    if (isUnanswered(error as { code?: unknown })) throw new AuditDatabaseUnreachableError(variable, error as Error);
    // It answered, and said no (no such role or database, a wrong password): the fix is in the URL or the grants, not the network.
    throw new ConfigError([`${variable}: the audit database refused the connection: ${(error as Error).message}`]);
  }
  const missing = migrations.filter((migration) => !applied.has(migration.version)).map((migration) => migration.version);
  if (missing.length > 0) {
    throw new ConfigError([`${variable}: the audit database lacks migration ${missing.join(', ')}: run \`${MIGRATE_COMMAND}\` first`]);
  }
}
