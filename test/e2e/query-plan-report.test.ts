/**
 * The plan panel's data through the gateway: the query plan, each subgraph fetch and the registry
 * calls behind an answer, for a caller with the query-plan:read right who asks for it, and for
 * nobody else; the subgraphs' own activity reports never reach a client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({ mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } } });
});
afterAll(() => graph.close());

const ASK = { 'x-casegraph-plan': '1' };

interface PlanReport {
  queryPlan: string;
  fetches: Array<{ subgraph: string; path: string[]; entityFetch: boolean; durationMs: number }>;
  registryCalls: Array<{
    subgraph: string;
    registry: string;
    service: string;
    keys: number;
    fromCache: string | null;
    xRoadId: string | null;
    outcome: string;
  }>;
  fromResponseCache: boolean;
}

describe('the query plan and registry calls of a request', () => {
  it('are given to an analyst who asks: the plan, every fetch, and every registry call with its X-Road id', async () => {
    const result = await graph.operation('CaseView', {}, { ...(await graph.as('antti.heikkinen')), ...ASK, 'cache-control': 'no-cache' });
    const report = result.body.extensions?.casegraphPlan as PlanReport;
    expect(report.fromResponseCache).toBe(false);
    expect(report.queryPlan).toMatch(/^QueryPlan \{/);
    expect(report.queryPlan).toMatch(/Fetch\(service: "applications"\)/);
    expect(report.fetches[0]).toMatchObject({ subgraph: 'applications', path: [], entityFetch: false });
    expect(report.fetches.some((fetch) => fetch.entityFetch && fetch.path.join('.') === 'application.applicant')).toBe(true);
    const registries = new Set(report.registryCalls.map((call) => call.registry));
    // An analyst may not read police records: the police registry is never asked.
    expect(registries).toEqual(new Set(['CASE_REGISTER', 'POPULATION', 'SIS', 'TRADE_REGISTER', 'TAX']));
    for (const call of report.registryCalls) {
      expect(call).toMatchObject({ fromCache: null, outcome: 'ok', keys: expect.any(Number) });
      expect(call.xRoadId).toMatch(/^[0-9a-f-]{36}$/);
      expect(call.service).toMatch(/^FI\/GOV\//);
    }
    // The subgraphs' reports are the gateway's business only.
    expect(JSON.stringify(result.body)).not.toMatch(/casegraphRegistryActivity/);
  });

  it('say so when the answer came from the response cache', async () => {
    const analyst = { ...(await graph.as('antti.heikkinen')), ...ASK };
    await graph.operation('CaseView', {}, analyst);
    const warm = await graph.operation('CaseView', {}, analyst);
    expect(warm.body.extensions?.casegraphPlan).toMatchObject({ fromResponseCache: true, fetches: [], registryCalls: [] });
  });

  it('are given to nobody without the right, nor to anyone who does not ask', async () => {
    const caseWorker = await graph.operation('CaseView', {}, { ...(await graph.as('matti.korhonen')), ...ASK });
    expect(caseWorker.body.extensions).toBeUndefined();
    const notAsked = await graph.operation('CaseView', {}, await graph.as('antti.heikkinen'));
    expect(notAsked.body.extensions).toBeUndefined();
    // Apollo Gateway's own experimental header shows nothing either.
    const apolloHeader = await graph.operation(
      'CaseView',
      {},
      { ...(await graph.as('antti.heikkinen')), 'apollo-query-plan-experimental': '1' },
    );
    expect(apolloHeader.body.extensions).toBeUndefined();
  });
});
