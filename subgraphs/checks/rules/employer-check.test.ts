import { describe, expect, it } from 'vitest';
import { UNKNOWN_INDUSTRY_CODE } from '../../../contracts/registries/trade-register.js';
import { AS_OF, company, complianceReport, employerCheckFacts, failed, found } from '../../../test/check-facts.js';
import { checkedInThresholds } from '../../../contracts/check-thresholds.js';
import {
  EMPLOYER_CHECK_RULES,
  customsDutiesRule,
  damagesRule,
  inTradeRegisterRule,
  insuranceRule,
  liableForVatRule,
  mainIndustryRule,
  overdueTaxesRule,
  taxDebtRule,
  taxReturnsRule,
} from './employer-check.js';

const thresholds = checkedInThresholds();
const withReport = (overrides: Parameters<typeof complianceReport>[0]) =>
  employerCheckFacts({ compliance: found(complianceReport(overrides), 'TAX') });
const withCompany = (overrides: Parameters<typeof company>[0]) =>
  employerCheckFacts({ company: found(company(overrides), 'TRADE_REGISTER') });

describe('the employer check on an employer in good standing', () => {
  it('fulfils every rule, with the lines UMA logs (seed 001)', () => {
    const results = EMPLOYER_CHECK_RULES.map((rule) => rule.evaluate(employerCheckFacts(), thresholds, AS_OF));
    expect(results.map((result) => result.outcome)).toEqual(Array(9).fill('FULFILLED'));
    expect(results.map((result) => result.explanation)).toEqual([
      "Employer's main industry: Restaurants",
      'The employer is in the trade register',
      'The employer is liable for VAT',
      'The employer has no deficiencies in the tax declaration',
      "Amount of the employer's overdue taxes and payments less than 1000 euros. Amount of overdue taxes and fees: 0 euros",
      "Amount of the employer's tax liability is less than 1000 euros. Amount of tax debt: 0 euros",
      'The employer has not been awarded damages based on the judgment',
      'The employer has valid insurance policies',
      'Amount of customs duties due does not exceed 1000 euros. Amount of customs duties due: 0 euros',
    ]);
  });

  it('records each fact with the registry answer it came from', () => {
    const result = taxDebtRule.evaluate(employerCheckFacts(), thresholds, AS_OF);
    expect(result).toMatchObject({ id: 'employer.taxDebt', version: 1, legalBasis: expect.stringMatching(/Aliens Act/) });
    expect(result.facts).toEqual([
      {
        name: 'taxDebtEur',
        value: 0,
        source: 'REGISTRY',
        confidentiality: null,
        provenance: expect.objectContaining({ registry: 'TAX', requestId: 'tax-call' }),
      },
      {
        name: 'taxDebtUnderPaymentPlan',
        value: false,
        source: 'REGISTRY',
        confidentiality: null,
        provenance: expect.objectContaining({ registry: 'TAX' }),
      },
    ]);
    expect(result.thresholds).toEqual([
      { name: 'employerCheck.taxDebtBelowEur', value: 1000, unit: 'EUR', effectiveFrom: '2022-01-01', uncertain: true },
    ]);
  });
});

describe('the 1,000 EUR boundaries', () => {
  it.each([
    [999, 'FULFILLED'],
    [999.99, 'FULFILLED'],
    [1000, 'NOT_FULFILLED'],
  ] as const)('overdue taxes of %s EUR: %s (less than 1,000)', (amount, outcome) => {
    const result = overdueTaxesRule.evaluate(withReport({ overdueTaxesEur: amount }), thresholds, AS_OF);
    expect(result.outcome).toBe(outcome);
    expect(result.explanation).toContain(`Amount of overdue taxes and fees: ${amount} euros`);
  });

  it.each([
    [999, false, 'FULFILLED'],
    [1000, false, 'NOT_FULFILLED'],
    [999, true, 'FULFILLED'],
    [8500, true, 'MANUAL_REVIEW'],
  ] as const)('tax debt of %s EUR (payment plan: %s): %s', (amountEur, underPaymentPlan, outcome) => {
    const result = taxDebtRule.evaluate(withReport({ taxDebt: { amountEur, underPaymentPlan } }), thresholds, AS_OF);
    expect(result.outcome).toBe(outcome);
    expect(result.explanation).toContain(`Amount of tax debt: ${amountEur} euros`);
  });

  it('a payment plan sends a debt over the limit to a case worker, saying why', () => {
    const result = taxDebtRule.evaluate(withReport({ taxDebt: { amountEur: 8500, underPaymentPlan: true } }), thresholds, AS_OF);
    expect(result.explanation).toMatch(/payment plan/);
  });

  it.each([
    [1000, 'FULFILLED'],
    [1000.01, 'NOT_FULFILLED'],
    [1001, 'NOT_FULFILLED'],
  ] as const)('customs duties of %s EUR: %s (does not exceed 1,000)', (amount, outcome) => {
    expect(customsDutiesRule.evaluate(withReport({ customsDutiesDueEur: amount }), thresholds, AS_OF).outcome).toBe(outcome);
  });
});

describe('each rule not fulfilled', () => {
  it('an employer the trade register does not know is not in it; the rules that read the entry go to a case worker', () => {
    const facts = employerCheckFacts({ company: found(null, 'TRADE_REGISTER'), compliance: found(null, 'TAX') });
    expect(inTradeRegisterRule.evaluate(facts, thresholds, AS_OF)).toMatchObject({
      outcome: 'NOT_FULFILLED',
      explanation: 'The employer is not in the trade register',
    });
    expect(mainIndustryRule.evaluate(facts, thresholds, AS_OF).outcome).toBe('MANUAL_REVIEW');
    expect(taxDebtRule.evaluate(facts, thresholds, AS_OF)).toMatchObject({
      outcome: 'MANUAL_REVIEW',
      explanation: expect.stringMatching(/no obligation compliance report/),
    });
  });

  it.each(['BANKRUPT', 'IN_LIQUIDATION', 'DISSOLVED'] as const)('an employer whose status is %s is not active', (status) => {
    expect(inTradeRegisterRule.evaluate(withCompany({ status }), thresholds, AS_OF)).toMatchObject({
      outcome: 'NOT_FULFILLED',
      explanation: expect.stringContaining(status),
    });
  });

  it('an entry that ended before the evaluation date', () => {
    const ended = withCompany({ tradeRegister: { since: '2014-10-01', until: '2026-09-30' } });
    expect(inTradeRegisterRule.evaluate(ended, thresholds, AS_OF).outcome).toBe('NOT_FULFILLED');
    expect(inTradeRegisterRule.evaluate(ended, thresholds, '2026-09-30').outcome).toBe('FULFILLED');
  });

  it('no main industry stated, or the trade register\'s "industry unknown" (TOL 00000)', () => {
    expect(mainIndustryRule.evaluate(withCompany({ mainIndustry: { code: '', description: '' } }), thresholds, AS_OF).outcome).toBe(
      'NOT_FULFILLED',
    );
    const unknown = withCompany({ mainIndustry: { code: UNKNOWN_INDUSTRY_CODE, description: 'Industry unknown' } });
    expect(mainIndustryRule.evaluate(unknown, thresholds, AS_OF).outcome).toBe('NOT_FULFILLED');
  });

  it('not in the VAT register, or out of it by the evaluation date', () => {
    expect(liableForVatRule.evaluate(withCompany({ vatRegister: null }), thresholds, AS_OF).outcome).toBe('NOT_FULFILLED');
    expect(
      liableForVatRule.evaluate(withCompany({ vatRegister: { since: '2014-10-01', until: '2025-12-31' } }), thresholds, AS_OF).outcome,
    ).toBe('NOT_FULFILLED');
  });

  it('missing tax returns, named by period', () => {
    const result = taxReturnsRule.evaluate(
      withReport({ taxReturns: { allFiled: false, missingPeriods: ['2026-07', '2026-08'] } }),
      thresholds,
      AS_OF,
    );
    expect(result).toMatchObject({ outcome: 'NOT_FULFILLED', explanation: expect.stringContaining('2026-07, 2026-08') });
  });

  it('damages awarded by judgment', () => {
    expect(damagesRule.evaluate(withReport({ damagesAwardedByJudgment: true }), thresholds, AS_OF).outcome).toBe('NOT_FULFILLED');
  });

  it('invalid pension or accident insurance, named', () => {
    expect(insuranceRule.evaluate(withReport({ pensionInsurance: { valid: false } }), thresholds, AS_OF)).toMatchObject({
      outcome: 'NOT_FULFILLED',
      explanation: 'The employer has no valid pension insurance',
    });
    expect(insuranceRule.evaluate(withReport({ accidentInsurance: { valid: false } }), thresholds, AS_OF)).toMatchObject({
      outcome: 'NOT_FULFILLED',
      explanation: 'The employer has no valid accident insurance',
    });
  });
});

describe('missing or unavailable data goes to a case worker', () => {
  it('a registry that could not be consulted: MANUAL_REVIEW naming it and its error', () => {
    const facts = employerCheckFacts({ compliance: failed('TAX', 'REGISTRY_TIMEOUT') });
    const result = customsDutiesRule.evaluate(facts, thresholds, AS_OF);
    expect(result.outcome).toBe('MANUAL_REVIEW');
    expect(result.registryFailures).toEqual([{ registry: 'TAX', code: 'REGISTRY_TIMEOUT', message: expect.any(String) }]);
    expect(result.explanation).toMatch(/TAX \(REGISTRY_TIMEOUT\)/);
    expect(inTradeRegisterRule.evaluate(employerCheckFacts({ company: failed('TRADE_REGISTER') }), thresholds, AS_OF).outcome).toBe(
      'MANUAL_REVIEW',
    );
  });

  it('an application naming no employer', () => {
    const facts = employerCheckFacts({ businessId: null, company: null, compliance: null });
    for (const rule of EMPLOYER_CHECK_RULES) {
      expect(rule.evaluate(facts, thresholds, AS_OF), rule.id).toMatchObject({
        outcome: 'MANUAL_REVIEW',
        explanation: expect.stringMatching(/names no employer/),
      });
    }
  });

  it("a date before any configured limit: MANUAL_REVIEW, never another period's figure", () => {
    const result = taxDebtRule.evaluate(employerCheckFacts(), thresholds, '2021-12-31');
    expect(result).toMatchObject({ outcome: 'MANUAL_REVIEW', thresholds: [], explanation: expect.stringMatching(/No tax debt threshold/) });
  });
});
