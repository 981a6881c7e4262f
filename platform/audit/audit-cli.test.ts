/**
 * `npm run audit` on the file trail (the PostgreSQL trail's commands are tested with the store):
 * verify names the first broken record and exits 1, export writes a window, purge keeps the rest
 * verifiable, and migrate has nothing to do.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHash, type AuditRecord } from '../../contracts/audit.js';
import { auditContent } from '../../test/audit-records.js';
import { runAuditCli } from './audit-cli.js';
import { AuditWriter } from './audit-writer.js';
import { JsonlAuditSink } from './jsonl-store.js';

const tempDir = mkdtempSync(path.join(tmpdir(), 'casegraph-audit-cli-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));
const file = path.join(tempDir, 'trail.jsonl');
const env = { AUDIT_FILE: file, AUDIT_SUBJECT_KEY: Buffer.alloc(32, 5).toString('base64') };

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAuditCli(args, { stdout: (text) => out.push(text), stderr: (text) => err.push(text), env });
  return { code, out: out.join(''), err: err.join('') };
}

const records: AuditRecord[] = [];
beforeAll(async () => {
  const writer = new AuditWriter(new JsonlAuditSink(file));
  for (let day = 1; day <= 6; day += 1) records.push(await writer.write(auditContent({ at: new Date(Date.UTC(2020, 0, day)) })));
  await writer.close();
});

describe('npm run audit on the file trail', () => {
  it('verifies, and names the first broken record of an edited trail', async () => {
    expect(await run('verify')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^ok: 6 records in 1 chains of .*trail\.jsonl verify/),
    });
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace(records[2]!.requestId, 'another-request'));
    const broken = await run('verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(
      `BROKEN: 1 problems in 6 records of ${file}; the first: record ${records[2]!.id} (chain ${records[2]!.chain}, sequence 3): edited`,
    );
    writeFileSync(file, original);
  });

  it('finds the newest records deleted, or the newest replaced and re-hashed, against the chain heads a gateway logged', async () => {
    const original = readFileSync(file, 'utf8');
    const last = records[5]!;
    const log = path.join(tempDir, 'gateway.log');
    writeFileSync(
      log,
      [
        '{"level":30,"msg":"gateway listening"}',
        JSON.stringify({ level: 30, auditChainHead: { chain: last.chain, sequence: 4, hash: records[3]!.hash }, msg: 'audit chain head' }),
        JSON.stringify({ level: 30, auditChainHead: { chain: last.chain, sequence: 6, hash: last.hash }, msg: 'audit chain head' }),
      ].join('\n'),
    );
    expect(await run('verify', '--anchors', log)).toMatchObject({
      code: 0,
      out: expect.stringContaining('2 chain heads the gateways logged are there'),
    });
    // Without the anchors the chain alone cannot tell: it says so.
    const lines = original.trimEnd().split('\n');
    writeFileSync(file, `${lines.slice(0, 5).join('\n')}\n`);
    expect(await run('verify')).toMatchObject({ code: 0, out: expect.stringContaining('--anchors <gateway log>') });
    const truncated = await run('verify', '--anchors', log);
    expect(truncated.code).toBe(1);
    expect(truncated.err).toContain(
      `(chain ${last.chain}, sequence 6): truncated: the gateway logged this chain up to sequence 6, and the trail ends at 5`,
    );
    // The newest record replaced by one whose hash was made again: the chain holds, the anchor does not.
    const { hash: _hash, ...positioned } = { ...last, requestId: 'another-request' };
    writeFileSync(file, `${lines.slice(0, 5).join('\n')}\n${JSON.stringify({ ...positioned, hash: recordHash(positioned) })}\n`);
    const replaced = await run('verify', '--anchors', log);
    expect(replaced.code).toBe(1);
    expect(replaced.err).toContain('anchor-mismatch');
    expect(await run('verify', '--anchors', path.join(tempDir, 'no-such.log'))).toMatchObject({
      code: 2,
      err: expect.stringContaining('--anchors: cannot read'),
    });
    writeFileSync(file, original);
  });

  it('exports a window and refuses one without bounds', async () => {
    const exported = await run('export', '--from', '2020-01-02T00:00:00Z', '--to', '2020-01-04T00:00:00Z');
    expect(
      exported.out
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as AuditRecord).id),
    ).toEqual([records[1]!.id, records[2]!.id]);
    expect(await run('export', '--from', '2020-01-02T00:00:00Z')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--from and --to are required/),
    });
    expect(await run('export', '--from', 'yesterday', '--to', '2020-01-04T00:00:00Z')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--from: expected an ISO 8601 time/),
    });
  });

  it('purges with a checkpoint, after which the rest verifies; migrate has nothing to do', async () => {
    expect(await run('purge', '--before', '2020-01-04T00:00:00Z')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^purged 3 records older than 2020-01-04T00:00:00.000Z; 3 kept/),
    });
    expect(await run('verify')).toMatchObject({ code: 0, out: expect.stringContaining('sequences 4..6 (from a purge checkpoint)') });
    expect(await run('migrate')).toMatchObject({ code: 0, out: expect.stringMatching(/the file trail has no schema to migrate/) });
    expect(await run('frobnicate')).toMatchObject({ code: 2, err: expect.stringMatching(/^usage: npm run audit -- migrate/) });
  });
});
