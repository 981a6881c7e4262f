import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForwardedHeader } from '../../contracts/forwarded-headers.js';
import { applicantRepresentation } from '../../test/dataset-fixtures.js';
import { postGraphQL } from '../../test/graph-harness.js';
import { FULLY_PRIVILEGED_CALLER, startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph-harness.js';
import { policeSubgraph } from '../police/subgraph.js';
import { budgetFromHeader } from './registry-call-budget.js';

let subgraph: SubgraphUnderTest;
beforeAll(async () => {
  subgraph = await startSubgraphUnderTest(policeSubgraph, { env: { REGISTRY_CALL_BUDGET_MAX: '4' } });
});
afterAll(() => subgraph.close());

const SELECTION = '... on Applicant { id police { hasEntries } }';

async function entitiesWithBudget(representations: Array<Record<string, unknown>>, budgetHeader?: string) {
  const assertion = await subgraph.identity.assertion(FULLY_PRIVILEGED_CALLER, null);
  return postGraphQL<{ _entities: Array<{ id: string; police: unknown } | null> }>(
    subgraph.url,
    `query($representations: [_Any!]!) { _entities(representations: $representations) { ${SELECTION} } }`,
    { representations },
    { authorization: `Bearer ${assertion}`, ...(budgetHeader === undefined ? {} : { [ForwardedHeader.registryCallBudget]: budgetHeader }) },
  );
}

function distinctApplicants(count: number) {
  return subgraph.mocks.dataset.caseRegister.applicants.slice(0, count).map((applicant) => applicantRepresentation(applicant));
}

describe('the registry call budget in a subgraph', () => {
  it('makes only the calls the gateway says are left, and puts QUERY_TOO_COMPLEX in place of the rest', async () => {
    const applicants = distinctApplicants(5);
    subgraph.mocks.stats.reset();
    const result = await entitiesWithBudget(applicants, '2');
    expect(subgraph.mocks.stats.snapshot().registries.police.calls).toBe(2);
    const answered = result.body.data!._entities.filter((entity) => entity?.police !== null);
    expect(answered).toHaveLength(2);
    expect(result.body.errors).toHaveLength(3);
    for (const error of result.body.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', registry: 'POLICE' });
      expect(error.message).toMatch(/^Police case management: not asked: the request has used its budget of 2 registry calls/);
    }
  });

  it('caps the budget at its own ceiling, with the header or without it, and ignores a malformed header', async () => {
    for (const header of [undefined, '1000', '-1', 'lots']) {
      subgraph.mocks.stats.reset();
      const result = await entitiesWithBudget(distinctApplicants(6), header);
      expect(subgraph.mocks.stats.snapshot().registries.police.calls, `header ${header}`).toBe(4);
      expect(result.body.errors).toHaveLength(2);
    }
  });

  it('reads the header as a non-negative integer', () => {
    expect(budgetFromHeader('0', 10).limit).toBe(0);
    expect(budgetFromHeader('7', 10).limit).toBe(7);
    expect(budgetFromHeader(['1', '2'], 10).limit).toBe(10);
    expect(budgetFromHeader('1e3', 10).limit).toBe(10);
  });
});
