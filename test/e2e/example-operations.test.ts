/**
 * The shipped example operations, run as is through the gateway over real HTTP: they return
 * data from every registry they touch, and make exactly the registry calls the design promises.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
beforeAll(async () => {
  // Cold registries: these tests count the calls each query makes (test/e2e/cache.test.ts covers warm).
  graph = await startTestGraph({ mocks: { knobs: { defaults: { latencyMs: 1, jitterMs: 2 } } }, subgraphEnv: { REGISTRY_CACHE: 'off' } });
});
afterAll(() => graph.close());

/** Every registry named by a provenance anywhere in a response. */
function registriesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => registriesIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'provenance' && child && typeof child === 'object' && 'registry' in child) found.add(String(child.registry));
      else registriesIn(child, found);
    }
  }
  return found;
}

const OPERATION_NAMES = readdirSync(new URL('../../gateway/operations/', import.meta.url))
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => file.replace(/\.graphql$/, ''));

describe('example operations through the gateway', () => {
  it('ships the four operations the README shows', () => {
    expect(OPERATION_NAMES).toEqual(expect.arrayContaining(['CaseView', 'Worklist', 'EmployerView', 'PersonSearch']));
  });

  /**
   * Who runs each operation in practice: bulk checks are the bulk-checker service account's, the
   * audit queries the data protection officer's; the rest a senior case worker's.
   */
  const RUN_BY: Record<string, string> = {
    BulkPrerequisiteChecks: 'bulk-checker',
    AuditTrail: 'tuula.laine',
    SubjectAccessReport: 'tuula.laine',
    AccessesByUser: 'tuula.laine',
  };
  const runBy = (name: string) => RUN_BY[name] ?? 'matti.korhonen';

  it.each(OPERATION_NAMES)('%s runs as is, with its default variables, without errors', async (name) => {
    // A person's record by code is read within a case: PopulationRecord's default code is APP-0000001's applicant.
    const withinCase: Record<string, string> = name === 'PopulationRecord' ? { 'x-case-id': 'APP-0000001' } : {};
    const result = await graph.operation(name, {}, { ...(await graph.as(runBy(name))), ...withinCase });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(Object.values(result.body.data ?? {}).every((value) => value !== null)).toBe(true);
  });

  it('the case view returns one application with data from all six registries', async () => {
    const result = await graph.operation<{ application: Record<string, any> }>('CaseView');
    const application = result.body.data!.application;
    expect(registriesIn(application)).toEqual(new Set(['CASE_REGISTER', 'POPULATION', 'POLICE', 'SIS', 'TRADE_REGISTER', 'TAX']));
    expect(application.applicant.population.familyName).toBe(application.applicant.familyName);
    expect(application.employer.tradeRegister.name).toEqual(expect.any(String));
    expect(application.employer.taxCompliance.reportDate).toEqual(expect.any(String));
  });

  it('the employer view returns trade register, tax compliance and case register data', async () => {
    const result = await graph.operation<{ employer: Record<string, any> }>('EmployerView');
    expect(registriesIn(result.body.data)).toEqual(new Set(['TRADE_REGISTER', 'TAX', 'CASE_REGISTER']));
    expect(result.body.data!.employer.applications.length).toBeGreaterThan(0);
  });

  it('the person search finds applicants with their population, police and SIS data', async () => {
    const result = await graph.operation<{ searchApplicants: Array<Record<string, any>> }>('PersonSearch');
    expect(result.body.data!.searchApplicants.length).toBeGreaterThan(0);
    expect(registriesIn(result.body.data)).toEqual(new Set(['CASE_REGISTER', 'POPULATION', 'POLICE', 'SIS']));
  });
});

describe('registry calls of a worklist of 100', () => {
  type Worklist = { worklist: { items: Array<{ applicant: { id: string }; employer: { businessId: string } | null }> } };

  it('makes exactly one call to each batch registry and one SIS call per distinct applicant', async () => {
    await graph.resetRegistryCalls();
    const result = await graph.operation<Worklist>('Worklist');
    expect(result.body.errors).toBeUndefined();
    const items = result.body.data!.worklist.items;
    expect(items).toHaveLength(100);
    const applicants = new Set(items.map((item) => item.applicant.id));
    const employers = new Set(items.flatMap((item) => (item.employer ? [item.employer.businessId] : [])));
    // The default data set repeats applicants and employers in the first page, so dedup is exercised.
    expect(applicants.size).toBeLessThan(100);
    expect(employers.size).toBeLessThan(items.filter((item) => item.employer).length);

    const calls = await graph.registryCalls();
    expect(calls.caseRegister.calls).toBe(1);
    expect(calls.population.calls).toBe(1);
    expect(calls.tradeRegister).toMatchObject({ calls: 1, keys: employers.size });
    expect(calls.tax).toMatchObject({ calls: 1, keys: employers.size });
    expect(calls.sis).toMatchObject({ calls: applicants.size, keys: applicants.size });
    expect(calls.police.calls).toBe(0);
  });

  it('asks the police once per distinct applicant when the worklist includes police records', async () => {
    await graph.resetRegistryCalls();
    const result = await graph.query<Worklist>(
      `{ worklist(filter: { status: PENDING }, first: 100) { items { applicant { id police { hasEntries } sis { hitCount } population { familyName } } employer { businessId } } } }`,
    );
    expect(result.body.errors).toBeUndefined();
    const applicants = new Set(result.body.data!.worklist.items.map((item) => item.applicant.id));
    const calls = await graph.registryCalls();
    expect(calls.police).toMatchObject({ calls: applicants.size, keys: applicants.size });
    expect(calls.sis.calls).toBe(applicants.size);
    expect(calls.population.calls).toBe(1);
    expect(calls.caseRegister.calls).toBe(1);
  });

  it('splits a worklist of 1,000 into batches the registries accept, still far fewer calls than items', async () => {
    await graph.resetRegistryCalls();
    const result = await graph.operation<Worklist>('Worklist', { first: 1000 });
    expect(result.body.errors).toBeUndefined();
    const items = result.body.data!.worklist.items;
    expect(items).toHaveLength(1000);
    const employers = new Set(items.flatMap((item) => (item.employer ? [item.employer.businessId] : [])));
    const calls = await graph.registryCalls();
    expect(calls.caseRegister.calls).toBe(1);
    expect(calls.population.calls).toBeLessThanOrEqual(2); // at most 500 keys per call
    expect(calls.tradeRegister.calls).toBe(Math.ceil(employers.size / 500));
    expect(calls.tax.calls).toBe(Math.ceil(employers.size / 500));
  });
});
