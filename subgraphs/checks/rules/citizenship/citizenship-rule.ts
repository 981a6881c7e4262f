/**
 * What every citizenship rule shares: the facts it reads, the section of the Nationality Act it
 * applies, and the applicant's Finnish identity code.
 *
 * Facts from registries casegraph does not consult yet come from the application as declared:
 * language certificates (National Certificates of Language Proficiency), stays abroad, and the
 * months on unemployment benefit or social assistance (income register, social support
 * register). Each says so in its evidence (source DECLARED, registry CASE_REGISTER).
 */
import type { CaseApplication } from '../../../../contracts/registries/case-register.js';
import type { PoliceSubjectRecords } from '../../../../contracts/registries/police.js';
import type { PopulationPerson } from '../../../../contracts/registries/population.js';
import { parsePersonalIdentityCode } from '../../../../contracts/identifiers.js';
import type { IsoDate } from '../../../../contracts/xroad.js';
import type { Provenance } from '../../../shared/xroad-client.js';
import type { PersonalTaxDebt } from '../../../../contracts/registries/tax.js';
import type { Thresholds } from '../../../../contracts/check-thresholds.js';
import { defineRule, type Answer, type RuleDefinition, type Verdict } from '../rule.js';
import type { SisFacts } from '../sis.js';

export interface CitizenshipFacts extends SisFacts {
  /** The application with the applicant and what they declared, as the case register holds it. */
  application: CaseApplication;
  applicationProvenance: Provenance;
  /** The population record under the applicant's Finnish code; null when they have no code to ask by. */
  population: Answer<PopulationPerson> | null;
  /** Police case management on the applicant (by identity code, or by biographic data). */
  police: Answer<PoliceSubjectRecords>;
  /** Recorded personal tax debt (a null record: none recorded); null when there is no Finnish code to ask by. */
  personalTaxDebt: Answer<PersonalTaxDebt> | null;
}

const NATIONALITY_ACT = 'Nationality Act (359/2003) s. 13, general requirements for naturalisation';

/** A citizenship rule: version 1, citing its requirement of s. 13, FULFILLED or NOT_FULFILLED unless it says otherwise. */
export function citizenshipRule(
  definition: Pick<RuleDefinition, 'id' | 'title'> & Partial<RuleDefinition> & { requirement: string },
  decide: (facts: CitizenshipFacts, thresholds: Thresholds, asOf: IsoDate) => Verdict,
) {
  const { requirement, ...rest } = definition;
  return defineRule<CitizenshipFacts>(
    {
      version: 1,
      legalBasis: `${NATIONALITY_ACT}: ${requirement}`,
      discretionary: false,
      outcomes: ['FULFILLED', 'NOT_FULFILLED'],
      ...rest,
    },
    decide,
  );
}

/** The applicant's Finnish personal identity code, parsed; null when they have none (or it does not parse). */
export function identityCode(application: CaseApplication) {
  const code = application.applicant.personalIdentityCode;
  if (!code) return null;
  const parsed = parsePersonalIdentityCode(code);
  return parsed.ok ? parsed.value : null;
}
