/**
 * One request's appetite, end to end: the registry calls a request may cause are estimated and
 * refused before any registry is asked (the mocks' own counters say none was), a caller's rate
 * budget answers 429 with Retry-After, the fresh path is the stricter, and bulk checks run under a
 * budget of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type AnotherGateway, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph.close());

const ids = Array.from({ length: 1000 }, (_, i) => `APP-${String(i + 1).padStart(7, '0')}`);
const THOUSAND_WITH_POLICE_AND_SIS = `query ($ids: [ID!]!) {
  applications(ids: $ids) { id applicant { police { hasEntries } sis { hitCount requiresHumanReview } } }
}`;
const NO_CACHE = { 'cache-control': 'no-cache' };
/** The population record of APP-0000001's applicant is read within that case. */
const IN_CASE = { 'x-case-id': 'APP-0000001' };

async function totalRegistryCalls(): Promise<number> {
  return Object.values(await graph.registryCalls()).reduce((sum, registry) => sum + registry.calls, 0);
}

describe('the registry call budget of one request', () => {
  it('refuses the issue repro (1,000 ids, police and SIS, no-cache) with QUERY_TOO_COMPLEX before any registry is asked', async () => {
    await graph.resetRegistryCalls();
    const result = await graph.query(THOUSAND_WITH_POLICE_AND_SIS, { ids }, { ...(await graph.as('matti.korhonen')), ...NO_CACHE });
    expect(result.status).toBe(400);
    expect(result.body.data ?? null).toBeNull();
    expect(result.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/may cause 2002 registry calls; a fresh request may cause at most 250/),
        extensions: { code: 'QUERY_TOO_COMPLEX', estimatedRegistryCalls: 2002, registryCallBudget: 250 },
      }),
    ]);
    expect(await totalRegistryCalls()).toBe(0);
  });

  it('counts only what @include lets run: the same 1,000 ids without police and SIS fit the fresh budget, and no police or SIS registry is asked', async () => {
    const conditional = `query ($ids: [ID!]!, $checks: Boolean!) {
      applications(ids: $ids) { id applicant { police @include(if: $checks) { hasEntries } sis @include(if: $checks) { hitCount } } }
    }`;
    const headers = { ...(await graph.as('matti.korhonen')), ...NO_CACHE };
    await graph.resetRegistryCalls();
    const refused = await graph.query(conditional, { ids, checks: true }, headers);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', estimatedRegistryCalls: 2002 });
    const served = await graph.query(conditional, { ids, checks: false }, headers);
    expect(served.status).toBe(200);
    // Admitted: what is refused now is only the other units' cases (purpose binding), not the budget.
    expect(new Set((served.body.errors ?? []).map((error) => error.extensions?.reason))).toEqual(new Set(['CASE_OF_ANOTHER_UNIT']));
    expect((served.body.data?.applications as unknown[]).length).toBe(1000);
    const calls = await graph.registryCalls();
    expect([calls.police?.calls ?? 0, calls.sis?.calls ?? 0]).toEqual([0, 0]);
    expect(await totalRegistryCalls()).toBeLessThanOrEqual(2);
  });

  it('refuses an operation over the standard budget too, aliases counted, with zero registry calls', async () => {
    await graph.resetRegistryCalls();
    const twice = `query ($ids: [ID!]!) {
      a: applications(ids: $ids) { applicant { police { hasEntries } sis { hitCount } } }
      b: applications(ids: $ids) { applicant { police { hasEntries } sis { hitCount } } }
    }`;
    const result = await graph.query(twice, { ids }, { ...(await graph.as('matti.korhonen')), 'x-case-id': 'APP-0000001' });
    expect(result.status).toBe(400);
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', registryCallBudget: 2500 });
    // Not even the case named in x-case-id was checked.
    expect(await totalRegistryCalls()).toBe(0);
  });

  it('lets a case view run, fresh or not, making no more registry calls than estimated', async () => {
    for (const headers of [{}, NO_CACHE]) {
      await graph.resetRegistryCalls();
      const result = await graph.operation('CaseView', {}, { ...(await graph.as('matti.korhonen')), ...headers });
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
      expect((result.body.data as { application: { id: string } }).application.id).toBe('APP-0000001');
      expect(await totalRegistryCalls()).toBeLessThanOrEqual(7);
    }
  });
});

describe('the budget during execution', () => {
  let gateway: AnotherGateway;
  beforeAll(async () => {
    gateway = await graph.startAnotherGateway({ REGISTRY_CALL_BUDGET: '14', REGISTRY_CALL_BUDGET_FRESH: '14', RESPONSE_CACHE: 'off' });
  });
  afterAll(() => gateway.close());

  it('stops the registry calls an estimate missed: an employer with more applications than assumed', async () => {
    const byEmployer = new Map<string, Set<string>>();
    for (const application of graph.mocks.dataset.caseRegister.applications) {
      if (!application.employerBusinessId) continue;
      const applicants = byEmployer.get(application.employerBusinessId) ?? new Set<string>();
      byEmployer.set(application.employerBusinessId, applicants.add(application.applicantId));
    }
    const [businessId, applicants] = [...byEmployer].sort((a, b) => b[1].size - a[1].size)[0]!;
    expect(applicants.size).toBeGreaterThan(20);
    // Estimated as 10 applications (an unsized list): employer, applications and 10 SIS calls, 12 of 14.
    const query = `query ($businessId: String!) { employer(businessId: $businessId) { applications { id applicant { sis { hitCount } } } } }`;
    const everyUnit = await graph.as({ sub: 'test.every-unit', roles: ['senior-case-worker', 'bulk-checker'], unit: 'HEL-1' });
    await graph.resetRegistryCalls();
    const result = await gateway.query(query, { businessId }, { ...everyUnit, ...NO_CACHE });
    expect(result.status).toBe(200);
    const calls = await graph.registryCalls();
    // The SIS subgraph got what was left after the case register's calls, and made no more.
    expect(calls.sis.calls).toBeLessThanOrEqual(14 - calls.caseRegister.calls);
    expect(calls.sis.calls).toBeGreaterThan(0);
    const overBudget = (result.body.errors ?? []).filter((error) => error.extensions?.code === 'QUERY_TOO_COMPLEX');
    // One error per application whose applicant's SIS search was not made (an applicant may have several).
    expect(overBudget.length).toBeGreaterThanOrEqual(applicants.size - calls.sis.calls);
    for (const error of overBudget) expect(error.extensions).toMatchObject({ registry: 'SIS' });
  });
});

describe('the rate budget of a caller', () => {
  let gateway: AnotherGateway;
  beforeAll(async () => {
    gateway = await graph.startAnotherGateway({
      REGISTRY_CALL_BUDGET_FRESH: '2',
      REGISTRY_FRESH_RATE_BURST: '3',
      REGISTRY_FRESH_RATE_PER_SECOND: '1',
      RESPONSE_CACHE: 'off',
    });
  });
  afterAll(() => gateway.close());

  const RECORD = '{ populationRecord(personalIdentityCode: "140391Y714Y") { identityCodeValid } }';

  it('answers 429 RATE_LIMITED with Retry-After once a caller has spent their fresh calls, asking no registry, others unaffected', async () => {
    const matti = { ...(await graph.as('matti.korhonen')), ...IN_CASE, ...NO_CACHE };
    const statuses: number[] = [];
    for (let i = 0; i < 6 && !statuses.includes(429); i++) {
      const result = await gateway.query(RECORD, {}, matti);
      if (result.status === 200) expect(result.body.errors).toBeUndefined();
      statuses.push(result.status);
    }
    // A bucket of 3 calls, refilled at 1 a second: a fresh population record (and the case check) a time.
    expect(statuses[0]).toBe(200);
    expect(statuses.at(-1)).toBe(429);
    await graph.resetRegistryCalls();
    const limited = await gateway.query(RECORD, {}, matti);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter } })]);
    expect(await totalRegistryCalls()).toBe(0);
    // The same caller without no-cache draws on the standard bucket; after Retry-After, on the fresh one again.
    expect((await gateway.query(RECORD, {}, { ...(await graph.as('matti.korhonen')), ...IN_CASE })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    expect((await gateway.query(RECORD, {}, matti)).status).toBe(200);
  });
});

describe('the bulk checks budget', () => {
  let gateway: AnotherGateway;
  beforeAll(async () => {
    gateway = await graph.startAnotherGateway({
      REGISTRY_CALL_BUDGET_BULK: '60',
      REGISTRY_BULK_RATE_BURST: '60',
      REGISTRY_BULK_RATE_PER_SECOND: '1',
      REGISTRY_RATE_BURST: '2500',
      RESPONSE_CACHE: 'off',
    });
  });
  afterAll(() => gateway.close());

  it('is its own: per request, and one bucket for the service that no case worker draws on', async () => {
    const bulkChecker = { ...(await graph.as('bulk-checker')), ...NO_CACHE };
    // 100 checks are estimated at 206 calls: over the bulk budget of 60, though the standard and fresh ones allow far more.
    const tooMany = await gateway.operation('BulkPrerequisiteChecks', { first: 100 }, bulkChecker);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', registryCallBudget: 60 });
    // 10 checks (estimated at 26) run fresh under the bulk budget, not the fresh one (2 calls above would refuse it).
    const first = await gateway.operation('BulkPrerequisiteChecks', { first: 10 }, bulkChecker);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    // The service's bucket runs dry for the bulk checker; a case worker is not affected.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await gateway.operation('BulkPrerequisiteChecks', { first: 10 }, bulkChecker)).status);
    expect(statuses).toContain(429);
    expect((await gateway.operation('CaseView', {}, await graph.as('matti.korhonen'))).status).toBe(200);
  });
});
