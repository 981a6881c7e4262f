/**
 * The gateway's caches never hand one caller's view to another who may see less (or more): query
 * plans are kept per filtered document (what the caller may see), decisions per rights set, and
 * whole responses per caller, rights, unit and case. A senior case worker, who may read police
 * records, and a case worker, who may not, take turns at the same CaseView; each keeps getting
 * their own shape, from the response cache and, asking for fresh data, through a cached plan.
 *
 * The registry cache and the response cache are on, as shipped: this is about caches.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION } from '../../contracts/identity.js';
import { startTestGraph, type GraphQLResult, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({ mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } } });
});
afterAll(() => graph.close());
beforeEach(() => graph.resetRegistryCalls());

interface CaseView {
  application: { id: string; applicant: { police: unknown; sis: unknown; population: unknown } };
}

function authorizationErrorPaths(result: GraphQLResult<CaseView>): string[] {
  return (result.body.errors ?? [])
    .filter((error) => error.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE')
    .map((error) => error.path!.join('.'))
    .sort();
}

/** What a senior case worker gets: police records and SIS alert details, no errors. */
function expectSeniorShape(result: GraphQLResult<CaseView>): void {
  expect(result.status).toBe(200);
  expect(result.body.errors).toBeUndefined();
  expect(result.body.data?.application.applicant.police).toMatchObject({ hasEntries: expect.any(Boolean) });
  expect(result.body.data?.application.applicant.sis).toMatchObject({ hits: expect.any(Array) });
}

/** What a case worker gets: the rest of the case, police and the SIS check null with an error each. */
function expectCaseWorkerShape(result: GraphQLResult<CaseView>): void {
  expect(result.status).toBe(200);
  expect(result.body.data?.application.applicant.police).toBeNull();
  // The SIS outcome, without the alert details.
  expect(result.body.data?.application.applicant.sis).toMatchObject({ hits: null, hitCount: expect.any(Number) });
  expect(result.body.data?.application.applicant.population).not.toBeNull();
  expect(authorizationErrorPaths(result)).toEqual(['application.applicant.police', 'application.applicant.sis.hits']);
  expect(result.body.errors).toHaveLength(2);
}

const servedFromResponseCache = (result: GraphQLResult<CaseView>) => result.headers.get('age') !== null;

/** Fresh data from the registries: skips the response cache (and the registry cache), so the request is planned and run. */
const FRESH = { 'cache-control': 'no-cache' };

describe('a senior case worker and a case worker taking turns at the same CaseView', () => {
  it('each get their own answer from the response cache, never the other’s', async () => {
    const senior = await graph.as('matti.korhonen');
    const caseWorker = await graph.as('kaisa.virtanen');
    for (let round = 0; round < 4; round += 1) {
      const seniorsAnswer = await graph.operation<CaseView>('CaseView', {}, senior);
      expectSeniorShape(seniorsAnswer);
      const caseWorkersAnswer = await graph.operation<CaseView>('CaseView', {}, caseWorker);
      expectCaseWorkerShape(caseWorkersAnswer);
      // From the second round on both answers come from the response cache: it is what is tested.
      expect({ round, cached: [servedFromResponseCache(seniorsAnswer), servedFromResponseCache(caseWorkersAnswer)] }).toEqual({
        round,
        cached: [round > 0, round > 0],
      });
    }
  });

  it('each get their own plan when the request is planned and run: police is asked for the senior only', async () => {
    const senior = { ...(await graph.as('matti.korhonen')), ...FRESH };
    const caseWorker = { ...(await graph.as('kaisa.virtanen')), ...FRESH };
    for (let round = 0; round < 4; round += 1) {
      await graph.resetRegistryCalls();
      const seniorsAnswer = await graph.operation<CaseView>('CaseView', {}, senior);
      expectSeniorShape(seniorsAnswer);
      expect(servedFromResponseCache(seniorsAnswer)).toBe(false);
      expect({ round, policeCalls: (await graph.registryCalls()).police.calls }).toEqual({ round, policeCalls: 1 });

      await graph.resetRegistryCalls();
      const caseWorkersAnswer = await graph.operation<CaseView>('CaseView', {}, caseWorker);
      expectCaseWorkerShape(caseWorkersAnswer);
      expect(servedFromResponseCache(caseWorkersAnswer)).toBe(false);
      expect({ round, policeCalls: (await graph.registryCalls()).police.calls }).toEqual({ round, policeCalls: 0 });
    }
  });
});

describe('the same user with other rights', () => {
  it('gets what their rights now allow, not what the response cache kept for their former ones', async () => {
    const asSenior = await graph.as('matti.korhonen');
    expectSeniorShape(await graph.operation<CaseView>('CaseView', {}, asSenior));
    expect(servedFromResponseCache(await graph.operation<CaseView>('CaseView', {}, asSenior))).toBe(true);

    // The same person, moved to a case worker's role: a token with other roles, the same sub and unit.
    const demoted = await graph.as({ sub: 'matti.korhonen', roles: ['case-worker'], unit: 'HEL-1', org: DEMO_ORGANISATION });
    expectCaseWorkerShape(await graph.operation<CaseView>('CaseView', {}, demoted));
    expectCaseWorkerShape(await graph.operation<CaseView>('CaseView', {}, demoted));

    // And back: the senior answer again, not the case worker's just cached.
    expectSeniorShape(await graph.operation<CaseView>('CaseView', {}, asSenior));
  });
});

describe('another caller with the same rights and unit', () => {
  it('is not served the first caller’s cached answer: registries log who asked, so each caller asks for themselves', async () => {
    const first = await graph.as('kaisa.virtanen');
    expectCaseWorkerShape(await graph.operation<CaseView>('CaseView', {}, first));
    expect(servedFromResponseCache(await graph.operation<CaseView>('CaseView', {}, first))).toBe(true);

    const colleague = await graph.as({ sub: 'maija.colleague', roles: ['case-worker'], unit: 'HEL-1', org: DEMO_ORGANISATION });
    const colleaguesAnswer = await graph.operation<CaseView>('CaseView', {}, colleague);
    expectCaseWorkerShape(colleaguesAnswer);
    expect(servedFromResponseCache(colleaguesAnswer)).toBe(false);
  });
});
