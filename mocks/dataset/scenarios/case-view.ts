/**
 * The showcase case view and what a case view shows of applicants and employers: an employer
 * with several applications, applicants with several, a person under non-disclosure, an
 * applicant known only by an Estonian personal code.
 */
import { SCENARIO, type Scenario } from './scenario-ids.js';
import { employment, pending, person, SOFTWARE_EMPLOYER, withHetu, withoutCode } from './building-blocks.js';
import type { ScenarioEmployer } from '../scenario-kit.js';

const SHOWCASE_PERSON = person(
  {
    givenNames: 'Ana Beatriz',
    familyName: 'Ferreira',
    sex: 'FEMALE',
    nationalities: ['BRA'],
    placeOfBirth: 'São Paulo',
    motherTongue: 'pt',
  },
  (d) => withHetu('1991-03-14', d.yearsAgo(2), 'Y'),
);
const WAITER_NO_CODE = person(
  { givenNames: 'Grace Wanjiru', familyName: 'Kamau', sex: 'FEMALE', nationalities: ['KEN'], placeOfBirth: 'Nairobi', motherTongue: 'sw' },
  () => withoutCode('1988-07-22'),
);
const DECIDED_COOK = person(
  { givenNames: 'Rafiqul', familyName: 'Islam', sex: 'MALE', nationalities: ['BGD'], placeOfBirth: 'Dhaka', motherTongue: 'bn' },
  (d) => withHetu('1985-11-02', d.yearsAgo(3), 'X'),
);
const NON_DISCLOSURE = person(
  { givenNames: 'Amal', familyName: 'Haddad', sex: 'FEMALE', nationalities: ['SYR'], placeOfBirth: 'Damascus', motherTongue: 'ar' },
  (d) => ({ ...withHetu('1993-01-17', d.yearsAgo(2), 'V'), nonDisclosure: true }),
);
const REPEAT_APPLICANT = person(
  { givenNames: 'Faisal', familyName: 'Rahimi', sex: 'MALE', nationalities: ['AFG'], placeOfBirth: 'Herat', motherTongue: 'fa' },
  (d) => ({
    ...withHetu('2002-06-30', d.yearsAgo(2), 'B'),
    finnishSpouse: { givenNames: 'Emma Sofia', familyName: 'Kettunen', sex: 'FEMALE', dateOfBirth: '2001-09-12', marriedOn: d.yearsAgo(1) },
  }),
);
const ESTONIAN = person(
  { givenNames: 'Mihkel', familyName: 'Kangur', sex: 'MALE', nationalities: ['EST'], placeOfBirth: 'Tartu', motherTongue: 'et' },
  () => ({ dateOfBirth: '1990-05-22', code: 'ESTONIAN', passportPrefix: 'KE' }),
);

const SHOWCASE_EMPLOYER: ScenarioEmployer = {
  name: 'Kalevan Ravintolat Oy',
  industryCode: '56101',
  legalForm: 'OY',
  personsInCharge: [
    { name: 'Kari Rantanen', role: 'CEO' },
    { name: 'Leila Turunen', role: 'CHAIR' },
  ],
};

/** The showcase, and applicants and employers seen across several applications. */
export const CASE_VIEW_SCENARIOS: readonly Scenario[] = [
  {
    id: SCENARIO.showcase,
    description: 'Work permit, pending; applicant CUS-0000001 with a valid HETU, employer in good standing',
    exercises:
      'the case view across every registry: population (address, municipality, migrations), trade register, tax; no police, no SIS',
    build: pending('WORK_PERMIT', SHOWCASE_PERSON, SHOWCASE_EMPLOYER),
  },
  {
    id: SCENARIO.showcaseEmployerSecond,
    description: 'Second application to the showcase employer; applicant without a Finnish code',
    exercises: 'an employer with several applications; applicants without a code',
    build: (kit, id) =>
      kit.application(id, {
        type: 'WORK_PERMIT',
        status: 'PENDING',
        person: WAITER_NO_CODE,
        employer: SHOWCASE_EMPLOYER,
        declared: { employment: employment(kit, '5131', 2250) },
      }),
  },
  {
    id: SCENARIO.showcaseEmployerDecided,
    description: 'Third application to the showcase employer, decided two years ago',
    exercises: "an employer's application history beyond the worklist",
    build: (kit, id) =>
      kit.application(id, {
        type: 'WORK_PERMIT',
        status: 'DECIDED',
        person: DECIDED_COOK,
        employer: SHOWCASE_EMPLOYER,
        submittedAt: `${kit.dates.daysAgo(700)}T10:15:00Z`,
      }),
  },
  {
    id: SCENARIO.nonDisclosure,
    description: 'Family ties, pending; applicant under non-disclosure (turvakielto)',
    exercises: 'withholding the address of a person under non-disclosure',
    build: pending('FAMILY_TIES', NON_DISCLOSURE),
  },
  {
    id: SCENARIO.repeatApplicantFamilyTies,
    description: 'Family ties (spouse of a Finnish citizen), pending; the applicant also has a pending work permit',
    exercises: 'one applicant with several open applications (worklist dedup); new century sign B',
    build: pending('FAMILY_TIES', REPEAT_APPLICANT),
  },
  {
    id: SCENARIO.repeatApplicantWorkPermit,
    description: 'Work permit, pending; the same applicant as the previous scenario',
    exercises: 'one applicant with several open applications; a repeated employer',
    build: (kit, id) =>
      kit.application(id, {
        type: 'WORK_PERMIT',
        status: 'PENDING',
        person: REPEAT_APPLICANT,
        employer: SOFTWARE_EMPLOYER,
        declared: { employment: employment(kit, '3512', 2800) },
      }),
  },
  {
    id: SCENARIO.estonianCode,
    description: 'Study, pending; an Estonian national known by an Estonian personal code only',
    exercises: 'foreign personal code (EST); biographic checks',
    build: pending('STUDY', ESTONIAN),
  },
  {
    id: SCENARIO.repeatApplicantWithoutCode,
    description: 'Study, pending; the applicant of APP-0000002, who has no Finnish code, applies again',
    exercises: 'a repeated applicant known only biographically (worklist dedup without an identity code)',
    build: pending('STUDY', WAITER_NO_CODE),
  },
];
