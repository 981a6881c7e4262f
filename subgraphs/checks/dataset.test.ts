/**
 * The rule engine over the whole default mock data set, through the registries as the mocks
 * serve them: every rule goes each way somewhere, and no rule yields an outcome it does not
 * declare. The data set's named scenarios put the boundaries in; this shows the engine reads
 * them as intended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph-harness.js';
import { CITIZENSHIP } from './rules/citizenship/index.js';
import { EMPLOYER_CHECK } from './rules/employer-check.js';
import { TYPES_WITHOUT_RULE_SET } from './rules/index.js';
import { SPECIALIST_PERMIT } from './rules/specialist-permit.js';
import { checksSubgraph } from './subgraph.js';

type Outcome = 'FULFILLED' | 'NOT_FULFILLED' | 'MANUAL_REVIEW';
interface CheckedItem {
  recommendation: string;
  rules: Array<{ ruleId: string; outcome: Outcome }>;
}

let subgraph: SubgraphUnderTest;
/** Outcomes seen per rule id, and recommendations per application type. */
const outcomes = new Map<string, Set<Outcome>>();
const recommendations = new Map<string, Set<string>>();

beforeAll(async () => {
  subgraph = await startSubgraphUnderTest(checksSubgraph, { env: { REGISTRY_CACHE: 'off' } });
  for (const type of ['WORK_PERMIT', 'CITIZENSHIP', 'SPECIALIST_PERMIT', ...TYPES_WITHOUT_RULE_SET]) {
    recommendations.set(type, new Set());
    let after: string | null = null;
    do {
      const result: { body: { data?: any; errors?: unknown } } = await subgraph.query(
        `query($type: ApplicationType!, $after: String) {
          prerequisiteChecks(type: $type, status: null, first: 1000, after: $after, asOf: "2026-10-01") {
            nextCursor items { recommendation rules { ruleId outcome } }
          }
        }`,
        { type, after },
      );
      if (result.body.errors) throw new Error(JSON.stringify(result.body.errors));
      const page = result.body.data.prerequisiteChecks as { nextCursor: string | null; items: CheckedItem[] };
      for (const item of page.items) {
        recommendations.get(type)!.add(item.recommendation);
        for (const rule of item.rules) {
          if (!outcomes.has(rule.ruleId)) outcomes.set(rule.ruleId, new Set());
          outcomes.get(rule.ruleId)!.add(rule.outcome);
        }
      }
      after = page.nextCursor;
    } while (after);
  }
}, 120_000);
afterAll(() => subgraph.close());

const ALL_RULES = [
  ...new Map([...EMPLOYER_CHECK.rules, ...CITIZENSHIP.rules, ...SPECIALIST_PERMIT.rules].map((rule) => [rule.id, rule])).values(),
];

describe('the engine over the default data set', () => {
  it.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('%s goes each way', (id, rule) => {
    const seen = outcomes.get(id);
    expect(seen, `${id} was evaluated`).toBeDefined();
    // Only the outcomes the rule declares, and MANUAL_REVIEW for missing data.
    for (const outcome of seen!) expect([...rule.outcomes, 'MANUAL_REVIEW']).toContain(outcome);
    if (rule.outcomes.includes('FULFILLED')) expect(seen, `${id} FULFILLED somewhere`).toContain('FULFILLED');
    expect(
      [...seen!].some((outcome) => outcome !== 'FULFILLED'),
      `${id} not FULFILLED somewhere`,
    ).toBe(true);
    for (const outcome of rule.outcomes) expect(seen, `${id} ${outcome} somewhere`).toContain(outcome);
  });

  it('recommends READY_FOR_DECISION somewhere and findings somewhere for work permits and citizenship', () => {
    expect(recommendations.get('WORK_PERMIT')).toEqual(new Set(['READY_FOR_DECISION', 'FINDINGS_FOR_CASE_WORKER']));
    expect(recommendations.get('CITIZENSHIP')).toEqual(new Set(['READY_FOR_DECISION', 'FINDINGS_FOR_CASE_WORKER']));
  });

  it('always sends a specialist permit to a case worker: special expertise is discretionary', () => {
    expect(recommendations.get('SPECIALIST_PERMIT')).toEqual(new Set(['FINDINGS_FOR_CASE_WORKER']));
  });

  it.each(TYPES_WITHOUT_RULE_SET)('recommends nothing for %s, which has no rule set', (type) => {
    expect(recommendations.get(type)).toEqual(new Set(['NO_AUTOMATIC_RECOMMENDATION']));
  });
});
