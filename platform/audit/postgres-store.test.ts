/**
 * The PostgreSQL trail on the machine's real PostgreSQL, in a database of this file's own:
 * migrations (once, concurrently, refused when edited), the roles (the writer inserts and nothing
 * else), writing and reading with every filter, paging, idempotent batches, the verifier finding an
 * edited and a deleted row, and a purge that leaves the rest verifiable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../contracts/audit.js';
import { createAuditDatabase, type AuditDatabase } from '../../test/audit-database.js';
import { auditContent } from '../../test/audit-records.js';
import { runAuditCli } from './audit-cli.js';
import { matchesAuditQuery, type AuditQuery } from './audit-store.js';
import { AuditWriter } from './audit-writer.js';
import { AuditSchemaError, checkAuditSchema, migrateAuditSchema, shippedMigrations } from './postgres-migrations.js';
import { createAuditPool, PostgresAuditReader, PostgresAuditSink, purgePostgresTrail } from './postgres-store.js';
import { verifyAuditChains } from './verify.js';

let db: AuditDatabase;
beforeAll(async () => {
  db = await createAuditDatabase('audit_store');
});
afterAll(() => db?.drop());

const pools: Array<{ end(): Promise<void> }> = [];
afterAll(() => Promise.all(pools.splice(0).map((pool) => pool.end())));
function poolFor(url: string) {
  const pool = createAuditPool(url, { applicationName: 'postgres-store.test', max: 2 });
  pools.push(pool);
  return pool;
}

async function collect(iterable: AsyncIterable<AuditRecord>): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for await (const record of iterable) records.push(record);
  return records;
}

function cliIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: (env: Record<string, string>) => ({ stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text), env }),
  };
}

describe('migrations', () => {
  it('refuse a gateway on an unmigrated database, naming the command', async () => {
    await expect(checkAuditSchema(poolFor(db.adminUrl), 'AUDIT_DATABASE_URL')).rejects.toThrow(
      /AUDIT_DATABASE_URL: the audit database has no audit schema: run `npm run audit -- migrate` first/,
    );
  });

  it('apply once, also when two runners start together', async () => {
    const [first, second] = await Promise.all([migrateAuditSchema(poolFor(db.adminUrl)), migrateAuditSchema(poolFor(db.adminUrl))]);
    expect([...first, ...second]).toEqual(shippedMigrations().map((migration) => migration.version));
    await db.migrate();
    expect(await migrateAuditSchema(db.admin)).toEqual([]);
    await expect(checkAuditSchema(poolFor(db.writerUrl), 'AUDIT_DATABASE_URL')).resolves.toBeUndefined();
  });

  it('refuse a shipped migration that was edited after it was applied, and name a missing one', async () => {
    const [migration] = shippedMigrations();
    await expect(migrateAuditSchema(db.admin, [{ ...migration!, sql: `${migration!.sql}\n-- edited`, checksum: 'other' }])).rejects.toThrow(
      AuditSchemaError,
    );
    const later = { version: '9999_later', sql: 'SELECT 1', checksum: 'x' };
    await expect(checkAuditSchema(poolFor(db.writerUrl), 'AUDIT_DATABASE_URL', [...shippedMigrations(), later])).rejects.toThrow(
      /lacks migration 9999_later: run `npm run audit -- migrate`/,
    );
  });
});

describe('the roles', () => {
  it('let the writer insert and nothing else: no UPDATE, DELETE or reading a record', async () => {
    const writer = new AuditWriter(new PostgresAuditSink(poolFor(db.writerUrl)));
    const record = await writer.write(auditContent());
    const asWriter = poolFor(db.writerUrl);
    for (const statement of [
      `UPDATE audit.records SET record = jsonb_set(record, '{purpose}', '"OTHER"') WHERE id = '${record.id}'`,
      `DELETE FROM audit.records WHERE id = '${record.id}'`,
      `TRUNCATE audit.records`,
      `SELECT record FROM audit.records`,
      `DELETE FROM audit.checkpoints`,
      `INSERT INTO audit.checkpoints VALUES ('c', 1, 'h', now())`,
    ]) {
      await expect(asWriter.query(statement), statement).rejects.toMatchObject({
        code: '42501',
        message: expect.stringMatching(/permission denied/),
      });
    }
    const asReader = poolFor(db.readerUrl);
    expect((await asReader.query('SELECT id FROM audit.records WHERE id = $1', [record.id])).rows).toHaveLength(1);
    await expect(asReader.query(`DELETE FROM audit.records`)).rejects.toMatchObject({ code: '42501' });
    await expect(new PostgresAuditSink(asReader).append([record])).rejects.toMatchObject({ code: '42501' });
  });
});

describe('writing and reading', () => {
  const written: AuditRecord[] = [];
  const base = Date.parse('2026-03-01T00:00:00Z');
  beforeAll(async () => {
    await db.admin.query('TRUNCATE audit.records');
    // Two writers (two gateway processes), interleaved in time.
    const writers = [
      new AuditWriter(new PostgresAuditSink(poolFor(db.writerUrl))),
      new AuditWriter(new PostgresAuditSink(poolFor(db.writerUrl))),
    ];
    const users = [
      { userId: 'kaisa.virtanen', unit: 'HEL-1' },
      { userId: 'pekka.makinen', unit: 'TRE-1' },
      { userId: null, unit: null },
    ];
    for (let index = 0; index < 60; index += 1) {
      const user = users[index % 3]!;
      const content = auditContent({
        ...user,
        at: new Date(base + index * 60_000),
        subjects: index % 4 === 0 ? ['subject-a', 'subject-b'] : [`subject-${index}`],
      });
      written.push(await writers[index % 2]!.write(content));
    }
  });

  it('stores each record exactly as written, and a batch sent twice once', async () => {
    const reader = new PostgresAuditReader(poolFor(db.readerUrl));
    const read = await collect(reader.records());
    expect(read).toEqual(written);
    await new PostgresAuditSink(poolFor(db.writerUrl)).append(written.slice(0, 10));
    expect((await db.admin.query('SELECT count(*)::int AS n FROM audit.records')).rows[0].n).toBe(written.length);
  });

  it('gives back text exactly as written, so its hash still verifies (non-ASCII, astral, line separators)', async () => {
    const writer = new AuditWriter(new PostgresAuditSink(poolFor(db.writerUrl)));
    const content = auditContent({ at: new Date(base - 60_000) });
    const record = await writer.write({
      ...content,
      case: { id: 'ÅÄÖ-é-😀-\u2028-"quoted"-\\', source: 'header' },
      refusals: [{ code: 'FORBIDDEN', reason: 'tab\there', field: null, registry: null }],
    });
    const reader = new PostgresAuditReader(poolFor(db.readerUrl));
    const [read] = await collect(reader.records({ to: new Date(base) }));
    expect(read).toEqual(record);
    expect(await verifyAuditChains([read!])).toMatchObject({ ok: true });
    await db.admin.query('DELETE FROM audit.records WHERE id = $1', [record.id]);
  });

  it('filters by subject, user, unit and time as the file trail does, a page at a time', async () => {
    const reader = new PostgresAuditReader(poolFor(db.readerUrl), { pageSize: 7 });
    const queries: AuditQuery[] = [
      {},
      { subject: 'subject-a' },
      { subject: 'subject-8' },
      { userId: 'kaisa.virtanen' },
      { unit: 'TRE-1' },
      { from: new Date(base + 10 * 60_000), to: new Date(base + 20 * 60_000) },
      { userId: 'kaisa.virtanen', from: new Date(base + 30 * 60_000), subject: 'subject-a' },
      { subject: 'nobody' },
    ];
    for (const query of queries) {
      expect(await collect(reader.records(query)), JSON.stringify(query)).toEqual(
        written.filter((record) => matchesAuditQuery(record, query)),
      );
    }
  });

  it('uses the indexes: a subject search does not scan the table', async () => {
    await db.admin.query('ANALYZE audit.records');
    await db.admin.query('SET enable_seqscan = off');
    const { rows } = await db.admin.query(
      `EXPLAIN SELECT record FROM audit.records WHERE subjects @> ARRAY['subject-a']::text[] ORDER BY at, chain, sequence LIMIT 100`,
    );
    expect(rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')).toMatch(/records_subjects|records_at/);
  });

  it('reads by chain for the verifier, which finds an edited row and a deleted one', async () => {
    const reader = new PostgresAuditReader(poolFor(db.readerUrl), { pageSize: 9 });
    const report = await verifyAuditChains(reader.records({ order: 'chain' }), await reader.checkpoints());
    expect(report).toMatchObject({ ok: true, records: written.length, problems: [] });
    expect(report.chains).toHaveLength(2);

    const edited = written[10]!;
    await db.admin.query(`UPDATE audit.records SET record = jsonb_set(record, '{caller,userId}', '"someone.else"') WHERE id = $1`, [
      edited.id,
    ]);
    const deleted = written[20]!;
    await db.admin.query('DELETE FROM audit.records WHERE id = $1', [deleted.id]);
    const broken = await verifyAuditChains(reader.records({ order: 'chain' }), await reader.checkpoints());
    expect(broken.ok).toBe(false);
    expect(broken.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: edited.id, problem: 'edited' }),
        expect.objectContaining({ chain: deleted.chain, sequence: deleted.sequence + 1, problem: 'missing-before' }),
      ]),
    );
    // The generated columns follow the record: the edit shows in the queries too.
    expect((await collect(reader.records({ userId: 'someone.else' }))).map((record) => record.id)).toEqual([edited.id]);

    // npm run audit:verify says so, naming the first broken record, and exits 1.
    const { err, io } = cliIo();
    const env = { AUDIT_DATABASE_URL: db.writerUrl, AUDIT_READER_DATABASE_URL: db.readerUrl, AUDIT_SUBJECT_KEY: 'a'.repeat(64) };
    expect(await runAuditCli(['verify'], io(env))).toBe(1);
    expect(err.join('')).toMatch(
      /^BROKEN: 2 problems in 59 records of the PostgreSQL trail; the first: record \S+ \(chain \S+, sequence \d+\): (edited|missing-before)/,
    );

    // Put back as it was, the trail verifies again.
    await db.admin.query('UPDATE audit.records SET record = $2::jsonb WHERE id = $1', [edited.id, JSON.stringify(edited)]);
    await new PostgresAuditSink(poolFor(db.writerUrl)).append([deleted]);
    const { out, io: ioAgain } = cliIo();
    expect(await runAuditCli(['verify'], ioAgain(env))).toBe(0);
    expect(out.join('')).toMatch(/^ok: 60 records in 2 chains of the PostgreSQL trail verify/);
  });

  it('exports a time window as JSONL', async () => {
    const { out, err, io } = cliIo();
    const env = { AUDIT_DATABASE_URL: db.writerUrl, AUDIT_READER_DATABASE_URL: db.readerUrl, AUDIT_SUBJECT_KEY: 'a'.repeat(64) };
    const from = new Date(base + 5 * 60_000).toISOString();
    const to = new Date(base + 15 * 60_000).toISOString();
    expect(await runAuditCli(['export', '--from', from, '--to', to, '--user', 'kaisa.virtanen'], io(env))).toBe(0);
    const exported = out
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditRecord);
    expect(exported).toEqual(
      written.filter((record) => matchesAuditQuery(record, { from: new Date(from), to: new Date(to), userId: 'kaisa.virtanen' })),
    );
    expect(err.join('')).toMatch(/exported 3 records/);
  });
});

describe('purge', () => {
  it('drops old records as a prefix of each chain, leaves checkpoints, and the rest verifies', async () => {
    await db.admin.query('TRUNCATE audit.records');
    const old = new AuditWriter(new PostgresAuditSink(poolFor(db.writerUrl)));
    const current = new AuditWriter(new PostgresAuditSink(poolFor(db.writerUrl)));
    const records: AuditRecord[] = [];
    for (let index = 0; index < 5; index += 1) records.push(await old.write(auditContent({ at: new Date(Date.UTC(2020, 0, 1 + index)) })));
    // A chain whose clock stepped back: its old-looking record after a new one stays, or the chain would have a hole.
    records.push(await current.write(auditContent({ at: new Date(Date.UTC(2020, 5, 1)) })));
    records.push(await current.write(auditContent({ at: new Date(Date.UTC(2026, 0, 1)) })));
    records.push(await current.write(auditContent({ at: new Date(Date.UTC(2020, 5, 2)) })));
    records.push(await current.write(auditContent({ at: new Date(Date.UTC(2026, 0, 2)) })));

    // The writer may not purge.
    await expect(purgePostgresTrail(poolFor(db.writerUrl), new Date(Date.UTC(2025, 0, 1)))).rejects.toMatchObject({ code: '42501' });

    const { out, io } = cliIo();
    const env = {
      AUDIT_DATABASE_URL: db.writerUrl,
      AUDIT_ADMIN_DATABASE_URL: db.adminUrl,
      AUDIT_READER_DATABASE_URL: db.readerUrl,
      AUDIT_SUBJECT_KEY: 'a'.repeat(64),
    };
    expect(await runAuditCli(['purge', '--before', '2025-01-01T00:00:00Z'], io(env))).toBe(0);
    expect(out.join('')).toMatch(/^purged 6 records older than 2025-01-01T00:00:00.000Z; 3 kept/);

    const reader = new PostgresAuditReader(poolFor(db.readerUrl));
    expect((await collect(reader.records({ order: 'chain' }))).map((record) => record.id).sort()).toEqual(
      records
        .slice(6)
        .map((record) => record.id)
        .sort(),
    );
    const checkpoints = await reader.checkpoints();
    expect(checkpoints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ chain: old.chain, sequence: 5, hash: records[4]!.hash }),
        expect.objectContaining({ chain: current.chain, sequence: 1, hash: records[5]!.hash }),
      ]),
    );
    const report = await verifyAuditChains(reader.records({ order: 'chain' }), checkpoints);
    expect(report).toMatchObject({ ok: true, records: 3 });
    expect(report.chains).toEqual([expect.objectContaining({ chain: current.chain, firstSequence: 2, fromCheckpoint: true })]);

    // A purge with nothing to drop keeps the checkpoints as they are; a later one moves them on.
    expect(await purgePostgresTrail(db.admin, new Date(Date.UTC(2025, 0, 1)))).toEqual({ purged: 0, kept: 3 });
    expect(await purgePostgresTrail(db.admin, new Date(Date.UTC(2026, 0, 1, 12)))).toEqual({ purged: 2, kept: 1 });
    expect(await reader.checkpoints()).toEqual(
      expect.arrayContaining([expect.objectContaining({ chain: current.chain, sequence: 3, hash: records[7]!.hash })]),
    );
    expect(await verifyAuditChains(reader.records({ order: 'chain' }), await reader.checkpoints())).toMatchObject({ ok: true, records: 1 });
  });
});
