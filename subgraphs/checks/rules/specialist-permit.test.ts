import { describe, expect, it } from 'vitest';
import { AS_OF, failed, found, specialistFacts } from '../../../test/check-facts.js';
import { checkedInThresholds, parseThresholds } from '../../../contracts/check-thresholds.js';
import { sisRule } from './sis.js';
import { salaryRule, specialExpertiseRule } from './specialist-permit.js';

const thresholds = checkedInThresholds();

describe('specialist salary', () => {
  it.each([
    [3638, 'FULFILLED'],
    [3637.99, 'NOT_FULFILLED'],
    [3638.01, 'FULFILLED'],
    [5200, 'FULFILLED'],
  ] as const)('%s EUR a month against 3,638 EUR: %s', (salary, outcome) => {
    const result = salaryRule.evaluate(specialistFacts(salary), thresholds, AS_OF);
    expect(result.outcome).toBe(outcome);
    expect(result.thresholds).toEqual([
      {
        name: 'specialistPermit.minimumMonthlySalaryEur',
        value: 3638,
        unit: 'EUR_PER_MONTH',
        effectiveFrom: '2024-01-01',
        uncertain: false,
      },
    ]);
  });

  it('shows cents as UMA shows euros', () => {
    expect(salaryRule.evaluate(specialistFacts(3637.99), thresholds, AS_OF).explanation).toBe(
      'Monthly salary 3637.99 euros, less than the 3638 euros required',
    );
  });

  it('the salary is declared, and says so', () => {
    const [fact] = salaryRule.evaluate(specialistFacts(3638), thresholds, AS_OF).facts;
    expect(fact).toMatchObject({ name: 'monthlySalaryEur', value: 3638, source: 'DECLARED', provenance: { registry: 'CASE_REGISTER' } });
  });

  it('applies the figure in force on the evaluation date', () => {
    const yearly = parseThresholds(
      {
        ...thresholds,
        specialistPermit: {
          minimumMonthlySalaryEur: [
            { from: '2024-01-01', value: 3638 },
            { from: '2025-01-01', value: 3827 },
          ],
        },
      },
      'test',
    );
    expect(salaryRule.evaluate(specialistFacts(3700), yearly, '2024-12-31').outcome).toBe('FULFILLED');
    expect(salaryRule.evaluate(specialistFacts(3700), yearly, '2025-01-01').outcome).toBe('NOT_FULFILLED');
    expect(salaryRule.evaluate(specialistFacts(3700), yearly, '2023-12-31').outcome).toBe('MANUAL_REVIEW');
  });

  it('no declared employment goes to a case worker', () => {
    expect(salaryRule.evaluate(specialistFacts(null), thresholds, AS_OF).outcome).toBe('MANUAL_REVIEW');
  });
});

describe('special expertise', () => {
  it('is discretionary: MANUAL_REVIEW with or without a statement, never FULFILLED or NOT_FULFILLED', () => {
    const withStatement = specialExpertiseRule.evaluate(specialistFacts(5000), thresholds, AS_OF);
    const without = specialExpertiseRule.evaluate(specialistFacts(5000, null), thresholds, AS_OF);
    expect(withStatement).toMatchObject({
      outcome: 'MANUAL_REVIEW',
      discretionary: true,
      explanation: expect.stringMatching(/states why/),
    });
    expect(without).toMatchObject({ outcome: 'MANUAL_REVIEW', explanation: expect.stringMatching(/no statement/) });
  });
});

describe('SIS II', () => {
  const hit = { alertId: 'SIS-1', article: 'REFUSAL_OF_ENTRY_OR_STAY' } as never;

  it('no hits: FULFILLED; any hit: MANUAL_REVIEW; SIS unavailable: MANUAL_REVIEW naming it', () => {
    expect(sisRule.evaluate({ sis: found({ hits: [] }, 'SIS') }, thresholds, AS_OF).outcome).toBe('FULFILLED');
    const oneHit = sisRule.evaluate({ sis: found({ hits: [hit] }, 'SIS') }, thresholds, AS_OF);
    expect(oneHit).toMatchObject({ outcome: 'MANUAL_REVIEW', explanation: expect.stringMatching(/an alert/) });
    expect(oneHit.facts.map((fact) => [fact.name, fact.value])).toEqual([
      ['sisHitCount', 1],
      ['sisHitArticles', ['REFUSAL_OF_ENTRY_OR_STAY']],
    ]);
    const down = sisRule.evaluate({ sis: failed('SIS') }, thresholds, AS_OF);
    expect(down).toMatchObject({ outcome: 'MANUAL_REVIEW', registryFailures: [{ registry: 'SIS', code: 'REGISTRY_UNAVAILABLE' }] });
  });
});
