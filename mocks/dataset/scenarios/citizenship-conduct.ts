/**
 * Citizenship cases that turn on the applicant's conduct and means: police records (integrity),
 * personal tax debt (payment obligations) and benefits (means of support).
 */
import { SCENARIO, type Scenario } from './scenario-ids.js';
import { citizenship, person, withHetu } from './building-blocks.js';

/** Citizenship applicants; each differs from one in good standing in one respect. */
const CITIZENS = {
  recentOffence: person(
    { givenNames: 'Mehdi', familyName: 'Rostami', sex: 'MALE', nationalities: ['IRN'], placeOfBirth: 'Shiraz', motherTongue: 'fa' },
    (d) => withHetu('1984-12-24', d.yearsAgo(9)),
  ),
  oldOffence: person(
    { givenNames: 'Jorge', familyName: 'Medina Paredes', sex: 'MALE', nationalities: ['ECU'], placeOfBirth: 'Quito', motherTongue: 'es' },
    (d) => withHetu('1978-06-16', d.yearsAgo(14)),
  ),
  restrainingOrder: person(
    { givenNames: 'Babajide', familyName: 'Ogunleye', sex: 'MALE', nationalities: ['NGA'], placeOfBirth: 'Lagos', motherTongue: 'yo' },
    (d) => withHetu('1982-10-05', d.yearsAgo(9)),
  ),
  pendingInvestigation: person(
    { givenNames: 'Zoran', familyName: 'Petrović', sex: 'MALE', nationalities: ['SRB'], placeOfBirth: 'Belgrade', motherTongue: 'sr' },
    (d) => withHetu('1983-03-17', d.yearsAgo(9)),
  ),
  smallTaxDebt: person(
    { givenNames: 'Amina', familyName: 'Yusufzai', sex: 'FEMALE', nationalities: ['AFG'], placeOfBirth: 'Kabul', motherTongue: 'ps' },
    (d) => withHetu('1990-12-20', d.yearsAgo(9)),
  ),
  taxDebtPlan: person(
    { givenNames: 'Karim', familyName: 'Nassar', sex: 'MALE', nationalities: ['LBN'], placeOfBirth: 'Beirut', motherTongue: 'ar' },
    (d) => withHetu('1981-08-08', d.yearsAgo(9)),
  ),
  largeTaxDebt: person(
    { givenNames: 'Wei Ming', familyName: 'Lim', sex: 'MALE', nationalities: ['MYS'], placeOfBirth: 'Kuala Lumpur', motherTongue: 'ms' },
    (d) => withHetu('1979-05-15', d.yearsAgo(9)),
  ),
  unemployment3: person(
    { givenNames: 'Ewa', familyName: 'Kowalczyk', sex: 'FEMALE', nationalities: ['POL'], placeOfBirth: 'Kraków', motherTongue: 'pl' },
    (d) => withHetu('1988-02-26', d.yearsAgo(9)),
  ),
  unemployment4: person(
    { givenNames: 'Tomasz', familyName: 'Wiśniewski', sex: 'MALE', nationalities: ['POL'], placeOfBirth: 'Gdańsk', motherTongue: 'pl' },
    (d) => withHetu('1986-07-19', d.yearsAgo(9)),
  ),
  socialAssistance4: person(
    { givenNames: 'Ioana', familyName: 'Dumitru', sex: 'FEMALE', nationalities: ['ROU'], placeOfBirth: 'Cluj-Napoca', motherTongue: 'ro' },
    (d) => withHetu('1992-11-03', d.yearsAgo(9)),
  ),
};

/** Citizenship: integrity, payment obligations and means of support. */
export const CITIZENSHIP_CONDUCT_SCENARIOS: readonly Scenario[] = [
  {
    id: SCENARIO.citizenshipRecentOffence,
    description: 'Citizenship; convicted of theft four months ago',
    exercises: 'integrity: an offence within the waiting period',
    build: (kit, id) => {
      citizenship(CITIZENS.recentOffence)(kit, id);
      const committedOn = kit.dates.monthsAgo(8);
      kit.police(CITIZENS.recentOffence, {
        offences: [
          {
            caseNumber: kit.policeCaseNumber(committedOn),
            title: 'Theft',
            category: 'ORDINARY',
            committedOn,
            status: 'CONVICTED',
            decidedOn: kit.dates.monthsAgo(4),
            sanction: 'Fine (40 day-fines)',
          },
        ],
      });
    },
  },
  {
    id: SCENARIO.citizenshipOldOffence,
    description: 'Citizenship; one conviction, twelve years ago',
    exercises: 'integrity: an offence older than any waiting period (FULFILLED)',
    build: (kit, id) => {
      citizenship(CITIZENS.oldOffence)(kit, id);
      const committedOn = kit.dates.yearsAgo(12);
      kit.police(CITIZENS.oldOffence, {
        offences: [
          {
            caseNumber: kit.policeCaseNumber(committedOn),
            title: 'Drunk driving',
            category: 'ORDINARY',
            committedOn,
            status: 'CONVICTED',
            decidedOn: kit.dates.monthsAgo(138),
            sanction: 'Fine (30 day-fines)',
          },
        ],
      });
    },
  },
  {
    id: SCENARIO.citizenshipRestrainingOrder,
    description: 'Citizenship; a restraining order in force',
    exercises: 'integrity: restraining order (discretionary)',
    build: (kit, id) => {
      citizenship(CITIZENS.restrainingOrder)(kit, id);
      kit.police(CITIZENS.restrainingOrder, {
        restrainingOrders: [
          {
            orderNumber: kit.policeCaseNumber(kit.dates.monthsAgo(3)),
            kind: 'BASIC',
            validFrom: kit.dates.monthsAgo(3),
            validUntil: kit.dates.daysAhead(270),
          },
        ],
      });
    },
  },
  {
    id: SCENARIO.citizenshipPendingInvestigation,
    description: 'Citizenship; suspected of fraud, investigation pending',
    exercises: 'integrity: pending investigation and a SUSPECTED offence',
    build: (kit, id) => {
      citizenship(CITIZENS.pendingInvestigation)(kit, id);
      const committedOn = kit.dates.monthsAgo(3);
      const caseNumber = kit.policeCaseNumber(committedOn);
      kit.police(CITIZENS.pendingInvestigation, {
        offences: [{ caseNumber, title: 'Fraud', category: 'ORDINARY', committedOn, status: 'SUSPECTED', decidedOn: null, sanction: null }],
        pendingInvestigations: [{ caseNumber, title: 'Fraud', openedOn: kit.dates.daysAgo(45) }],
      });
    },
  },
  {
    id: SCENARIO.citizenshipSmallTaxDebt,
    description: 'Citizenship; 150 EUR personal tax debt',
    exercises: 'payment obligations: a small debt',
    build: (kit, id) => {
      citizenship(CITIZENS.smallTaxDebt)(kit, id);
      kit.personalTaxDebt(CITIZENS.smallTaxDebt, 150, false);
    },
  },
  {
    id: SCENARIO.citizenshipTaxDebtUnderPaymentPlan,
    description: 'Citizenship; 4,200 EUR personal tax debt under a payment plan',
    exercises: 'payment obligations: debt under a payment plan',
    build: (kit, id) => {
      citizenship(CITIZENS.taxDebtPlan)(kit, id);
      kit.personalTaxDebt(CITIZENS.taxDebtPlan, 4200, true);
    },
  },
  {
    id: SCENARIO.citizenshipLargeTaxDebt,
    description: 'Citizenship; 15,800 EUR personal tax debt, no payment plan',
    exercises: 'payment obligations: a large debt (NOT_FULFILLED)',
    build: (kit, id) => {
      citizenship(CITIZENS.largeTaxDebt)(kit, id);
      kit.personalTaxDebt(CITIZENS.largeTaxDebt, 15800, false);
    },
  },
  {
    id: SCENARIO.citizenshipUnemployment3Months,
    description: 'Citizenship; 3 months of unemployment benefit in two years',
    exercises: 'means of support at 3 months (FULFILLED)',
    build: citizenship(CITIZENS.unemployment3, () => ({ meansOfSupport: { unemploymentBenefitMonths: 3, socialAssistanceMonths: 0 } })),
  },
  {
    id: SCENARIO.citizenshipUnemployment4Months,
    description: 'Citizenship; 4 months of unemployment benefit in two years',
    exercises: 'means of support at 4 months (NOT_FULFILLED)',
    build: citizenship(CITIZENS.unemployment4, () => ({ meansOfSupport: { unemploymentBenefitMonths: 4, socialAssistanceMonths: 0 } })),
  },
  {
    id: SCENARIO.citizenshipSocialAssistance4Months,
    description: 'Citizenship; 4 months of social assistance in two years',
    exercises: 'means of support: social assistance at 4 months (NOT_FULFILLED)',
    build: citizenship(CITIZENS.socialAssistance4, () => ({ meansOfSupport: { unemploymentBenefitMonths: 0, socialAssistanceMonths: 4 } })),
  },
];
