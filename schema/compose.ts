/**
 * Composes the subgraph SDLs listed in schema/subgraphs.json into schema/supergraph.graphql.
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
import { subgraphSdl } from '../subgraphs/shared/schema-files.js';

const PROJECT_ROOT = new URL('../', import.meta.url);
export const SUPERGRAPH_FILE = new URL('supergraph.graphql', new URL('./', import.meta.url));
const SUBGRAPHS_FILE = new URL('subgraphs.json', new URL('./', import.meta.url));

export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  schema: string;
}

export function readSubgraphList(): SubgraphEntry[] {
  return (JSON.parse(readFileSync(SUBGRAPHS_FILE, 'utf8')) as { subgraphs: SubgraphEntry[] }).subgraphs;
}

export type Composition = { ok: true; supergraphSdl: string; hints: string[] } | { ok: false; errors: string[] };

export function composeSupergraph(subgraphs: SubgraphEntry[] = readSubgraphList()): Composition {
  const services = subgraphs.map((subgraph) => ({
    name: subgraph.name,
    url: subgraph.routingUrl,
    typeDefs: parse(subgraphSdl(new URL(subgraph.schema, PROJECT_ROOT))),
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
