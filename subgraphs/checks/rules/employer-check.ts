/**
 * The employer check for work permits, as UMA runs and logs it (seed 001): the trade register
 * (YTJ) entry and the tax administration's obligation compliance report of the employer named
 * on the application. The 1,000 EUR limits are Migri's internal rule, configured in
 * contracts/check-thresholds.json.
 *
 * A tax debt at or above the limit that a payment plan covers is MANUAL_REVIEW, not a pass and
 * not a failure: the compliance report says a plan exists, not whether it is being kept, and
 * whether it suffices is for a case worker to weigh.
 */
import type { IsoDate } from '../../../contracts/xroad.js';
import type { Provenance } from '../../shared/xroad-client.js';
import { answerOf } from '../registry-readers.js';
import type { ComplianceReport } from '../../../contracts/registries/tax.js';
import { UNKNOWN_INDUSTRY_CODE, type Company, type RegisterPeriod } from '../../../contracts/registries/trade-register.js';
import { thresholdOn, type Thresholds } from '../../../contracts/check-thresholds.js';
import {
  declaredFact,
  defineRule,
  euros,
  noThresholdInForce,
  registryFact,
  registryUnavailable,
  type Answer,
  type Fact,
  type RuleDefinition,
  type Verdict,
} from './rule.js';
import type { RuleSet } from './rule-set.js';
import { gatherSisFacts, sisRule, type SisFacts } from './sis.js';

export interface EmployerCheckFacts extends SisFacts {
  /** The Business ID named on the application; null when it names none. */
  businessId: string | null;
  /** The case register's answer the application came in. */
  applicationProvenance: Provenance;
  /** The trade register's entry; null when there is no Business ID to ask by. */
  company: Answer<Company> | null;
  /** The obligation compliance report; null when there is no Business ID to ask by. */
  compliance: Answer<ComplianceReport> | null;
}

const LEGAL_BASIS =
  'Aliens Act (301/2004), residence permit for an employed person: ' +
  "the employer has met its obligations as an employer (Migri's employer check)";

/** An employer-check rule: version 1, the employer check's legal basis, FULFILLED or NOT_FULFILLED unless it says otherwise. */
function employerRule(
  definition: Pick<RuleDefinition, 'id' | 'title'> & Partial<RuleDefinition>,
  decide: (facts: EmployerCheckFacts, thresholds: Thresholds, asOf: IsoDate) => Verdict,
) {
  return defineRule<EmployerCheckFacts>(
    { version: 1, legalBasis: LEGAL_BASIS, discretionary: false, outcomes: ['FULFILLED', 'NOT_FULFILLED'], ...definition },
    decide,
  );
}

function businessIdFact(facts: EmployerCheckFacts): Fact {
  return declaredFact('employerBusinessId', facts.businessId, facts.applicationProvenance);
}

/** Runs `decide` on the employer's trade register entry, or says why there is none to read. */
function fromCompany(facts: EmployerCheckFacts, what: string, decide: (company: Company, provenance: Provenance) => Verdict): Verdict {
  if (facts.businessId === null || facts.company === null) {
    return { outcome: 'MANUAL_REVIEW', explanation: `${what}: the application names no employer`, facts: [businessIdFact(facts)] };
  }
  if (!facts.company.ok) return registryUnavailable([facts.company.failure], what, [businessIdFact(facts)]);
  if (!facts.company.record) {
    return {
      outcome: 'MANUAL_REVIEW',
      explanation: `${what}: the trade register has no entry for the employer`,
      facts: [businessIdFact(facts), registryFact('inTradeRegister', false, facts.company.provenance)],
    };
  }
  return decide(facts.company.record, facts.company.provenance);
}

/** Runs `decide` on the employer's obligation compliance report, or says why there is none to read. */
function fromReport(
  facts: EmployerCheckFacts,
  what: string,
  decide: (report: ComplianceReport, provenance: Provenance) => Verdict,
): Verdict {
  if (facts.businessId === null || facts.compliance === null) {
    return { outcome: 'MANUAL_REVIEW', explanation: `${what}: the application names no employer`, facts: [businessIdFact(facts)] };
  }
  if (!facts.compliance.ok) return registryUnavailable([facts.compliance.failure], what, [businessIdFact(facts)]);
  if (!facts.compliance.record) {
    return {
      outcome: 'MANUAL_REVIEW',
      explanation: `${what}: the tax administration has no obligation compliance report on the employer`,
      facts: [businessIdFact(facts), registryFact('complianceReportFound', false, facts.compliance.provenance)],
    };
  }
  return decide(facts.compliance.record, facts.compliance.provenance);
}

function inForce(period: RegisterPeriod | null, on: IsoDate): boolean {
  return period !== null && period.since <= on && (period.until === null || period.until >= on);
}

export const mainIndustryRule = employerRule({ id: 'employer.mainIndustry', title: "The employer's main industry is stated" }, (facts) =>
  fromCompany(facts, "The employer's main industry", (company, provenance) => {
    const { code, description } = company.mainIndustry;
    const stated = code.trim() !== '' && code !== UNKNOWN_INDUSTRY_CODE && description.trim() !== '';
    const fact = registryFact('mainIndustry', company.mainIndustry, provenance);
    return stated
      ? { outcome: 'FULFILLED', explanation: `Employer's main industry: ${company.mainIndustry.description}`, facts: [fact] }
      : { outcome: 'NOT_FULFILLED', explanation: "The employer's main industry is not stated in the trade register", facts: [fact] };
  }),
);

export const inTradeRegisterRule = employerRule(
  { id: 'employer.inTradeRegister', title: 'The employer is in the trade register and active' },
  (facts, _thresholds, asOf) => {
    if (facts.company?.ok && facts.company.record === null) {
      // The register answered, and does not know the company: that is a finding, not missing data.
      return {
        outcome: 'NOT_FULFILLED',
        explanation: 'The employer is not in the trade register',
        facts: [businessIdFact(facts), registryFact('inTradeRegister', false, facts.company.provenance)],
      };
    }
    return fromCompany(facts, 'Whether the employer is in the trade register', (company, provenance) => {
      const entered = inForce(company.tradeRegister, asOf);
      const facts = [
        registryFact('companyStatus', company.status, provenance),
        registryFact('tradeRegisterEntry', company.tradeRegister, provenance),
      ];
      if (entered && company.status === 'ACTIVE')
        return { outcome: 'FULFILLED', explanation: 'The employer is in the trade register', facts };
      if (company.status !== 'ACTIVE')
        return {
          outcome: 'NOT_FULFILLED',
          explanation: `The employer is not active in the trade register: its status is ${company.status}`,
          facts,
        };
      return { outcome: 'NOT_FULFILLED', explanation: `The employer is not entered in the trade register on ${asOf}`, facts };
    });
  },
);

export const liableForVatRule = employerRule(
  { id: 'employer.liableForVat', title: 'The employer is liable for VAT' },
  (facts, _thresholds, asOf) =>
    fromCompany(facts, 'Whether the employer is liable for VAT', (company, provenance) => {
      const fact = registryFact('vatRegister', company.vatRegister, provenance);
      return inForce(company.vatRegister, asOf)
        ? { outcome: 'FULFILLED', explanation: 'The employer is liable for VAT', facts: [fact] }
        : { outcome: 'NOT_FULFILLED', explanation: `The employer is not in the VAT register on ${asOf}`, facts: [fact] };
    }),
);

export const taxReturnsRule = employerRule(
  { id: 'employer.taxReturns', title: 'The employer has no deficiencies in its tax returns' },
  (facts) =>
    fromReport(facts, "The employer's tax returns", (report, provenance) => {
      const reported = [
        registryFact('allTaxReturnsFiled', report.taxReturns.allFiled, provenance),
        registryFact('missingTaxReturnPeriods', report.taxReturns.missingPeriods, provenance),
      ];
      if (report.taxReturns.allFiled && report.taxReturns.missingPeriods.length === 0) {
        return { outcome: 'FULFILLED', explanation: 'The employer has no deficiencies in the tax declaration', facts: reported };
      }
      const periods = report.taxReturns.missingPeriods;
      const deficiency = periods.length === 0 ? 'returns are missing' : `no return for ${periods.join(', ')}`;
      return {
        outcome: 'NOT_FULFILLED',
        explanation: `The employer has deficiencies in the tax declaration: ${deficiency}`,
        facts: reported,
      };
    }),
);

export const overdueTaxesRule = employerRule(
  { id: 'employer.overdueTaxes', title: "The employer's overdue taxes and payments are under the limit" },
  (facts, thresholds, asOf) =>
    fromReport(facts, "The employer's overdue taxes", (report, provenance) => {
      const amount = report.overdueTaxesEur;
      const fact = registryFact('overdueTaxesEur', amount, provenance);
      const limit = thresholdOn(thresholds, 'employerCheck', 'overdueTaxesBelowEur', asOf);
      if (!limit) return noThresholdInForce('overdue taxes', asOf, [fact]);
      const shown = `Amount of overdue taxes and fees: ${euros(amount)} euros`;
      return amount < limit.value
        ? {
            outcome: 'FULFILLED',
            explanation: `Amount of the employer's overdue taxes and payments less than ${euros(limit.value)} euros. ${shown}`,
            facts: [fact],
            thresholds: [limit],
          }
        : {
            outcome: 'NOT_FULFILLED',
            explanation: `Amount of the employer's overdue taxes and payments is ${euros(limit.value)} euros or more. ${shown}`,
            facts: [fact],
            thresholds: [limit],
          };
    }),
);

export const taxDebtRule = employerRule(
  {
    id: 'employer.taxDebt',
    title: "The employer's tax debt is under the limit",
    outcomes: ['FULFILLED', 'NOT_FULFILLED', 'MANUAL_REVIEW'],
  },
  (facts, thresholds, asOf) =>
    fromReport(facts, "The employer's tax debt", (report, provenance) => {
      const { amountEur, underPaymentPlan } = report.taxDebt;
      const reported = [
        registryFact('taxDebtEur', amountEur, provenance),
        registryFact('taxDebtUnderPaymentPlan', underPaymentPlan, provenance),
      ];
      const limit = thresholdOn(thresholds, 'employerCheck', 'taxDebtBelowEur', asOf);
      if (!limit) return noThresholdInForce('tax debt', asOf, reported);
      const shown = `Amount of tax debt: ${euros(amountEur)} euros`;
      if (amountEur < limit.value) {
        return {
          outcome: 'FULFILLED',
          explanation: `Amount of the employer's tax liability is less than ${euros(limit.value)} euros. ${shown}`,
          facts: reported,
          thresholds: [limit],
        };
      }
      if (underPaymentPlan) {
        return {
          outcome: 'MANUAL_REVIEW',
          explanation:
            `Amount of the employer's tax liability is ${euros(limit.value)} euros or more, under a payment plan: ` +
            `whether the plan suffices is for a case worker. ${shown}`,
          facts: reported,
          thresholds: [limit],
        };
      }
      return {
        outcome: 'NOT_FULFILLED',
        explanation: `Amount of the employer's tax liability is ${euros(limit.value)} euros or more. ${shown}`,
        facts: reported,
        thresholds: [limit],
      };
    }),
);

export const damagesRule = employerRule(
  { id: 'employer.noDamagesByJudgment', title: 'No damages have been awarded against the employer by judgment' },
  (facts) =>
    fromReport(facts, 'Damages awarded against the employer', (report, provenance) => {
      const fact = registryFact('damagesAwardedByJudgment', report.damagesAwardedByJudgment, provenance);
      return report.damagesAwardedByJudgment
        ? { outcome: 'NOT_FULFILLED', explanation: 'Damages have been awarded against the employer based on a judgment', facts: [fact] }
        : { outcome: 'FULFILLED', explanation: 'The employer has not been awarded damages based on the judgment', facts: [fact] };
    }),
);

export const insuranceRule = employerRule(
  { id: 'employer.insurance', title: 'The employer has valid pension and accident insurance' },
  (facts) =>
    fromReport(facts, "The employer's insurance policies", (report, provenance) => {
      const reported = [
        registryFact('pensionInsuranceValid', report.pensionInsurance.valid, provenance),
        registryFact('accidentInsuranceValid', report.accidentInsurance.valid, provenance),
      ];
      const missing = [report.pensionInsurance.valid ? null : 'pension', report.accidentInsurance.valid ? null : 'accident'].filter(
        (kind) => kind !== null,
      );
      return missing.length === 0
        ? { outcome: 'FULFILLED', explanation: 'The employer has valid insurance policies', facts: reported }
        : { outcome: 'NOT_FULFILLED', explanation: `The employer has no valid ${missing.join(' or ')} insurance`, facts: reported };
    }),
);

export const customsDutiesRule = employerRule(
  { id: 'employer.customsDuties', title: "The employer's customs duties due do not exceed the limit" },
  (facts, thresholds, asOf) =>
    fromReport(facts, "The employer's customs duties", (report, provenance) => {
      const amount = report.customsDutiesDueEur;
      const fact = registryFact('customsDutiesDueEur', amount, provenance);
      const limit = thresholdOn(thresholds, 'employerCheck', 'customsDutiesAtMostEur', asOf);
      if (!limit) return noThresholdInForce('customs duties', asOf, [fact]);
      const shown = `Amount of customs duties due: ${euros(amount)} euros`;
      return amount <= limit.value
        ? {
            outcome: 'FULFILLED',
            explanation: `Amount of customs duties due does not exceed ${euros(limit.value)} euros. ${shown}`,
            facts: [fact],
            thresholds: [limit],
          }
        : {
            outcome: 'NOT_FULFILLED',
            explanation: `Amount of customs duties due exceeds ${euros(limit.value)} euros. ${shown}`,
            facts: [fact],
            thresholds: [limit],
          };
    }),
);

/** In the order UMA logs them. */
export const EMPLOYER_CHECK_RULES = [
  mainIndustryRule,
  inTradeRegisterRule,
  liableForVatRule,
  taxReturnsRule,
  overdueTaxesRule,
  taxDebtRule,
  damagesRule,
  insuranceRule,
  customsDutiesRule,
] as const;

export const EMPLOYER_CHECK: RuleSet<EmployerCheckFacts> = {
  id: 'employer-check',
  version: 1,
  title: 'Employer check for a residence permit for an employed person',
  applicationType: 'WORK_PERMIT',
  registries: ['sis', 'tradeRegister', 'tax'],
  async gatherFacts(readers, context, { record, provenance }) {
    const businessId = record.employerBusinessId;
    // Every load starts before the first await, so a page's checks land in the same batches.
    const [company, compliance, sis] = await Promise.all([
      businessId ? answerOf(() => readers.tradeRegister.company(context, businessId)) : null,
      businessId ? answerOf(() => readers.tax.complianceReport(context, businessId)) : null,
      gatherSisFacts(readers, context, record),
    ]);
    return { businessId, applicationProvenance: provenance, company, compliance, ...sis };
  },
  rules: [...EMPLOYER_CHECK_RULES, sisRule],
};
