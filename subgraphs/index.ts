/**
 * Every casegraph subgraph: the one list of them. `npm run compose` composes exactly these into
 * schema/supergraph.graphql; the launcher, the test harness and the benchmark start them from it.
 */
import { applicationsSubgraph } from './applications/subgraph.js';
import { auditSubgraph } from './audit/subgraph.js';
import { checksSubgraph } from './checks/subgraph.js';
import { policeSubgraph } from './police/subgraph.js';
import { populationSubgraph } from './population/subgraph.js';
import type { SubgraphDefinition } from './shared/subgraph-server.js';
import { sisSubgraph } from './sis/subgraph.js';
import { taxSubgraph } from './tax/subgraph.js';
import { tradeRegisterSubgraph } from './trade-register/subgraph.js';

/**
 * The subgraphs that serve no registry of the catalogue, and why: every other subgraph serves
 * exactly one (test/registry-lists.test.ts checks both lists against the catalogue).
 */
export const NON_REGISTRY_SUBGRAPHS = {
  /** The prerequisite checks: reads the registries of the rules through their subgraphs' clients, serves none. */
  checks: 'consumer',
  /** The audit queries: reads the audit trail, no registry at all. */
  audit: 'audit-trail',
} as const satisfies Record<string, 'consumer' | 'audit-trail'>;

export const SUBGRAPHS: readonly SubgraphDefinition<never>[] = [
  applicationsSubgraph,
  populationSubgraph,
  policeSubgraph,
  sisSubgraph,
  tradeRegisterSubgraph,
  taxSubgraph,
  checksSubgraph,
  auditSubgraph,
] as unknown as SubgraphDefinition<never>[];
