/**
 * What the scenario groups build their cases from: person templates (with a Finnish code or
 * without any), the usual shapes of a case (a pending application, an employer check, a
 * citizenship case), declarations, and the employer more than one group names.
 *
 * Scenario people's family names appear in no list the random bulk draws from.
 */
import type { ApplicationType, Declarations, DeclaredEmployment } from '../../../contracts/registries/case-register.js';
import type { SisArticle } from '../../../contracts/registries/sis.js';
import { addDays } from '../dates.js';
import { SIS_ARTICLES } from '../reference-data/police-and-sis.js';
import { OCCUPATIONS, specialistSalaryThresholdEur } from '../reference-data/work.js';
import type { PersonTemplate, RelativeDates, ScenarioEmployer, ScenarioKit, ScenarioPerson } from '../scenario-kit.js';

type PersonBasics = Pick<ScenarioPerson, 'givenNames' | 'familyName' | 'sex' | 'nationalities' | 'placeOfBirth' | 'motherTongue'>;

export function person(basics: PersonBasics, details: (d: RelativeDates) => Omit<ScenarioPerson, keyof PersonBasics>): PersonTemplate {
  return (d) => ({ ...basics, ...details(d) });
}

export const withHetu = (dateOfBirth: string, arrivedOn: string, centurySign?: string) =>
  ({ dateOfBirth, code: 'HETU', arrivedOn, passportPrefix: 'P', ...(centurySign ? { centurySign } : {}) }) as const;
export const withoutCode = (dateOfBirth: string) => ({ dateOfBirth, code: 'NONE', passportPrefix: 'P' }) as const;

/** The employer of the software scenarios: SIS, specialist permits, police, a repeated applicant. */
export const SOFTWARE_EMPLOYER: ScenarioEmployer = {
  name: 'Revontuli Software Oy',
  industryCode: '62010',
  legalForm: 'OY',
  personsInCharge: [
    { name: 'Anni Peltonen', role: 'CEO' },
    { name: 'Harri Kinnunen', role: 'CHAIR' },
  ],
};

export function employment(kit: ScenarioKit, occupationCode: string, monthlySalaryEur: number): DeclaredEmployment {
  return {
    jobTitle: OCCUPATIONS[occupationCode]!.title,
    occupationCode,
    monthlySalaryEur,
    weeklyHours: 37.5,
    startsOn: kit.dates.daysAhead(30),
    endsOn: null,
  };
}

/** A stay abroad of `days` days, counting both the day of leaving and the day of return. */
export function stay(from: string, days: number, country: string) {
  return { from, to: addDays(from, days - 1), country };
}

export function specialistThreshold(kit: ScenarioKit): number {
  return specialistSalaryThresholdEur(kit.dates.referenceDate);
}

export function sisAlertText(article: SisArticle) {
  const profile = SIS_ARTICLES.find((a) => a.article === article)!;
  return { article, legalBasis: profile.legalBasis, reason: profile.reason, actionToTake: profile.actionToTake };
}

export const employerCheck = (applicant: PersonTemplate, employer: ScenarioEmployer) => (kit: ScenarioKit, id: string) =>
  kit.application(id, { type: 'WORK_PERMIT', status: 'PENDING', person: applicant, employer });

export const citizenship =
  (applicant: PersonTemplate, declared: (kit: ScenarioKit) => Partial<Declarations> = () => ({})) =>
  (kit: ScenarioKit, id: string) =>
    kit.application(id, { type: 'CITIZENSHIP', status: 'PENDING', person: applicant, declared: declared(kit) });

export const pending = (type: ApplicationType, applicant: PersonTemplate, employer?: ScenarioEmployer) => (kit: ScenarioKit, id: string) =>
  kit.application(id, { type, status: 'PENDING', person: applicant, employer });
