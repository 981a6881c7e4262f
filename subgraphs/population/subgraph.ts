/**
 * The population subgraph: population data for applicants, and population records by code.
 */
import { withProvenance } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { validPersonalIdentityCode } from '../shared/validation.js';
import { PopulationRegistryClient } from './registry-client.js';
import type { PopulationPerson } from '../../contracts/registries/population.js';

type FamilyRelation = PopulationPerson['familyRelations'][number];

export const populationSubgraph: SubgraphDefinition<'population'> = {
  name: 'population',
  defaultPort: 4002,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  registries: ['population'],
  resolvers: (clients) => {
    const registry = new PopulationRegistryClient(clients.population);
    const recordFor = async (context: SubgraphContext, code: string) => withProvenance(await registry.person(context, code));

    return {
      Query: {
        populationRecord: (_: unknown, args: { personalIdentityCode: string }, context: SubgraphContext) =>
          recordFor(context, validPersonalIdentityCode(args.personalIdentityCode)),
      },
      Applicant: {
        population: (applicant: { personalIdentityCode?: string | null }, _: unknown, context: SubgraphContext) =>
          applicant.personalIdentityCode ? recordFor(context, applicant.personalIdentityCode) : null,
      },
      PopulationRecord: {
        __resolveReference: (reference: { personalIdentityCode: string }, context: SubgraphContext) =>
          recordFor(context, reference.personalIdentityCode),
        // Non-disclosure (turvakielto): the registry tells authorities the address; casegraph
        // withholds it from every user until access control can grant the specific right.
        permanentAddress: (person: PopulationPerson) => (person.nonDisclosure ? null : person.permanentAddress),
        addressWithheld: (person: PopulationPerson) => person.nonDisclosure && person.permanentAddress !== null,
      },
      FamilyRelation: {
        person: (relation: FamilyRelation, _: unknown, context: SubgraphContext) =>
          relation.personalIdentityCode ? recordFor(context, relation.personalIdentityCode) : null,
      },
    };
  },
};
