/**
 * Named scenario applications: fixed ids, the same in every data set whatever its seed or size,
 * so tests, example operations and demos can name them. Each states one case and what it
 * exercises; everything not stated is an applicant and employer in good standing.
 *
 * Rules are meant to be evaluated at the data set's reference date. Days abroad count both the
 * first and the last day of a stay. The residence cases at 8 years have no language certificate,
 * because any YKI level-3 certificate already opens the 5-year path (so they fail the language
 * rule, on purpose). README.md lists this table.
 */
import type { ApplicationType, Declarations, DeclaredEmployment } from '../../contracts/registries/case-register.js';
import type { SisArticle } from '../../contracts/registries/sis.js';
import type { DatasetBuilder } from './builder.js';
import { addDays } from './dates.js';
import { SIS_ARTICLES } from './reference-data/police-and-sis.js';
import { OCCUPATIONS, specialistSalaryThresholdEur } from './reference-data/work.js';
import { lostDocumentAlert } from './sections/sis.js';
import { ScenarioKit, yki, type PersonTemplate, type RelativeDates, type ScenarioEmployer, type ScenarioPerson } from './scenario-kit.js';

/** Scenario application ids by name. */
export const SCENARIO = {
  showcase: 'APP-0000001',
  showcaseEmployerSecond: 'APP-0000002',
  showcaseEmployerDecided: 'APP-0000003',
  noCodeSisNameMatch: 'APP-0000004',
  policeConviction: 'APP-0000005',
  nonDisclosure: 'APP-0000006',
  citizenshipFulfilsAll: 'APP-0000007',
  specialistAtThreshold: 'APP-0000008',
  specialistCentBelowThreshold: 'APP-0000009',
  specialistWithoutExpertiseStatement: 'APP-0000010',
  employerNotRegistered: 'APP-0000011',
  employerBankrupt: 'APP-0000012',
  employerDissolved: 'APP-0000013',
  employerNotVatRegistered: 'APP-0000014',
  employerMissingTaxReturns: 'APP-0000015',
  employerOverdueTaxes999: 'APP-0000016',
  employerOverdueTaxes1000: 'APP-0000017',
  employerTaxDebt999: 'APP-0000018',
  employerTaxDebt1000: 'APP-0000019',
  employerTaxDebtUnderPaymentPlan: 'APP-0000020',
  employerDamagesAwarded: 'APP-0000021',
  employerPensionInsuranceInvalid: 'APP-0000022',
  employerAccidentInsuranceInvalid: 'APP-0000023',
  employerCustomsDuties1000: 'APP-0000024',
  employerCustomsDuties1001: 'APP-0000025',
  citizenshipAge18Today: 'APP-0000026',
  citizenshipAge18TomorrowIs18: 'APP-0000027',
  citizenshipTemporaryCode: 'APP-0000028',
  citizenshipSupersededCode: 'APP-0000029',
  citizenshipNoFinnishCode: 'APP-0000030',
  citizenshipResidence8Years: 'APP-0000031',
  citizenshipResidence8YearsMinusDay: 'APP-0000032',
  citizenshipResidence5YearsLanguage: 'APP-0000033',
  citizenshipResidence5YearsMinusDayLanguage: 'APP-0000034',
  citizenshipResidence5YearsSpouse: 'APP-0000035',
  citizenshipResidence5YearsStateless: 'APP-0000036',
  citizenshipResidence6YearsNoGround: 'APP-0000037',
  citizenshipAbroad365Days: 'APP-0000038',
  citizenshipAbroad366Days: 'APP-0000039',
  citizenshipAbroadLastYear90Days: 'APP-0000040',
  citizenshipAbroadLastYear91Days: 'APP-0000041',
  citizenshipLanguageSpeakingWriting: 'APP-0000042',
  citizenshipLanguageListeningWriting: 'APP-0000043',
  citizenshipLanguageReadingSpeaking: 'APP-0000044',
  citizenshipLanguageNearMiss: 'APP-0000045',
  citizenshipRecentOffence: 'APP-0000046',
  citizenshipOldOffence: 'APP-0000047',
  citizenshipRestrainingOrder: 'APP-0000048',
  citizenshipPendingInvestigation: 'APP-0000049',
  citizenshipSmallTaxDebt: 'APP-0000050',
  citizenshipTaxDebtUnderPaymentPlan: 'APP-0000051',
  citizenshipLargeTaxDebt: 'APP-0000052',
  citizenshipUnemployment3Months: 'APP-0000053',
  citizenshipUnemployment4Months: 'APP-0000054',
  citizenshipSocialAssistance4Months: 'APP-0000055',
  repeatApplicantFamilyTies: 'APP-0000056',
  repeatApplicantWorkPermit: 'APP-0000057',
  estonianCode: 'APP-0000058',
  noCodePoliceBiographicMatch: 'APP-0000059',
  sisStolenDocument: 'APP-0000060',
  sisIdentityCodeMatch: 'APP-0000061',
  repeatApplicantWithoutCode: 'APP-0000062',
} as const;

export interface Scenario {
  id: string;
  description: string;
  exercises: string;
  build(kit: ScenarioKit, id: string): void;
}

// ---------------------------------------------------------------------------------------------
// People. Their family names appear in no list the random bulk draws from.
// ---------------------------------------------------------------------------------------------

type PersonBasics = Pick<ScenarioPerson, 'givenNames' | 'familyName' | 'sex' | 'nationalities' | 'placeOfBirth' | 'motherTongue'>;

function person(basics: PersonBasics, details: (d: RelativeDates) => Omit<ScenarioPerson, keyof PersonBasics>): PersonTemplate {
  return (d) => ({ ...basics, ...details(d) });
}

const withHetu = (dateOfBirth: string, arrivedOn: string, centurySign?: string) =>
  ({ dateOfBirth, code: 'HETU', arrivedOn, passportPrefix: 'P', ...(centurySign ? { centurySign } : {}) }) as const;
const withoutCode = (dateOfBirth: string) => ({ dateOfBirth, code: 'NONE', passportPrefix: 'P' }) as const;

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
const SIS_NAME_MATCH = person(
  {
    givenNames: 'José Carlos',
    familyName: 'Gonçalves Pereira',
    sex: 'MALE',
    nationalities: ['BRA'],
    placeOfBirth: 'Belo Horizonte',
    motherTongue: 'pt',
  },
  () => withoutCode('1983-05-09'),
);
const CONVICTED = person(
  { givenNames: 'Chinedu', familyName: 'Okafor', sex: 'MALE', nationalities: ['NGA'], placeOfBirth: 'Lagos', motherTongue: 'ig' },
  (d) => withHetu('1979-09-30', d.yearsAgo(4), 'W'),
);
const NON_DISCLOSURE = person(
  { givenNames: 'Amal', familyName: 'Haddad', sex: 'FEMALE', nationalities: ['SYR'], placeOfBirth: 'Damascus', motherTongue: 'ar' },
  (d) => ({ ...withHetu('1993-01-17', d.yearsAgo(2), 'V'), nonDisclosure: true }),
);
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
const POLICE_BIOGRAPHIC = person(
  { givenNames: 'Abdoulaye', familyName: 'Traoré', sex: 'MALE', nationalities: ['MLI'], placeOfBirth: 'Bamako', motherTongue: 'bm' },
  () => withoutCode('1987-09-09'),
);
const STOLEN_DOCUMENT = person(
  { givenNames: 'Nour', familyName: 'El-Sayed', sex: 'FEMALE', nationalities: ['EGY'], placeOfBirth: 'Alexandria', motherTongue: 'ar' },
  () => withoutCode('1996-04-12'),
);
const SIS_CODE_MATCH = person(
  { givenNames: 'Viktor', familyName: 'Horváth', sex: 'MALE', nationalities: ['HUN'], placeOfBirth: 'Budapest', motherTongue: 'hu' },
  (d) => withHetu('2001-08-08', d.yearsAgo(2), 'D'),
);

// ---------------------------------------------------------------------------------------------
// Employers
// ---------------------------------------------------------------------------------------------

const SHOWCASE_EMPLOYER: ScenarioEmployer = {
  name: 'Kalevan Ravintolat Oy',
  industryCode: '56101',
  legalForm: 'OY',
  personsInCharge: [
    { name: 'Kari Rantanen', role: 'CEO' },
    { name: 'Leila Turunen', role: 'CHAIR' },
  ],
};
const SOFTWARE_EMPLOYER: ScenarioEmployer = {
  name: 'Revontuli Software Oy',
  industryCode: '62010',
  legalForm: 'OY',
  personsInCharge: [
    { name: 'Anni Peltonen', role: 'CEO' },
    { name: 'Harri Kinnunen', role: 'CHAIR' },
  ],
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

// ---------------------------------------------------------------------------------------------
// Helpers for declarations
// ---------------------------------------------------------------------------------------------

function employment(kit: ScenarioKit, occupationCode: string, monthlySalaryEur: number): DeclaredEmployment {
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
function stay(from: string, days: number, country: string) {
  return { from, to: addDays(from, days - 1), country };
}

function specialistThreshold(kit: ScenarioKit): number {
  return specialistSalaryThresholdEur(kit.dates.referenceDate);
}

function sisAlertText(article: SisArticle) {
  const profile = SIS_ARTICLES.find((a) => a.article === article)!;
  return { article, legalBasis: profile.legalBasis, reason: profile.reason, actionToTake: profile.actionToTake };
}

const employerCheck = (applicant: PersonTemplate, employer: ScenarioEmployer) => (kit: ScenarioKit, id: string) =>
  kit.application(id, { type: 'WORK_PERMIT', status: 'PENDING', person: applicant, employer });

const citizenship =
  (applicant: PersonTemplate, declared: (kit: ScenarioKit) => Partial<Declarations> = () => ({})) =>
  (kit: ScenarioKit, id: string) =>
    kit.application(id, { type: 'CITIZENSHIP', status: 'PENDING', person: applicant, declared: declared(kit) });

const pending = (type: ApplicationType, applicant: PersonTemplate, employer?: ScenarioEmployer) => (kit: ScenarioKit, id: string) =>
  kit.application(id, { type, status: 'PENDING', person: applicant, employer });

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

export const SCENARIOS: readonly Scenario[] = [
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
    id: SCENARIO.noCodeSisNameMatch,
    description: 'Applicant without a Finnish code; SIS holds a refusal of entry under the same name and birth date',
    exercises:
      'SIS search by family name + first given name + date of birth, without diacritics or case; the nationality filter (a second alert has another nationality); a near miss one day off',
    build: (kit, id) => {
      kit.application(id, {
        type: 'WORK_PERMIT',
        status: 'PENDING',
        person: SIS_NAME_MATCH,
        employer: SOFTWARE_EMPLOYER,
        declared: { employment: employment(kit, '3512', 2900) },
      });
      const { dateOfBirth } = kit.person(SIS_NAME_MATCH).applicant;
      const alertPerson = {
        givenNames: 'JOSE CARLOS',
        familyName: 'GONCALVES PEREIRA',
        aliases: [],
        placeOfBirth: 'BELO HORIZONTE',
        warningMarkers: [],
        documents: [],
      };
      kit.sisAlert({
        ...alertPerson,
        ...sisAlertText('REFUSAL_OF_ENTRY_OR_STAY'),
        dateOfBirth,
        nationalities: ['BRA'],
        issuingState: 'SE',
      });
      kit.sisAlert({ ...alertPerson, ...sisAlertText('JUDICIAL_PROCEDURE'), dateOfBirth, nationalities: ['PRT'], issuingState: 'PT' });
      kit.sisAlert({
        ...alertPerson,
        ...sisAlertText('RETURN_DECISION'),
        dateOfBirth: addDays(dateOfBirth, 1),
        nationalities: ['BRA'],
        issuingState: 'DE',
      });
    },
  },
  {
    id: SCENARIO.policeConviction,
    description: 'Family ties, pending; applicant convicted of aggravated assault a year ago',
    exercises: 'police record by personal identity code (CONVICTED offence)',
    build: (kit, id) => {
      pending('FAMILY_TIES', CONVICTED)(kit, id);
      const committedOn = kit.dates.monthsAgo(20);
      kit.police(CONVICTED, {
        offences: [
          {
            caseNumber: kit.policeCaseNumber(committedOn),
            title: 'Aggravated assault',
            category: 'SERIOUS',
            committedOn,
            status: 'CONVICTED',
            decidedOn: kit.dates.monthsAgo(12),
            sanction: 'Imprisonment, 1 year 6 months',
          },
        ],
      });
    },
  },
  {
    id: SCENARIO.nonDisclosure,
    description: 'Family ties, pending; applicant under non-disclosure (turvakielto)',
    exercises: 'withholding the address of a person under non-disclosure',
    build: pending('FAMILY_TIES', NON_DISCLOSURE),
  },
  {
    id: SCENARIO.citizenshipFulfilsAll,
    description: 'Citizenship, pending; every prerequisite fulfilled',
    exercises:
      'every citizenship rule FULFILLED: adult, valid HETU, 9 years of residence, 40 days abroad (14 in the last year), YKI 3 in all skills, no police record, no tax debt, no benefits',
    build: citizenship(CITIZEN_IN_GOOD_STANDING, (kit) => ({
      staysAbroad: [stay(kit.dates.yearsAgo(3), 26, 'COL'), stay(kit.dates.daysAgo(150), 14, 'ESP')],
    })),
  },
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
    id: SCENARIO.noCodePoliceBiographicMatch,
    description: 'Work permit, pending; applicant without a Finnish code, suspected of working without a permit',
    exercises: 'police search by biographic data (names, date of birth, nationality)',
    build: (kit, id) => {
      kit.application(id, {
        type: 'WORK_PERMIT',
        status: 'PENDING',
        person: POLICE_BIOGRAPHIC,
        employer: SOFTWARE_EMPLOYER,
        declared: { employment: employment(kit, '3512', 2750) },
      });
      const committedOn = kit.dates.monthsAgo(5);
      const caseNumber = kit.policeCaseNumber(committedOn);
      kit.police(POLICE_BIOGRAPHIC, {
        offences: [
          {
            caseNumber,
            title: 'Working without a permit',
            category: 'MINOR',
            committedOn,
            status: 'SUSPECTED',
            decidedOn: null,
            sanction: null,
          },
        ],
        pendingInvestigations: [{ caseNumber, title: 'Working without a permit', openedOn: kit.dates.monthsAgo(4) }],
      });
    },
  },
  {
    id: SCENARIO.sisStolenDocument,
    description: 'Study, pending; the passport on the application is reported stolen',
    exercises: 'SIS search by document number: a lost/stolen document OBJECT alert',
    build: (kit, id) => {
      pending('STUDY', STOLEN_DOCUMENT)(kit, id);
      const { applicant } = kit.person(STOLEN_DOCUMENT);
      kit.sisAlert(
        lostDocumentAlert({ ...applicant, travelDocument: applicant.travelDocument! }, { ...sisAlertText('OBJECT'), issuingState: 'FR' }),
      );
    },
  },
  {
    id: SCENARIO.sisIdentityCodeMatch,
    description: "Family ties, pending; a national alert for a discreet check names the applicant's HETU",
    exercises: 'SIS search by personal identity code (also matching name and date of birth); new century sign D',
    build: (kit, id) => {
      pending('FAMILY_TIES', SIS_CODE_MATCH)(kit, id);
      const { applicant } = kit.person(SIS_CODE_MATCH);
      kit.sisAlert({
        ...sisAlertText('DISCREET_INQUIRY_OR_SPECIFIC_CHECK'),
        personalIdentityCode: applicant.personalIdentityCode!,
        givenNames: applicant.givenNames,
        familyName: applicant.familyName,
        aliases: [{ givenNames: 'Viktor', familyName: 'Horvat' }],
        dateOfBirth: applicant.dateOfBirth,
        placeOfBirth: applicant.placeOfBirth,
        nationalities: applicant.nationalities,
        warningMarkers: [],
        issuingState: 'FI',
        documents: [],
      });
    },
  },
  {
    id: SCENARIO.repeatApplicantWithoutCode,
    description: 'Study, pending; the applicant of APP-0000002, who has no Finnish code, applies again',
    exercises: 'a repeated applicant known only biographically (worklist dedup without an identity code)',
    build: pending('STUDY', WAITER_NO_CODE),
  },
];

/** Adds every scenario to the data set, in id order, before any random record. */
export function buildScenarios(builder: DatasetBuilder): void {
  const kit = new ScenarioKit(builder);
  for (const scenario of SCENARIOS) scenario.build(kit, scenario.id);
}
