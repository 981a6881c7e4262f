/**
 * The population subgraph: population data for applicants, and population records by code.
 *
 * A record by code is read only within a case (purpose binding): the request must name one the
 * caller may read (checked in the case register, which this subgraph reads for nothing else), and
 * the code must be its applicant's.
 */
import { CaseRegisterClient } from '../applications/registry-client.js';
import { CaseAccessRefusal, caseAccessError, requireCaseAccess } from '../shared/case-access.js';
import { withProvenance } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { validPersonalIdentityCode } from '../shared/validation.js';
import { PopulationRegistryClient } from './registry-client.js';
import type { PopulationPerson } from '../../contracts/registries/population.js';

type FamilyRelation = PopulationPerson['familyRelations'][number];

export const populationSubgraph: SubgraphDefinition<'population' | 'caseRegister'> = {
  name: 'population',
  defaultPort: 4002,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  registries: ['population', 'caseRegister'],
  resolvers: (clients) => {
    const registry = new PopulationRegistryClient(clients.population);
    const caseRegister = new CaseRegisterClient(clients.caseRegister);
    const recordFor = async (context: SubgraphContext, code: string) => withProvenance(await registry.person(context, code));

    return {
      Query: {
        populationRecord: async (_: unknown, args: { personalIdentityCode: string }, context: SubgraphContext) => {
          const code = validPersonalIdentityCode(args.personalIdentityCode);
          const { caseId } = context.caller;
          if (caseId === null) throw caseAccessError(CaseAccessRefusal.CASE_REQUIRED);
          const application = (await caseRegister.application(context, caseId)).record;
          if (!application) throw caseAccessError(CaseAccessRefusal.UNKNOWN_CASE);
          requireCaseAccess(context.caller, application.unit);
          if (application.applicant.personalIdentityCode?.toUpperCase() !== code.toUpperCase()) {
            throw caseAccessError(CaseAccessRefusal.SUBJECT_NOT_IN_CASE);
          }
          return recordFor(context, code);
        },
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
