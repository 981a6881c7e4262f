import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { applicationOf } from '../../test/dataset-fixtures.js';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph-harness.js';
import { businessIdCheckDigit } from '../../contracts/identifiers.js';
import { tradeRegisterSubgraph } from './subgraph.js';

let subgraph: SubgraphUnderTest;
beforeAll(async () => {
  subgraph = await startSubgraphUnderTest(tradeRegisterSubgraph);
});
afterAll(() => subgraph.close());

function unknownBusinessId(known: Set<string>): string {
  for (let digits = 9_999_999; ; digits--) {
    const check = businessIdCheckDigit(String(digits));
    const id = `${digits}-${check}`;
    if (check !== null && !known.has(id)) return id;
  }
}

describe('trade-register subgraph _entities', () => {
  it('resolves Employer.tradeRegister by Business ID in key order, null when unknown, in one batch call', async () => {
    const { dataset } = subgraph.mocks;
    const showcase = applicationOf(dataset, SCENARIO.showcase).employerBusinessId!;
    const bankrupt = applicationOf(dataset, SCENARIO.employerBankrupt).employerBusinessId!;
    const unknown = unknownBusinessId(new Set(dataset.tradeRegister.companies.map((c) => c.businessId)));
    subgraph.mocks.stats.reset();
    const result = await subgraph.entities(
      [showcase, unknown, bankrupt].map((businessId) => ({ __typename: 'Employer', businessId })),
      '... on Employer { businessId tradeRegister { businessId name status inTradeRegister liableForVat provenance { registry } } }',
    );
    expect(result.body.errors).toBeUndefined();
    const [a, b, c] = result.body.data!._entities as Array<{ businessId: string; tradeRegister: Record<string, unknown> | null }>;
    expect(a!.tradeRegister).toMatchObject({
      businessId: showcase,
      status: 'ACTIVE',
      inTradeRegister: true,
      liableForVat: true,
      provenance: { registry: 'TRADE_REGISTER' },
    });
    expect(b).toEqual({ businessId: unknown, tradeRegister: null });
    expect(c!.tradeRegister).toMatchObject({ businessId: bankrupt, status: 'BANKRUPT' });
    expect(subgraph.mocks.stats.snapshot().registries.tradeRegister).toMatchObject({ calls: 1, keys: 3 });
  });

  it('refuses a bad Business ID with BAD_USER_INPUT', async () => {
    const result = await subgraph.query('{ employer(businessId: "0245437-3") { businessId } }');
    expect(result.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/check digit/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
