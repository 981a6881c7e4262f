/**
 * Work permits whose employer fails, or just passes, one employer check: not registered,
 * bankrupt or dissolved, outside the VAT register, and each finding of the tax administration's
 * compliance report at its limit. The applicant is what stays the same.
 */
import { SCENARIO, type Scenario } from './scenario-ids.js';
import type { ScenarioEmployer } from '../scenario-kit.js';
import { employerCheck, person, withHetu, withoutCode } from './building-blocks.js';

/** Applicants of the employer-check scenarios: the employer is what differs. */
const WORKERS = {
  notRegistered: person(
    { givenNames: 'Tesfaye', familyName: 'Bekele', sex: 'MALE', nationalities: ['ETH'], placeOfBirth: 'Addis Ababa', motherTongue: 'am' },
    () => withoutCode('1987-12-01'),
  ),
  bankrupt: person(
    { givenNames: 'Nimal', familyName: 'Perera', sex: 'MALE', nationalities: ['LKA'], placeOfBirth: 'Colombo', motherTongue: 'si' },
    (d) => withHetu('1984-08-19', d.yearsAgo(5)),
  ),
  dissolved: person(
    { givenNames: 'Ahmed', familyName: 'Mansour', sex: 'MALE', nationalities: ['EGY'], placeOfBirth: 'Cairo', motherTongue: 'ar' },
    () => withoutCode('1991-05-27'),
  ),
  notVat: person(
    { givenNames: 'Reza', familyName: 'Karimi', sex: 'MALE', nationalities: ['IRN'], placeOfBirth: 'Tehran', motherTongue: 'fa' },
    (d) => withHetu('1988-03-03', d.yearsAgo(4)),
  ),
  missingReturns: person(
    { givenNames: 'Luz Marina', familyName: 'Quispe', sex: 'FEMALE', nationalities: ['PER'], placeOfBirth: 'Lima', motherTongue: 'es' },
    () => withoutCode('1990-09-09'),
  ),
  overdue999: person(
    { givenNames: 'Somchai', familyName: 'Wongsakul', sex: 'MALE', nationalities: ['THA'], placeOfBirth: 'Bangkok', motherTongue: 'th' },
    () => withoutCode('1983-01-25'),
  ),
  overdue1000: person(
    {
      givenNames: 'Alejandro',
      familyName: 'Hernández Ruiz',
      sex: 'MALE',
      nationalities: ['MEX'],
      placeOfBirth: 'Guadalajara',
      motherTongue: 'es',
    },
    () => withoutCode('1994-07-07'),
  ),
  debt999: person(
    { givenNames: 'Aisha', familyName: 'Bello', sex: 'FEMALE', nationalities: ['NGA'], placeOfBirth: 'Abuja', motherTongue: 'ha' },
    (d) => withHetu('2003-02-14', d.yearsAgo(1), 'C'),
  ),
  debt1000: person(
    { givenNames: 'Tariq', familyName: 'Siddiqui', sex: 'MALE', nationalities: ['PAK'], placeOfBirth: 'Karachi', motherTongue: 'ur' },
    (d) => withHetu('1986-11-30', d.yearsAgo(1), 'U'),
  ),
  debtPlan: person(
    { givenNames: 'Fatou', familyName: 'Diop', sex: 'FEMALE', nationalities: ['SEN'], placeOfBirth: 'Dakar', motherTongue: 'wo' },
    (d) => withHetu('2004-06-18', d.yearsAgo(2), 'E'),
  ),
  damages: person(
    { givenNames: 'Daniel', familyName: 'Kiprotich', sex: 'MALE', nationalities: ['KEN'], placeOfBirth: 'Eldoret', motherTongue: 'sw' },
    () => withoutCode('1989-03-12'),
  ),
  pension: person(
    { givenNames: 'Nadia', familyName: 'Rahman', sex: 'FEMALE', nationalities: ['BGD'], placeOfBirth: 'Chittagong', motherTongue: 'bn' },
    (d) => withHetu('2005-12-05', d.yearsAgo(1), 'F'),
  ),
  accident: person(
    { givenNames: 'Bilal', familyName: 'Chaudhry', sex: 'MALE', nationalities: ['PAK'], placeOfBirth: 'Islamabad', motherTongue: 'ur' },
    () => withoutCode('1985-04-21'),
  ),
  customs1000: person(
    { givenNames: 'Carlos Eduardo', familyName: 'Souza', sex: 'MALE', nationalities: ['BRA'], placeOfBirth: 'Recife', motherTongue: 'pt' },
    () => withoutCode('1990-10-10'),
  ),
  customs1001: person(
    { givenNames: 'Olumide', familyName: 'Adeyemi', sex: 'MALE', nationalities: ['NGA'], placeOfBirth: 'Ibadan', motherTongue: 'yo' },
    () => withoutCode('1988-08-08'),
  ),
};

function checkedEmployer(name: string, industryCode: string, details: Partial<ScenarioEmployer>): ScenarioEmployer {
  return { name, industryCode, legalForm: 'OY', personsInCharge: [{ name: 'Pertti Huttunen', role: 'CEO' }], ...details };
}

const EMPLOYERS = {
  notRegistered: checkedEmployer('(no registered company)', '41200', { registered: false }),
  bankrupt: checkedEmployer('Etelärannan Rakennus Oy', '41200', { status: 'BANKRUPT', statusChangedMonthsAgo: 4 }),
  dissolved: checkedEmployer('Vanhan Sataman Catering Oy', '56101', { status: 'DISSOLVED', statusChangedMonthsAgo: 14 }),
  notVat: checkedEmployer('Kotisiivous Lindqvist Tmi', '81210', {
    legalForm: 'TMI',
    vatRegistered: false,
    personsInCharge: [{ name: 'Marja Lindqvist', role: 'OWNER' }],
  }),
  missingReturns: checkedEmployer('Kasvihuone Nyqvist Ky', '01131', {
    legalForm: 'KY',
    personsInCharge: [{ name: 'Tom Nyqvist', role: 'PARTNER' }],
    compliance: (d) => ({ missingPeriods: [d.monthsAgo(3).slice(0, 7), d.monthsAgo(2).slice(0, 7)] }),
  }),
  overdue999: checkedEmployer('Läntinen Kuljetus Oy', '49410', { compliance: () => ({ overdueTaxesEur: 999 }) }),
  overdue1000: checkedEmployer('Itäinen Kuljetus Oy', '49410', { compliance: () => ({ overdueTaxesEur: 1000 }) }),
  debt999: checkedEmployer('Pikkukylän Hoiva Oy', '87101', { compliance: () => ({ taxDebtEur: 999 }) }),
  debt1000: checkedEmployer('Isonkylän Hoiva Oy', '87101', { compliance: () => ({ taxDebtEur: 1000 }) }),
  debtPlan: checkedEmployer('Saariston Hotellit Oy', '55101', { compliance: () => ({ taxDebtEur: 8500, taxDebtUnderPaymentPlan: true }) }),
  damages: checkedEmployer('Kiiltävä Siivous Oy', '81210', { compliance: () => ({ damagesAwardedByJudgment: true }) }),
  pension: checkedEmployer('Vihreä Laakso Puutarha Oy', '01131', { compliance: () => ({ pensionInsuranceValid: false }) }),
  accident: checkedEmployer('Teräsrunko Rakenne Oy', '41200', { compliance: () => ({ accidentInsuranceValid: false }) }),
  customs1000: checkedEmployer('Idän Liha ja Elintarvike Oy', '10130', { compliance: () => ({ customsDutiesDueEur: 1000 }) }),
  customs1001: checkedEmployer('Lännen Liha ja Elintarvike Oy', '10130', { compliance: () => ({ customsDutiesDueEur: 1001 }) }),
};

/** One employer check each, on either side of its limit. */
export const EMPLOYER_CHECK_SCENARIOS: readonly Scenario[] = [
  {
    id: SCENARIO.employerNotRegistered,
    description: 'Work permit; the Business ID is valid but in no registry',
    exercises: 'employer not found in the trade register or tax',
    build: employerCheck(WORKERS.notRegistered, EMPLOYERS.notRegistered),
  },
  {
    id: SCENARIO.employerBankrupt,
    description: 'Work permit; the employer is bankrupt',
    exercises: 'employer status BANKRUPT',
    build: employerCheck(WORKERS.bankrupt, EMPLOYERS.bankrupt),
  },
  {
    id: SCENARIO.employerDissolved,
    description: 'Work permit; the employer is dissolved',
    exercises: 'employer status DISSOLVED',
    build: employerCheck(WORKERS.dissolved, EMPLOYERS.dissolved),
  },
  {
    id: SCENARIO.employerNotVatRegistered,
    description: 'Work permit; a sole trader not in the VAT register',
    exercises: 'employer not liable for VAT',
    build: employerCheck(WORKERS.notVat, EMPLOYERS.notVat),
  },
  {
    id: SCENARIO.employerMissingTaxReturns,
    description: 'Work permit; two monthly tax returns missing',
    exercises: 'deficiencies in tax returns',
    build: employerCheck(WORKERS.missingReturns, EMPLOYERS.missingReturns),
  },
  {
    id: SCENARIO.employerOverdueTaxes999,
    description: 'Work permit; 999 EUR overdue taxes',
    exercises: 'overdue taxes just under 1,000 EUR (FULFILLED)',
    build: employerCheck(WORKERS.overdue999, EMPLOYERS.overdue999),
  },
  {
    id: SCENARIO.employerOverdueTaxes1000,
    description: 'Work permit; 1,000 EUR overdue taxes',
    exercises: 'overdue taxes at 1,000 EUR (NOT_FULFILLED)',
    build: employerCheck(WORKERS.overdue1000, EMPLOYERS.overdue1000),
  },
  {
    id: SCENARIO.employerTaxDebt999,
    description: 'Work permit; 999 EUR tax debt',
    exercises: 'tax debt just under 1,000 EUR (FULFILLED)',
    build: employerCheck(WORKERS.debt999, EMPLOYERS.debt999),
  },
  {
    id: SCENARIO.employerTaxDebt1000,
    description: 'Work permit; 1,000 EUR tax debt',
    exercises: 'tax debt at 1,000 EUR (NOT_FULFILLED)',
    build: employerCheck(WORKERS.debt1000, EMPLOYERS.debt1000),
  },
  {
    id: SCENARIO.employerTaxDebtUnderPaymentPlan,
    description: 'Work permit; 8,500 EUR tax debt under a payment plan',
    exercises: 'tax debt covered by a payment plan',
    build: employerCheck(WORKERS.debtPlan, EMPLOYERS.debtPlan),
  },
  {
    id: SCENARIO.employerDamagesAwarded,
    description: 'Work permit; damages awarded against the employer by judgment',
    exercises: 'damages awarded by judgment',
    build: employerCheck(WORKERS.damages, EMPLOYERS.damages),
  },
  {
    id: SCENARIO.employerPensionInsuranceInvalid,
    description: 'Work permit; no valid pension insurance',
    exercises: 'pension insurance invalid',
    build: employerCheck(WORKERS.pension, EMPLOYERS.pension),
  },
  {
    id: SCENARIO.employerAccidentInsuranceInvalid,
    description: 'Work permit; no valid accident insurance',
    exercises: 'accident insurance invalid',
    build: employerCheck(WORKERS.accident, EMPLOYERS.accident),
  },
  {
    id: SCENARIO.employerCustomsDuties1000,
    description: 'Work permit; 1,000 EUR customs duties due',
    exercises: 'customs duties at 1,000 EUR (FULFILLED: does not exceed)',
    build: employerCheck(WORKERS.customs1000, EMPLOYERS.customs1000),
  },
  {
    id: SCENARIO.employerCustomsDuties1001,
    description: 'Work permit; 1,001 EUR customs duties due',
    exercises: 'customs duties over 1,000 EUR (NOT_FULFILLED)',
    build: employerCheck(WORKERS.customs1001, EMPLOYERS.customs1001),
  },
];
