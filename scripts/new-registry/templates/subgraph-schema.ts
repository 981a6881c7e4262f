/**
 * subgraphs/<name>/schema.graphql: one nullable field on Applicant (by identity code) or Employer
 * (by Business ID) with the registry's record. Every field the template writes goes through
 * `field()`, the one place to give every generated field a directive.
 */
import { TODO, type Scaffold } from './scaffold.js';

interface FieldSpec {
  name: string;
  type: string;
  description: string;
  /** Federation directives the field needs, e.g. @requires(...). */
  federation?: string;
}

function field({ name, type, description, federation }: FieldSpec): string {
  const text = description.includes('\n') ? `"""\n  ${description.split('\n').join('\n  ')}\n  """` : `"${description}"`;
  return `  ${text}\n  ${name}: ${type}${federation ? ` ${federation}` : ''}`;
}

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
  });
  const entity =
    on === 'applicant'
      ? `type Applicant @key(fields: "id") {\n  id: ID!\n  personalIdentityCode: String @external\n${answer}\n}`
      : `type Employer @key(fields: "businessId") {\n  businessId: ID!\n${answer}\n}`;
  const recordFields = [
    field({ name: 'reference', type: 'String!', description: "The registry's own reference for the record." }),
    field({ name: 'registeredOn', type: 'Date!', description: 'When the registry recorded it.' }),
    field({ name: 'provenance', type: 'Provenance!', description: 'Which registry call answered, when.' }),
  ];
  return `# The ${names.title.toLowerCase()} subgraph.
# ${TODO}: what the registry holds, the real fields and their descriptions (what null means).

${entity}

type ${names.recordType} {
${recordFields.join('\n')}
}
`;
}
