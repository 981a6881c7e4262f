/**
 * Deny by default: every field of the graph a client can ask for is classified, in the supergraph
 * the gateway enforces and in each subgraph's own SDL, which that subgraph enforces again. A field
 * somebody adds without saying who may read it fails here, naming it.
 */
import '../platform/vendor-telemetry-off.js';
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AuthorizationRules, UnknownRightsError } from '../platform/authorization/rules.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { subgraphSdl } from '../subgraphs/shared/schema-files.js';
import { SUPERGRAPH_FILE } from './compose.js';

/** Federation's own types and root fields in a subgraph schema: the subgraph guard lets them through. */
const isFederationType = (name: string) => name === '_Service';

describe('every field is classified', () => {
  it('in the supergraph, as the gateway sees its API schema', async () => {
    const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
    const gateway = new ApolloGateway({ supergraphSdl });
    const { schema } = await gateway.load();
    await gateway.stop();
    expect(new AuthorizationRules(parse(supergraphSdl)).unclassifiedFields(schema)).toEqual([]);
  });

  it.each(SUBGRAPHS.map((definition) => [definition.name, definition] as const))('in the %s subgraph', (_name, definition) => {
    const typeDefs = parse(subgraphSdl(definition.schemaFile));
    const schema = buildSubgraphSchema({ typeDefs });
    const unclassified = new AuthorizationRules(typeDefs)
      .unclassifiedFields(schema, isFederationType)
      .filter((coordinate) => coordinate !== 'Query._entities' && coordinate !== 'Query._service');
    expect(unclassified).toEqual([]);
  });

  it('catches a new field nobody classified, and an unknown right', () => {
    const applications = SUBGRAPHS.find((definition) => definition.name === 'applications')!;
    const withNewField = subgraphSdl(applications.schemaFile).replace('type Query {', 'type Query {\n  newField: String');
    const typeDefs = parse(withNewField);
    expect(new AuthorizationRules(typeDefs).unclassifiedFields(buildSubgraphSchema({ typeDefs }), isFederationType)).toContain(
      'Query.newField',
    );
    const misspelt = subgraphSdl(applications.schemaFile).replace('"case:read"', '"cases:read"');
    expect(() => new AuthorizationRules(parse(misspelt))).toThrow(UnknownRightsError);
  });
});
