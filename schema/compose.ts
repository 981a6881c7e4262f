/**
 * Composes the subgraphs of subgraphs/index.ts (the one list of subgraphs, which the launcher, the
 * tests and the benchmark start too) into schema/supergraph.graphql, each routed to its default
 * port on 127.0.0.1 and typed by its own SDL (subgraphs/shared/common.graphql prepended).
 *
 *   npm run compose                     write the supergraph, unless it breaks a shipped operation
 *   npm run compose -- --allow-breaking write it even then (a one-off; the output says so)
 *   npm run compose -- --check          exit 1 if the checked-in supergraph is stale
 *
 * Before writing a changed supergraph, compose compares its API schema with the checked-in one's
 * (breaking-changes.ts) and refuses when a breaking change touches an operation of
 * gateway/operations/ that schema/acknowledged-breaking-changes.json does not acknowledge.
 *
 * The gateway loads the written file; tests fail when it is stale or composition fails.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import {
  findBreakingChanges,
  formatSchemaChangeReport,
  parseAcknowledgedBreakingChanges,
  type AcknowledgedBreakingChange,
  type ShippedOperation,
} from './breaking-changes.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { subgraphSdl } from '../subgraphs/shared/schema-files.js';
import type { SubgraphDefinition } from '../subgraphs/shared/subgraph-server.js';

export const SUPERGRAPH_FILE = new URL('supergraph.graphql', new URL('./', import.meta.url));
export const ACKNOWLEDGED_BREAKING_CHANGES_FILE = new URL('acknowledged-breaking-changes.json', new URL('./', import.meta.url));
/** The operations the case management frontends run (GraphiQL offers them too). */
export const SHIPPED_OPERATIONS_DIR = new URL('../gateway/operations/', import.meta.url);

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

export function readShippedOperations(dir: URL = SHIPPED_OPERATIONS_DIR): ShippedOperation[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({ file, source: readFileSync(new URL(file, dir), 'utf8') }));
}

export function readAcknowledgedBreakingChanges(file: URL = ACKNOWLEDGED_BREAKING_CHANGES_FILE): AcknowledgedBreakingChange[] {
  return existsSync(file) ? parseAcknowledgedBreakingChanges(readFileSync(file, 'utf8')) : [];
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const allowBreaking = process.argv.includes('--allow-breaking');
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
  // Nothing to compare against on the very first composition; nothing changes when the text is the same.
  if (current !== '' && current !== composition.supergraphSdl) {
    const report = await findBreakingChanges(
      current,
      composition.supergraphSdl,
      readShippedOperations(),
      readAcknowledgedBreakingChanges(),
    );
    process.stdout.write(`Changes to the API schema against the current schema/supergraph.graphql:\n${formatSchemaChangeReport(report)}`);
    const breaking = report.breakingUsed.length;
    if (breaking > 0 && !allowBreaking) {
      process.stderr.write(
        `Not written: ${breaking} breaking change(s) break shipped operations of gateway/operations/. Change the subgraph back, ` +
          'or acknowledge each change in schema/acknowledged-breaking-changes.json ({ "coordinate", "change", "reason", "acknowledgedOn" }), ' +
          'or write anyway once with `npm run compose -- --allow-breaking`.\n',
      );
      process.exit(1);
    }
    if (breaking > 0) {
      process.stdout.write(
        `--allow-breaking was used: writing despite ${breaking} unacknowledged breaking change(s) that break shipped operations.\n`,
      );
    }
  }
  writeFileSync(SUPERGRAPH_FILE, composition.supergraphSdl);
  process.stdout.write(`Wrote ${fileURLToPath(SUPERGRAPH_FILE)} (${composition.hints.length} composition hints)\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
