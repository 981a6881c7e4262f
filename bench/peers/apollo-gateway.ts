/**
 * The vanilla Apollo Gateway the benchmark compares casegraph with: what a user following
 * Apollo's documentation gets, on the same supergraph file. Nothing is tuned on purpose; the
 * only inputs are where to listen and which supergraph to serve.
 *
 *   PORT=4201 SUPERGRAPH_PATH=dist/schema/supergraph.graphql node dist/bench/peers/apollo-gateway.js
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const port = Number(process.env.PORT);
const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!Number.isInteger(port) || port <= 0 || !supergraphPath) {
  process.stderr.write('apollo-gateway: set PORT and SUPERGRAPH_PATH\n');
  process.exit(2);
}

const gateway = new ApolloGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8') });
const server = new ApolloServer({ gateway });
// Loopback only: the benchmark never listens beyond this machine.
const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
process.stdout.write(`apollo-gateway listening on ${url}\n`);
