/**
 * One subgraph against the mock registries, over real HTTP on free ports, for `_entities`
 * tests: the gateway's view of a subgraph, without the gateway.
 */
import { startMockRegistries, type MockRegistries, type MockRegistriesOptions } from '../mocks/server.js';
import type { RegistryId } from '../contracts/registry-catalogue.js';
import { loadSubgraphConfig, startSubgraph, type SubgraphDefinition } from '../subgraphs/shared/subgraph-server.js';
import { DEMO_ORGANISATION } from '../contracts/identity.js';
import { RIGHT_NAMES } from '../contracts/rights.js';
import type { AssertionSubject } from '../platform/gateway-assertion.js';
import { postGraphQL, type GraphQLResult } from './graph-harness.js';
import { createTestIdentity, type TestIdentity } from './test-identity.js';

export interface SubgraphUnderTest {
  url: string;
  mocks: MockRegistries;
  identity: TestIdentity;
  /** Asks as the gateway would for a caller holding every right in unit HEL-1, or for `caller`. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    caller?: Partial<AssertionSubject> & { caseId?: string | null },
  ): Promise<GraphQLResult<T>>;
  /** Resolves representations through `_entities`, selecting `selection` on each. */
  entities<T = Record<string, unknown>>(
    representations: Array<Record<string, unknown>>,
    selection: string,
  ): Promise<GraphQLResult<{ _entities: Array<T | null> }>>;
  close(): Promise<void>;
}

/** The caller a subgraph test asks for unless it names another: every right, unit HEL-1. */
export const FULLY_PRIVILEGED_CALLER: AssertionSubject = {
  userId: 'test.caller',
  organisation: DEMO_ORGANISATION,
  unit: 'HEL-1',
  roles: [],
  rights: new Set(RIGHT_NAMES),
};

export async function startSubgraphUnderTest<R extends RegistryId>(
  definition: SubgraphDefinition<R>,
  options: { mocks?: MockRegistriesOptions; env?: Record<string, string> } = {},
): Promise<SubgraphUnderTest> {
  const identity = await createTestIdentity();
  // No latency: these tests are about answers, not time.
  const mocks = await startMockRegistries({ knobs: { defaults: { latencyMs: 0, jitterMs: 0 } }, ...options.mocks });
  const subgraph = await startSubgraph(
    definition,
    // No registry cache unless a test asks for it: these tests count registry calls per query.
    loadSubgraphConfig(0, {
      LOG_LEVEL: 'silent',
      XROAD_SECURITY_SERVER_URL: mocks.url,
      REGISTRY_CACHE: 'off',
      ...identity.subgraphEnv,
      ...options.env,
    }),
  ).catch(async (error: unknown) => {
    await mocks.close();
    throw error;
  });

  const query: SubgraphUnderTest['query'] = async (text, variables, caller = {}) => {
    const { caseId = null, ...subject } = caller;
    const assertion = await identity.assertion({ ...FULLY_PRIVILEGED_CALLER, ...subject }, caseId);
    return postGraphQL(subgraph.url, text, variables, { authorization: `Bearer ${assertion}` });
  };

  return {
    url: subgraph.url,
    mocks,
    identity,
    query,
    entities: (representations, selection) =>
      query(`query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, { representations }),
    async close() {
      await subgraph.close();
      await mocks.close();
    },
  };
}
