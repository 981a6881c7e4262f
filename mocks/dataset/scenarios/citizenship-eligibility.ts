/**
 * Citizenship: an applicant who fulfils every prerequisite, and cases on either side of one
 * boundary each: age, identity, years of residence (and what shortens them), days abroad, and
 * language skills.
 */
import { SCENARIO, type Scenario } from './scenario-ids.js';
import { addDays } from '../dates.js';
import { yki } from '../scenario-kit.js';
import { citizenship, person, stay, withHetu, withoutCode } from './building-blocks.js';

const CITIZEN_IN_GOOD_STANDING = person(
  {
    givenNames: 'Mariana',
    familyName: 'López García',
    sex: 'FEMALE',
    nationalities: ['COL'],
    placeOfBirth: 'Medellín',
    motherTongue: 'es',
  },
  (d) => withHetu('1986-06-05', d.yearsAgo(9)),
);

/** Citizenship applicants; each differs from one in good standing in one respect. */
const CITIZENS = {
  age18Today: person(
    {
      givenNames: 'Sofía',
      familyName: 'Ramírez Castro',
      sex: 'FEMALE',
      nationalities: ['COL'],
      placeOfBirth: 'Bogotá',
      motherTongue: 'es',
    },
    (d) => withHetu(d.yearsAgo(18), addDays(d.yearsAgo(8), -40), 'A'),
  ),
  age18Tomorrow: person(
    { givenNames: 'Mateo', familyName: 'Vargas Rojas', sex: 'MALE', nationalities: ['COL'], placeOfBirth: 'Cali', motherTongue: 'es' },
    (d) => withHetu(addDays(d.yearsAgo(18), 1), addDays(d.yearsAgo(8), -40), 'A'),
  ),
  temporaryCode: person(
    { givenNames: 'Kenji', familyName: 'Watanabe', sex: 'MALE', nationalities: ['JPN'], placeOfBirth: 'Osaka', motherTongue: 'ja' },
    () => ({ dateOfBirth: '1980-12-12', code: 'TEMPORARY_HETU', passportPrefix: 'P' }),
  ),
  supersededCode: person(
    { givenNames: 'Elena', familyName: 'Popescu', sex: 'FEMALE', nationalities: ['ROU'], placeOfBirth: 'Iași', motherTongue: 'ro' },
    (d) => ({ ...withHetu('1984-02-29', d.yearsAgo(10)), code: 'SUPERSEDED_HETU' }),
  ),
  noFinnishCode: person(
    { givenNames: 'Samuel', familyName: 'Tesfamariam', sex: 'MALE', nationalities: ['ERI'], placeOfBirth: 'Asmara', motherTongue: 'ti' },
    () => withoutCode('1982-07-15'),
  ),
  residence8Years: person(
    { givenNames: 'Dilnoza', familyName: 'Karimova', sex: 'FEMALE', nationalities: ['UZB'], placeOfBirth: 'Tashkent', motherTongue: 'uz' },
    (d) => withHetu('1987-04-02', d.yearsAgo(8)),
  ),
  residence8YearsMinusDay: person(
    { givenNames: 'Aziz', familyName: 'Rakhimov', sex: 'MALE', nationalities: ['UZB'], placeOfBirth: 'Samarkand', motherTongue: 'uz' },
    (d) => withHetu('1985-09-14', addDays(d.yearsAgo(8), 1)),
  ),
  residence5YearsLanguage: person(
    { givenNames: 'Mei Ling', familyName: 'Tan', sex: 'FEMALE', nationalities: ['SGP'], placeOfBirth: 'Singapore', motherTongue: 'zh' },
    (d) => withHetu('1990-03-08', d.yearsAgo(5)),
  ),
  residence5YearsMinusDayLanguage: person(
    { givenNames: 'Kasun', familyName: 'Jayasuriya', sex: 'MALE', nationalities: ['LKA'], placeOfBirth: 'Kandy', motherTongue: 'si' },
    (d) => withHetu('1988-01-19', addDays(d.yearsAgo(5), 1)),
  ),
  residence5YearsSpouse: person(
    { givenNames: 'Volha', familyName: 'Sidarenka', sex: 'FEMALE', nationalities: ['BLR'], placeOfBirth: 'Minsk', motherTongue: 'be' },
    (d) => ({
      ...withHetu('1989-06-06', d.yearsAgo(5)),
      finnishSpouse: {
        givenNames: 'Jussi Petteri',
        familyName: 'Aaltonen',
        sex: 'MALE',
        dateOfBirth: '1987-02-17',
        marriedOn: d.yearsAgo(6),
      },
    }),
  ),
  residence5YearsStateless: person(
    { givenNames: 'Yasser', familyName: 'Al-Enezi', sex: 'MALE', nationalities: [], placeOfBirth: 'Kuwait City', motherTongue: 'ar' },
    (d) => ({ ...withHetu('1986-12-01', d.yearsAgo(5)), arrivedFrom: 'KWT' }),
  ),
  residence6YearsNoGround: person(
    { givenNames: 'Dmitrijs', familyName: 'Ozols', sex: 'MALE', nationalities: ['LVA'], placeOfBirth: 'Riga', motherTongue: 'lv' },
    (d) => withHetu('1986-10-01', d.yearsAgo(6)),
  ),
  abroad365: person(
    { givenNames: 'Priscila', familyName: 'Andrade', sex: 'FEMALE', nationalities: ['BRA'], placeOfBirth: 'Curitiba', motherTongue: 'pt' },
    (d) => withHetu('1985-05-05', d.yearsAgo(10)),
  ),
  abroad366: person(
    { givenNames: 'Gabriel', familyName: 'Moreira', sex: 'MALE', nationalities: ['BRA'], placeOfBirth: 'Porto Alegre', motherTongue: 'pt' },
    (d) => withHetu('1984-04-14', d.yearsAgo(10)),
  ),
  abroadLastYear90: person(
    {
      givenNames: 'Lucía',
      familyName: 'Fernández Mora',
      sex: 'FEMALE',
      nationalities: ['CRI'],
      placeOfBirth: 'San José',
      motherTongue: 'es',
    },
    (d) => withHetu('1991-08-21', d.yearsAgo(10)),
  ),
  abroadLastYear91: person(
    { givenNames: 'Diego', familyName: 'Alvarado Solís', sex: 'MALE', nationalities: ['CRI'], placeOfBirth: 'Cartago', motherTongue: 'es' },
    (d) => withHetu('1987-02-02', d.yearsAgo(10)),
  ),
  speakingWriting: person(
    { givenNames: 'Emily', familyName: 'Carter', sex: 'FEMALE', nationalities: ['USA'], placeOfBirth: 'Boston', motherTongue: 'en' },
    (d) => withHetu('1983-03-23', d.yearsAgo(9)),
  ),
  listeningWriting: person(
    { givenNames: 'Oliver', familyName: 'Bennett', sex: 'MALE', nationalities: ['GBR'], placeOfBirth: 'Leeds', motherTongue: 'en' },
    (d) => withHetu('1981-11-11', d.yearsAgo(9)),
  ),
  readingSpeaking: person(
    { givenNames: 'Ingrid', familyName: 'Haugen', sex: 'FEMALE', nationalities: ['NOR'], placeOfBirth: 'Bergen', motherTongue: 'no' },
    (d) => withHetu('1979-07-07', d.yearsAgo(9)),
  ),
  languageNearMiss: person(
    { givenNames: 'Pierre', familyName: 'Dubois', sex: 'MALE', nationalities: ['FRA'], placeOfBirth: 'Lyon', motherTongue: 'fr' },
    (d) => withHetu('1980-01-30', d.yearsAgo(9)),
  ),
};

/** Citizenship: age, identity, residence, days abroad and language. */
export const CITIZENSHIP_ELIGIBILITY_SCENARIOS: readonly Scenario[] = [
  {
    id: SCENARIO.citizenshipFulfilsAll,
    description: 'Citizenship, pending; every prerequisite fulfilled',
    exercises:
      'every citizenship rule FULFILLED: adult, valid HETU, 9 years of residence, 40 days abroad (14 in the last year), ' +
      'YKI 3 in all skills, no police record, no tax debt, no benefits',
    build: citizenship(CITIZEN_IN_GOOD_STANDING, (kit) => ({
      staysAbroad: [stay(kit.dates.yearsAgo(3), 26, 'COL'), stay(kit.dates.daysAgo(150), 14, 'ESP')],
    })),
  },
  {
    id: SCENARIO.citizenshipAge18Today,
    description: 'Citizenship; the applicant turns 18 on the reference date',
    exercises: 'age rule at exactly 18 (FULFILLED)',
    build: citizenship(CITIZENS.age18Today),
  },
  {
    id: SCENARIO.citizenshipAge18TomorrowIs18,
    description: 'Citizenship; the applicant turns 18 the day after the reference date',
    exercises: 'age rule at 18 minus a day (NOT_FULFILLED)',
    build: citizenship(CITIZENS.age18Tomorrow),
  },
  {
    id: SCENARIO.citizenshipTemporaryCode,
    description: 'Citizenship; the applicant has only a temporary code (900-999), not in the population registry',
    exercises: 'identity not established: temporary code',
    build: citizenship(CITIZENS.temporaryCode),
  },
  {
    id: SCENARIO.citizenshipSupersededCode,
    description: 'Citizenship; the code on the application has been superseded by a new one',
    exercises: 'identity: population answers identityCodeValid false',
    build: citizenship(CITIZENS.supersededCode),
  },
  {
    id: SCENARIO.citizenshipNoFinnishCode,
    description: 'Citizenship; the applicant has no Finnish code',
    exercises: 'identity not established: no code; biographic checks',
    build: citizenship(CITIZENS.noFinnishCode),
  },
  {
    id: SCENARIO.citizenshipResidence8Years,
    description: 'Citizenship; exactly 8 years of residence, no language certificate',
    exercises: 'residence rule at exactly 8 years (FULFILLED); language NOT_FULFILLED',
    build: citizenship(CITIZENS.residence8Years, () => ({ languageCertificates: [] })),
  },
  {
    id: SCENARIO.citizenshipResidence8YearsMinusDay,
    description: 'Citizenship; 8 years of residence minus a day, no language certificate',
    exercises: 'residence rule one day short (NOT_FULFILLED)',
    build: citizenship(CITIZENS.residence8YearsMinusDay, () => ({ languageCertificates: [] })),
  },
  {
    id: SCENARIO.citizenshipResidence5YearsLanguage,
    description: 'Citizenship; exactly 5 years of residence with a YKI certificate',
    exercises: 'residence rule: 5 years with a language certificate (FULFILLED)',
    build: citizenship(CITIZENS.residence5YearsLanguage),
  },
  {
    id: SCENARIO.citizenshipResidence5YearsMinusDayLanguage,
    description: 'Citizenship; 5 years minus a day with a YKI certificate',
    exercises: 'residence rule: 5-year path one day short (NOT_FULFILLED)',
    build: citizenship(CITIZENS.residence5YearsMinusDayLanguage),
  },
  {
    id: SCENARIO.citizenshipResidence5YearsSpouse,
    description: 'Citizenship; 5 years of residence, spouse of a Finnish citizen, no certificate',
    exercises: 'residence rule: 5 years as spouse of a Finnish citizen (FULFILLED); population family relation',
    build: citizenship(CITIZENS.residence5YearsSpouse, () => ({ languageCertificates: [], spouseOfFinnishCitizen: true })),
  },
  {
    id: SCENARIO.citizenshipResidence5YearsStateless,
    description: 'Citizenship; 5 years of residence, stateless, no certificate',
    exercises: 'residence rule: 5 years as a stateless person (FULFILLED)',
    build: citizenship(CITIZENS.residence5YearsStateless, () => ({ languageCertificates: [] })),
  },
  {
    id: SCENARIO.citizenshipResidence6YearsNoGround,
    description: 'Citizenship; 6 years of residence and nothing that shortens the requirement',
    exercises: 'residence rule: under 8 years without a ground for 5 (NOT_FULFILLED)',
    build: citizenship(CITIZENS.residence6YearsNoGround, () => ({ languageCertificates: [] })),
  },
  {
    id: SCENARIO.citizenshipAbroad365Days,
    description: 'Citizenship; 365 days abroad in total, none in the last year',
    exercises: 'days abroad in total at 365 (FULFILLED)',
    build: citizenship(CITIZENS.abroad365, (kit) => ({
      staysAbroad: [stay(kit.dates.yearsAgo(4), 180, 'BRA'), stay(kit.dates.yearsAgo(3), 185, 'PRT')],
    })),
  },
  {
    id: SCENARIO.citizenshipAbroad366Days,
    description: 'Citizenship; 366 days abroad in total, none in the last year',
    exercises: 'days abroad in total at 366 (NOT_FULFILLED)',
    build: citizenship(CITIZENS.abroad366, (kit) => ({
      staysAbroad: [stay(kit.dates.yearsAgo(4), 180, 'BRA'), stay(kit.dates.yearsAgo(3), 186, 'PRT')],
    })),
  },
  {
    id: SCENARIO.citizenshipAbroadLastYear90Days,
    description: 'Citizenship; 90 days abroad in the last year (150 in total)',
    exercises: 'days abroad in the last year at 90 (FULFILLED)',
    build: citizenship(CITIZENS.abroadLastYear90, (kit) => ({
      staysAbroad: [stay(kit.dates.yearsAgo(3), 60, 'CRI'), stay(kit.dates.daysAgo(200), 90, 'CRI')],
    })),
  },
  {
    id: SCENARIO.citizenshipAbroadLastYear91Days,
    description: 'Citizenship; 91 days abroad in the last year (151 in total)',
    exercises: 'days abroad in the last year at 91 (NOT_FULFILLED)',
    build: citizenship(CITIZENS.abroadLastYear91, (kit) => ({
      staysAbroad: [stay(kit.dates.yearsAgo(3), 60, 'CRI'), stay(kit.dates.daysAgo(200), 91, 'CRI')],
    })),
  },
  {
    id: SCENARIO.citizenshipLanguageSpeakingWriting,
    description: 'Citizenship; YKI level 3 in speaking and writing only',
    exercises: 'language rule: speaking + writing (FULFILLED)',
    build: citizenship(CITIZENS.speakingWriting, (kit) => ({
      languageCertificates: [yki('fi', kit.dates.yearsAgo(1), { speaking: 3, writing: 3, listening: 2, reading: 2 })],
    })),
  },
  {
    id: SCENARIO.citizenshipLanguageListeningWriting,
    description: 'Citizenship; YKI level 3 in listening and writing only',
    exercises: 'language rule: listening + writing (FULFILLED)',
    build: citizenship(CITIZENS.listeningWriting, (kit) => ({
      languageCertificates: [yki('fi', kit.dates.yearsAgo(1), { speaking: 2, writing: 3, listening: 3, reading: 2 })],
    })),
  },
  {
    id: SCENARIO.citizenshipLanguageReadingSpeaking,
    description: 'Citizenship; Swedish YKI level 3 in reading and speaking only',
    exercises: 'language rule: reading + speaking, in Swedish (FULFILLED)',
    build: citizenship(CITIZENS.readingSpeaking, (kit) => ({
      languageCertificates: [yki('sv', kit.dates.yearsAgo(1), { speaking: 3, writing: 2, listening: 2, reading: 3 })],
    })),
  },
  {
    id: SCENARIO.citizenshipLanguageNearMiss,
    description: 'Citizenship; YKI level 3 in speaking and listening, 2 in writing and reading',
    exercises: 'language rule near miss: speaking + listening is not an accepted pair (NOT_FULFILLED)',
    build: citizenship(CITIZENS.languageNearMiss, (kit) => ({
      languageCertificates: [yki('fi', kit.dates.yearsAgo(1), { speaking: 3, writing: 2, listening: 3, reading: 2 })],
    })),
  },
];
