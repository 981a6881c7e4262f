/**
 * The police subgraph: police case management entries for every applicant, with or without a
 * Finnish identity code.
 */
import type { SubgraphContext } from '../shared/request-context.js';
import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import type { ApplicantSubject } from '../shared/subjects.js';
import { PoliceRegistryClient } from './registry-client.js';

export const policeSubgraph: SubgraphDefinition<'police'> = {
  name: 'police',
  defaultPort: 4003,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  registries: ['police'],
  resolvers: (clients, config) => {
    const police = new PoliceRegistryClient(clients.police, config.REGISTRY_SUBJECT_CONCURRENCY);
    return {
      Applicant: {
        police: async (applicant: ApplicantSubject, _: unknown, context: SubgraphContext) => {
          const answer = await police.records(context, applicant);
          const records = answer.record!;
          return {
            ...records,
            hasEntries:
              records.subjectKnown ||
              records.offences.length +
                records.pendingInvestigations.length +
                records.restrainingOrders.length +
                records.businessBans.length >
                0,
            provenance: answer.provenance,
          };
        },
      },
    };
  },
};
