/**
 * subgraphs/<name>/schema.graphql: one nullable field on Applicant (by identity code) or Employer
 * (by Business ID) with the registry's record. Every field the template writes goes through
 * `field()`, the one place to give every generated field a directive. Everything is classified
 * (deny by default): the entity as every other subgraph classifies it, the new field and its
 * record type by the registry's own right.
 */
import { TODO, type Scaffold } from './scaffold.js';

interface FieldSpec {
  name: string;
  type: string;
  description: string;
  /** Federation directives the field needs, e.g. @requires(...). */
  federation?: string;
  /** The authorization directive of the field, when its type's does not say all. */
  authorization?: string;
}

function field({ name, type, description, federation, authorization }: FieldSpec): string {
  const text = description.includes('\n') ? `"""\n  ${description.split('\n').join('\n  ')}\n  """` : `"${description}"`;
  return `  ${text}\n  ${name}: ${type}${federation ? ` ${federation}` : ''}${authorization ? ` ${authorization}` : ''}`;
}

const requiresRights = (...alternatives: string[][]) => `@requiresRights(rights: ${JSON.stringify(alternatives).replaceAll(',', ', ')})`;

/** How every subgraph classifies the entities (subgraphs/applications/schema.graphql): keep them identical. */
const APPLICANT_CLASSIFICATION = requiresRights(['case:read']);
const EMPLOYER_CLASSIFICATION = requiresRights(['case:read'], ['employer:read']);

export function subgraphSchemaTemplate({ names, on }: Scaffold): string {
  const nullMeans =
    on === 'applicant'
      ? 'Null when the applicant has no Finnish identity code or the registry holds nothing on them'
      : 'Null when the registry holds nothing on the Business ID';
  const answer = field({
    name: names.id,
    type: names.recordType,
    description: [
      `What the ${names.title.toLowerCase()} holds on the ${on}.`,
      `${nullMeans};`,
      `null with a ${names.code} error when the registry could not be consulted.`,
    ].join('\n'),
    ...(on === 'applicant' ? { federation: '@requires(fields: "personalIdentityCode")' } : {}),
    authorization: requiresRights([names.right]),
  });
  const entity =
    on === 'applicant'
      ? `type Applicant @key(fields: "id") ${APPLICANT_CLASSIFICATION} {\n  id: ID!\n  personalIdentityCode: String @external\n${answer}\n}`
      : `type Employer @key(fields: "businessId") ${EMPLOYER_CLASSIFICATION} {\n  businessId: ID!\n${answer}\n}`;
  const recordFields = [
    field({ name: 'reference', type: 'String!', description: "The registry's own reference for the record." }),
    field({ name: 'registeredOn', type: 'Date!', description: 'When the registry recorded it.' }),
    field({ name: 'provenance', type: 'Provenance!', description: 'Which registry call answered, when.' }),
  ];
  return `# The ${names.title.toLowerCase()} subgraph.
# ${TODO}: what the registry holds, the real fields and their descriptions (what null means).

${entity}

type ${names.recordType} ${requiresRights([names.right])} {
${recordFields.join('\n')}
}
`;
}
