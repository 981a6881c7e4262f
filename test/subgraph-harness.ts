/**
 * One subgraph against the mock registries, over real HTTP on free ports, for `_entities`
 * tests: the gateway's view of a subgraph, without the gateway.
 */
import { startMockRegistries, type MockRegistries, type MockRegistriesOptions } from '../mocks/server.js';
import type { RegistryId } from '../contracts/registry-catalogue.js';
import { loadSubgraphConfig, startSubgraph, type SubgraphDefinition } from '../subgraphs/shared/subgraph-server.js';
import { postGraphQL, type GraphQLResult } from './graph-harness.js';

export interface SubgraphUnderTest {
  url: string;
  mocks: MockRegistries;
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** Resolves representations through `_entities`, selecting `selection` on each. */
  entities<T = Record<string, unknown>>(
    representations: Array<Record<string, unknown>>,
    selection: string,
  ): Promise<GraphQLResult<{ _entities: Array<T | null> }>>;
  close(): Promise<void>;
}

export async function startSubgraphUnderTest<R extends RegistryId>(
  definition: SubgraphDefinition<R>,
  options: { mocks?: MockRegistriesOptions; env?: Record<string, string> } = {},
): Promise<SubgraphUnderTest> {
  // No latency: these tests are about answers, not time.
  const mocks = await startMockRegistries({ knobs: { defaults: { latencyMs: 0, jitterMs: 0 } }, ...options.mocks });
  const subgraph = await startSubgraph(
    definition,
    // No registry cache unless a test asks for it: these tests count registry calls per query.
    loadSubgraphConfig(0, { LOG_LEVEL: 'silent', XROAD_SECURITY_SERVER_URL: mocks.url, REGISTRY_CACHE: 'off', ...options.env }),
  ).catch(async (error: unknown) => {
    await mocks.close();
    throw error;
  });

  const query: SubgraphUnderTest['query'] = (text, variables) => postGraphQL(subgraph.url, text, variables);

  return {
    url: subgraph.url,
    mocks,
    query,
    entities: (representations, selection) =>
      query(`query($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`, { representations }),
    async close() {
      await subgraph.close();
      await mocks.close();
    },
  };
}
