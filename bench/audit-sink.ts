/**
 * `npm run bench:audit-sink`: how many audit records per second each sink takes through the
 * gateway's writer (group commit: records that arrive while a batch is made durable go together in
 * the next one), with many requests waiting on their records at once, as a busy gateway has them.
 *
 *   jsonl             the embedded file trail (append + fdatasync per batch)
 *   postgres          one multi-row INSERT per batch, as the insert-only writer role
 *   postgres+spool    the gateway's production path (spooling-sink.ts) with the database up
 *
 * PostgreSQL: a database of its own on BENCH_POSTGRES_ADMIN_URL (default the machine's,
 * postgres://postgres@127.0.0.1:5432/postgres), migrated, dropped afterwards.
 *   --records N       records per sink (default 20000)
 *   --concurrency N   requests waiting on a record at once (default 64)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { AuditRecordContent } from '../contracts/audit.js';
import type { AuditSink } from '../platform/audit/audit-store.js';
import { AuditWriter } from '../platform/audit/audit-writer.js';
import { JsonlAuditSink } from '../platform/audit/jsonl-store.js';
import { migrateAuditSchema } from '../platform/audit/postgres-migrations.js';
import { createAuditPool, PostgresAuditSink } from '../platform/audit/postgres-store.js';
import { SpoolingAuditSink } from '../platform/audit/spooling-sink.js';
import { createLogger } from '../platform/logger.js';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '64' } },
});
const RECORDS = Number(values.records);
const CONCURRENCY = Number(values.concurrency);
const ADMIN_URL = process.env.BENCH_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A case view's record as the gateway writes it: six registries, a few subjects each (pseudonyms). */
function caseViewRecord(): AuditRecordContent {
  const pseudonym = () => randomBytes(32).toString('base64url');
  const applicant = pseudonym();
  const employer = pseudonym();
  const read = (registry: string, service: string, subjects: string[], fields: string[]) => ({
    registry,
    service,
    subjects: subjects.sort(),
    fields,
    xRoadIds: [randomUUID()],
    sources: ['registry' as const],
    outcome: 'ok' as const,
  });
  return {
    id: randomUUID(),
    at: new Date().toISOString(),
    requestId: randomUUID(),
    traceId: randomBytes(16).toString('hex'),
    caller: { userId: 'matti.korhonen', organisation: 'FI/GOV/0245437-2', unit: 'HEL-1', roles: ['senior-case-worker'] },
    case: { id: 'APP-0000001', source: 'operation' },
    purpose: 'CASE_HANDLING',
    operation: { name: 'CaseView', documentHash: randomBytes(32).toString('hex') },
    outcome: 'served',
    refusals: [],
    registries: [
      read('CASE_REGISTER', 'FI/GOV/0245437-2/CaseRegister/applications', [pseudonym()], ['Application.status', 'Application.type']),
      read('POPULATION', 'FI/GOV/0245437-2/VTJ/personRecords', [applicant], ['PopulationRecord.givenNames', 'PopulationRecord.familyName']),
      read('POLICE', 'FI/GOV/0245442-8/PoliisiAsiat/subjectRecords', [applicant], ['PoliceRecord.entries']),
      read('SIS', 'FI/GOV/0245442-8/SIS/alertChecks', [applicant], ['SisCheck.hitCount']),
      read('TRADE_REGISTER', 'FI/GOV/0244683-1/YTJ/companies', [employer], ['TradeRegisterEntry.name']),
      read('TAX', 'FI/GOV/0245458-3/Vero/taxDebts', [applicant, employer], ['TaxDebt.total']),
    ],
  };
}

interface Result {
  sink: string;
  records: number;
  seconds: number;
  recordsPerSecond: number;
  batches: number;
  meanBatch: number;
  p99BatchMs: number;
}

async function measure(name: string, sink: AuditSink): Promise<Result> {
  const batchMs: number[] = [];
  const writer = new AuditWriter(sink, 500, (durationMs) => batchMs.push(durationMs));
  // Warm up: connections, the file, the JIT.
  await Promise.all(Array.from({ length: 200 }, () => writer.write(caseViewRecord())));
  const warmBatches = writer.stats.batches;
  batchMs.length = 0;
  // Made before the clock starts: what is measured is the writer (hashing, batching) and the sink.
  const contents = Array.from({ length: RECORDS }, caseViewRecord);
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < RECORDS) await writer.write(contents[next++]!);
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;
  const batches = writer.stats.batches - warmBatches;
  await writer.close();
  batchMs.sort((a, b) => a - b);
  return {
    sink: name,
    records: RECORDS,
    seconds: Number(seconds.toFixed(2)),
    recordsPerSecond: Math.round(RECORDS / seconds),
    batches,
    meanBatch: Number((RECORDS / batches).toFixed(1)),
    p99BatchMs: Number((batchMs[Math.floor(batchMs.length * 0.99)] ?? 0).toFixed(1)),
  };
}

async function withDatabase<T>(use: (writerUrl: string) => Promise<T>): Promise<T> {
  const name = `audit_bench_${randomBytes(6).toString('hex')}`;
  const writerRole = `${name}_writer`;
  const server = new pg.Client({ connectionString: ADMIN_URL });
  await server.connect();
  await server.query(`CREATE DATABASE ${name}`);
  const adminUrl = new URL(ADMIN_URL);
  adminUrl.pathname = `/${name}`;
  const admin = createAuditPool(adminUrl.toString(), { applicationName: 'bench audit-sink', max: 1 });
  try {
    await migrateAuditSchema(admin);
    await admin.query(`CREATE ROLE ${writerRole} LOGIN IN ROLE casegraph_audit_writer`);
    const writerUrl = new URL(adminUrl);
    writerUrl.username = writerRole;
    return await use(writerUrl.toString());
  } finally {
    await admin.end();
    await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await server.query(`DROP ROLE IF EXISTS ${writerRole}`);
    await server.end();
  }
}

const workDir = mkdtempSync(path.join(tmpdir(), 'casegraph-bench-audit-'));
const logger = createLogger('bench', 'warn');
try {
  const results: Result[] = [];
  results.push(await measure('jsonl', new JsonlAuditSink(path.join(workDir, 'trail.jsonl'))));
  await withDatabase(async (writerUrl) => {
    results.push(await measure('postgres', new PostgresAuditSink(createAuditPool(writerUrl, { applicationName: 'bench audit-sink' }))));
    const spooling = new SpoolingAuditSink(new PostgresAuditSink(createAuditPool(writerUrl, { applicationName: 'bench audit-sink' })), {
      spoolFile: path.join(workDir, 'spool.jsonl'),
      logger,
    });
    await spooling.open();
    results.push(await measure('postgres+spool', spooling));
  });
  console.log(`audit sink throughput: ${RECORDS} case-view records per sink, ${CONCURRENCY} waiting at once, batches up to 500`);
  console.table(results);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
