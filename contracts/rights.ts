/**
 * The rights casegraph knows: what a caller may see or do. Each subgraph's SDL declares which
 * rights a field needs (@requiresRights, see AUTHORIZATION_DIRECTIVES); the gateway's rights file
 * grants rights to roles; the gateway's assertion to subgraphs carries the caller's rights. A
 * right not in this list is a mistake wherever it appears, and stops the process that reads it.
 */
export const RIGHTS = {
  'case:read': 'Applications, applicants and what they declared, in the case register',
  'population:read': 'Population information system (VTJ) records',
  'police:read': 'Police records: offences, investigations, restraining orders, business bans, and police-derived check facts',
  'sis:outcome': 'Whether SIS II has hits for an applicant, and what the search used',
  'sis:alerts': 'SIS II alert details',
  'employer:read': "Employers' trade register entries and tax compliance reports",
  'tax:personal': "An applicant's personal tax debt",
  'checks:read': 'The prerequisite check of a case',
  'checks:bulk': 'Bulk prerequisite checks over the case register',
  'cases:unit': "Cases of the caller's own unit",
  'cases:all': 'Cases of every unit',
  'audit:read': 'The audit trail: who viewed whose data, when, in which case and why',
  'audit:unit': "The accesses of the staff of the caller's unit",
  'schema:read': 'Introspection and schema suggestions in validation errors',
  'documents:any': 'Operations outside the trusted documents',
  'query-plan:read': 'The query plan and registry calls of a request (GraphiQL)',
  'metrics:read': "The gateway's metrics",
  'cache:admin': 'Cache eviction and flush',
} as const;

export type Right = keyof typeof RIGHTS;

export const RIGHT_NAMES = Object.keys(RIGHTS) as Right[];

export function isRight(value: unknown): value is Right {
  return typeof value === 'string' && Object.hasOwn(RIGHTS, value);
}

/**
 * The directives subgraphs classify their fields with, composed into the supergraph
 * (@composeDirective) so the gateway can read them; the API schema clients see does not carry
 * them. The link URL is an identifier under the reserved .invalid domain: nothing fetches it.
 *
 *   @requiresRights(rights: [["police:read", "case:read"], ["cases:all"]])
 *     any one of the inner lists, each of whose rights the caller must hold (OR of ANDs);
 *   @notPersonalData
 *     no personal data (provenance, paging, rule-set titles): any authenticated caller.
 *
 * On a type, a directive applies to every field of the type; on a field as well, both apply. A
 * field with neither (on itself or its type) is unclassified and nobody may read it.
 */
export const AUTHORIZATION_SPEC_URL = 'https://casegraph.invalid/authorization/v1.0';

export const AUTHORIZATION_DIRECTIVES = {
  requiresRights: 'requiresRights',
  notPersonalData: 'notPersonalData',
} as const;
