/**
 * The spool in front of the real PostgreSQL, which a TCP proxy "stops" without stopping it: a batch
 * the database does not take (down, or silent past the timeout) is spooled and counts as written;
 * while the spool holds anything new batches queue behind it; the shipper ships it in order when the
 * database returns; a spool left over is shipped first at the next start; and when the spool cannot
 * be written either, the write fails (the gateway's 503 AUDIT_UNAVAILABLE).
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../contracts/audit.js';
import { createAuditDatabase, type AuditDatabase } from '../../test/audit-database.js';
import { auditContent } from '../../test/audit-records.js';
import { startTcpProxy, type TcpProxy } from '../../test/tcp-proxy.js';
import { createLogger } from '../logger.js';
import { AuditWriter } from './audit-writer.js';
import { createAuditPool, PostgresAuditReader, PostgresAuditSink } from './postgres-store.js';
import { SpoolingAuditSink, type SpoolingSinkOptions } from './spooling-sink.js';
import { verifyAuditChains } from './verify.js';

let db: AuditDatabase;
let proxy: TcpProxy;
let workDir: string;
beforeAll(async () => {
  db = await createAuditDatabase('audit_spool');
  await db.migrate();
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(db.adminUrl).port) });
  workDir = mkdtempSync(path.join(tmpdir(), 'casegraph-spool-'));
});
afterAll(async () => {
  await proxy?.close();
  await db?.drop();
  rmSync(workDir, { recursive: true, force: true });
});

const logger = createLogger('spool-test', 'silent');
const open: SpoolingAuditSink[] = [];
afterEach(async () => {
  proxy.mode = 'up';
  await Promise.all(open.splice(0).map((sink) => sink.close()));
  await db.admin.query('TRUNCATE audit.records');
});

let spools = 0;
async function spoolingSink(
  options: Partial<SpoolingSinkOptions> = {},
  spoolFile = path.join(workDir, `spool-${++spools}`, 'spool.jsonl'),
) {
  const pool = createAuditPool(db.urlFor({ user: db.writerRole, port: proxy.port }), {
    applicationName: 'spooling-sink.test',
    connectionTimeoutMs: 500,
    logger,
  });
  const sink = new SpoolingAuditSink(new PostgresAuditSink(pool, { timeoutMs: 500 }), {
    spoolFile,
    retryMinMs: 50,
    retryMaxMs: 200,
    closeShipTimeoutMs: 1_000,
    logger,
    ...options,
  });
  await sink.open();
  open.push(sink);
  return { sink, spoolFile };
}

async function inDatabase(): Promise<AuditRecord[]> {
  const reader = new PostgresAuditReader(createAuditPool(db.readerUrl, { applicationName: 'spooling-sink.test' }));
  const records: AuditRecord[] = [];
  try {
    for await (const record of reader.records({ order: 'chain' })) records.push(record);
  } finally {
    await reader.close();
  }
  return records;
}

function spooled(file: string): AuditRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditRecord);
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the spooling sink', () => {
  it('writes straight to the database while it answers', async () => {
    const { sink, spoolFile } = await spoolingSink();
    const writer = new AuditWriter(sink);
    const records = await Promise.all([1, 2, 3].map(() => writer.write(auditContent())));
    expect(await inDatabase()).toEqual(records);
    expect(spooled(spoolFile)).toEqual([]);
    expect(sink.stats()).toMatchObject({ spoolRecords: 0, spoolBytes: 0, databaseWrites: expect.any(Number), spoolAppends: 0 });
  });

  it('spools while the database is down, and ships in order when it returns', async () => {
    const { sink, spoolFile } = await spoolingSink();
    const writer = new AuditWriter(sink);
    const before = await writer.write(auditContent());
    proxy.mode = 'down';
    const during: AuditRecord[] = [];
    for (let index = 0; index < 20; index += 1) during.push(await writer.write(auditContent()));
    expect(spooled(spoolFile)).toEqual(during);
    expect(sink.stats()).toMatchObject({ spoolRecords: 20, spoolBytes: readFileSync(spoolFile).length });
    expect(await inDatabase()).toEqual([before]);

    proxy.mode = 'up';
    await until(() => sink.stats().spoolRecords === 0);
    const after = await writer.write(auditContent());
    const stored = await inDatabase();
    expect(stored).toEqual([before, ...during, after]);
    expect(await verifyAuditChains(stored)).toMatchObject({ ok: true, records: 22 });
    expect(spooled(spoolFile)).toEqual([]);
    expect(sink.stats()).toMatchObject({ shippedRecords: 20, lastShipAt: expect.any(String), spoolAppends: expect.any(Number) });
  });

  it('spools a batch the database does not answer in time (a network that drops packets)', async () => {
    const { sink, spoolFile } = await spoolingSink();
    const writer = new AuditWriter(sink);
    proxy.mode = 'blackhole';
    const startedAt = Date.now();
    const record = await writer.write(auditContent());
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(spooled(spoolFile)).toEqual([record]);
    proxy.mode = 'up';
    await until(() => sink.stats().spoolRecords === 0);
    expect(await inDatabase()).toEqual([record]);
  });

  it('queues new batches behind the spool even when the database is back, and ships them on close', async () => {
    // A shipper that would not retry before the test ends: only close() ships.
    const { sink, spoolFile } = await spoolingSink({ retryMinMs: 600_000, retryMaxMs: 600_000 });
    const writer = new AuditWriter(sink);
    proxy.mode = 'down';
    const first = await writer.write(auditContent());
    proxy.mode = 'up';
    const second = await writer.write(auditContent());
    expect(spooled(spoolFile)).toEqual([first, second]);
    expect(await inDatabase()).toEqual([]);
    await writer.close();
    expect(await inDatabase()).toEqual([first, second]);
    expect(spooled(spoolFile)).toEqual([]);
  });

  it('leaves the spool intact when it closes with the database down, and ships it first at the next start', async () => {
    const spoolFile = path.join(workDir, 'kept', 'spool.jsonl');
    const { sink } = await spoolingSink({ closeShipTimeoutMs: 200 }, spoolFile);
    const firstWriter = new AuditWriter(sink);
    proxy.mode = 'down';
    const left = [await firstWriter.write(auditContent()), await firstWriter.write(auditContent())];
    await firstWriter.close();
    expect(spooled(spoolFile)).toEqual(left);
    expect(existsSync(`${spoolFile}.lock`)).toBe(false);
    // A crash in the middle of an append leaves a torn line: never acknowledged, skipped.
    appendFileSync(spoolFile, '{"id":"torn');
    // And a crash in the middle of shipping leaves records in the spool that are in the database already.
    const direct = new PostgresAuditSink(createAuditPool(db.writerUrl, { applicationName: 'spooling-sink.test' }));
    await direct.append([left[0]!]);
    await direct.close();

    proxy.mode = 'up';
    const { sink: next } = await spoolingSink({}, spoolFile);
    const nextWriter = new AuditWriter(next);
    const fresh = await nextWriter.write(auditContent());
    await until(() => next.stats().spoolRecords === 0);
    const stored = await inDatabase();
    expect(stored.map((record) => record.id).sort()).toEqual([...left, fresh].map((record) => record.id).sort());
    expect(await verifyAuditChains(stored)).toMatchObject({ ok: true, records: 3 });
    expect(next.stats().unreadableSpoolLines).toBe(1);
  });

  it('refuses a spool another live process holds', async () => {
    const spoolFile = path.join(workDir, 'held', 'spool.jsonl');
    await spoolingSink({}, spoolFile);
    // The lock names a live process other than this one: the test runner's parent.
    writeFileSync(`${spoolFile}.lock`, `${process.ppid}\n`);
    await expect(spoolingSink({}, spoolFile)).rejects.toThrow(/AUDIT_SPOOL_FILE: process \d+ holds/);
  });

  it('fails the write when the spool cannot be written either, and the writer goes on in a new chain', async () => {
    const blocker = path.join(workDir, 'not-a-directory');
    writeFileSync(blocker, '');
    const spoolFile = path.join(workDir, 'unwritable', 'spool.jsonl');
    const { sink } = await spoolingSink({}, spoolFile);
    const writer = new AuditWriter(sink);
    const first = await writer.write(auditContent());
    proxy.mode = 'down';
    // The spool's directory replaced by a file: no append can succeed.
    rmSync(path.dirname(spoolFile), { recursive: true });
    writeFileSync(path.dirname(spoolFile), '');
    await expect(writer.write(auditContent())).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(sink.stats().spoolAppendFailures).toBe(1);

    rmSync(path.dirname(spoolFile));
    proxy.mode = 'up';
    const third = await writer.write(auditContent());
    // The failed batch's database write was cut short, not known to have failed: its place in the
    // chain is never given to another record.
    expect(third).toMatchObject({ sequence: 1, previousHash: 'genesis' });
    expect(third.chain).not.toBe(first.chain);
    const stored = await inDatabase();
    expect(stored.map((record) => record.id).sort()).toEqual([first.id, third.id].sort());
    expect(await verifyAuditChains(stored)).toMatchObject({ ok: true, records: 2 });
  });

  it('fails the write when the spool is full', async () => {
    const { sink } = await spoolingSink({ spoolMaxBytes: 2_000 });
    const writer = new AuditWriter(sink);
    proxy.mode = 'down';
    await writer.write(auditContent());
    await writer.write(auditContent());
    await expect(writer.write(auditContent())).rejects.toThrow(/the audit spool is full \(AUDIT_SPOOL_MAX_BYTES=2000\)/);
  });
});
