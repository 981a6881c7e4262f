/**
 * A failing registry nulls only its own fields, with an error that names it; the rest of the
 * case still arrives.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../graph-harness.js';
import type { RegistryId } from '../../contracts/registry-catalogue.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({
    mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } },
    // No circuit breaking and no cache here: each test sets its own failure and expects it seen
    // as such (a warm cache answering for a down registry is covered in test/e2e/cache.test.ts).
    subgraphEnv: { REGISTRY_BREAKER_FAILURES: '0', REGISTRY_TIMEOUT_MS: '300', REGISTRY_CACHE: 'off' },
  });
});
afterAll(() => graph.close());
afterEach(() => {
  graph.mocks.knobs.reset();
});

type CaseView = { application: Record<string, any> | null };

/** Where each registry's answer sits in the case view, and the error's expected path. */
const REGISTRY_FIELDS: Array<[RegistryId, string, (string | number)[]]> = [
  ['population', 'POPULATION', ['application', 'applicant', 'population']],
  ['police', 'POLICE', ['application', 'applicant', 'police']],
  ['sis', 'SIS', ['application', 'applicant', 'sis']],
  ['tradeRegister', 'TRADE_REGISTER', ['application', 'employer', 'tradeRegister']],
];

function at(value: any, path: (string | number)[]): unknown {
  return path.reduce((node, key) => (node == null ? node : node[key]), value);
}

describe('a registry that is down', () => {
  it.each(REGISTRY_FIELDS)(
    '%s down: its field is null with a typed error naming it; the rest of the case arrives',
    async (registry, code, path) => {
      graph.mocks.knobs.patch(registry, { down: true });
      const result = await graph.operation<CaseView>('CaseView');
      expect(result.status).toBe(200);
      const { data, errors } = result.body;
      expect(at(data, path)).toBeNull();
      const error = errors?.find((e) => e.extensions?.registry === code);
      expect(error, `an error naming ${code}`).toBeDefined();
      expect(error!.extensions).toMatchObject({
        code: 'REGISTRY_UNAVAILABLE',
        registry: code,
        xRoadError: 'Server.ServerProxy.NetworkError',
      });
      expect(error!.path).toEqual(path);
      expect(error!.message).toMatch(/unavailable/);
      // Everything else still arrives.
      expect(data!.application!.id).toBe('APP-0000001');
      for (const [, otherCode, otherPath] of REGISTRY_FIELDS) {
        if (otherCode !== code) expect(at(data, otherPath), `${otherCode} still answered`).not.toBeNull();
      }
      expect(data!.application!.employer.taxCompliance).not.toBeNull();
    },
  );

  it('tax down nulls the compliance report and the applicant tax debt, nothing else', async () => {
    graph.mocks.knobs.patch('tax', { down: true });
    const { data, errors } = (await graph.operation<CaseView>('CaseView')).body;
    expect(data!.application!.employer.taxCompliance).toBeNull();
    expect(data!.application!.applicant.taxDebt).toBeNull();
    expect(data!.application!.employer.tradeRegister).not.toBeNull();
    expect(errors!.every((e) => e.extensions?.registry === 'TAX' && e.extensions?.code === 'REGISTRY_UNAVAILABLE')).toBe(true);
  });

  it('the case register down leaves no case to show, and says so', async () => {
    graph.mocks.knobs.patch('caseRegister', { down: true });
    const { data, errors } = (await graph.operation<CaseView>('CaseView')).body;
    expect(data!.application).toBeNull();
    expect(errors![0]!.extensions).toMatchObject({ code: 'REGISTRY_UNAVAILABLE', registry: 'CASE_REGISTER' });
  });

  it('a registry that does not answer in time is a REGISTRY_TIMEOUT', async () => {
    graph.mocks.knobs.patch('sis', { timeoutRate: 1, timeoutMs: 5_000 });
    const { data, errors } = (await graph.operation<CaseView>('CaseView')).body;
    expect(data!.application!.applicant.sis).toBeNull();
    expect(errors!.find((e) => e.extensions?.registry === 'SIS')!.extensions!.code).toBe('REGISTRY_TIMEOUT');
    expect(data!.application!.applicant.police).not.toBeNull();
  });

  it('a registry failing with its own error is a REGISTRY_ERROR, and the worklist still lists every item', async () => {
    graph.mocks.knobs.patch('population', { errorRate: 1 });
    const result = await graph.operation<{ worklist: { items: Array<Record<string, any>> } }>('Worklist');
    const items = result.body.data!.worklist.items;
    expect(items).toHaveLength(100);
    expect(items.every((item) => item.applicant.population === null)).toBe(true);
    expect(items.every((item) => item.applicant.sis !== null)).toBe(true);
    expect(result.body.errors!.every((e) => e.extensions?.code === 'REGISTRY_ERROR' && e.extensions?.registry === 'POPULATION')).toBe(true);
  });
});

describe('a subgraph that is down', () => {
  it('yields SUBGRAPH_UNAVAILABLE for its part; the rest of the case arrives', async () => {
    const police = graph.subgraphs.find((subgraph) => subgraph.name === 'police')!;
    await police.close();
    const { data, errors } = (await graph.operation<CaseView>('CaseView')).body;
    expect(data!.application!.applicant.police).toBeNull();
    expect(data!.application!.applicant.sis).not.toBeNull();
    expect(errors!.some((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
    // Which subgraph failed is an internal name: it is logged, never sent.
    expect(JSON.stringify(errors)).not.toMatch(/serviceName/);
  });
});
