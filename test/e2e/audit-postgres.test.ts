/**
 * The data protection officer's question on the production trail: the gateway writes to
 * PostgreSQL (AUDIT_DATABASE_URL, as the insert-only writer role, through the spool), the audit
 * subgraph reads as the reader role, and a case worker's views, fresh and from the gateway's
 * response cache, are found by the applicant's identity code; the DPO's own search is recorded
 * too, and every chain in the database verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectPseudonym } from '../../contracts/audit.js';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { createAuditPool, PostgresAuditReader } from '../../platform/audit/postgres-store.js';
import { verifyAuditChains } from '../../platform/audit/verify.js';
import { createAuditDatabase, type AuditDatabase } from '../audit-database.js';
import { applicantOf } from '../dataset-fixtures.js';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

let db: AuditDatabase;
let graph: TestGraph;
let spoolDir: string;
let identityCode: string;

beforeAll(async () => {
  db = await createAuditDatabase('audit_queries');
  await db.migrate();
  spoolDir = mkdtempSync(path.join(tmpdir(), 'casegraph-audit-spool-'));
  graph = await startTestGraph({
    gatewayEnv: {
      AUDIT_DATABASE_URL: db.writerUrl,
      AUDIT_READER_DATABASE_URL: db.readerUrl,
      AUDIT_SPOOL_FILE: path.join(spoolDir, 'spool.jsonl'),
    },
  });
  identityCode = applicantOf(graph.mocks.dataset, SCENARIO.showcase).personalIdentityCode!;
}, 60_000);
afterAll(async () => {
  await graph?.close();
  await db?.drop();
  if (spoolDir) rmSync(spoolDir, { recursive: true, force: true });
});

const TRAIL = `query Trail($subject: String!) {
  auditTrail(subject: $subject) { entries { requestId caller { user unit } caseId purpose outcome reads { registry fields sources } } }
}`;
type Entry = {
  requestId: string;
  caller: { user: string | null; unit: string | null };
  caseId: string | null;
  purpose: string;
  outcome: string;
  reads: Array<{ registry: string; fields: string[]; sources: string[] }>;
};

describe('the audit trail in PostgreSQL', () => {
  it("finds a case worker's fresh and cached views by identity code, and records the search", async () => {
    const kaisa = await graph.as('kaisa.virtanen');
    const fresh = await graph.operation('CaseView', { id: SCENARIO.showcase }, { ...kaisa, 'cache-control': 'no-cache' });
    const cached = await graph.operation('CaseView', { id: SCENARIO.showcase }, kaisa);
    expect(fresh.status).toBe(200);
    expect(cached.headers.get('age')).not.toBeNull();

    const dpo = await graph.as('tuula.laine');
    const answer = await graph.query<{ auditTrail: { entries: Entry[] } }>(TRAIL, { subject: identityCode }, dpo);
    expect(answer.body.errors).toBeUndefined();
    const entries = answer.body.data!.auditTrail.entries;
    const freshEntry = entries.find((entry) => entry.requestId === fresh.headers.get('x-request-id'));
    const cachedEntry = entries.find((entry) => entry.requestId === cached.headers.get('x-request-id'));
    expect(freshEntry).toMatchObject({
      caller: { user: 'kaisa.virtanen', unit: 'HEL-1' },
      caseId: SCENARIO.showcase,
      purpose: 'CASE_HANDLING',
    });
    expect(freshEntry!.reads.map((read) => read.registry)).toEqual(expect.arrayContaining(['CASE_REGISTER', 'POPULATION', 'SIS']));
    expect(cachedEntry).toMatchObject({ caller: { user: 'kaisa.virtanen' }, caseId: SCENARIO.showcase });
    expect(cachedEntry!.reads.every((read) => read.sources.includes('RESPONSE_CACHE'))).toBe(true);
    expect(cachedEntry!.reads.map((read) => [read.registry, read.fields])).toEqual(
      freshEntry!.reads.map((read) => [read.registry, read.fields]),
    );

    // The search itself is in the database, as a review of that person.
    const { rows } = await db.admin.query<{ record: { purpose: string; caller: { userId: string } } }>(
      `SELECT record FROM audit.records WHERE subjects @> ARRAY[$1]::text[] AND record->>'purpose' = 'AUDIT_REVIEW'`,
      [subjectPseudonym(graph.identity.audit.subjectKey, identityCode)],
    );
    expect(rows.map((row) => row.record.caller.userId)).toContain('tuula.laine');
  });

  it('holds no identity code in clear, and every chain verifies', async () => {
    const { rows } = await db.admin.query<{ text: string }>('SELECT record::text AS text FROM audit.records');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.some((row) => row.text.includes(identityCode))).toBe(false);
    const pool = createAuditPool(db.readerUrl, { applicationName: 'audit-postgres-test', max: 1 });
    try {
      const report = await verifyAuditChains(new PostgresAuditReader(pool).records({ order: 'chain' }));
      expect(report.problems).toEqual([]);
      expect(report.records).toBe(rows.length);
    } finally {
      await pool.end();
    }
  });
});
