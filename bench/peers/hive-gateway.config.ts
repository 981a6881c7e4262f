/**
 * Hive Gateway's configuration in the benchmark (`hive-gateway supergraph <file> --config-path
 * dist/bench/peers/hive-gateway.config.js`): its defaults, plus the one thing the subgraphs demand
 * of any caller, a gateway assertion. The harness signed one for the bench's senior case worker for
 * this run (bench/security.ts) and names its file in BENCH_SUBGRAPH_ASSERTION_FILE; it is sent to
 * every subgraph as a static `authorization` header through Hive Gateway's documented header
 * propagation (https://the-guild.dev/graphql/hive/docs/gateway/other-features/header-propagation),
 * which forwards nothing of the client's request. Read once at start: it outlives the run.
 */
import { readFileSync } from 'node:fs';
import { defineConfig } from '@graphql-hive/gateway';

const assertionFile = process.env.BENCH_SUBGRAPH_ASSERTION_FILE;
if (!assertionFile) throw new Error('hive-gateway.config: set BENCH_SUBGRAPH_ASSERTION_FILE');
const authorization = `Bearer ${readFileSync(assertionFile, 'utf8').trim()}`;

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: () => ({ authorization }),
  },
});
