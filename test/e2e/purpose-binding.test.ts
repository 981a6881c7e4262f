/**
 * Purpose binding through the gateway over real HTTP: registry data about a person is read only
 * within a case the caller may read (their unit's, or every unit's with cases:all). A case worker
 * of TRE-1 (pekka.makinen) against the cases of HEL-1 (every scenario application): nothing of
 * HEL-1 comes back, refusals are FORBIDDEN with a reason code, and no registry but the case
 * register (which says whose a case is) is asked about it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { applicantOf } from '../dataset-fixtures.js';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
beforeAll(async () => {
  // Cold: every read is a registry call, so the counters show who was asked.
  graph = await startTestGraph({ mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } }, subgraphEnv: { REGISTRY_CACHE: 'off' } });
});
afterAll(() => graph.close());

async function callsBy(ask: () => Promise<unknown>) {
  await graph.resetRegistryCalls();
  await ask();
  const calls = await graph.registryCalls();
  return Object.fromEntries(Object.entries(calls).map(([registry, counters]) => [registry, counters.calls]));
}

const NO_OTHER_REGISTRY = { population: 0, police: 0, sis: 0, tradeRegister: 0, tax: 0 };

describe('a case of another unit', () => {
  it('is refused with FORBIDDEN and a reason, and only the case register is asked', async () => {
    let result: Awaited<ReturnType<TestGraph['operation']>> | undefined;
    const calls = await callsBy(async () => (result = await graph.operation('CaseView', {}, await graph.as('pekka.makinen'))));
    expect(result!.body.data).toEqual({ application: null });
    // Besides the fields a case worker may never read (police records, SIS alert details): the case itself.
    expect(result!.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['application'], extensions: { code: 'FORBIDDEN', reason: 'CASE_OF_ANOTHER_UNIT' } }),
      ]),
    );
    expect(calls).toMatchObject({ caseRegister: 1, ...NO_OTHER_REGISTRY });
  });

  it('is readable by its own unit: a case worker and a supervisor of HEL-1', async () => {
    for (const user of ['kaisa.virtanen', 'liisa.nieminen']) {
      const result = await graph.operation<{ application: { id: string; unit: string } | null }>('CaseView', {}, await graph.as(user));
      expect(result.body.data!.application).toMatchObject({ id: SCENARIO.showcase });
    }
    const unit = await graph.query<{ application: { unit: string; assignedCaseWorker: string | null } }>(
      `{ application(id: "${SCENARIO.showcase}") { unit assignedCaseWorker } }`,
    );
    expect(unit.body.data!.application.unit).toBe('HEL-1');
  });

  it('named in x-case-id refuses the whole request with 403 before any field runs', async () => {
    let result: Awaited<ReturnType<TestGraph['query']>> | undefined;
    const calls = await callsBy(
      async () =>
        (result = await graph.query('{ employer(businessId: "0245437-2") { tradeRegister { name } } }', undefined, {
          ...(await graph.as('pekka.makinen')),
          'x-case-id': SCENARIO.showcase,
        })),
    );
    expect(result!.status).toBe(403);
    expect(result!.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN', reason: 'CASE_OF_ANOTHER_UNIT' } })]);
    expect(calls).toMatchObject({ caseRegister: 1, ...NO_OTHER_REGISTRY });
  });

  it('named in x-case-id and not existing is refused too', async () => {
    const result = await graph.query('{ employer(businessId: "0245437-2") { businessId } }', undefined, { 'x-case-id': 'APP-9999999' });
    expect(result.status).toBe(403);
    expect(result.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'UNKNOWN_CASE' });
  });

  it('as an applicant is refused, and among an applicant’s applications it is left out', async () => {
    const applicantId = applicantOf(graph.mocks.dataset, SCENARIO.showcase).id;
    const asPekka = await graph.as('pekka.makinen');
    const applicant = await graph.query(`{ applicant(id: "${applicantId}") { id } }`, undefined, asPekka);
    expect(applicant.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'CASE_OF_ANOTHER_UNIT' });
    const own = await graph.query<{ applicant: { applications: Array<{ unit: string }> } }>(
      `{ applicant(id: "${applicantId}") { applications { unit } } }`,
    );
    expect(own.body.data!.applicant.applications.length).toBeGreaterThan(0);
    expect(own.body.data!.applicant.applications.every((application) => application.unit === 'HEL-1')).toBe(true);
  });
});

describe('lists hold only the caller’s cases', () => {
  it('a worklist: every item is of the caller’s unit, and the count is their unit’s', async () => {
    const query = '{ worklist(first: 200) { totalCount items { id unit applicant { sis { hitCount } } } } }';
    type Worklist = { worklist: { totalCount: number; items: Array<{ id: string; unit: string }> } };
    const pending = graph.mocks.dataset.caseRegister.applications.filter((application) => application.status === 'PENDING');
    for (const [user, unit] of [
      ['pekka.makinen', 'TRE-1'],
      ['kaisa.virtanen', 'HEL-1'],
    ] as const) {
      const result = await graph.query<Worklist>(query, undefined, await graph.as(user));
      expect(result.body.errors).toBeUndefined();
      const { items, totalCount } = result.body.data!.worklist;
      expect(items.length).toBe(200);
      expect(items.every((item) => item.unit === unit)).toBe(true);
      expect(totalCount).toBe(pending.filter((application) => application.unit === unit).length);
    }
  });

  it('a person search: an applicant of another unit is not found', async () => {
    const showcase = applicantOf(graph.mocks.dataset, SCENARIO.showcase);
    const search = `{ searchApplicants(personalIdentityCode: "${showcase.personalIdentityCode}") { id } }`;
    const pekka = await graph.query<{ searchApplicants: unknown[] }>(search, undefined, await graph.as('pekka.makinen'));
    expect(pekka.body.data!.searchApplicants).toEqual([]);
    const kaisa = await graph.query<{ searchApplicants: Array<{ id: string }> }>(search, undefined, await graph.as('kaisa.virtanen'));
    expect(kaisa.body.data!.searchApplicants).toEqual([{ id: showcase.id }]);
  });

  it("an employer's applications: only the caller's unit's", async () => {
    const employer = graph.mocks.dataset.caseRegister.applications.find(
      (application) => application.id === SCENARIO.showcase,
    )!.employerBusinessId!;
    const query = `{ employer(businessId: "${employer}") { applications { id unit } } }`;
    type Employer = { employer: { applications: Array<{ id: string; unit: string }> } };
    const pekka = await graph.query<Employer>(query, undefined, await graph.as('pekka.makinen'));
    expect(pekka.body.data!.employer.applications.every((application) => application.unit === 'TRE-1')).toBe(true);
    expect(pekka.body.data!.employer.applications.map((application) => application.id)).not.toContain(SCENARIO.showcase);
  });

  it('bulk checks: the bulk checker reaches every unit, as cases:all allows', async () => {
    const result = await graph.query<{ prerequisiteChecks: { totalCount: number } }>(
      '{ prerequisiteChecks(type: WORK_PERMIT, first: 1) { totalCount } }',
      undefined,
      await graph.as('bulk-checker'),
    );
    const all = graph.mocks.dataset.caseRegister.applications.filter((a) => a.type === 'WORK_PERMIT' && a.status === 'PENDING');
    expect(result.body.data!.prerequisiteChecks.totalCount).toBe(all.length);
    expect(new Set(all.map((application) => application.unit)).size).toBeGreaterThan(1);
  });
});

describe('a person by identity code', () => {
  const record = (code: string) => `{ populationRecord(personalIdentityCode: "${code}") { familyName } }`;

  it('is read only within a case: without one it is refused, and the registry is not asked', async () => {
    const code = applicantOf(graph.mocks.dataset, SCENARIO.showcase).personalIdentityCode!;
    let result: Awaited<ReturnType<TestGraph['query']>> | undefined;
    const calls = await callsBy(async () => (result = await graph.query(record(code))));
    expect(result!.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'CASE_REQUIRED' });
    expect(calls.population).toBe(0);
  });

  it('within a case, only when they are its applicant', async () => {
    const own = applicantOf(graph.mocks.dataset, SCENARIO.showcase).personalIdentityCode!;
    const someoneElse = applicantOf(graph.mocks.dataset, SCENARIO.nonDisclosure).personalIdentityCode!;
    const withinCase = { 'x-case-id': SCENARIO.showcase };
    const allowed = await graph.query<{ populationRecord: { familyName: string } }>(record(own), undefined, withinCase);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data!.populationRecord.familyName).toBe(applicantOf(graph.mocks.dataset, SCENARIO.showcase).familyName);

    let refused: Awaited<ReturnType<TestGraph['query']>> | undefined;
    const calls = await callsBy(async () => (refused = await graph.query(record(someoneElse), undefined, withinCase)));
    expect(refused!.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'SUBJECT_NOT_IN_CASE' });
    expect(calls.population).toBe(0);
  });
});
