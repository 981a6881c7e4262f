/**
 * `npm run bench:audit-sink`: how many audit records per second each sink takes through the
 * gateway's writer (group commit: records that arrive while a batch is made durable go together in
 * the next one), with many requests waiting on their records at once, as a busy gateway has them.
 *
 *   jsonl             the embedded file trail (append + fdatasync per batch)
 *   postgres          one multi-row INSERT per batch, as the insert-only writer role
 *   postgres+spool    the gateway's production path (spooling-sink.ts) with the database up
 *
 * Then the floor under any of them: one durable write at a time (durabilityFloor).
 *
 * PostgreSQL: a database of its own on BENCH_POSTGRES_ADMIN_URL (default the machine's,
 * postgres://postgres@127.0.0.1:5432/postgres), migrated, dropped afterwards.
 *   --records N       records per sink (default 20000)
 *   --concurrency N   requests waiting on a record at once (default 64)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
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

/**
 * `count` field coordinates of `type` as long as the schema's (Type.fieldName, 20 to 30 characters):
 * field lists are most of a real record, so a stand-in with short ones would flatter every sink.
 */
function fieldsOf(type: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${type}.servedField${String(index).padStart(2, '0')}`).sort();
}

/**
 * A case view's record as the gateway writes it: seven registry reads with as many subjects and
 * fields as the benchmark's CaseView records have (8 kB of JSON, measured on its trail).
 */
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
      read('CASE_REGISTER', 'FI/GOV/1765514-2/UMA/applications', [applicant, pseudonym(), employer], fieldsOf('Application', 58)),
      read('POLICE', 'FI/GOV/0245442-8/PoliisiAsiat/subjectRecords', [applicant], fieldsOf('PoliceRecord', 29)),
      read('POPULATION', 'FI/GOV/0245437-2/VTJkysely/persons', [applicant], fieldsOf('PopulationRecord', 31)),
      read('SIS', 'FI/GOV/0245442-8/NSIS/personSearch', [applicant, pseudonym()], fieldsOf('SisCheck', 17)),
      read('TAX', 'FI/GOV/0245458-3/Verohallinto/complianceReports', [employer], fieldsOf('TaxDebtRecord', 21)),
      read('TAX', 'FI/GOV/0245458-3/Verohallinto/personalTaxDebts', [applicant], fieldsOf('TaxDebtRecord', 21)),
      read('TRADE_REGISTER', 'FI/GOV/0244680-7/YTJ/companies', [employer], fieldsOf('TradeRegisterEntry', 17)),
    ],
  };
}

/** The sample at `share` (0.5, 0.99) of `sorted` (ascending); 0 when there is none. */
function percentileOf(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? 0;
}

/** Latencies (ms) at the 50th and 99th percentile. */
function percentiles(samples: number[]): { p50Ms: number; p99Ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: Number(percentileOf(sorted, 0.5).toFixed(2)), p99Ms: Number(percentileOf(sorted, 0.99).toFixed(2)) };
}

/**
 * The floor under any durable write on this machine, one at a time with nothing else running: a
 * batch-sized append made durable with fdatasync (what the JSONL trail and the spool do), and a
 * one-row INSERT committed by PostgreSQL (its WAL flush). No record waiting on a sink can be
 * answered faster than these; the gateway's warm p99 with the trail on is bounded by them.
 */
async function durabilityFloor(file: string, writerUrl: string): Promise<Array<{ write: string } & ReturnType<typeof percentiles>>> {
  const SAMPLES = 500;
  const batch = Buffer.from(`${Array.from({ length: 10 }, () => JSON.stringify(caseViewRecord())).join('\n')}\n`);
  const appendMs: number[] = [];
  const handle = await open(file, 'a');
  try {
    for (let index = 0; index < SAMPLES; index++) {
      const startedAt = performance.now();
      await handle.write(batch);
      await handle.datasync();
      appendMs.push(performance.now() - startedAt);
    }
  } finally {
    await handle.close();
  }
  const commitMs: number[] = [];
  const client = new pg.Client({ connectionString: writerUrl });
  await client.connect();
  try {
    // Made before the clock starts, each a record of its own (id, place in the chain): only the commit is timed.
    const records = Array.from({ length: SAMPLES }, (_, index) =>
      JSON.stringify({ ...caseViewRecord(), chain: 'floor', sequence: index + 1, previousHash: 'genesis', hash: 'floor' }),
    );
    for (const record of records) {
      const startedAt = performance.now();
      await client.query('INSERT INTO audit.records (record) VALUES ($1::jsonb)', [record]);
      commitMs.push(performance.now() - startedAt);
    }
  } finally {
    await client.end();
  }
  return [
    { write: `append ${Math.round(batch.length / 1024)} kB + fdatasync`, ...percentiles(appendMs) },
    { write: 'PostgreSQL: one record, INSERT + commit', ...percentiles(commitMs) },
  ];
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
    p99BatchMs: Number(percentileOf(batchMs, 0.99).toFixed(1)),
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
  let floor: Awaited<ReturnType<typeof durabilityFloor>> = [];
  results.push(await measure('jsonl', new JsonlAuditSink(path.join(workDir, 'trail.jsonl'))));
  await withDatabase(async (writerUrl) => {
    floor = await durabilityFloor(path.join(workDir, 'floor.jsonl'), writerUrl);
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
  console.log('durability floor: one durable write at a time, nothing else running');
  console.table(floor);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
