import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { composeSupergraph, readSubgraphList, SUPERGRAPH_FILE } from './compose.js';

describe('the composed supergraph', () => {
  const composition = composeSupergraph();

  it('composes without errors', () => {
    // The message lists composition's own errors, so a failing run says what to fix.
    expect(composition.ok ? [] : composition.errors, 'composition errors').toEqual([]);
  });

  it('is checked in up to date (run `npm run compose` after changing an SDL)', () => {
    if (!composition.ok) throw new Error(`Composition failed:\n${composition.errors.join('\n')}`);
    const checkedIn = readFileSync(SUPERGRAPH_FILE, 'utf8');
    expect(checkedIn === composition.supergraphSdl, 'schema/supergraph.graphql is stale: run `npm run compose`').toBe(true);
  });

  it('lists exactly the subgraphs the runtime starts, with their ports and SDL files', () => {
    const listed = readSubgraphList().map((entry) => ({
      name: entry.name,
      port: Number(new URL(entry.routingUrl).port),
      schema: fileURLToPath(new URL(`../${entry.schema}`, import.meta.url)),
    }));
    const started = SUBGRAPHS.map((definition) => ({
      name: definition.name,
      port: definition.defaultPort,
      schema: fileURLToPath(definition.schemaFile),
    }));
    expect(started).toEqual(listed);
  });
});
