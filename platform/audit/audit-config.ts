/**
 * The audit trail's settings, the same for every process that writes or reads it (the gateway,
 * the audit subgraph, `npm run audit`): where the trail is, the subject key, how to fail.
 *
 *   AUDIT_SINK            postgres (the default when AUDIT_DATABASE_URL is set), file (the default
 *                         otherwise; refused in production), or off (refused in production)
 *   AUDIT_DATABASE_URL    postgres://... of the trail's database, as the writer role (the gateway: insert only)
 *   AUDIT_READER_DATABASE_URL  as the reader role (verify, export, the audit queries); default AUDIT_DATABASE_URL
 *   AUDIT_ADMIN_DATABASE_URL   as the schema's owner (migrate, purge); default AUDIT_DATABASE_URL
 *   AUDIT_DATABASE_TIMEOUT_MS  how long a write to the database may take before its batch goes to the spool (default 2000)
 *   AUDIT_FILE            the JSONL trail, default var/audit/trail.jsonl under the working directory
 *   AUDIT_SPOOL_FILE      where records wait while the database is down, default var/audit/spool.jsonl
 *   AUDIT_SPOOL_MAX_BYTES how large the spool may grow before writes fail (503 AUDIT_UNAVAILABLE), default 1 GiB
 *   AUDIT_SUBJECT_KEY(_FILE)  the pseudonym key (subject-key.ts)
 *   AUDIT_FAILURE_MODE    closed (default): no personal data without its record, 503 AUDIT_UNAVAILABLE;
 *                         open: serve it and log an error (refused in production)
 *   AUDIT_RETENTION_DAYS  how long records are kept before `npm run audit -- purge` drops them (default 5 years)
 *   AUDIT_ANCHOR_INTERVAL_SECONDS  how often the gateway logs its chain's head (default 60), the
 *                         evidence `npm run audit -- verify --anchors <log>` checks the trail's end against
 */
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, env, readConfig, type EnvSource } from '../config.js';
import { loadSubjectKey } from './subject-key.js';

export type AuditSinkKind = 'postgres' | 'file' | 'off';

export interface AuditConfig {
  sink: AuditSinkKind;
  databaseUrl: string | null;
  readerDatabaseUrl: string | null;
  adminDatabaseUrl: string | null;
  databaseTimeoutMs: number;
  file: string;
  spoolFile: string;
  spoolMaxBytes: number;
  subjectKey: Buffer;
  failureMode: 'closed' | 'open';
  retentionDays: number;
  anchorIntervalSeconds: number;
}

function postgresUrl() {
  return z.url({ protocol: /^postgres(ql)?$/, message: 'expected postgres://user@host:port/database' }).optional();
}

const AUDIT_ENV = {
  NODE_ENV: z.string().optional(),
  AUDIT_SINK: z.enum(['postgres', 'file', 'off'], { message: 'expected postgres, file or off' }).optional(),
  AUDIT_DATABASE_URL: postgresUrl(),
  AUDIT_READER_DATABASE_URL: postgresUrl(),
  AUDIT_ADMIN_DATABASE_URL: postgresUrl(),
  AUDIT_DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  AUDIT_FILE: env.string('var/audit/trail.jsonl'),
  AUDIT_SPOOL_FILE: env.string('var/audit/spool.jsonl'),
  AUDIT_SPOOL_MAX_BYTES: z.coerce.number().int().min(1_024).default(1_073_741_824),
  AUDIT_SUBJECT_KEY: z.string().optional(),
  AUDIT_SUBJECT_KEY_FILE: z.string().optional(),
  AUDIT_FAILURE_MODE: z.enum(['closed', 'open'], { message: 'expected closed or open' }).default('closed'),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(1_827),
  AUDIT_ANCHOR_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
};

export function loadAuditConfig(source: EnvSource = process.env): AuditConfig {
  const vars = readConfig(AUDIT_ENV, source);
  const production = vars.NODE_ENV === 'production';
  // An operator who migrates or purges may hold only the owner's URL, an auditor only the reader's.
  const anyDatabaseUrl = vars.AUDIT_DATABASE_URL ?? vars.AUDIT_ADMIN_DATABASE_URL ?? vars.AUDIT_READER_DATABASE_URL;
  const sink: AuditSinkKind = vars.AUDIT_SINK ?? (anyDatabaseUrl ? 'postgres' : 'file');
  const problems: string[] = [];
  if (sink === 'postgres' && !anyDatabaseUrl) problems.push('AUDIT_DATABASE_URL: required with AUDIT_SINK=postgres');
  if (production && sink !== 'postgres') {
    problems.push(`AUDIT_SINK: ${sink} is not allowed in production: set AUDIT_DATABASE_URL for the PostgreSQL trail`);
  }
  if (production && vars.AUDIT_FAILURE_MODE === 'open') {
    problems.push('AUDIT_FAILURE_MODE: open is not allowed in production: personal data is never served without its record');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const file = path.resolve(vars.AUDIT_FILE);
  return {
    sink,
    databaseUrl: vars.AUDIT_DATABASE_URL ?? null,
    readerDatabaseUrl: vars.AUDIT_READER_DATABASE_URL ?? vars.AUDIT_DATABASE_URL ?? null,
    adminDatabaseUrl: vars.AUDIT_ADMIN_DATABASE_URL ?? vars.AUDIT_DATABASE_URL ?? null,
    databaseTimeoutMs: vars.AUDIT_DATABASE_TIMEOUT_MS,
    file,
    spoolFile: path.resolve(vars.AUDIT_SPOOL_FILE),
    spoolMaxBytes: vars.AUDIT_SPOOL_MAX_BYTES,
    subjectKey: loadSubjectKey({
      inline: vars.AUDIT_SUBJECT_KEY,
      file: vars.AUDIT_SUBJECT_KEY_FILE,
      production,
      developmentKeyFile: path.join(path.dirname(file), 'subject.key'),
    }),
    failureMode: vars.AUDIT_FAILURE_MODE,
    retentionDays: vars.AUDIT_RETENTION_DAYS,
    anchorIntervalSeconds: vars.AUDIT_ANCHOR_INTERVAL_SECONDS,
  };
}

/**
 * The AUDIT_* variables `source` sets: what the launcher and the test harness give the audit
 * subgraph from the gateway's environment, so both use the same trail and subject key.
 */
export function auditEnvironment(source: EnvSource): Record<string, string> {
  return Object.fromEntries(
    Object.keys(AUDIT_ENV)
      .filter((name) => name.startsWith('AUDIT_'))
      .flatMap((name) => {
        const value = source[name];
        return typeof value === 'string' ? [[name, value]] : [];
      }),
  );
}
