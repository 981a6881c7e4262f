/**
 * The SIS subgraph: the SIS II search for every applicant. Every hit needs a human, which the
 * graph states explicitly (`requiresHumanReview`) rather than leaving it to each client.
 */
import type { SubgraphContext } from '../shared/request-context.js';
import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import type { ApplicantSubject } from '../shared/subjects.js';
import { SisRegistryClient } from './registry-client.js';

export const sisSubgraph: SubgraphDefinition<'sis'> = {
  name: 'sis',
  defaultPort: 4004,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  registries: ['sis'],
  resolvers: (clients, config) => {
    const sis = new SisRegistryClient(clients.sis, config.REGISTRY_SUBJECT_CONCURRENCY);
    return {
      Applicant: {
        sis: async (applicant: ApplicantSubject, _: unknown, context: SubgraphContext) => {
          const search = SisRegistryClient.searchFor(applicant);
          const answer = await sis.search(context, search);
          const hits = answer.record!.hits;
          return {
            searchedBy: SisRegistryClient.criteriaOf(search),
            hits,
            hitCount: hits.length,
            requiresHumanReview: hits.length > 0,
            provenance: answer.provenance,
          };
        },
      },
    };
  },
};
