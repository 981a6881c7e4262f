/**
 * Every casegraph subgraph: the one list of them. `npm run compose` composes exactly these into
 * schema/supergraph.graphql; the launcher, the test harness and the benchmark start them from it.
 */
import { applicationsSubgraph } from './applications/subgraph.js';
import { checksSubgraph } from './checks/subgraph.js';
import { policeSubgraph } from './police/subgraph.js';
import { populationSubgraph } from './population/subgraph.js';
import type { SubgraphDefinition } from './shared/subgraph-server.js';
import { sisSubgraph } from './sis/subgraph.js';
import { taxSubgraph } from './tax/subgraph.js';
import { tradeRegisterSubgraph } from './trade-register/subgraph.js';

export const SUBGRAPHS: readonly SubgraphDefinition<never>[] = [
  applicationsSubgraph,
  populationSubgraph,
  policeSubgraph,
  sisSubgraph,
  tradeRegisterSubgraph,
  taxSubgraph,
  checksSubgraph,
] as unknown as SubgraphDefinition<never>[];
