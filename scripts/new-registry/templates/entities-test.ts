/**
 * subgraphs/<name>/entities.test.ts: the subgraph through `_entities`, as the gateway asks it:
 * known keys, an unknown key, key order, and the exact registry calls from the mocks' counters.
 */
import type { Scaffold } from './scaffold.js';

export function entitiesTestTemplate(scaffold: Scaffold): string {
  const { names, flavour, on } = scaffold;
  const batch = flavour === 'batch';
  const calls = batch
    ? `    // A batch registry gets every distinct key of the request in one call.
    expect(subgraph.mocks.stats.snapshot().registries.${names.id}).toMatchObject({ calls: 1, keys: 3, errors: 0 });`
    : `    // A single-subject registry gets one call per distinct subject.
    expect(subgraph.mocks.stats.snapshot().registries.${names.id}).toMatchObject({ calls: 3, keys: 3, errors: 0 });`;
  const expectedOf = (keyField: string, key: string) => `  const expected = (${key}: string) => {
    const record = dataset.${names.id}.records.find((r) => r.${keyField} === ${key})!;
    return { reference: record.reference, registeredOn: record.registeredOn, provenance: { registry: '${names.code}' } };
  };`;
  const cases =
    on === 'applicant'
      ? `  it('resolves Applicant.${names.id} by identity code in key order: known, unknown, none, repeated', async () => {
    const { dataset } = subgraph.mocks;
    const first = applicantOf(dataset, SCENARIO.showcase);
    const second = applicantOf(dataset, SCENARIO.policeConviction);
    const unknown = unknownPersonalIdentityCode(dataset);
    expect(dataset.${names.id}.records.some((r) => r.personalIdentityCode === unknown)).toBe(false);
  ${expectedOf('personalIdentityCode', 'code')}
    subgraph.mocks.stats.reset();
    const result = await subgraph.entities(
      [
        { __typename: 'Applicant', id: second.id, personalIdentityCode: second.personalIdentityCode },
        { __typename: 'Applicant', id: 'CUS-X1', personalIdentityCode: unknown },
        { __typename: 'Applicant', id: first.id, personalIdentityCode: first.personalIdentityCode },
        { __typename: 'Applicant', id: 'CUS-X2', personalIdentityCode: null },
        { __typename: 'Applicant', id: second.id, personalIdentityCode: second.personalIdentityCode },
      ],
      '... on Applicant { id ${names.id} { reference registeredOn provenance { registry } } }',
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!._entities).toEqual([
      { id: second.id, ${names.id}: expected(second.personalIdentityCode!) },
      { id: 'CUS-X1', ${names.id}: null },
      { id: first.id, ${names.id}: expected(first.personalIdentityCode!) },
      { id: 'CUS-X2', ${names.id}: null },
      { id: second.id, ${names.id}: expected(second.personalIdentityCode!) },
    ]);
${calls}
  });`
      : `  it('resolves Employer.${names.id} by Business ID in key order: known, unknown, repeated', async () => {
    const { dataset } = subgraph.mocks;
    const first = applicationOf(dataset, SCENARIO.showcase).employerBusinessId!;
    const second = applicationOf(dataset, SCENARIO.employerBankrupt).employerBusinessId!;
    // A valid Business ID no registry knows.
    const unknown = applicationOf(dataset, SCENARIO.employerNotRegistered).employerBusinessId!;
    expect(dataset.${names.id}.records.some((r) => r.businessId === unknown)).toBe(false);
  ${expectedOf('businessId', 'businessId')}
    subgraph.mocks.stats.reset();
    const result = await subgraph.entities(
      [second, unknown, first, second].map((businessId) => ({ __typename: 'Employer', businessId })),
      '... on Employer { businessId ${names.id} { reference registeredOn provenance { registry } } }',
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!._entities).toEqual([
      { businessId: second, ${names.id}: expected(second) },
      { businessId: unknown, ${names.id}: null },
      { businessId: first, ${names.id}: expected(first) },
      { businessId: second, ${names.id}: expected(second) },
    ]);
${calls}
  });`;
  const fixtures = on === 'applicant' ? 'applicantOf, unknownPersonalIdentityCode' : 'applicationOf';
  return `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { ${fixtures} } from '../../test/dataset-fixtures.js';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph-harness.js';
import { ${names.subgraphConstant} } from './subgraph.js';

let subgraph: SubgraphUnderTest;
beforeAll(async () => {
  subgraph = await startSubgraphUnderTest(${names.subgraphConstant});
});
afterAll(() => subgraph.close());

describe('${names.name} subgraph _entities', () => {
${cases}
});
`;
}
