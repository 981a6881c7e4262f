/**
 * The registry cache on embedded defaults (memory only, no Redis), through the gateway over
 * real HTTP: warm answers make no registry calls and say so in their provenance; fresh reads,
 * TTLs, single flight, partial batches and eviction behave as documented.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { applicantOf } from '../dataset-fixtures.js';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph({
    mocks: { knobs: { defaults: { latencyMs: 5, jitterMs: 0 } } },
    subgraphEnv: { CACHE_TTL_SIS: '1', REGISTRY_BREAKER_FAILURES: '0' },
  });
});
afterAll(() => graph.close());
beforeEach(async () => {
  graph.mocks.knobs.reset();
  await admin('/admin/cache/flush', {});
  await graph.resetRegistryCalls();
});

/** Cache administration as an operator (olli.jarvinen holds cache:admin). */
async function admin(path: string, body: unknown, as = 'olli.jarvinen') {
  const response = await fetch(`${graph.gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await graph.as(as)) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function totalCalls(): Promise<number> {
  return Object.values(await graph.registryCalls()).reduce((sum, registry) => sum + registry.calls, 0);
}

/** Every provenance in a response. */
function provenances(value: unknown, found: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) value.forEach((item) => provenances(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'provenance' && child) found.push(child as Record<string, unknown>);
      else provenances(child, found);
    }
  }
  return found;
}

describe('registry cache, memory level', () => {
  it('answers a warm repeat of the case view with zero registry calls, and says the data came from the cache', async () => {
    const cold = await graph.operation('CaseView');
    expect(cold.body.errors).toBeUndefined();
    expect(await totalCalls()).toBeGreaterThanOrEqual(7);
    const coldProvenance = provenances(cold.body.data);
    expect(coldProvenance.every((p) => p.fromCache === false)).toBe(true);

    await graph.resetRegistryCalls();
    const warm = await graph.operation('CaseView');
    expect(await totalCalls()).toBe(0);
    expect(warm.body.errors).toBeUndefined();
    const warmProvenance = provenances(warm.body.data);
    expect(warmProvenance).toHaveLength(coldProvenance.length);
    expect(warmProvenance.every((p) => p.fromCache === true)).toBe(true);
    // The time it was retrieved from the registry, and the request that did it, not now.
    expect(warmProvenance.map((p) => [p.registry, p.retrievedAt, p.requestId])).toEqual(
      coldProvenance.map((p) => [p.registry, p.retrievedAt, p.requestId]),
    );
  });

  it('asks the registries again for a fresh read: Cache-Control: no-cache, or @fresh on the query', async () => {
    await graph.operation('CaseView');
    await graph.resetRegistryCalls();
    const byHeader = await graph.operation('CaseView', {}, { 'cache-control': 'no-cache' });
    const calls = await graph.registryCalls();
    for (const registry of ['caseRegister', 'population', 'police', 'sis', 'tradeRegister'] as const) {
      expect(calls[registry].calls, registry).toBe(1);
    }
    expect(provenances(byHeader.body.data).every((p) => p.fromCache === false)).toBe(true);

    await graph.resetRegistryCalls();
    const byDirective = await graph.query(
      `query Fresh($id: ID!) @fresh { application(id: $id) { applicant { population { familyName provenance { fromCache } } } } }`,
      { id: SCENARIO.showcase },
    );
    expect(byDirective.body.errors).toBeUndefined();
    expect((await graph.registryCalls()).population.calls).toBe(1);
    expect(provenances(byDirective.body.data).every((p) => p.fromCache === false)).toBe(true);
  });

  it('never serves an answer older than its registry TTL (SIS set to 1 s here)', async () => {
    await graph.operation('CaseView');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await graph.resetRegistryCalls();
    await graph.operation('CaseView');
    const calls = await graph.registryCalls();
    expect(calls.sis.calls).toBe(1);
    expect(calls.population.calls + calls.police.calls + calls.tradeRegister.calls + calls.tax.calls + calls.caseRegister.calls).toBe(0);
  });

  it('makes one registry call per key for concurrent requests (single flight)', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => graph.operation('CaseView')));
    expect(results.every((result) => !result.body.errors)).toBe(true);
    const calls = await graph.registryCalls();
    expect(calls.caseRegister.calls).toBe(1);
    expect(calls.population.calls).toBe(1);
    expect(calls.police.calls).toBe(1);
    expect(calls.sis.calls).toBe(1);
    expect(calls.tradeRegister.calls).toBe(1);
    expect(calls.tax.services['complianceReports/batch']!.calls).toBe(1);
  });

  it('sends only the keys the cache misses to a batch registry', async () => {
    const page = await graph.query<{ applications: Array<{ applicant: { personalIdentityCode: string | null } }> }>(
      `query($ids: [ID!]!) { applications(ids: $ids) { applicant { personalIdentityCode population { familyName } } } }`,
      { ids: ['APP-0000001', 'APP-0000002', 'APP-0000005'] },
    );
    expect(page.body.errors).toBeUndefined();
    await graph.resetRegistryCalls();
    const wider = await graph.query<{ applications: Array<{ applicant: { personalIdentityCode: string | null } }> }>(
      `query($ids: [ID!]!) { applications(ids: $ids) { applicant { personalIdentityCode population { familyName } } } }`,
      { ids: ['APP-0000001', 'APP-0000002', 'APP-0000005', 'APP-0000006', 'APP-0000007'] },
    );
    const known = new Set(page.body.data!.applications.map((a) => a.applicant.personalIdentityCode).filter(Boolean));
    const newCodes = new Set(
      wider.body.data!.applications.map((a) => a.applicant.personalIdentityCode).filter((code) => code && !known.has(code)),
    );
    const calls = await graph.registryCalls();
    expect(calls.caseRegister).toMatchObject({ calls: 1, keys: 2 });
    expect(calls.population).toMatchObject({ calls: 1, keys: newCodes.size });
  });

  it('evicts by registry and subject through the gateway admin route, in every subgraph', async () => {
    await graph.operation('CaseView');
    const code = applicantOf(graph.mocks.dataset, SCENARIO.showcase).personalIdentityCode!;
    const evicted = await admin('/admin/cache/evict', { registry: 'POPULATION', subject: code });
    expect(evicted.status).toBe(200);
    expect(evicted.body.subgraphs.population.body.evicted.memory).toBeGreaterThan(0);
    await graph.resetRegistryCalls();
    await graph.operation('CaseView');
    const calls = await graph.registryCalls();
    expect(calls.population.calls).toBe(1);
    expect(calls.police.calls + calls.tradeRegister.calls + calls.caseRegister.calls).toBe(0);
  });

  it('refuses eviction without a token, to a caller without the cache administration right, or with a bad body', async () => {
    const noToken = await fetch(`${graph.gatewayUrl}/admin/cache/evict`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer realm="casegraph"');
    const caseWorker = await admin('/admin/cache/flush', {}, 'kaisa.virtanen');
    expect(caseWorker.status).toBe(403);
    expect(caseWorker.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const badRegistry = await admin('/admin/cache/evict', { registry: 'NOPE', subject: 'x' });
    expect(badRegistry.status).toBe(400);
    expect(badRegistry.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('keeps answering from the cache while a registry is down', async () => {
    await graph.operation('CaseView');
    graph.mocks.knobs.patch('population', { down: true });
    const result = await graph.query<{
      application: { applicant: { population: { familyName: string; provenance: { fromCache: boolean } } } };
    }>(`{ application(id: "${SCENARIO.showcase}") { applicant { population { familyName provenance { fromCache } } } } }`);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.application.applicant.population.provenance.fromCache).toBe(true);
  });

  it('counts hits and misses per registry and level, for the benchmark and for metrics', async () => {
    await graph.operation('CaseView');
    await graph.operation('CaseView');
    const population = graph.subgraphs.find((s) => s.name === 'population')!;
    const metrics = await (await fetch(population.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/casegraph_registry_cache_lookups_total\{registry="POPULATION",level="memory",outcome="hit"\} [1-9]/);
    expect(metrics).toMatch(/casegraph_registry_cache_lookups_total\{registry="POPULATION",level="memory",outcome="miss"\} [1-9]/);
    // Straight to the subgraph, as the gateway would on an operator's behalf.
    const operator = {
      userId: 'olli.jarvinen',
      organisation: null,
      unit: null,
      roles: ['operator'],
      rights: new Set(['cache:admin'] as const),
    };
    const stats = await fetch(population.url.replace('/graphql', '/admin/cache/stats'), {
      headers: { authorization: `Bearer ${await graph.identity.assertion(operator)}` },
    });
    expect(((await stats.json()) as { redis: string }).redis).toBe('off');
  });
});

describe('registry cache, response level at the gateway', () => {
  it('never keeps a response with errors: the next request asks the registry again', async () => {
    graph.mocks.knobs.patch('population', { down: true });
    const failed = await graph.operation('CaseView');
    expect(failed.body.errors?.[0]?.extensions?.registry).toBe('POPULATION');
    graph.mocks.knobs.reset();
    await graph.resetRegistryCalls();
    const healed = await graph.operation<{ application: { applicant: { population: unknown } } }>('CaseView');
    expect(healed.body.errors).toBeUndefined();
    expect(healed.body.data!.application.applicant.population).not.toBeNull();
    expect((await graph.registryCalls()).population.calls).toBe(1);
  });
});

// With the registries' default TTLs: the shared graph above keeps SIS answers for 1 s, which
// leaves a case view less than a whole second to be kept at the gateway, i.e. none.
describe('a warm case view at the gateway', () => {
  it('keeps responses per caller', async () => {
    const own = await startTestGraph({ mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } } });
    try {
      const first = await own.operation('CaseView', {}, await own.as('kaisa.virtanen'));
      expect(first.headers.get('age')).toBeNull();
      const again = await own.operation('CaseView', {}, await own.as('kaisa.virtanen'));
      expect(again.headers.get('age')).not.toBeNull();
      const otherCaller = await own.operation('CaseView', {}, await own.as('matti.korhonen'));
      expect(otherCaller.headers.get('age')).toBeNull();
    } finally {
      await own.close();
    }
  });

  it('needs no subgraph at all: it is answered while every subgraph is down', async () => {
    const own = await startTestGraph({ mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } } });
    try {
      const cold = await own.operation<{ application: Record<string, unknown> }>('CaseView');
      expect(cold.body.errors).toBeUndefined();
      await Promise.all(own.subgraphs.map((subgraph) => subgraph.close()));
      const warm = await own.operation<{ application: Record<string, unknown> }>('CaseView');
      expect(warm.body.errors).toBeUndefined();
      expect(warm.body.data).toEqual(JSON.parse(JSON.stringify(cold.body.data).replaceAll('"fromCache":false', '"fromCache":true')));
      // A fresh read must go to the subgraphs, which are gone.
      const fresh = await own.operation('CaseView', {}, { 'cache-control': 'no-cache' });
      expect(fresh.body.errors?.some((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
    } finally {
      await own.close();
    }
  });
});
