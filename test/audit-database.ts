/**
 * A database of its own for a test file, on the machine's PostgreSQL (127.0.0.1:5432, trust auth):
 * created with a random name, migrated when asked, with login roles for the writer and the reader
 * (members of the migration's group roles), and dropped with those roles afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createAuditPool } from '../platform/audit/postgres-store.js';
import { migrateAuditSchema } from '../platform/audit/postgres-migrations.js';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface AuditDatabase {
  name: string;
  /** As the superuser that created it: the schema's owner (migrate, purge, tampering in tests). */
  adminUrl: string;
  /** As a login role in casegraph_audit_writer (only after migrate()). */
  writerUrl: string;
  /** As a login role in casegraph_audit_reader (only after migrate()). */
  readerUrl: string;
  /** A URL of this database for another role, host or port (e.g. through a proxy). */
  urlFor(options: { user?: string; port?: number }): string;
  writerRole: string;
  readerRole: string;
  admin: pg.Pool;
  migrate(): Promise<void>;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string, user?: string, port?: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) parsed.username = user;
  if (port) parsed.port = String(port);
  return parsed.toString();
}

export async function createAuditDatabase(prefix = 'audit_test'): Promise<AuditDatabase> {
  const suffix = randomBytes(6).toString('hex');
  const name = `${prefix}_${suffix}`;
  const writerRole = `${prefix}_writer_${suffix}`;
  const readerRole = `${prefix}_reader_${suffix}`;
  const server = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await server.connect();
  try {
    await server.query(`CREATE DATABASE ${name}`);
  } finally {
    await server.end();
  }
  const adminUrl = withDatabase(POSTGRES_ADMIN_URL, name);
  const admin = createAuditPool(adminUrl, { applicationName: 'audit-test-admin', max: 2 });
  let migrated = false;
  return {
    name,
    adminUrl,
    writerUrl: withDatabase(POSTGRES_ADMIN_URL, name, writerRole),
    readerUrl: withDatabase(POSTGRES_ADMIN_URL, name, readerRole),
    urlFor: ({ user, port }) => withDatabase(POSTGRES_ADMIN_URL, name, user, port),
    writerRole,
    readerRole,
    admin,
    async migrate() {
      await migrateAuditSchema(admin);
      if (migrated) return;
      await admin.query(`CREATE ROLE ${writerRole} LOGIN IN ROLE casegraph_audit_writer`);
      await admin.query(`CREATE ROLE ${readerRole} LOGIN IN ROLE casegraph_audit_reader`);
      migrated = true;
    },
    async drop() {
      await admin.end();
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        if (migrated) await cleanup.query(`DROP ROLE IF EXISTS ${writerRole}, ${readerRole}`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
