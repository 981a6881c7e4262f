/**
 * Prerequisite checks through the gateway over real HTTP, on a crafted data set
 * (test/fixtures/prerequisite-checks.dataset.json, one respect changed per application):
 * real outcomes, evidence and provenance, registry failures as MANUAL_REVIEW, withheld police
 * values, and the bulk query's registry calls as the mocks count them.
 *
 * The fixture's applications:
 *   APP-0000001 work permit, all in order          APP-0000009 citizenship, 4 months of unemployment benefit
 *   APP-0000002 work permit, employer tax debt 1000 APP-0000010 citizenship, 366 days abroad
 *   APP-0000003 work permit, employer in no register APP-0000011 citizenship, no language certificate
 *   APP-0000004 work permit, SIS alert (name, dob)   APP-0000012 citizenship, 6 years of residence, no certificate
 *   APP-0000005 citizenship, all in order            APP-0000013 specialist, salary one cent below 3,638
 *   APP-0000006 citizenship, 18 tomorrow             APP-0000014 family ties (no rule set)
 *   APP-0000007 citizenship, theft conviction        APP-0000015 work permit, the applicant of APP-0000001 again
 *   APP-0000008 citizenship, 15,800 EUR tax debt
 */
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayInFinland } from '../../subgraphs/checks/calendar.js';
import { startTestGraph, type GraphQLResult, type TestGraph } from '../graph-harness.js';

const DATASET_FILE = fileURLToPath(new URL('../fixtures/prerequisite-checks.dataset.json', import.meta.url));
const AS_OF = '2026-10-01';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({
    mocks: { datasetFile: DATASET_FILE, knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } },
    // No cache, so every request's registry calls are its own; no circuit breaking, so a registry
    // set down in one test is seen as down, not as an open circuit, and back in the next.
    subgraphEnv: { REGISTRY_CACHE: 'off', REGISTRY_BREAKER_FAILURES: '0' },
  });
});
afterAll(() => graph.close());
afterEach(() => {
  graph.mocks.knobs.reset();
});

interface FactView {
  name: string;
  value: string | null;
  withheld: boolean;
  confidentiality: string | null;
  source: 'REGISTRY' | 'DECLARED';
  provenance: { registry: string; service: string; retrievedAt: string; requestId: string; fromCache: boolean };
}
interface RuleView {
  ruleId: string;
  version: number;
  outcome: string;
  explanation: string;
  legalBasis: string;
  thresholds: Array<{ name: string; value: number; unit: string; effectiveFrom: string; uncertain: boolean }>;
  facts: FactView[];
  registryFailures: Array<{ registry: string; code: string; message: string }>;
}
interface CheckView {
  applicationType: string;
  ruleSet: { id: string; version: number } | null;
  asOf: string;
  evaluatedAt: string;
  recommendation: string;
  summary: string;
  rules: RuleView[];
  findings: Array<{ ruleId: string; outcome: string }>;
  log: Array<{ at: string; ruleId: string | null; outcome: string | null; text: string }>;
}

const CHECK_FIELDS = `
  applicationType ruleSet { id version } asOf evaluatedAt recommendation summary
  rules {
    ruleId version outcome explanation legalBasis
    thresholds { name value unit effectiveFrom uncertain }
    facts { name value withheld confidentiality source provenance { registry service retrievedAt requestId fromCache } }
    registryFailures { registry code message }
  }
  findings { ruleId outcome }
  log { at ruleId outcome text }`;

/** The check of an application, as the test graph's default caller (a senior case worker) or `as`. */
async function checkOf(id: string, asOf: string | null = AS_OF, as?: Record<string, string>) {
  const result = await graph.query<{ application: { id: string; prerequisiteCheck: CheckView } }>(
    `query($id: ID!, $asOf: Date) { application(id: $id) { id prerequisiteCheck(asOf: $asOf) { ${CHECK_FIELDS} } } }`,
    { id, asOf },
    as,
  );
  expect(result.status).toBe(200);
  return { check: result.body.data?.application.prerequisiteCheck, errors: result.body.errors, raw: JSON.stringify(result.body) };
}

const ruleOf = (check: CheckView | undefined, id: string) => check!.rules.find((rule) => rule.ruleId === id)!;

describe("a case's prerequisite check through the gateway", () => {
  it("all fulfilled: READY_FOR_DECISION, with a log like UMA's and provenance on every fact", async () => {
    const { check, errors } = await checkOf('APP-0000001');
    expect(errors).toBeUndefined();
    expect(check).toMatchObject({
      applicationType: 'WORK_PERMIT',
      ruleSet: { id: 'employer-check', version: 1 },
      asOf: AS_OF,
      recommendation: 'READY_FOR_DECISION',
      findings: [],
    });
    expect(check!.rules.every((rule) => rule.outcome === 'FULFILLED')).toBe(true);
    // The overall line first, then one line per rule in the rule set's order, all at the evaluation time.
    expect(check!.log[0]).toMatchObject({ ruleId: null, outcome: null, text: expect.stringMatching(/^Fulfilled - automatic/) });
    expect(check!.log.slice(1).map((line) => line.ruleId)).toEqual(check!.rules.map((rule) => rule.ruleId));
    expect(check!.log.every((line) => line.at === check!.evaluatedAt)).toBe(true);
    expect(check!.log.map((line) => line.text)).toContain(
      "Amount of the employer's tax liability is less than 1000 euros. Amount of tax debt: 0 euros",
    );
    const facts = check!.rules.flatMap((rule) => rule.facts);
    expect(new Set(facts.map((fact) => fact.provenance.registry))).toEqual(new Set(['TRADE_REGISTER', 'TAX', 'SIS']));
    for (const fact of facts) {
      expect(fact.provenance.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(fact.provenance.retrievedAt)).toBeLessThanOrEqual(Date.parse(check!.evaluatedAt));
    }
    const taxDebt = ruleOf(check, 'employer.taxDebt');
    expect(taxDebt.thresholds).toEqual([
      { name: 'employerCheck.taxDebtBelowEur', value: 1000, unit: 'EUR', effectiveFrom: '2022-01-01', uncertain: true },
    ]);
    expect(taxDebt.facts[0]).toMatchObject({ name: 'taxDebtEur', value: '0', withheld: false, source: 'REGISTRY' });
  });

  it.each([
    ['APP-0000002', 'employer.taxDebt', /Amount of tax debt: 1000 euros/],
    ['APP-0000003', 'employer.inTradeRegister', /not in the trade register/],
    ['APP-0000006', 'citizenship.age', /under 18/],
    ['APP-0000007', 'citizenship.integrity', /conviction within its waiting period/],
    ['APP-0000008', 'citizenship.paymentObligations', /15800 euros/],
    ['APP-0000009', 'citizenship.meansOfSupport', /4 months of unemployment benefit/],
    ['APP-0000010', 'citizenship.daysAbroad', /366 days abroad in total/],
    ['APP-0000011', 'citizenship.language', /No certificate/],
    ['APP-0000012', 'citizenship.residencePeriod', /8 years required/],
    ['APP-0000013', 'specialist.salary', /3637\.99 euros, less than the 3638/],
  ])('%s: %s NOT_FULFILLED, a finding for a case worker, never a rejection', async (id, ruleId, explanation) => {
    const { check, errors } = await checkOf(id);
    expect(errors).toBeUndefined();
    expect(check!.recommendation).toBe('FINDINGS_FOR_CASE_WORKER');
    expect(ruleOf(check, ruleId)).toMatchObject({ outcome: 'NOT_FULFILLED', explanation: expect.stringMatching(explanation) });
    expect(check!.findings[0]).toEqual({ ruleId, outcome: 'NOT_FULFILLED' });
  });

  it('all citizenship prerequisites fulfilled: READY_FOR_DECISION', async () => {
    const { check } = await checkOf('APP-0000005');
    expect(check).toMatchObject({ ruleSet: { id: 'citizenship' }, recommendation: 'READY_FOR_DECISION' });
    expect(check!.rules.map((rule) => rule.ruleId)).toEqual([
      'citizenship.age',
      'citizenship.identity',
      'citizenship.residencePeriod',
      'citizenship.daysAbroad',
      'citizenship.language',
      'citizenship.integrity',
      'citizenship.paymentObligations',
      'citizenship.meansOfSupport',
      'sis.noHits',
    ]);
  });

  it('a SIS II hit: MANUAL_REVIEW', async () => {
    const { check } = await checkOf('APP-0000004');
    expect(check!.recommendation).toBe('FINDINGS_FOR_CASE_WORKER');
    expect(check!.findings).toEqual([{ ruleId: 'sis.noHits', outcome: 'MANUAL_REVIEW' }]);
    expect(ruleOf(check, 'sis.noHits').facts).toContainEqual(
      expect.objectContaining({ name: 'sisHitArticles', value: '["REFUSAL_OF_ENTRY_OR_STAY"]' }),
    );
  });

  it('a type without a rule set says so, and recommends nothing', async () => {
    const { check } = await checkOf('APP-0000014');
    expect(check).toMatchObject({
      applicationType: 'FAMILY_TIES',
      ruleSet: null,
      recommendation: 'NO_AUTOMATIC_RECOMMENDATION',
      rules: [],
      findings: [],
    });
    expect(check!.summary).toMatch(/no prerequisite rule set for FAMILY_TIES/);
  });

  it('police values are withheld from a case worker while the integrity outcome and explanation show', async () => {
    const { check, raw } = await checkOf('APP-0000007', AS_OF, await graph.as('kaisa.virtanen'));
    const integrity = ruleOf(check, 'citizenship.integrity');
    expect(integrity.outcome).toBe('NOT_FULFILLED');
    expect(integrity.facts.length).toBeGreaterThan(0);
    for (const fact of integrity.facts) {
      expect(fact).toMatchObject({
        value: null,
        withheld: true,
        confidentiality: 'POLICE_RECORDS',
        source: 'REGISTRY',
        provenance: { registry: 'POLICE' },
      });
    }
    expect(check!.log.find((line) => line.ruleId === 'citizenship.integrity')).toMatchObject({
      outcome: 'NOT_FULFILLED',
      text: integrity.explanation,
    });
    // Nothing of the record itself anywhere in the answer.
    expect(raw).not.toMatch(/R\/2026\/004711|Theft|day-fines|2026-02-01/);
    // Facts of other registries are not withheld.
    expect(ruleOf(check, 'citizenship.paymentObligations').facts.every((fact) => !fact.withheld && fact.value !== null)).toBe(true);
  });

  it('police values show to a senior case worker, who holds the police-records right', async () => {
    const { check, raw } = await checkOf('APP-0000007', AS_OF, await graph.as('matti.korhonen'));
    const integrity = ruleOf(check, 'citizenship.integrity');
    expect(integrity.outcome).toBe('NOT_FULFILLED');
    expect(integrity.facts.every((fact) => !fact.withheld && fact.value !== null && fact.confidentiality === 'POLICE_RECORDS')).toBe(true);
    expect(raw).toMatch(/R\/2026\/004711/);
  });

  it("declared facts say so, with the case register's provenance", async () => {
    const { check } = await checkOf('APP-0000009');
    const [support] = ruleOf(check, 'citizenship.meansOfSupport').facts;
    expect(support).toMatchObject({
      name: 'meansOfSupport',
      source: 'DECLARED',
      withheld: false,
      provenance: { registry: 'CASE_REGISTER', service: expect.stringContaining('/UMA/') },
    });
    expect(JSON.parse(support!.value!)).toEqual({ unemploymentBenefitMonths: 4, socialAssistanceMonths: 0 });
    expect(ruleOf(check, 'citizenship.language').facts[0]).toMatchObject({ source: 'DECLARED' });
    expect(ruleOf(check, 'citizenship.identity').facts.find((fact) => fact.name === 'identityCodeValid')).toMatchObject({
      source: 'REGISTRY',
      provenance: { registry: 'POPULATION' },
    });
  });

  it('evaluates as of today in Finland when asOf is not given', async () => {
    const { check } = await checkOf('APP-0000001', null);
    expect(check!.asOf).toBe(todayInFinland());
  });
});

describe('a registry that cannot be consulted', () => {
  it('tax down: the rules that need it are MANUAL_REVIEW naming TAX; the check itself succeeds', async () => {
    graph.mocks.knobs.patch('tax', { down: true });
    const { check, errors } = await checkOf('APP-0000001');
    expect(errors).toBeUndefined();
    expect(check!.recommendation).toBe('FINDINGS_FOR_CASE_WORKER');
    for (const ruleId of [
      'employer.taxReturns',
      'employer.overdueTaxes',
      'employer.taxDebt',
      'employer.noDamagesByJudgment',
      'employer.insurance',
      'employer.customsDuties',
    ]) {
      expect(ruleOf(check, ruleId), ruleId).toMatchObject({
        outcome: 'MANUAL_REVIEW',
        explanation: expect.stringContaining('TAX (REGISTRY_UNAVAILABLE)'),
        registryFailures: [{ registry: 'TAX', code: 'REGISTRY_UNAVAILABLE', message: expect.stringMatching(/unavailable/) }],
      });
    }
    expect(ruleOf(check, 'employer.inTradeRegister').outcome).toBe('FULFILLED');
  });

  it('police down: integrity is MANUAL_REVIEW naming POLICE', async () => {
    graph.mocks.knobs.patch('police', { down: true });
    const { check, errors } = await checkOf('APP-0000005');
    expect(errors).toBeUndefined();
    expect(ruleOf(check, 'citizenship.integrity')).toMatchObject({
      outcome: 'MANUAL_REVIEW',
      registryFailures: [{ registry: 'POLICE', code: 'REGISTRY_UNAVAILABLE' }],
    });
    expect(check!.findings).toEqual([{ ruleId: 'citizenship.integrity', outcome: 'MANUAL_REVIEW' }]);
  });
});

describe('bulk checks', () => {
  type Page = {
    prerequisiteChecks: {
      totalCount: number;
      nextCursor: string | null;
      items: Array<{ application: { id: string; applicant?: { id: string } }; recommendation: string }>;
    };
  };
  /** The bulk query; `application` selects more than the id only when it must, as that costs a case-register call. */
  const bulk = (application = 'id') => `query($type: ApplicationType!, $first: Int, $after: String) {
    prerequisiteChecks(type: $type, first: $first, after: $after, asOf: "${AS_OF}") {
      totalCount nextCursor items { application { ${application} } recommendation }
    }
  }`;

  /** Pages through a type as the bulk-checker service account, or as `as`. */
  async function allPages(type: string, first: number, application?: string, as?: Record<string, string>) {
    const caller = as ?? (await graph.as('bulk-checker'));
    await graph.resetRegistryCalls();
    const pages: Page['prerequisiteChecks'][] = [];
    let after: string | null = null;
    do {
      const result: GraphQLResult<Page> = await graph.query<Page>(bulk(application), { type, first, after }, caller);
      expect(result.body.errors).toBeUndefined();
      pages.push(result.body.data!.prerequisiteChecks);
      after = result.body.data!.prerequisiteChecks.nextCursor;
    } while (after);
    return { pages, calls: await graph.registryCalls() };
  }

  it('pages through the citizenship applications, oldest first, with one call per batch registry per page and one police and SIS call per applicant', async () => {
    const { pages, calls } = await allPages('CITIZENSHIP', 3);
    expect(pages.map((page) => page.items.length)).toEqual([3, 3, 2]);
    expect(pages.flatMap((page) => page.items.map((item) => item.application.id))).toEqual(
      ['05', '06', '07', '08', '09', '10', '11', '12'].map((n) => `APP-00000${n}`),
    );
    expect(pages[0]!.totalCount).toBe(8);
    expect(calls.caseRegister).toMatchObject({ calls: 3 }); // one listing per page, nothing more
    expect(calls.population).toMatchObject({ calls: 3, keys: 8 });
    expect(calls.tax).toMatchObject({ calls: 3, keys: 8 });
    expect(calls.police).toMatchObject({ calls: 8, keys: 8 });
    expect(calls.sis).toMatchObject({ calls: 8, keys: 8 });
    expect(calls.tradeRegister.calls).toBe(0);
  });

  it('makes fewer registry calls per application as the page grows', async () => {
    const total = (calls: Record<string, { calls: number }>) => Object.values(calls).reduce((sum, registry) => sum + registry.calls, 0);
    const small = await allPages('CITIZENSHIP', 3);
    const whole = await allPages('CITIZENSHIP', 8);
    expect(whole.pages).toHaveLength(1);
    expect(total(whole.calls)).toBe(1 + 1 + 1 + 8 + 8);
    expect(total(whole.calls) / 8).toBeLessThan(total(small.calls) / 8);
  });

  it("asks the trade register and tax once for the page's distinct employers, and SIS once per distinct applicant", async () => {
    // Bulk rights and case rights: the applicant is case data, which the bulk checker alone may not read.
    const bulkAndCase = await graph.as({ sub: 'checks.lead', roles: ['bulk-checker', 'case-worker'], unit: 'HEL-1' });
    const { pages, calls } = await allPages('WORK_PERMIT', 10, 'id applicant { id }', bulkAndCase);
    const items = pages[0]!.items;
    expect(items.map((item) => item.application.id)).toEqual(['APP-0000001', 'APP-0000002', 'APP-0000003', 'APP-0000004', 'APP-0000015']);
    expect(items.map((item) => item.recommendation)).toEqual([
      'READY_FOR_DECISION',
      'FINDINGS_FOR_CASE_WORKER',
      'FINDINGS_FOR_CASE_WORKER',
      'FINDINGS_FOR_CASE_WORKER',
      'READY_FOR_DECISION',
    ]);
    const applicants = new Set(items.map((item) => item.application.applicant!.id));
    expect(applicants.size).toBe(4); // APP-0000015 is APP-0000001's applicant again
    // The applicant ids come through the gateway from the applications subgraph: one more case-register call.
    expect(calls.caseRegister.calls).toBe(2);
    expect(calls.tradeRegister).toMatchObject({ calls: 1, keys: 3 });
    expect(calls.tax).toMatchObject({ calls: 1, keys: 3 });
    expect(calls.sis).toMatchObject({ calls: 4, keys: 4 });
    expect(calls.police.calls + calls.population.calls).toBe(0);
  });

  it.each([
    ['a page of 0', { first: 0 }, /first must be between 1 and 1000/],
    ['a page of 1,001', { first: 1001 }, /first must be between 1 and 1000/],
    ['a date that does not exist', { asOf: '2026-02-30' }, /Date is written YYYY-MM-DD and must exist/],
    ['a date written otherwise', { asOf: '1.10.2026' }, /Date is written YYYY-MM-DD/],
  ])('%s is BAD_USER_INPUT and asks no registry', async (_case, variables, message) => {
    await graph.resetRegistryCalls();
    const result = await graph.query(
      'query($first: Int = 100, $asOf: Date) { prerequisiteChecks(type: CITIZENSHIP, first: $first, asOf: $asOf) { totalCount } }',
      variables,
      await graph.as('bulk-checker'),
    );
    expect(result.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } });
    expect(Object.values(await graph.registryCalls()).reduce((sum, registry) => sum + registry.calls, 0)).toBe(0);
  });

  it('a cursor that did not come from it is BAD_USER_INPUT', async () => {
    const result = await graph.query(
      '{ prerequisiteChecks(type: CITIZENSHIP, after: "not-a-cursor") { totalCount } }',
      undefined,
      await graph.as('bulk-checker'),
    );
    expect(result.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/after is not a cursor/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('needs the bulk right: a case worker is refused, and no registry is asked', async () => {
    await graph.resetRegistryCalls();
    const result = await graph.query(
      '{ prerequisiteChecks(type: CITIZENSHIP) { totalCount } }',
      undefined,
      await graph.as('kaisa.virtanen'),
    );
    expect(result.status).toBe(403);
    expect(result.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(Object.values(await graph.registryCalls()).reduce((sum, registry) => sum + registry.calls, 0)).toBe(0);
  });

  it("shows the bulk checker outcomes and application ids, never the applicant's case data", async () => {
    const asBulkChecker = await graph.as('bulk-checker');
    const ids = await graph.query<Page>(bulk('id'), { type: 'CITIZENSHIP', first: 3 }, asBulkChecker);
    expect(ids.body.errors).toBeUndefined();
    expect(ids.body.data!.prerequisiteChecks.items.map((item) => item.application.id)).toEqual([
      'APP-0000005',
      'APP-0000006',
      'APP-0000007',
    ]);

    await graph.resetRegistryCalls();
    const result = await graph.query<Page>(bulk('id applicant { id familyName }'), { type: 'CITIZENSHIP', first: 3 }, asBulkChecker);
    // Applicant! is non-null all the way up, so the null it becomes propagates to the root, as GraphQL's own errors do.
    expect(result.body.data).toBeNull();
    expect(result.body.errors).toEqual([
      expect.objectContaining({
        path: ['prerequisiteChecks', 'items', '@', 'application', 'applicant'],
        extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' },
      }),
    ]);
    // Nothing the answer would throw away was fetched: with the root null, no registry was asked at all.
    expect(Object.values(await graph.registryCalls()).reduce((sum, registry) => sum + registry.calls, 0)).toBe(0);
  });
});
