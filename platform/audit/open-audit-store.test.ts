/**
 * Opening the PostgreSQL trail for writing: a database that does not answer is an outage (the
 * gateway starts and spools), one that refuses us is a mistake (the gateway stops, naming the variable).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { auditContent } from '../../test/audit-records.js';
import { ConfigError } from '../config.js';
import { createLogger } from '../logger.js';
import { loadAuditConfig } from './audit-config.js';
import { AuditWriter } from './audit-writer.js';
import { openAuditSink } from './open-audit-store.js';
import { SpoolingAuditSink } from './spooling-sink.js';

const tempDir = mkdtempSync(path.join(tmpdir(), 'casegraph-open-audit-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function configFor(databaseUrl: string, name: string) {
  return loadAuditConfig({
    AUDIT_DATABASE_URL: databaseUrl,
    AUDIT_DATABASE_TIMEOUT_MS: '500',
    AUDIT_SPOOL_FILE: path.join(tempDir, `${name}.spool.jsonl`),
    AUDIT_FILE: path.join(tempDir, `${name}.jsonl`),
    AUDIT_SUBJECT_KEY: Buffer.alloc(32, 7).toString('base64'),
  });
}

describe('openAuditSink (PostgreSQL)', () => {
  it('refuses to start on a database that answers but was never migrated, naming the command', async () => {
    const logger = createLogger('gateway', 'silent');
    // The machine's own database "postgres" answers, and has no audit schema.
    await expect(openAuditSink(configFor('postgres://postgres@127.0.0.1:5432/postgres', 'unmigrated'), { logger })).rejects.toThrow(
      /AUDIT_DATABASE_URL: the audit database has no audit schema: run `npm run audit -- migrate` first/,
    );
  });

  it('starts on the spool when the database does not answer, saying so, and spools what is written', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      'gateway',
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    const sink = await openAuditSink(configFor(`postgres://casegraph@127.0.0.1:${await closedPort()}/audit`, 'down'), { logger });
    expect(sink).toBeInstanceOf(SpoolingAuditSink);
    expect(lines.join('')).toMatch(/"level":50.*"reason":"ECONNREFUSED".*the audit database does not answer: records go to the spool/);
    const writer = new AuditWriter(sink!);
    const record = await writer.write(auditContent());
    expect(record.sequence).toBe(1);
    expect((sink as SpoolingAuditSink).stats().spoolRecords).toBe(1);
    await writer.close();
  });

  it('refuses to start when the database answers with a refusal (no such database), naming the variable', async () => {
    const logger = createLogger('gateway', 'silent');
    const opening = openAuditSink(configFor('postgres://postgres@127.0.0.1:5432/casegraph_no_such_database', 'refused'), { logger });
    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    await expect(opening).rejects.toThrow(
      /AUDIT_DATABASE_URL: the audit database refused the connection: database "casegraph_no_such_database" does not exist/,
    );
  });
});
