/**
 * Working life the generator draws employers and employment from: industries (TOL 2008),
 * occupations (ISCO-08), company names, special-expertise statements and the yearly salary
 * threshold of specialist permits the data is built around.
 */
import { checkedInThresholds, entryInForce } from '../../../contracts/check-thresholds.js';
import type { IsoDate } from '../../../contracts/xroad.js';

export interface Industry {
  /** TOL 2008 code. */
  code: string;
  description: string;
  weight: number;
  /** Words that fit a company name in this industry. */
  nameWords: readonly string[];
  /** ISCO-08 codes the industry typically hires foreign workers for. */
  occupations: readonly string[];
}

export const INDUSTRIES: readonly Industry[] = [
  {
    code: '56101',
    description: 'Restaurants',
    weight: 14,
    nameWords: ['Ravintola', 'Bistro', 'Keittiö'],
    occupations: ['5120', '9412', '5131'],
  },
  {
    code: '81210',
    description: 'General cleaning of buildings',
    weight: 12,
    nameWords: ['Siivous', 'Puhtaanapito', 'Clean'],
    occupations: ['9112'],
  },
  {
    code: '41200',
    description: 'Construction of residential and non-residential buildings',
    weight: 10,
    nameWords: ['Rakennus', 'Rakenne', 'Talo'],
    occupations: ['7115', '7112', '9313'],
  },
  {
    code: '62010',
    description: 'Computer programming activities',
    weight: 10,
    nameWords: ['Code', 'Data', 'Soft', 'Digital'],
    occupations: ['2512', '2511', '3512'],
  },
  {
    code: '49410',
    description: 'Freight transport by road',
    weight: 7,
    nameWords: ['Kuljetus', 'Logistiikka', 'Rahti'],
    occupations: ['8332'],
  },
  {
    code: '01131',
    description: 'Growing of vegetables in greenhouses',
    weight: 5,
    nameWords: ['Puutarha', 'Kasvihuone', 'Vihannes'],
    occupations: ['9211', '6111'],
  },
  {
    code: '87101',
    description: 'Residential nursing care activities for the elderly',
    weight: 7,
    nameWords: ['Hoivakoti', 'Hoiva', 'Palvelukoti'],
    occupations: ['5321', '2221'],
  },
  {
    code: '55101',
    description: 'Hotels with restaurants',
    weight: 4,
    nameWords: ['Hotelli', 'Majatalo'],
    occupations: ['5120', '9112', '4224'],
  },
  {
    code: '71121',
    description: 'Construction and civil engineering design',
    weight: 5,
    nameWords: ['Suunnittelu', 'Insinööritoimisto'],
    occupations: ['2142', '2144'],
  },
  {
    code: '10130',
    description: 'Production of meat and poultry meat products',
    weight: 3,
    nameWords: ['Liha', 'Elintarvike'],
    occupations: ['7511', '8160'],
  },
  { code: '52100', description: 'Warehousing and storage', weight: 4, nameWords: ['Varasto', 'Terminaali'], occupations: ['9333', '4321'] },
  { code: '43210', description: 'Electrical installation', weight: 4, nameWords: ['Sähkö', 'Asennus'], occupations: ['7411'] },
  {
    code: '72190',
    description: 'Other research and experimental development on natural sciences and engineering',
    weight: 3,
    nameWords: ['Research', 'Labs', 'Tech'],
    occupations: ['2131', '2145', '2149'],
  },
];

export interface Occupation {
  /** ISCO-08 code. */
  code: string;
  title: string;
  /** Typical monthly salary range in EUR. */
  salaryRange: readonly [number, number];
  /** Whether a specialist permit is usual for it. */
  specialist: boolean;
}

export const OCCUPATIONS: Readonly<Record<string, Occupation>> = {
  '2131': { code: '2131', title: 'Biologist', salaryRange: [3300, 5600], specialist: true },
  '2142': { code: '2142', title: 'Civil engineer', salaryRange: [3400, 6000], specialist: true },
  '2144': { code: '2144', title: 'Mechanical engineer', salaryRange: [3400, 6200], specialist: true },
  '2145': { code: '2145', title: 'Chemical engineer', salaryRange: [3500, 6200], specialist: true },
  '2149': { code: '2149', title: 'Research engineer', salaryRange: [3300, 5800], specialist: true },
  '2221': { code: '2221', title: 'Registered nurse', salaryRange: [2600, 3600], specialist: false },
  '2511': { code: '2511', title: 'Systems analyst', salaryRange: [3500, 6500], specialist: true },
  '2512': { code: '2512', title: 'Software developer', salaryRange: [3300, 7000], specialist: true },
  '3512': { code: '3512', title: 'ICT user support technician', salaryRange: [2500, 3500], specialist: false },
  '4224': { code: '4224', title: 'Hotel receptionist', salaryRange: [2000, 2500], specialist: false },
  '4321': { code: '4321', title: 'Stock clerk', salaryRange: [2100, 2600], specialist: false },
  '5120': { code: '5120', title: 'Cook', salaryRange: [2100, 2800], specialist: false },
  '5131': { code: '5131', title: 'Waiter', salaryRange: [1900, 2400], specialist: false },
  '5321': { code: '5321', title: 'Practical nurse', salaryRange: [2300, 2900], specialist: false },
  '6111': { code: '6111', title: 'Field crop and vegetable grower', salaryRange: [1900, 2400], specialist: false },
  '7112': { code: '7112', title: 'Bricklayer', salaryRange: [2500, 3300], specialist: false },
  '7115': { code: '7115', title: 'Carpenter', salaryRange: [2500, 3300], specialist: false },
  '7411': { code: '7411', title: 'Building electrician', salaryRange: [2700, 3500], specialist: false },
  '7511': { code: '7511', title: 'Butcher', salaryRange: [2300, 2900], specialist: false },
  '8160': { code: '8160', title: 'Food products machine operator', salaryRange: [2300, 2900], specialist: false },
  '8332': { code: '8332', title: 'Heavy truck driver', salaryRange: [2500, 3200], specialist: false },
  '9112': { code: '9112', title: 'Cleaner', salaryRange: [1900, 2300], specialist: false },
  '9211': { code: '9211', title: 'Crop farm labourer', salaryRange: [1800, 2200], specialist: false },
  '9313': { code: '9313', title: 'Building construction labourer', salaryRange: [2200, 2800], specialist: false },
  '9333': { code: '9333', title: 'Freight handler', salaryRange: [2100, 2600], specialist: false },
  '9412': { code: '9412', title: 'Kitchen helper', salaryRange: [1900, 2300], specialist: false },
};

/**
 * Minimum monthly salary for a specialist permit in force on a date. The figures live in the
 * prerequisite checks' configuration (subgraphs/checks/thresholds.json), the one place they are
 * kept, so a scenario "exactly at the threshold" is at the figure the checks apply. A date
 * before the first figure gets the first one: the generator only draws salaries around it.
 */
export function specialistSalaryThresholdEur(on: IsoDate): number {
  const history = checkedInThresholds().specialistPermit.minimumMonthlySalaryEur;
  return (entryInForce(history, on) ?? history[0]!).value;
}

export const SPECIAL_EXPERTISE_STATEMENTS = [
  'Master of Science in computer science and six years of experience in distributed systems.',
  'Doctorate in chemical engineering; leads the pilot plant commissioning.',
  'Senior structural engineer with experience of large timber buildings.',
  'Machine learning specialist recruited for a research and development team.',
  'Team lead for embedded software with eight years of industry experience.',
] as const;

export const COMPANY_NAME_PREFIXES = [
  'Pohjolan',
  'Suomen',
  'Etelä-Suomen',
  'Nordic',
  'Helsingin',
  'Länsi-Suomen',
  'Itä-Suomen',
  'Arctic',
  'Järvenpään',
  'Tampereen',
] as const;
