/** Specialist permits at the salary threshold, a cent below it, and without an expertise statement. */
import { SCENARIO, type Scenario } from './scenario-ids.js';
import { employment, person, SOFTWARE_EMPLOYER, specialistThreshold, withoutCode } from './building-blocks.js';

const SPECIALIST_AT = person(
  { givenNames: 'Hamza', familyName: 'Qureshi', sex: 'MALE', nationalities: ['PAK'], placeOfBirth: 'Lahore', motherTongue: 'ur' },
  () => withoutCode('1990-02-11'),
);
const SPECIALIST_BELOW = person(
  { givenNames: 'Youssef', familyName: 'Benali', sex: 'MALE', nationalities: ['MAR'], placeOfBirth: 'Casablanca', motherTongue: 'ar' },
  () => withoutCode('1989-10-23'),
);
const SPECIALIST_NO_STATEMENT = person(
  { givenNames: 'Kwame', familyName: 'Mensah', sex: 'MALE', nationalities: ['GHA'], placeOfBirth: 'Accra', motherTongue: 'ak' },
  () => withoutCode('1992-04-04'),
);

/** The specialist permit's salary and expertise rules. */
export const SPECIALIST_PERMIT_SCENARIOS: readonly Scenario[] = [
  {
    id: SCENARIO.specialistAtThreshold,
    description: 'Specialist permit at exactly the salary threshold, with an expertise statement',
    exercises: 'specialist salary rule at the threshold (FULFILLED)',
    build: (kit, id) =>
      kit.application(id, {
        type: 'SPECIALIST_PERMIT',
        status: 'PENDING',
        person: SPECIALIST_AT,
        employer: SOFTWARE_EMPLOYER,
        declared: { employment: employment(kit, '2512', specialistThreshold(kit)) },
      }),
  },
  {
    id: SCENARIO.specialistCentBelowThreshold,
    description: 'Specialist permit one cent below the salary threshold',
    exercises: 'specialist salary rule one cent below (NOT_FULFILLED)',
    build: (kit, id) =>
      kit.application(id, {
        type: 'SPECIALIST_PERMIT',
        status: 'PENDING',
        person: SPECIALIST_BELOW,
        employer: SOFTWARE_EMPLOYER,
        declared: { employment: employment(kit, '2511', Math.round(specialistThreshold(kit) * 100 - 1) / 100) },
      }),
  },
  {
    id: SCENARIO.specialistWithoutExpertiseStatement,
    description: 'Specialist permit above the threshold but without an expertise statement',
    exercises: 'the discretionary special-expertise rule without a statement',
    build: (kit, id) =>
      kit.application(id, {
        type: 'SPECIALIST_PERMIT',
        status: 'PENDING',
        person: SPECIALIST_NO_STATEMENT,
        employer: SOFTWARE_EMPLOYER,
        declared: { specialExpertiseStatement: null },
      }),
  },
];
