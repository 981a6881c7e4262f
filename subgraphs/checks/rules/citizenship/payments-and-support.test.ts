import { describe, expect, it } from 'vitest';
import { AS_OF, application, citizenshipFacts, failed, found } from '../../../../test/check-facts.js';
import { checkedInThresholds } from '../../../../contracts/check-thresholds.js';
import { meansOfSupportRule, paymentObligationsRule } from './payments-and-support.js';

const thresholds = checkedInThresholds();

describe('payment obligations', () => {
  const debt = (amountEur: number, underPaymentPlan = false) =>
    citizenshipFacts({ personalTaxDebt: found({ personalIdentityCode: 'x', amountEur, underPaymentPlan }, 'TAX') });

  it.each([
    ['no recorded debt', citizenshipFacts(), 'FULFILLED'],
    ['a debt of 0', debt(0), 'FULFILLED'],
    ['150 EUR', debt(150), 'MANUAL_REVIEW'],
    ['999 EUR', debt(999), 'MANUAL_REVIEW'],
    ['1,000 EUR', debt(1000), 'NOT_FULFILLED'],
    ['15,800 EUR', debt(15_800), 'NOT_FULFILLED'],
    ['4,200 EUR under a payment plan', debt(4200, true), 'MANUAL_REVIEW'],
    ['no Finnish code to ask by', citizenshipFacts({ personalTaxDebt: null }), 'MANUAL_REVIEW'],
    ['the tax administration down', citizenshipFacts({ personalTaxDebt: failed('TAX') }), 'MANUAL_REVIEW'],
  ] as const)('%s: %s', (_case, facts, outcome) => {
    expect(paymentObligationsRule.evaluate(facts, thresholds, AS_OF).outcome).toBe(outcome);
  });
});

describe('means of support', () => {
  const months = (unemploymentBenefitMonths: number, socialAssistanceMonths: number) =>
    citizenshipFacts({ application: application({}, { meansOfSupport: { unemploymentBenefitMonths, socialAssistanceMonths } }) });

  it.each([
    [3, 0, 'FULFILLED'],
    [4, 0, 'NOT_FULFILLED'],
    [0, 4, 'NOT_FULFILLED'],
    [2, 1, 'FULFILLED'],
    [2, 2, 'MANUAL_REVIEW'], // each within 3, together over: the months may overlap
  ] as const)('%s months of unemployment benefit and %s of social assistance: %s', (unemployment, assistance, outcome) => {
    const result = meansOfSupportRule.evaluate(months(unemployment, assistance), thresholds, AS_OF);
    expect(result.outcome).toBe(outcome);
    expect(result.facts[0]).toMatchObject({ name: 'meansOfSupport', source: 'DECLARED', provenance: { registry: 'CASE_REGISTER' } });
  });

  it('not stated: MANUAL_REVIEW', () => {
    expect(
      meansOfSupportRule.evaluate(citizenshipFacts({ application: application({}, { meansOfSupport: null }) }), thresholds, AS_OF).outcome,
    ).toBe('MANUAL_REVIEW');
  });
});
