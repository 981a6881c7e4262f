/** subgraphs/<name>/subgraph.ts: the SubgraphDefinition, with the resolver of the registry's one field. */
import { SUBJECT_KEYS, TODO, type Scaffold } from './scaffold.js';

export function subgraphDefinitionTemplate(scaffold: Scaffold): string {
  const { names, flavour, on, port } = scaffold;
  const key = SUBJECT_KEYS[on];
  const batch = flavour === 'batch';
  const parent = on === 'applicant' ? 'applicant: { personalIdentityCode?: string | null }' : 'employer: { businessId: string }';
  const subject = on === 'applicant' ? 'applicant.personalIdentityCode' : 'employer.businessId';
  const noCode = on === 'applicant' ? `          if (!${subject}) return null;\n` : '';
  const record = batch ? 'answer.record' : 'answer.record!.record';
  return `/**
 * The ${names.name} subgraph: what the ${names.title.toLowerCase()} holds
 * on ${on === 'applicant' ? 'applicants, by identity code' : 'employers, by Business ID'}.
 * ${TODO}: what the subgraph adds to a case, in a sentence.
 */
import type { Provenance } from '../shared/xroad-client.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import type { ${names.recordType} } from '../../contracts/registries/${names.name}.js';
import { ${names.clientClass} } from './registry-client.js';

/** The record as the graph shows it. ${TODO}: map the registry's real fields. */
function recordView(record: ${names.recordType}, provenance: Provenance) {
  return { reference: record.reference, registeredOn: record.registeredOn, provenance };
}

export const ${names.subgraphConstant}: SubgraphDefinition<'${names.id}'> = {
  name: '${names.name}',
  defaultPort: ${port},
  schemaFile: new URL('./schema.graphql', import.meta.url),
  registries: ['${names.id}'],
  resolvers: (clients${batch ? '' : ', config'}) => {
    const registry = new ${names.clientClass}(clients.${names.id}${batch ? '' : ', config.REGISTRY_SUBJECT_CONCURRENCY'});
    return {
      ${key.graphType}: {
        ${names.id}: async (${parent}, _: unknown, context: SubgraphContext) => {
${noCode}          const answer = await registry.record(context, ${subject});
          const record = ${record};
          return record && recordView(record, answer.provenance);
        },
      },
    };
  },
};
`;
}
