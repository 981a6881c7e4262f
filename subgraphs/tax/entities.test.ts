import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { applicantOf, applicationOf } from '../../test/dataset-fixtures.js';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph-harness.js';
import { taxSubgraph } from './subgraph.js';

let subgraph: SubgraphUnderTest;
beforeAll(async () => {
  subgraph = await startSubgraphUnderTest(taxSubgraph);
});
afterAll(() => subgraph.close());

describe('tax subgraph _entities', () => {
  it('resolves Employer.taxCompliance by Business ID in key order', async () => {
    const { dataset } = subgraph.mocks;
    const clean = applicationOf(dataset, SCENARIO.showcase).employerBusinessId!;
    const debtor = applicationOf(dataset, SCENARIO.employerTaxDebt1000).employerBusinessId!;
    const missing = applicationOf(dataset, SCENARIO.employerMissingTaxReturns).employerBusinessId!;
    subgraph.mocks.stats.reset();
    const result = await subgraph.entities(
      [debtor, clean, missing].map((businessId) => ({ __typename: 'Employer', businessId })),
      '... on Employer { businessId taxCompliance { taxDebtEur taxReturnsFiled missingTaxReturnPeriods provenance { registry } } }',
    );
    expect(result.body.errors).toBeUndefined();
    const [a, b, c] = result.body.data!._entities as Array<{ businessId: string; taxCompliance: Record<string, any> }>;
    expect(a).toMatchObject({ businessId: debtor, taxCompliance: { taxDebtEur: 1000, provenance: { registry: 'TAX' } } });
    expect(b).toMatchObject({ businessId: clean, taxCompliance: { taxDebtEur: 0, taxReturnsFiled: true } });
    expect(c!.taxCompliance.taxReturnsFiled).toBe(false);
    expect(c!.taxCompliance.missingTaxReturnPeriods.length).toBeGreaterThan(0);
    expect(subgraph.mocks.stats.snapshot().registries.tax.services['complianceReports/batch']).toEqual({ calls: 1, keys: 3 });
  });

  it('resolves Applicant.taxDebt from the identity code; no recorded debt is an answer, no code is null', async () => {
    const { dataset } = subgraph.mocks;
    const large = applicantOf(dataset, SCENARIO.citizenshipLargeTaxDebt);
    const debt = dataset.tax.personalTaxDebts.find((d) => d.personalIdentityCode === large.personalIdentityCode)!;
    const clean = applicantOf(dataset, SCENARIO.showcase);
    const result = await subgraph.entities(
      [
        { __typename: 'Applicant', id: large.id, personalIdentityCode: large.personalIdentityCode },
        { __typename: 'Applicant', id: clean.id, personalIdentityCode: clean.personalIdentityCode },
        { __typename: 'Applicant', id: 'CUS-X', personalIdentityCode: null },
      ],
      '... on Applicant { id taxDebt { hasDebt amountEur underPaymentPlan } }',
    );
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!._entities).toEqual([
      { id: large.id, taxDebt: { hasDebt: true, amountEur: debt.amountEur, underPaymentPlan: debt.underPaymentPlan } },
      { id: clean.id, taxDebt: { hasDebt: false, amountEur: 0, underPaymentPlan: false } },
      { id: 'CUS-X', taxDebt: null },
    ]);
  });

  it('names the tax administration, not the compliance report, when personal tax debt cannot be read', async () => {
    const applicant = applicantOf(subgraph.mocks.dataset, SCENARIO.showcase);
    subgraph.mocks.knobs.patch('tax', { down: true });
    try {
      const result = await subgraph.entities(
        [{ __typename: 'Applicant', id: applicant.id, personalIdentityCode: applicant.personalIdentityCode }],
        '... on Applicant { taxDebt { hasDebt } }',
      );
      const [error] = result.body.errors ?? [];
      expect(error).toMatchObject({ extensions: { code: 'REGISTRY_UNAVAILABLE', registry: 'TAX' } });
      expect(error!.message).toMatch(/^Tax administration: /);
      expect(error!.message).not.toMatch(/compliance/i);
    } finally {
      subgraph.mocks.knobs.reset();
    }
  });
});
