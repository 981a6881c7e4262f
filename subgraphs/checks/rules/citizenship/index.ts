/**
 * Citizenship by application (naturalisation), the general requirements of the Nationality Act
 * as amended from 1 October 2024. Figures are in contracts/check-thresholds.json; the choices
 * casegraph made where the law leaves room are stated at each rule and in README.md
 * ("Prerequisite checks").
 *
 * The rules are in one module per group of requirements; what they share, their facts included,
 * is in citizenship-rule.ts.
 */
import { answerOf } from '../../registry-readers.js';
import type { RuleSet } from '../rule-set.js';
import { gatherSisFacts, sisRule } from '../sis.js';
import { ageRule, identityRule } from './age-and-identity.js';
import type { CitizenshipFacts } from './citizenship-rule.js';
import { integrityRule } from './integrity.js';
import { languageRule } from './language.js';
import { meansOfSupportRule, paymentObligationsRule } from './payments-and-support.js';
import { daysAbroadRule, residencePeriodRule } from './residence.js';

export const CITIZENSHIP_RULES = [
  ageRule,
  identityRule,
  residencePeriodRule,
  daysAbroadRule,
  languageRule,
  integrityRule,
  paymentObligationsRule,
  meansOfSupportRule,
] as const;

export const CITIZENSHIP: RuleSet<CitizenshipFacts> = {
  id: 'citizenship',
  version: 1,
  title: 'General requirements for citizenship by application',
  applicationType: 'CITIZENSHIP',
  registries: ['population', 'police', 'sis', 'tax'],
  async gatherFacts(readers, context, { record, provenance }) {
    const code = record.applicant.personalIdentityCode;
    // Every load starts before the first await, so a page's checks land in the same batches.
    const [population, personalTaxDebt, police, sis] = await Promise.all([
      code ? answerOf(() => readers.population.person(context, code)) : null,
      code ? answerOf(() => readers.tax.personalTaxDebt(context, code)) : null,
      answerOf(() => readers.police.records(context, record.applicant)),
      gatherSisFacts(readers, context, record),
    ]);
    return { application: record, applicationProvenance: provenance, population, personalTaxDebt, police, ...sis };
  },
  rules: [...CITIZENSHIP_RULES, sisRule],
};
