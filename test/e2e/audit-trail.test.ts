/**
 * The audit trail through the gateway over real HTTP, on the embedded JSONL file: a view is
 * recorded with the subjects (pseudonymised) and registries it read, fresh and from the response
 * cache alike; refusals are recorded; a trail that cannot be written withholds personal data (503
 * AUDIT_UNAVAILABLE); the chain verifies, and an edited or deleted record is found.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectPseudonym, type AuditRecord } from '../../contracts/audit.js';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { JsonlAuditReader } from '../../platform/audit/jsonl-store.js';
import { verifyAuditChains } from '../../platform/audit/verify.js';
import { applicantOf } from '../dataset-fixtures.js';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph.close());

function trail(): AuditRecord[] {
  return readFileSync(graph.identity.audit.file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditRecord);
}

function recordOf(requestId: string | null): AuditRecord {
  const found = trail().filter((record) => record.requestId === requestId);
  expect(found).toHaveLength(1);
  return found[0]!;
}

const pseudonym = (subject: string) => subjectPseudonym(graph.identity.audit.subjectKey, subject);

describe('a case view', () => {
  it('is recorded, fresh and from the response cache, with the subjects and registries it read', async () => {
    const applicant = applicantOf(graph.mocks.dataset, SCENARIO.showcase);
    const headers = { ...(await graph.as('kaisa.virtanen')), 'cache-control': 'no-cache' };
    const fresh = await graph.operation('CaseView', { id: SCENARIO.showcase }, headers);
    expect(fresh.status).toBe(200);
    const freshRecord = recordOf(fresh.headers.get('x-request-id'));
    expect(freshRecord).toMatchObject({
      caller: { userId: 'kaisa.virtanen', unit: 'HEL-1' },
      case: { id: SCENARIO.showcase, source: 'operation' },
      purpose: 'CASE_HANDLING',
      operation: { name: 'CaseView' },
      // A case worker may not read police records: left out, so partly served.
      outcome: 'partial',
    });
    const registries = new Set(freshRecord.registries.map((read) => read.registry));
    expect(registries).toEqual(new Set(['CASE_REGISTER', 'POPULATION', 'SIS', 'TRADE_REGISTER', 'TAX']));
    const population = freshRecord.registries.find((read) => read.registry === 'POPULATION')!;
    expect(population.subjects).toContain(pseudonym(applicant.personalIdentityCode!));
    expect(population.sources).toEqual(['registry']);
    expect(population.fields).toEqual(expect.arrayContaining(['PopulationRecord.givenNames']));
    expect(population.xRoadIds.length).toBeGreaterThan(0);
    expect(freshRecord.refusals).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' })]));

    const cached = await graph.operation('CaseView', { id: SCENARIO.showcase }, await graph.as('kaisa.virtanen'));
    expect(cached.headers.get('age')).not.toBeNull();
    const cachedRecord = recordOf(cached.headers.get('x-request-id'));
    expect(cachedRecord.outcome).toBe('partial');
    for (const read of cachedRecord.registries) {
      const original = freshRecord.registries.find((candidate) => candidate.service === read.service)!;
      expect(read).toEqual({ ...original, sources: ['response-cache'] });
    }
    expect(cachedRecord.registries).toHaveLength(freshRecord.registries.length);
  });

  it('of another unit is recorded as refused, with the reason', async () => {
    const result = await graph.operation('CaseView', { id: SCENARIO.showcase }, await graph.as('pekka.makinen'));
    const record = recordOf(result.headers.get('x-request-id'));
    expect(record.outcome).toBe('refused');
    expect(record.refusals).toEqual(
      expect.arrayContaining([{ code: 'FORBIDDEN', reason: 'CASE_OF_ANOTHER_UNIT', field: null, registry: null }]),
    );
  });

  it('without a valid token is recorded as refused at the door', async () => {
    const result = await graph.operation('CaseView', { id: SCENARIO.showcase }, { authorization: 'Bearer not-a-token' });
    expect(result.status).toBe(401);
    const record = recordOf(result.headers.get('x-request-id'));
    expect(record).toMatchObject({ outcome: 'refused', caller: { userId: null }, refusals: [{ code: 'UNAUTHENTICATED' }] });
  });

  it('leaves nothing in the trail in clear: no identity code, name or date of birth', async () => {
    const applicant = applicantOf(graph.mocks.dataset, SCENARIO.showcase);
    const text = readFileSync(graph.identity.audit.file, 'utf8');
    for (const personal of [applicant.personalIdentityCode!, applicant.familyName, applicant.dateOfBirth]) {
      expect(text).not.toContain(personal);
    }
  });
});

describe('the chain', () => {
  it('verifies, and finds an edited record and a deleted one', async () => {
    const reader = new JsonlAuditReader(graph.identity.audit.file);
    const report = await verifyAuditChains(reader.records());
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.records).toBeGreaterThanOrEqual(4);

    const records = trail();
    const edited = records.map((record, index) => (index === 1 ? { ...record, purpose: 'OTHER' as const } : record));
    expect((await verifyAuditChains(edited)).problems).toEqual([expect.objectContaining({ sequence: 2, problem: 'edited' })]);
    const deleted = records.filter((_, index) => index !== 1);
    expect((await verifyAuditChains(deleted)).problems).toEqual([expect.objectContaining({ sequence: 3, problem: 'missing-before' })]);
  });
});

describe('a trail that cannot be written', () => {
  it('withholds personal data: 503 AUDIT_UNAVAILABLE, no data', async () => {
    const notADirectory = path.join(mkdtempSync(path.join(tmpdir(), 'casegraph-audit-')), 'file');
    writeFileSync(notADirectory, '');
    const gateway = await graph.startAnotherGateway({ AUDIT_FILE: path.join(notADirectory, 'trail.jsonl'), RESPONSE_CACHE: 'off' });
    const result = await gateway.operation('CaseView', { id: SCENARIO.showcase }, await graph.as('kaisa.virtanen'));
    expect(result.status).toBe(503);
    expect(result.headers.get('retry-after')).toBe('5');
    expect(result.body).toEqual({
      errors: [expect.objectContaining({ extensions: { code: 'AUDIT_UNAVAILABLE' } })],
    });
    // Nothing personal asked: served, as nothing needs recording.
    const typename = await gateway.query('{ __typename }', undefined, await graph.as('kaisa.virtanen'));
    expect(typename.body).toEqual({ data: { __typename: 'Query' } });
    await gateway.close();
  });
});
