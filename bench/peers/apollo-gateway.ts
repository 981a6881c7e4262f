/**
 * The vanilla Apollo Gateway the benchmark compares casegraph with: what a user following
 * Apollo's documentation gets, on the same supergraph file. Nothing is tuned on purpose; the
 * inputs are where to listen, which supergraph to serve, and the one thing the subgraphs demand of
 * any caller: a gateway assertion. The harness signed one for the bench's senior case worker for
 * this run (bench/security.ts); a RemoteGraphQLDataSource sends it to every subgraph as a static
 * `authorization` header in willSendRequest, Apollo's documented way to add a header to subgraph
 * requests. Nothing of the client's request is forwarded. Read once at start: it outlives the run.
 *
 *   PORT=4201 SUPERGRAPH_PATH=dist/schema/supergraph.graphql BENCH_SUBGRAPH_ASSERTION_FILE=<file> \
 *     node dist/bench/peers/apollo-gateway.js
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const port = Number(process.env.PORT);
const supergraphPath = process.env.SUPERGRAPH_PATH;
const assertionFile = process.env.BENCH_SUBGRAPH_ASSERTION_FILE;
if (!Number.isInteger(port) || port <= 0 || !supergraphPath || !assertionFile) {
  process.stderr.write('apollo-gateway: set PORT, SUPERGRAPH_PATH and BENCH_SUBGRAPH_ASSERTION_FILE\n');
  process.exit(2);
}
const authorization = `Bearer ${readFileSync(assertionFile, 'utf8').trim()}`;

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource({
      url,
      willSendRequest({ request }) {
        request.http?.headers.set('authorization', authorization);
      },
    }),
});
const server = new ApolloServer({ gateway });
// Loopback only: the benchmark never listens beyond this machine.
const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
process.stdout.write(`apollo-gateway listening on ${url}\n`);
