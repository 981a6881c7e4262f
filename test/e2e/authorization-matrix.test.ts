/**
 * Who sees what: every demo caller × every shipped operation × every sensitive field it selects,
 * through the gateway over real HTTP, with the registry cache off so that the mocks' counters show
 * every registry call a request makes.
 *
 * The expected visibility is written out by hand below, from the roles' rights in
 * gateway/rights.json and the @requiresRights of the subgraphs' SDL; nothing here asks the
 * production AuthorizationRules, which would make the test agree with whatever they say. For each
 * cell:
 *   read    the data is there, and no UNAUTHORIZED_FIELD_OR_TYPE names the field;
 *   null    null at the field (or, for a non-null field, its nearest nullable ancestor), an
 *           UNAUTHORIZED_FIELD_OR_TYPE error whose path names the field ("@" for list items), and
 *           the registry behind it not asked;
 *   403     nothing of the operation is left for the caller: HTTP 403, no data, no registry asked.
 *
 * pekka.makinen (a case worker of unit TRE-1) is left out: purpose binding to the caller's unit is
 * being built separately, and the example applications are HEL-1's. Everyone else here is of HEL-1
 * or of no unit.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY_IDS, type RegistryId } from '../../contracts/registry-catalogue.js';
import { startTestGraph, type AnotherGateway, type GraphQLResult, type RegistryCounters, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({
    mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } },
    subgraphEnv: { REGISTRY_CACHE: 'off' },
    gatewayEnv: { RESPONSE_CACHE: 'off' },
  });
});
afterAll(() => graph.close());
beforeEach(() => graph.resetRegistryCalls());

/**
 * The callers, in the order of the table's columns. Their rights (gateway/rights.json):
 *   case worker, supervisor  case:read population:read sis:outcome employer:read tax:personal checks:read (+ audit:unit)
 *   senior case worker       the case worker's, and police:read sis:alerts
 *   analyst                  the case worker's without tax:personal, and schema:read documents:any query-plan:read
 *   data protection officer  audit:read;  integrator: schema:read documents:any query-plan:read;  operator: metrics:read cache:admin
 *   trainee                  a role the rights file does not know: nothing
 *   bulk-checker (service)   cases:all checks:bulk checks:read
 */
const CALLERS = [
  'kaisa.virtanen', // case worker
  'matti.korhonen', // senior case worker
  'liisa.nieminen', // supervisor
  'antti.heikkinen', // analyst
  'tuula.laine', // data protection officer
  'sanna.koskinen', // integrator
  'olli.jarvinen', // operator
  'ville.trainee', // trainee
  'bulk-checker', // service account
] as const;
type Caller = (typeof CALLERS)[number];

const R = 'read';
const N = 'null';
const X = '403';
type Visibility = typeof R | typeof N | typeof X;

interface SensitiveField {
  operation: string;
  /** Response path: response keys, "@" for the items of a list. */
  path: string;
  coordinate: string;
  /** Where the null lands for a non-null field: its nearest nullable ancestor. */
  nullAt?: string;
  /** The registry endpoint this field alone needs: asked when it is read, never when it is removed. */
  registry?: { id: RegistryId; endpoint: string };
  visibility: Record<Caller, Visibility>;
}

function field(
  operation: string,
  path: string,
  coordinate: string,
  cells: readonly Visibility[],
  extra: Pick<SensitiveField, 'nullAt' | 'registry'> = {},
): SensitiveField {
  if (cells.length !== CALLERS.length) throw new Error(`${operation} ${path}: one cell per caller`);
  return {
    operation,
    path,
    coordinate,
    ...extra,
    visibility: Object.fromEntries(CALLERS.map((caller, i) => [caller, cells[i]!])) as never,
  };
}

const registry = (id: RegistryId, endpoint: string) => ({ registry: { id, endpoint } });

// The table. Each operation's first row is its root field: a caller who may not read it gets 403
// for the whole operation (its other rows say 403 too).
// prettier-ignore
const FIELDS: SensitiveField[] = [
  //     operation                 path                                       coordinate                        kaisa matti liisa antti tuula sanna olli ville bulk
  field('CaseView',               'application',                             'Query.application',              [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('caseRegister', 'applications/batch')),
  field('CaseView',               'application.applicant.population',        'Applicant.population',           [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('population', 'persons/batch')),
  field('CaseView',               'application.applicant.police',            'Applicant.police',               [N,    R,    N,    N,    X,    X,    X,   X,    X], registry('police', 'subjectRecords')),
  // The SIS search also serves the outcome (hitCount, requiresHumanReview), so no registry is named here.
  field('CaseView',               'application.applicant.sis.hits',          'SisCheck.hits',                  [N,    R,    N,    N,    X,    X,    X,   X,    X], {}),
  field('CaseView',               'application.applicant.taxDebt',           'Applicant.taxDebt',              [R,    R,    R,    N,    X,    X,    X,   X,    X], registry('tax', 'personalTaxDebts/batch')),
  field('CaseView',               'application.employer.tradeRegister',      'Employer.tradeRegister',         [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('tradeRegister', 'companies/batch')),
  field('CaseView',               'application.employer.taxCompliance',      'Employer.taxCompliance',         [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('tax', 'complianceReports/batch')),

  field('Worklist',               'worklist',                                'Query.worklist',                 [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('caseRegister', 'applications')),
  field('Worklist',               'worklist.items.@.applicant.population',   'Applicant.population',           [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('population', 'persons/batch')),
  field('Worklist',               'worklist.items.@.applicant.sis',          'Applicant.sis',                  [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('sis', 'personSearch')),
  field('Worklist',               'worklist.items.@.employer.tradeRegister', 'Employer.tradeRegister',         [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('tradeRegister', 'companies/batch')),
  field('Worklist',               'worklist.items.@.employer.taxCompliance', 'Employer.taxCompliance',         [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('tax', 'complianceReports/batch')),

  field('EmployerView',           'employer',                                'Query.employer',                 [R,    R,    R,    R,    X,    X,    X,   X,    X]),
  field('EmployerView',           'employer.tradeRegister',                  'Employer.tradeRegister',         [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('tradeRegister', 'companies/batch')),
  field('EmployerView',           'employer.taxCompliance',                  'Employer.taxCompliance',         [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('tax', 'complianceReports/batch')),
  field('EmployerView',           'employer.applications',                   'Employer.applications',          [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('caseRegister', 'applications/by-employer')),

  field('PersonSearch',           'searchApplicants',                        'Query.searchApplicants',         [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('caseRegister', 'applicants/search')),
  field('PersonSearch',           'searchApplicants.@.population',           'Applicant.population',           [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('population', 'persons/batch')),
  field('PersonSearch',           'searchApplicants.@.police',               'Applicant.police',               [N,    R,    N,    N,    X,    X,    X,   X,    X], registry('police', 'subjectRecords')),
  field('PersonSearch',           'searchApplicants.@.sis',                  'Applicant.sis',                  [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('sis', 'personSearch')),

  field('PopulationRecord',       'populationRecord',                        'Query.populationRecord',         [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('population', 'persons/batch')),

  field('PrerequisiteCheck',      'application',                             'Query.application',              [R,    R,    R,    R,    X,    X,    X,   X,    X], registry('caseRegister', 'applications/batch')),
  // The checks subgraph reads the registries itself, as a service: no registry of its own to name.
  field('PrerequisiteCheck',      'application.prerequisiteCheck',           'Application.prerequisiteCheck',  [R,    R,    R,    R,    X,    X,    X,   X,    X]),

  field('BulkPrerequisiteChecks', 'prerequisiteChecks',                      'Query.prerequisiteChecks',       [X,    X,    X,    X,    X,    X,    X,   X,    R], registry('caseRegister', 'applications')),

  // The audit trail: no registry behind it. The supervisor may read a user of their own unit (the default, kaisa.virtanen).
  field('AuditTrail',             'auditTrail',                              'Query.auditTrail',               [X,    X,    X,    X,    R,    X,    X,   X,    X]),
  field('SubjectAccessReport',    'subjectAccessReport',                     'Query.subjectAccessReport',      [X,    X,    X,    X,    R,    X,    X,   X,    X]),
  field('AccessesByUser',         'accessesByUser',                          'Query.accessesByUser',           [X,    X,    R,    X,    R,    X,    X,   X,    X]),
];

const OPERATIONS = readdirSync(new URL('../../gateway/operations/', import.meta.url))
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => file.replace(/\.graphql$/, ''))
  .sort();

/** The headers an operation is run with besides the caller's token. */
const OPERATION_HEADERS: Record<string, Record<string, string>> = {
  // About a person, not an application: the case it is looked up for is named by the client.
  PopulationRecord: { 'x-case-id': 'APP-0000001' },
};

describe('the table', () => {
  it('covers every shipped operation, and each caller either may run an operation or gets 403 for all of it', () => {
    expect([...new Set(FIELDS.map((row) => row.operation))].sort()).toEqual(OPERATIONS);
    for (const operation of OPERATIONS) {
      const rows = FIELDS.filter((row) => row.operation === operation);
      for (const caller of CALLERS) {
        const refused = rows.map((row) => row.visibility[caller] === X);
        expect({ operation, caller, consistent: refused.every(Boolean) || !refused.some(Boolean) }).toEqual({
          operation,
          caller,
          consistent: true,
        });
      }
    }
  });
});

/** Every value at `path` in `data` ("@" steps into every item of a list); none when something above is null. */
function valuesAt(data: unknown, path: string): unknown[] {
  let values: unknown[] = [data];
  for (const segment of path.split('.')) {
    values = values.flatMap((value) => {
      if (segment === '@') return Array.isArray(value) ? value : [];
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? [(value as Record<string, unknown>)[segment]] : [];
    });
  }
  return values;
}

function authorizationErrors(result: GraphQLResult) {
  return (result.body.errors ?? []).filter((error) => error.extensions?.code === 'UNAUTHORIZED_FIELD_OR_TYPE');
}

const endpointCalls = (calls: Record<RegistryId, RegistryCounters>, id: RegistryId, endpoint: string) =>
  calls[id].services[endpoint]?.calls ?? 0;

const CELLS = OPERATIONS.flatMap((operation) => CALLERS.map((caller) => ({ operation, caller })));

describe('every caller × every shipped operation', () => {
  it.each(CELLS)('$operation as $caller', async ({ operation, caller }) => {
    const rows = FIELDS.filter((row) => row.operation === operation);
    const result = await graph.operation(operation, {}, { ...(await graph.as(caller)), ...OPERATION_HEADERS[operation] });
    const calls = await graph.registryCalls();

    if (rows[0]!.visibility[caller] === X) {
      expect(result.status).toBe(403);
      expect(result.body.data).toBeUndefined();
      expect(authorizationErrors(result).map((error) => error.path?.join('.'))).toEqual([rows[0]!.path]);
      expect(result.body.errors).toHaveLength(1);
      for (const id of REGISTRY_IDS) expect({ registry: id, calls: calls[id].calls }).toEqual({ registry: id, calls: 0 });
      return;
    }

    expect(result.status).toBe(200);
    // Only authorization's errors: nothing else failed, so a null below is authorization's doing.
    expect(result.body.errors ?? []).toEqual(authorizationErrors(result));
    const removed = authorizationErrors(result).map((error) => error.path?.map(String).join('.'));
    expect(removed.sort()).toEqual(
      rows
        .filter((row) => row.visibility[caller] === N)
        .map((row) => row.path)
        .sort(),
    );

    for (const row of rows) {
      const cell = { field: row.path, visibility: row.visibility[caller] };
      if (row.visibility[caller] === R) {
        const values = valuesAt(result.body.data, row.path);
        expect({ ...cell, present: values.some((value) => value !== null && value !== undefined) }).toEqual({ ...cell, present: true });
        if (row.registry) {
          const asked = endpointCalls(calls, row.registry.id, row.registry.endpoint) > 0;
          expect({ ...cell, registryAsked: asked }).toEqual({ ...cell, registryAsked: true });
        }
      } else {
        const error = authorizationErrors(result).find((candidate) => candidate.path?.join('.') === row.path);
        expect(error?.message).toContain(row.coordinate);
        const nulled = valuesAt(result.body.data, row.nullAt ?? row.path);
        expect({ ...cell, nulled: nulled.length > 0 && nulled.every((value) => value === null) }).toEqual({ ...cell, nulled: true });
        if (row.registry) {
          const asked = endpointCalls(calls, row.registry.id, row.registry.endpoint);
          expect({ ...cell, registryCalls: asked }).toEqual({ ...cell, registryCalls: 0 });
        }
      }
    }
  });
});

describe('a field nulled because a non-null field inside it was removed', () => {
  // The filter nulls the nearest nullable ancestor of a removed non-null field, as GraphQL's null
  // propagation would, and does not fetch what the answer would throw away. Here the applicant
  // (Applicant!, case data the bulk checker may not read) nulls its way up to the root: nothing runs.
  it('is not fetched: a bulk checker asking for applicants gets null, and no registry is asked at all', async () => {
    await graph.resetRegistryCalls();
    const result = await graph.query(
      '{ prerequisiteChecks(type: CITIZENSHIP, first: 5) { items { application { id applicant { id } } } } }',
      undefined,
      await graph.as('bulk-checker'),
    );
    expect(result.status).toBe(200);
    expect(result.body.data).toBeNull();
    expect(authorizationErrors(result).map((error) => error.path?.join('.'))).toEqual(['prerequisiteChecks.items.@.application.applicant']);
    const calls = await graph.registryCalls();
    for (const id of REGISTRY_IDS) expect({ registry: id, calls: calls[id].calls }).toEqual({ registry: id, calls: 0 });
  });
});

describe('the SIS outcome in the shipped CaseView', () => {
  // A case worker (and a supervisor and an analyst) holds sis:outcome, not sis:alerts: they see
  // whether SIS II has hits and whether a human must review them, and the alert details are null.
  it('shows a case worker whether SIS II has hits and whether a human must review them', async () => {
    const result = await graph.operation<{ application: { applicant: { sis: unknown } } }>(
      'CaseView',
      {},
      await graph.as('kaisa.virtanen'),
    );
    expect(result.status).toBe(200);
    expect(result.body.data?.application.applicant.sis).toMatchObject({
      hitCount: expect.any(Number),
      requiresHumanReview: expect.any(Boolean),
    });
  });
});

describe('reject mode (AUTHORIZATION_MODE=reject)', () => {
  let rejecting: AnotherGateway;
  beforeAll(async () => {
    rejecting = await graph.startAnotherGateway({ AUTHORIZATION_MODE: 'reject', RESPONSE_CACHE: 'off' });
  });
  afterAll(() => rejecting.close());

  it("refuses a case worker's CaseView with 403 and one error per field removed, asking no registry", async () => {
    const result = await rejecting.operation('CaseView', {}, await graph.as('kaisa.virtanen'));
    expect(result.status).toBe(403);
    expect(result.body.data).toBeUndefined();
    const errors = result.body.errors ?? [];
    expect(errors.map((error) => error.extensions?.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE', 'UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(errors.map((error) => error.path?.join('.')).sort()).toEqual(['application.applicant.police', 'application.applicant.sis.hits']);
    const calls = await graph.registryCalls();
    for (const id of REGISTRY_IDS) expect({ registry: id, calls: calls[id].calls }).toEqual({ registry: id, calls: 0 });
  });

  it('answers in full what the caller may read all of: a senior case worker’s CaseView, a case worker’s worklist', async () => {
    const senior = await rejecting.operation<{ application: { applicant: { police: unknown } } }>(
      'CaseView',
      {},
      await graph.as('matti.korhonen'),
    );
    expect(senior.status).toBe(200);
    expect(senior.body.errors).toBeUndefined();
    expect(senior.body.data?.application.applicant.police).not.toBeNull();

    const worklist = await rejecting.operation('Worklist', { first: 5 }, await graph.as('kaisa.virtanen'));
    expect(worklist.status).toBe(200);
    expect(worklist.body.errors).toBeUndefined();
  });
});
