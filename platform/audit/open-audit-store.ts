/**
 * Opens the audit trail the configuration names, for writing (the gateway) or reading (the audit
 * subgraph, `npm run audit`).
 *
 * PostgreSQL is written through the spool (spooling-sink.ts) as the writer role
 * (AUDIT_DATABASE_URL), and read as the reader role (AUDIT_READER_DATABASE_URL). Opening for
 * writing refuses a database that lacks a shipped migration, naming the command that migrates it
 * (the gateway never migrates on its own), and one that answers with any other refusal (no such
 * role or database, a wrong password). A database that does not answer at all is an outage, not
 * a mistake: the gateway starts, its records go to the spool, and they ship when it answers, as
 * they would had it gone down a minute after the start.
 */
import { ConfigError } from '../config.js';
import type { Logger } from '../logger.js';
import type { AuditConfig } from './audit-config.js';
import type { AuditReader, AuditSink } from './audit-store.js';
import { JsonlAuditReader, JsonlAuditSink } from './jsonl-store.js';
import { AuditDatabaseUnreachableError, checkAuditSchema } from './postgres-migrations.js';
import { createAuditPool, PostgresAuditReader, PostgresAuditSink } from './postgres-store.js';
import { SpoolingAuditSink } from './spooling-sink.js';

export interface OpenAuditOptions {
  logger: Logger;
  /** Shown in pg_stat_activity, e.g. gateway. */
  applicationName?: string;
}

export async function openAuditSink(
  config: AuditConfig,
  { logger, applicationName = 'casegraph' }: OpenAuditOptions,
): Promise<AuditSink | null> {
  switch (config.sink) {
    case 'off':
      return null;
    case 'file':
      return new JsonlAuditSink(config.file);
    case 'postgres': {
      if (!config.databaseUrl)
        throw new ConfigError(['AUDIT_DATABASE_URL: required to write the PostgreSQL audit trail (as the writer role)']);
      const pool = createAuditPool(config.databaseUrl, {
        applicationName: `${applicationName} audit writer`,
        connectionTimeoutMs: config.databaseTimeoutMs,
        logger,
      });
      const sink = new SpoolingAuditSink(new PostgresAuditSink(pool, { timeoutMs: config.databaseTimeoutMs }), {
        spoolFile: config.spoolFile,
        spoolMaxBytes: config.spoolMaxBytes,
        logger,
      });
      try {
        try {
          await checkAuditSchema(pool, 'AUDIT_DATABASE_URL');
        } catch (error) {
          if (!(error instanceof AuditDatabaseUnreachableError)) throw error;
          logger.error(
            { reason: error.reason },
            'the audit database does not answer: records go to the spool (AUDIT_SPOOL_FILE) and ship when it does (to an unmigrated one they do not: that is logged then)',
          );
        }
        await sink.open();
      } catch (error) {
        await pool.end().catch(() => {});
        throw error;
      }
      return sink;
    }
  }
}

export function openAuditReader(config: AuditConfig, options: Partial<OpenAuditOptions> = {}): AuditReader {
  switch (config.sink) {
    case 'off':
    case 'file':
      return new JsonlAuditReader(config.file);
    case 'postgres':
      if (!config.readerDatabaseUrl) throw new ConfigError(['AUDIT_READER_DATABASE_URL: required to read the PostgreSQL audit trail']);
      return new PostgresAuditReader(
        createAuditPool(config.readerDatabaseUrl, {
          applicationName: `${options.applicationName ?? 'casegraph'} audit reader`,
          logger: options.logger,
        }),
      );
  }
}
