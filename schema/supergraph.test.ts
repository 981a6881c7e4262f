import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { loadGatewayConfig } from '../gateway/config.js';
import { createTestIdentity } from '../test/test-identity.js';
import { composeSupergraph, defaultRoutingUrl, SUPERGRAPH_FILE } from './compose.js';

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

  it('routes to exactly the subgraphs the runtime starts, at their default ports', async () => {
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const { gatewayEnv } = await createTestIdentity();
    const routed = loadGatewayConfig(gatewayEnv).subgraphs.sort(byName);
    expect(routed).toEqual(SUBGRAPHS.map((definition) => ({ name: definition.name, url: defaultRoutingUrl(definition) })).sort(byName));
  });
});
