/**
 * Composes the subgraphs of subgraphs/index.ts (the one list of subgraphs, which the launcher, the
 * tests and the benchmark start too) into schema/supergraph.graphql, each routed to its default
 * port on 127.0.0.1 and typed by its own SDL (subgraphs/shared/common.graphql prepended).
 *
 *   npm run compose            write the supergraph
 *   npm run compose -- --check exit 1 if the checked-in supergraph is stale
 *
 * The gateway loads the written file; tests fail when it is stale or composition fails.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { subgraphSdl } from '../subgraphs/shared/schema-files.js';
import type { SubgraphDefinition } from '../subgraphs/shared/subgraph-server.js';

export const SUPERGRAPH_FILE = new URL('supergraph.graphql', new URL('./', import.meta.url));

/** Where the gateway reaches a subgraph unless SUBGRAPH_<NAME>_URL says otherwise. */
export function defaultRoutingUrl(subgraph: Pick<SubgraphDefinition, 'defaultPort'>): string {
  return `http://127.0.0.1:${subgraph.defaultPort}/graphql`;
}

export type Composition = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

export function composeSupergraph(
  subgraphs: readonly Pick<SubgraphDefinition, 'name' | 'defaultPort' | 'schemaFile'>[] = SUBGRAPHS,
): Composition {
  const services = subgraphs.map((subgraph) => ({
    name: subgraph.name,
    url: defaultRoutingUrl(subgraph),
    typeDefs: parse(subgraphSdl(subgraph.schemaFile)),
  }));
  const result = composeServices(services);
  if (result.errors) {
    return { ok: false, errors: result.errors.map((error) => error.message) };
  }
  return { ok: true, supergraphSdl: result.supergraphSdl, hints: result.hints.map((hint) => hint.toString()) };
}

function main(): void {
  const check = process.argv.includes('--check');
  const composition = composeSupergraph();
  if (!composition.ok) {
    process.stderr.write(`Composition failed:\n${composition.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exit(1);
  }
  const current = readFileSync(SUPERGRAPH_FILE, { encoding: 'utf8', flag: 'a+' });
  if (check) {
    if (current !== composition.supergraphSdl) {
      process.stderr.write('schema/supergraph.graphql is stale: run `npm run compose`\n');
      process.exit(1);
    }
    process.stdout.write('schema/supergraph.graphql is up to date\n');
    return;
  }
  writeFileSync(SUPERGRAPH_FILE, composition.supergraphSdl);
  process.stdout.write(`Wrote ${fileURLToPath(SUPERGRAPH_FILE)} (${composition.hints.length} composition hints)\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main();
}
