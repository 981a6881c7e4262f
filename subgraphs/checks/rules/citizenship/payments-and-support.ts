/**
 * Payment obligations (personal tax debt) and means of support (months on benefits).
 */
import { thresholdOn } from '../../../../contracts/check-thresholds.js';
import { declaredFact, euros, noThresholdInForce, registryFact, registryUnavailable } from '../rule.js';
import { citizenshipRule } from './citizenship-rule.js';

/**
 * Personal tax debt from the tax administration. None recorded: FULFILLED. A debt under a
 * payment plan: MANUAL_REVIEW (the registry says a plan exists, not that it is kept). An unpaid
 * debt without a plan: NOT_FULFILLED from the configured amount on, MANUAL_REVIEW below it.
 */
export const paymentObligationsRule = citizenshipRule(
  {
    id: 'citizenship.paymentObligations',
    title: 'The applicant has met their payment obligations',
    requirement: 'payment obligations met (tax debt)',
    outcomes: ['FULFILLED', 'NOT_FULFILLED', 'MANUAL_REVIEW'],
  },
  (facts, thresholds, asOf) => {
    const answer = facts.personalTaxDebt;
    if (!answer) {
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: 'The applicant has no Finnish personal identity code to ask the tax administration by: for a case worker',
        facts: [registryFact('hasFinnishIdentityCode', false, facts.applicationProvenance)],
      };
    }
    if (!answer.ok) return registryUnavailable([answer.failure], 'Payment obligations');
    const amount = answer.record?.amountEur ?? 0;
    const plan = answer.record?.underPaymentPlan ?? false;
    const evidence = [
      registryFact('personalTaxDebtEur', amount, answer.provenance),
      registryFact('taxDebtUnderPaymentPlan', plan, answer.provenance),
    ];
    if (amount <= 0)
      return {
        outcome: 'FULFILLED',
        explanation: 'The tax administration records no tax debt for the applicant. Amount of tax debt: 0 euros',
        facts: evidence,
      };
    const limit = thresholdOn(thresholds, 'citizenship', 'personalTaxDebtNotFulfilledFromEur', asOf);
    if (!limit) return noThresholdInForce('personal tax debt', asOf, evidence);
    if (plan) {
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: `Tax debt of ${euros(amount)} euros under a payment plan: whether the plan is kept is for a case worker`,
        facts: evidence,
        thresholds: [limit],
      };
    }
    if (amount < limit.value) {
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: `Unpaid tax debt of ${euros(amount)} euros, less than ${euros(limit.value)} euros: for a case worker to weigh`,
        facts: evidence,
        thresholds: [limit],
      };
    }
    return {
      outcome: 'NOT_FULFILLED',
      explanation: `Unpaid tax debt of ${euros(amount)} euros without a payment plan (${euros(limit.value)} euros or more)`,
      facts: evidence,
      thresholds: [limit],
    };
  },
);
/**
 * Months on unemployment benefit or social assistance, as declared (the income register and the
 * social support register are not consulted yet). The limit is on the two combined: months of
 * either count. The declaration gives months per benefit, not which months, so when each alone
 * is within the limit but their sum is not, the two may overlap: a case worker counts them.
 */
export const meansOfSupportRule = citizenshipRule(
  {
    id: 'citizenship.meansOfSupport',
    title: 'The applicant has supported themself',
    requirement: 'means of support (no more than 3 months of unemployment benefit or social assistance in the last 2 years)',
    outcomes: ['FULFILLED', 'NOT_FULFILLED', 'MANUAL_REVIEW'],
  },
  (facts, thresholds, asOf) => {
    const support = facts.application.declared.meansOfSupport;
    const evidence = [declaredFact('meansOfSupport', support, facts.applicationProvenance)];
    const max = thresholdOn(thresholds, 'citizenship', 'meansOfSupportMaxMonths', asOf);
    const lookback = thresholdOn(thresholds, 'citizenship', 'meansOfSupportLookbackMonths', asOf);
    if (!max || !lookback) return noThresholdInForce('means of support', asOf, evidence);
    if (!support)
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: 'The application does not state the months on benefits: for a case worker',
        facts: evidence,
      };
    const { unemploymentBenefitMonths: unemployment, socialAssistanceMonths: assistance } = support;
    const combined = unemployment + assistance;
    const applied = [max, lookback];
    const shown =
      `${unemployment} months of unemployment benefit and ${assistance} of social assistance ` +
      `in the last ${lookback.value} months (at most ${max.value})`;
    if (combined <= max.value)
      return { outcome: 'FULFILLED', explanation: `Means of support: ${shown}`, facts: evidence, thresholds: applied };
    if (unemployment > max.value || assistance > max.value) {
      return { outcome: 'NOT_FULFILLED', explanation: `Too long on benefits: ${shown}`, facts: evidence, thresholds: applied };
    }
    return {
      outcome: 'MANUAL_REVIEW',
      explanation: `Benefits may overlap: ${shown}; a case worker counts the months`,
      facts: evidence,
      thresholds: applied,
    };
  },
);
