/**
 * The audit trail's PostgreSQL settings: which URL each role's work uses, the defaults, and
 * problems named by their variable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { loadAuditConfig } from './audit-config.js';

const tempDir = mkdtempSync(path.join(tmpdir(), 'casegraph-audit-config-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const key = Buffer.alloc(32, 3).toString('base64');
const base = { AUDIT_FILE: path.join(tempDir, 'trail.jsonl'), AUDIT_SUBJECT_KEY: key };
const writer = 'postgres://casegraph_gateway@127.0.0.1:5432/casegraph';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadAuditConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAuditConfig for PostgreSQL', () => {
  it('uses the writer URL for reading and administration unless they have their own', () => {
    expect(loadAuditConfig({ ...base, AUDIT_DATABASE_URL: writer })).toMatchObject({
      sink: 'postgres',
      databaseUrl: writer,
      readerDatabaseUrl: writer,
      adminDatabaseUrl: writer,
      databaseTimeoutMs: 2_000,
      spoolMaxBytes: 1_073_741_824,
      spoolFile: path.resolve('var/audit/spool.jsonl'),
    });
    const reader = 'postgres://casegraph_audit_queries@127.0.0.1:5432/casegraph';
    const admin = 'postgres://owner@127.0.0.1:5432/casegraph';
    expect(
      loadAuditConfig({
        ...base,
        AUDIT_DATABASE_URL: writer,
        AUDIT_READER_DATABASE_URL: reader,
        AUDIT_ADMIN_DATABASE_URL: admin,
        AUDIT_DATABASE_TIMEOUT_MS: '500',
      }),
    ).toMatchObject({ databaseUrl: writer, readerDatabaseUrl: reader, adminDatabaseUrl: admin, databaseTimeoutMs: 500 });
  });

  it('is the PostgreSQL trail for an operator who holds only the owner URL (migrate, purge)', () => {
    const admin = 'postgres://owner@127.0.0.1:5432/casegraph';
    expect(loadAuditConfig({ ...base, AUDIT_ADMIN_DATABASE_URL: admin })).toMatchObject({
      sink: 'postgres',
      databaseUrl: null,
      adminDatabaseUrl: admin,
    });
  });

  it('names the variable of a bad value', () => {
    expect(problemsOf({ AUDIT_ADMIN_DATABASE_URL: 'mysql://owner@db/casegraph' })).toEqual([
      expect.stringMatching(/^AUDIT_ADMIN_DATABASE_URL: expected postgres:/),
    ]);
    expect(problemsOf({ AUDIT_DATABASE_TIMEOUT_MS: '5' })).toEqual([expect.stringMatching(/^AUDIT_DATABASE_TIMEOUT_MS: /)]);
    expect(problemsOf({ AUDIT_SINK: 'postgres' })).toEqual(['AUDIT_DATABASE_URL: required with AUDIT_SINK=postgres']);
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^AUDIT_SINK: file is not allowed in production/)]);
  });
});
