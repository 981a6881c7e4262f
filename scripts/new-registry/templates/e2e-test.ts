/**
 * test/e2e/<name>.test.ts: the registry through the gateway: its field in a case view, with
 * provenance, and the registry down nulling only its own field with an error that names it.
 */
import type { Scaffold } from './scaffold.js';

export function e2eTestTemplate(scaffold: Scaffold): string {
  const { names, on } = scaffold;
  const applicant = on === 'applicant';
  const entity = applicant ? 'applicant' : 'employer';
  const other = applicant ? 'familyName' : 'businessId';
  const subject = applicant
    ? `const { personalIdentityCode } = applicantOf(dataset, CASE);
    const record = dataset.${names.id}.records.find((r) => r.personalIdentityCode === personalIdentityCode)!;`
    : `const { employerBusinessId } = applicationOf(dataset, CASE);
    const record = dataset.${names.id}.records.find((r) => r.businessId === employerBusinessId)!;`;
  return `/**
 * ${names.title} through the gateway: its answer in a case view, with provenance, and the
 * registry down nulling only its own field, with an error that names it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRIES } from '../../contracts/registry-catalogue.js';
import { ${applicant ? 'applicantOf' : 'applicationOf'} } from '../dataset-fixtures.js';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

const CASE = 'APP-0000001';

const CASE_VIEW = \`{
  application(id: "\${CASE}") {
    id
    ${entity} {
      ${other}
      ${names.id} { reference registeredOn provenance { registry service } }
    }
  }
}\`;

type CaseView = { application: { id: string; ${entity}: { ${other}: string; ${names.id}: Record<string, unknown> | null } } };

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph({
    mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } },
    // No cache and no circuit breaking: the outage below must be seen as one.
    subgraphEnv: { REGISTRY_CACHE: 'off', REGISTRY_BREAKER_FAILURES: '0' },
  });
});
afterAll(() => graph.close());
afterEach(() => {
  graph.mocks.knobs.reset();
});

describe('${names.title.toLowerCase()} in a case view', () => {
  it('shows the ${entity}\\'s record, with provenance naming the registry', async () => {
    const { dataset } = graph.mocks;
    ${subject}
    const result = await graph.query<CaseView>(CASE_VIEW);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.application.${entity}.${names.id}).toMatchObject({
      reference: record.reference,
      registeredOn: record.registeredOn,
      provenance: { registry: '${names.code}' },
    });
  });

  it('down: only its field is null, with an error naming it; the rest of the case arrives', async () => {
    graph.mocks.knobs.patch('${names.id}', { down: true });
    const { data, errors } = (await graph.query<CaseView>(CASE_VIEW)).body;
    expect(data!.application.id).toBe(CASE);
    expect(data!.application.${entity}.${other}).toEqual(expect.any(String));
    expect(data!.application.${entity}.${names.id}).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({
      path: ['application', '${entity}', '${names.id}'],
      extensions: { code: 'REGISTRY_UNAVAILABLE', registry: '${names.code}' },
    });
    expect(errors![0]!.message).toContain(REGISTRIES.${names.id}.title);
  });
});
`;
}
