/**
 * The residence permit for a specialist: the monthly salary threshold of the year, and whether
 * the expertise is special, which the law leaves to a case worker. The salary is the one the
 * application declares (the income register is not consulted yet).
 */
import type { CaseApplication } from '../../../contracts/registries/case-register.js';
import type { Provenance } from '../../shared/xroad-client.js';
import { thresholdOn } from '../../../contracts/check-thresholds.js';
import { declaredFact, defineRule, euros, noThresholdInForce } from './rule.js';
import type { RuleSet } from './rule-set.js';
import { gatherSisFacts, sisRule, type SisFacts } from './sis.js';

export interface SpecialistPermitFacts extends SisFacts {
  application: CaseApplication;
  applicationProvenance: Provenance;
}

const ALIENS_ACT = 'Aliens Act (301/2004) s. 77, residence permit for a specialist';

/** Salaries are compared in whole cents, so 3637.99 is one cent below 3638 whatever binary floating point makes of it. */
const cents = (eur: number) => Math.round(eur * 100);

export const salaryRule = defineRule<SpecialistPermitFacts>(
  {
    id: 'specialist.salary',
    version: 1,
    title: 'The monthly salary is at least the threshold of the year',
    legalBasis: `${ALIENS_ACT}: salary at least the threshold Migri confirms for the year`,
    discretionary: false,
    outcomes: ['FULFILLED', 'NOT_FULFILLED'],
  },
  (facts, thresholds, asOf) => {
    const employment = facts.application.declared.employment;
    const evidence = [declaredFact('monthlySalaryEur', employment?.monthlySalaryEur ?? null, facts.applicationProvenance)];
    if (!employment)
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: 'The application declares no employment and no salary: for a case worker',
        facts: evidence,
      };
    const minimum = thresholdOn(thresholds, 'specialistPermit', 'minimumMonthlySalaryEur', asOf);
    if (!minimum) return noThresholdInForce('specialist salary', asOf, evidence);
    const salary = employment.monthlySalaryEur;
    return cents(salary) >= cents(minimum.value)
      ? {
          outcome: 'FULFILLED',
          explanation: `Monthly salary ${euros(salary)} euros, at least the ${euros(minimum.value)} euros required`,
          facts: evidence,
          thresholds: [minimum],
        }
      : {
          outcome: 'NOT_FULFILLED',
          explanation: `Monthly salary ${euros(salary)} euros, less than the ${euros(minimum.value)} euros required`,
          facts: evidence,
          thresholds: [minimum],
        };
  },
);

export const specialExpertiseRule = defineRule<SpecialistPermitFacts>(
  {
    id: 'specialist.specialExpertise',
    version: 1,
    title: "The applicant's expertise is special",
    legalBasis: `${ALIENS_ACT}: work requiring special expertise`,
    discretionary: true,
    outcomes: ['MANUAL_REVIEW'],
  },
  (facts) => {
    const statement = facts.application.declared.specialExpertiseStatement;
    const evidence = [declaredFact('specialExpertiseStatement', statement, facts.applicationProvenance)];
    return statement?.trim()
      ? {
          outcome: 'MANUAL_REVIEW',
          explanation: 'The application states why the expertise is special: a case worker assesses it',
          facts: evidence,
        }
      : {
          outcome: 'MANUAL_REVIEW',
          explanation: 'The application gives no statement of special expertise: a case worker assesses the expertise',
          facts: evidence,
        };
  },
);

export const SPECIALIST_PERMIT_RULES = [salaryRule, specialExpertiseRule] as const;

export const SPECIALIST_PERMIT: RuleSet<SpecialistPermitFacts> = {
  id: 'specialist-permit',
  version: 1,
  title: 'Residence permit for a specialist',
  applicationType: 'SPECIALIST_PERMIT',
  // The salary and the statement of expertise are declared: SIS II is the only registry read.
  registries: ['sis'],
  async gatherFacts(readers, context, { record, provenance }) {
    return { application: record, applicationProvenance: provenance, ...(await gatherSisFacts(readers, context, record)) };
  },
  rules: [...SPECIALIST_PERMIT_RULES, sisRule],
};
