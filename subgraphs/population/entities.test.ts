import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { applicantOf, unknownPersonalIdentityCode } from '../../test/dataset-fixtures.js';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph-harness.js';
import { populationSubgraph } from './subgraph.js';

let subgraph: SubgraphUnderTest;
beforeAll(async () => {
  subgraph = await startSubgraphUnderTest(populationSubgraph);
});
afterAll(() => subgraph.close());

describe('population subgraph _entities', () => {
  it('resolves Applicant.population in key order with one batch call for distinct codes', async () => {
    const { dataset } = subgraph.mocks;
    const showcase = applicantOf(dataset, SCENARIO.showcase);
    const convicted = applicantOf(dataset, SCENARIO.policeConviction);
    const unknown = unknownPersonalIdentityCode(dataset);
    subgraph.mocks.stats.reset();
    const result = await subgraph.entities(
      [
        { __typename: 'Applicant', id: showcase.id, personalIdentityCode: showcase.personalIdentityCode },
        { __typename: 'Applicant', id: 'CUS-X1', personalIdentityCode: null },
        { __typename: 'Applicant', id: 'CUS-X2', personalIdentityCode: unknown },
        { __typename: 'Applicant', id: convicted.id, personalIdentityCode: convicted.personalIdentityCode },
        { __typename: 'Applicant', id: showcase.id, personalIdentityCode: showcase.personalIdentityCode },
      ],
      '... on Applicant { id population { personalIdentityCode familyName provenance { registry service requestId } } }',
    );
    expect(result.body.errors).toBeUndefined();
    const codes = result.body.data!._entities.map(
      (e) => (e as { population: { personalIdentityCode: string } | null }).population?.personalIdentityCode ?? null,
    );
    expect(codes).toEqual([showcase.personalIdentityCode, null, null, convicted.personalIdentityCode, showcase.personalIdentityCode]);
    const first = result.body.data!._entities[0] as { population: { familyName: string; provenance: Record<string, string> } };
    expect(first.population.familyName).toBe(showcase.familyName);
    expect(first.population.provenance).toMatchObject({ registry: 'POPULATION', service: 'FI/GOV/0245437-2/VTJkysely/persons' });
    expect(subgraph.mocks.stats.snapshot().registries.population).toMatchObject({ calls: 1, keys: 3 });
  });

  it('resolves PopulationRecord by personal identity code', async () => {
    const person = subgraph.mocks.dataset.population.persons[5]!;
    const result = await subgraph.entities(
      [{ __typename: 'PopulationRecord', personalIdentityCode: person.personalIdentityCode }],
      '... on PopulationRecord { personalIdentityCode dateOfBirth nationalities }',
    );
    expect(result.body.data!._entities[0]).toEqual({
      personalIdentityCode: person.personalIdentityCode,
      dateOfBirth: person.dateOfBirth,
      nationalities: person.nationalities,
    });
  });

  it('withholds the address of a person under non-disclosure', async () => {
    const applicant = applicantOf(subgraph.mocks.dataset, SCENARIO.nonDisclosure);
    const person = subgraph.mocks.dataset.population.persons.find((p) => p.personalIdentityCode === applicant.personalIdentityCode)!;
    expect(person.nonDisclosure && person.permanentAddress).toBeTruthy();
    const result = await subgraph.query<{ populationRecord: Record<string, unknown> }>(
      'query($code: String!) { populationRecord(personalIdentityCode: $code) { nonDisclosure addressWithheld permanentAddress { street } } }',
      { code: applicant.personalIdentityCode },
      // A person's record by code is read within a case they are a party of.
      { caseId: SCENARIO.nonDisclosure },
    );
    expect(result.body.data!.populationRecord).toEqual({ nonDisclosure: true, addressWithheld: true, permanentAddress: null });
  });

  it('refuses a bad identity code with BAD_USER_INPUT that says what is wrong, without asking the registry', async () => {
    subgraph.mocks.stats.reset();
    const result = await subgraph.query('{ populationRecord(personalIdentityCode: "131052-308U") { familyName } }');
    expect(result.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/check character/),
      extensions: { code: 'BAD_USER_INPUT', argument: 'personalIdentityCode' },
    });
    expect(result.body.errors?.[0]?.message).not.toContain('131052-308U');
    expect(subgraph.mocks.stats.snapshot().registries.population.calls).toBe(0);
  });
});
