/**
 * The rule sets, one per application type that has one, each versioned. The SIS II rule ends
 * every rule set. FAMILY_TIES and STUDY have none: their checks say so, and recommend nothing.
 */
import type { ApplicationType } from '../../../contracts/registries/case-register.js';
import { CITIZENSHIP_RULES, type CitizenshipFacts } from './citizenship.js';
import { EMPLOYER_CHECK_RULES, type EmployerCheckFacts } from './employer-check.js';
import type { Rule } from './rule.js';
import { sisRule, type SisFacts } from './sis.js';
import { SPECIALIST_PERMIT_RULES, type SpecialistPermitFacts } from './specialist-permit.js';

export interface RuleSet<F extends SisFacts> {
  id: string;
  /** Raised whenever a rule is added, removed or changes version. */
  version: number;
  title: string;
  applicationType: ApplicationType;
  rules: readonly Rule<F>[];
}

export const EMPLOYER_CHECK: RuleSet<EmployerCheckFacts> = {
  id: 'employer-check',
  version: 1,
  title: 'Employer check for a residence permit for an employed person',
  applicationType: 'WORK_PERMIT',
  rules: [...EMPLOYER_CHECK_RULES, sisRule],
};

export const CITIZENSHIP: RuleSet<CitizenshipFacts> = {
  id: 'citizenship',
  version: 1,
  title: 'General requirements for citizenship by application',
  applicationType: 'CITIZENSHIP',
  rules: [...CITIZENSHIP_RULES, sisRule],
};

export const SPECIALIST_PERMIT: RuleSet<SpecialistPermitFacts> = {
  id: 'specialist-permit',
  version: 1,
  title: 'Residence permit for a specialist',
  applicationType: 'SPECIALIST_PERMIT',
  rules: [...SPECIALIST_PERMIT_RULES, sisRule],
};

/** Application types no rule set covers: a case worker assesses every prerequisite. */
export const TYPES_WITHOUT_RULE_SET: readonly ApplicationType[] = ['FAMILY_TIES', 'STUDY'];
