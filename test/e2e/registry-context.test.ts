/**
 * What the registries see of a query: X-Road headers that say who asked about which case, and
 * biographic searches for applicants without a Finnish identity code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import type { StatsSnapshot } from '../../mocks/stats.js';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
beforeAll(async () => {
  // Cold registries: these tests look at the registry calls a query makes.
  graph = await startTestGraph({ mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } }, subgraphEnv: { REGISTRY_CACHE: 'off' } });
});
afterAll(() => graph.close());

async function recentCalls() {
  return ((await (await fetch(`${graph.mocks.url}/__stats`)).json()) as StatsSnapshot).recentCalls;
}

describe('X-Road headers', () => {
  it('carry the case as X-Road-Issue and the caller as X-Road-UserId on every registry call of a case view', async () => {
    await graph.resetRegistryCalls();
    await graph.operation('CaseView', {}, await graph.as('matti.korhonen'));
    const calls = await recentCalls();
    expect(new Set(calls.map((call) => call.registry))).toEqual(
      new Set(['caseRegister', 'population', 'police', 'sis', 'tradeRegister', 'tax']),
    );
    for (const call of calls) {
      expect(call).toMatchObject({
        xRoadIssue: SCENARIO.showcase,
        xRoadUserId: 'FImatti.korhonen',
        xRoadClient: 'FI/GOV/1765514-2/casegraph',
      });
      expect(call.xRoadId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(new Set(calls.map((call) => call.xRoadId)).size).toBe(calls.length);
  });

  it('take the case from the X-Case-Id header when the client names it', async () => {
    await graph.resetRegistryCalls();
    await graph.query('{ employer(businessId: "0245437-2") { tradeRegister { name } } }', {}, { 'x-case-id': 'APP-0000012' });
    const calls = await recentCalls();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((call) => call.xRoadIssue === 'APP-0000012')).toBe(true);
  });

  it('name no case for a worklist, which is about many', async () => {
    await graph.resetRegistryCalls();
    await graph.operation('Worklist', { first: 5 });
    expect((await recentCalls()).every((call) => call.xRoadIssue === null)).toBe(true);
  });
});

describe('applicants without a Finnish identity code', () => {
  it('are still checked against police and SIS by their biographic data', async () => {
    const result = await graph.query<{ application: { applicant: Record<string, any> } }>(
      `query($id: ID!) { application(id: $id) { applicant {
        personalIdentityCode population { familyName }
        police { matchedBy } sis { searchedBy hitCount requiresHumanReview hits { matchedOn } } } } }`,
      { id: SCENARIO.noCodeSisNameMatch },
    );
    expect(result.body.errors).toBeUndefined();
    const { applicant } = result.body.data!.application;
    expect(applicant.personalIdentityCode).toBeNull();
    expect(applicant.population).toBeNull();
    expect(applicant.police.matchedBy).toBe('BIOGRAPHIC');
    expect(applicant.sis.searchedBy).toContain('NAME_AND_DATE_OF_BIRTH');
    expect(applicant.sis.requiresHumanReview).toBe(true);
    expect(applicant.sis.hits[0].matchedOn).toContain('NAME_AND_DATE_OF_BIRTH');
  });
});
