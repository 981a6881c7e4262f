import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph-harness.js';
import { ConfigError } from '../../platform/config.js';
import { checksSubgraph } from './subgraph.js';

let subgraph: SubgraphUnderTest;
beforeAll(async () => {
  // No cache: the call counts below are the registry calls one request makes.
  subgraph = await startSubgraphUnderTest(checksSubgraph, { env: { REGISTRY_CACHE: 'off' } });
});
afterAll(() => subgraph.close());

const CHECK =
  '... on Application { id prerequisiteCheck(asOf: "2026-10-01") { ' +
  'applicationType ruleSet { id version } recommendation findings { ruleId outcome } } }';

describe('checks subgraph _entities', () => {
  it('resolves Application by id with its prerequisite check, in the order asked, null for an unknown id', async () => {
    subgraph.mocks.stats.reset();
    const result = await subgraph.entities<Record<string, any>>(
      [
        { __typename: 'Application', id: SCENARIO.showcase },
        { __typename: 'Application', id: 'APP-9999999' },
        { __typename: 'Application', id: SCENARIO.citizenshipLargeTaxDebt },
        { __typename: 'Application', id: SCENARIO.repeatApplicantFamilyTies },
        { __typename: 'Application', id: SCENARIO.showcase },
      ],
      CHECK,
    );
    expect(result.body.errors).toBeUndefined();
    const [showcase, unknown, citizenship, familyTies, again] = result.body.data!._entities;
    expect(showcase).toEqual({
      id: SCENARIO.showcase,
      prerequisiteCheck: {
        applicationType: 'WORK_PERMIT',
        ruleSet: { id: 'employer-check', version: 1 },
        recommendation: 'READY_FOR_DECISION',
        findings: [],
      },
    });
    expect(unknown).toEqual({ id: 'APP-9999999', prerequisiteCheck: null });
    expect(citizenship!.prerequisiteCheck).toMatchObject({
      applicationType: 'CITIZENSHIP',
      recommendation: 'FINDINGS_FOR_CASE_WORKER',
      findings: [{ ruleId: 'citizenship.paymentObligations', outcome: 'NOT_FULFILLED' }],
    });
    expect(familyTies!.prerequisiteCheck).toEqual({
      applicationType: 'FAMILY_TIES',
      ruleSet: null,
      recommendation: 'NO_AUTOMATIC_RECOMMENDATION',
      findings: [],
    });
    expect(again).toEqual(showcase);

    // Every application in one case-register call; each batch registry asked once.
    const calls = subgraph.mocks.stats.snapshot().registries;
    expect(calls.caseRegister).toMatchObject({ calls: 1, keys: 4 });
    expect(calls.tradeRegister.calls).toBe(1);
    expect(calls.tax.calls).toBe(2); // the employer's compliance report, the citizenship applicant's personal tax debt
    expect(calls.population.calls).toBe(1);
    expect(calls.police.calls).toBe(1); // the citizenship applicant only: the employer check reads no police records
    expect(calls.sis.calls).toBe(2); // the work permit and citizenship applicants; family ties has no rule set
  });

  it('refuses a malformed id with BAD_USER_INPUT before asking the case register', async () => {
    subgraph.mocks.stats.reset();
    const result = await subgraph.entities([{ __typename: 'Application', id: 'APP 1; DROP' }], CHECK);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(subgraph.mocks.stats.snapshot().registries.caseRegister.calls).toBe(0);
  });
});

describe('checks subgraph start', () => {
  it('stops with a ConfigError naming CHECK_THRESHOLDS_FILE when the thresholds file is unusable', async () => {
    process.env.CHECK_THRESHOLDS_FILE = '/nonexistent/thresholds.json';
    try {
      const starting = startSubgraphUnderTest(checksSubgraph);
      await expect(starting).rejects.toBeInstanceOf(ConfigError);
      await expect(starting).rejects.toThrow(/CHECK_THRESHOLDS_FILE \(\/nonexistent\/thresholds.json\): cannot read the thresholds file/);
    } finally {
      delete process.env.CHECK_THRESHOLDS_FILE;
    }
  });
});
