/**
 * The registry catalogue (contracts/registry-catalogue.ts) is the one list of registries: every
 * other list of them either derives from it or is checked against it here, so a registry added
 * in one place and forgotten in another fails this test instead of failing at run time.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { REGISTRIES, REGISTRY_IDS } from '../contracts/registry-catalogue.js';
import { generateDataset } from '../mocks/dataset/generator.js';
import { createRegistryServices } from '../mocks/registries/index.js';
import { SUPERGRAPH_FILE } from '../schema/compose.js';
import { NON_REGISTRY_SUBGRAPHS, SUBGRAPHS } from '../subgraphs/index.js';
import { DEFAULT_TTL_SECONDS } from '../subgraphs/shared/cache/cache-policy.js';

const COMMON_SDL = new URL('../subgraphs/shared/common.graphql', import.meta.url);

function enumValues(sdl: string, name: string): string[] {
  const definition = parse(sdl).definitions.find(
    (node): node is EnumTypeDefinitionNode => node.kind === Kind.ENUM_TYPE_DEFINITION && node.name.value === name,
  );
  return definition?.values?.map((value) => value.name.value) ?? [];
}

const codes = REGISTRY_IDS.map((id) => REGISTRIES[id].code);

describe('every list of registries agrees with the catalogue', () => {
  it('the GraphQL Registry enum every subgraph shares (provenance, errors)', () => {
    // common.graphql also holds `extend schema`, which parse() accepts on its own.
    expect(enumValues(readFileSync(COMMON_SDL, 'utf8'), 'Registry')).toEqual(codes);
  });

  it('the composed supergraph the gateway serves', () => {
    expect(enumValues(readFileSync(SUPERGRAPH_FILE, 'utf8'), 'Registry')).toEqual(codes);
  });

  it('the subgraphs: each registry is read by the subgraph the catalogue names, which reads nothing else but the case register', () => {
    for (const id of REGISTRY_IDS) {
      const serving = SUBGRAPHS.find((subgraph) => subgraph.name === REGISTRIES[id].subgraph);
      expect(serving, `${id}: no subgraph named ${REGISTRIES[id].subgraph}`).toBeDefined();
      expect(serving!.registries[0]).toBe(id);
      // Besides its own registry a subgraph may read only the case register, to check a case's unit and parties.
      expect(serving!.registries.slice(1).every((other) => other === 'caseRegister')).toBe(true);
    }
    const served = new Set(REGISTRY_IDS.map((id) => REGISTRIES[id].subgraph));
    // Every other subgraph is named, with why, in the list of those that serve no registry.
    expect(SUBGRAPHS.filter((subgraph) => !served.has(subgraph.name)).map((subgraph) => subgraph.name)).toEqual(
      Object.keys(NON_REGISTRY_SUBGRAPHS),
    );
    for (const [name, kind] of Object.entries(NON_REGISTRY_SUBGRAPHS)) {
      const subgraph = SUBGRAPHS.find((candidate) => candidate.name === name)!;
      expect(served.has(name), `${name} is listed as serving no registry, but the catalogue names it`).toBe(false);
      if (kind === 'consumer') {
        // A consumer reads registries of the catalogue (through their subgraphs' clients) and no trail.
        expect(subgraph.registries.length, `${name} reads no registry`).toBeGreaterThan(0);
        expect(subgraph.registries.every((id) => REGISTRY_IDS.includes(id))).toBe(true);
        expect(subgraph.readsAuditTrail ?? false).toBe(false);
      } else {
        // The audit subgraph reads the trail and not one registry: no X-Road client, no registry data.
        expect(subgraph.registries).toEqual([]);
        expect(subgraph.readsAuditTrail).toBe(true);
      }
    }
    // Only the audit subgraph is given the trail and its subject key.
    expect(SUBGRAPHS.filter((subgraph) => subgraph.readsAuditTrail).map((subgraph) => subgraph.name)).toEqual(
      Object.entries(NON_REGISTRY_SUBGRAPHS)
        .filter(([, kind]) => kind === 'audit-trail')
        .map(([name]) => name),
    );
  });

  it("the mocks' services: one per registry, for every registry", () => {
    const services = createRegistryServices(generateDataset({ applications: 10, persons: 10, employers: 5 }));
    expect(services.map((service) => service.id)).toEqual(REGISTRY_IDS);
  });

  it('the cache policy: a default TTL for every registry, taken from the catalogue', () => {
    expect(Object.keys(DEFAULT_TTL_SECONDS)).toEqual(REGISTRY_IDS);
    for (const id of REGISTRY_IDS) expect(DEFAULT_TTL_SECONDS[id]).toBe(REGISTRIES[id].cacheTtlSeconds);
  });
});
