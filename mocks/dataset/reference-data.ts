/**
 * Fixed lists the generator draws from: names per nationality, places, Finnish municipalities,
 * industries, occupations, and the yearly thresholds the data is built around.
 *
 * Scenario people (scenarios.ts) use names and nationalities that are NOT in these lists, so no
 * random record can ever match a scenario person by name and date of birth.
 */
import { checkedInThresholds, entryInForce } from '../../contracts/check-thresholds.js';
import type { IsoDate } from '../../contracts/xroad.js';
import type { SisArticle } from '../../contracts/registries/sis.js';

export interface NationalityProfile {
  /** ISO 3166-1 alpha-3. */
  code: string;
  /** Relative weight among applicants. */
  weight: number;
  motherTongue: string;
  maleGivenNames: readonly string[];
  femaleGivenNames: readonly string[];
  familyNames: readonly string[];
  /** Feminine form of a family name, for languages that inflect it (Ivanov -> Ivanova). */
  feminineFamilyName?: (familyName: string) => string;
  placesOfBirth: readonly string[];
  /** Two-letter prefix of this country's passport numbers in the synthetic data. */
  passportPrefix: string;
}

const slavicFeminine = (familyName: string) => (/(ov|ev|in)$/.test(familyName) ? `${familyName}a` : familyName);

export const NATIONALITIES: readonly NationalityProfile[] = [
  {
    code: 'RUS',
    weight: 12,
    motherTongue: 'ru',
    maleGivenNames: ['Aleksandr', 'Dmitri', 'Sergei', 'Andrei', 'Aleksei', 'Ivan', 'Mihail', 'Nikolai', 'Pavel', 'Vladimir'],
    femaleGivenNames: ['Olga', 'Tatjana', 'Jelena', 'Natalja', 'Irina', 'Svetlana', 'Anastasia', 'Marina', 'Julia', 'Jekaterina'],
    familyNames: [
      'Ivanov',
      'Smirnov',
      'Kuznetsov',
      'Popov',
      'Vasiljev',
      'Petrov',
      'Sokolov',
      'Mihailov',
      'Novikov',
      'Fjodorov',
      'Morozov',
      'Volkov',
    ],
    feminineFamilyName: slavicFeminine,
    placesOfBirth: ['Saint Petersburg', 'Moscow', 'Petrozavodsk', 'Murmansk', 'Vyborg'],
    passportPrefix: 'RU',
  },
  {
    code: 'UKR',
    weight: 12,
    motherTongue: 'uk',
    maleGivenNames: ['Oleksandr', 'Andrii', 'Serhii', 'Volodymyr', 'Dmytro', 'Mykola', 'Taras', 'Bohdan', 'Yurii', 'Vasyl'],
    femaleGivenNames: ['Olena', 'Tetiana', 'Nataliia', 'Iryna', 'Oksana', 'Yuliia', 'Kateryna', 'Svitlana', 'Viktoriia', 'Halyna'],
    familyNames: [
      'Shevchenko',
      'Kovalenko',
      'Bondarenko',
      'Tkachenko',
      'Kravchenko',
      'Melnyk',
      'Boiko',
      'Koval',
      'Oliinyk',
      'Lysenko',
      'Marchenko',
      'Rudenko',
    ],
    placesOfBirth: ['Kyiv', 'Kharkiv', 'Lviv', 'Odesa', 'Dnipro'],
    passportPrefix: 'FU',
  },
  {
    code: 'IND',
    weight: 12,
    motherTongue: 'hi',
    maleGivenNames: ['Rahul', 'Amit', 'Vijay', 'Suresh', 'Arjun', 'Rohan', 'Sanjay', 'Karthik', 'Ravi', 'Anil'],
    femaleGivenNames: ['Priya', 'Anjali', 'Deepa', 'Lakshmi', 'Kavya', 'Neha', 'Pooja', 'Divya', 'Sneha', 'Meera'],
    familyNames: ['Sharma', 'Patel', 'Reddy', 'Nair', 'Iyer', 'Singh', 'Kumar', 'Gupta', 'Menon', 'Rao', 'Das', 'Joshi'],
    placesOfBirth: ['Bengaluru', 'Chennai', 'Hyderabad', 'Pune', 'New Delhi', 'Kochi'],
    passportPrefix: 'IN',
  },
  {
    code: 'PHL',
    weight: 9,
    motherTongue: 'tl',
    maleGivenNames: ['Jose', 'Mark', 'John Paul', 'Rodel', 'Jerome', 'Ramon', 'Ariel', 'Carlo', 'Joel', 'Marvin'],
    femaleGivenNames: ['Maria Cristina', 'Jocelyn', 'Mary Grace', 'Rowena', 'Angelica', 'Kristine', 'Joy', 'Rosalie', 'Marites', 'Liza'],
    familyNames: [
      'Santos',
      'Reyes',
      'Cruz',
      'Bautista',
      'Ocampo',
      'Garcia',
      'Mendoza',
      'Torres',
      'Tomas',
      'Aquino',
      'Navarro',
      'Villanueva',
    ],
    placesOfBirth: ['Manila', 'Quezon City', 'Cebu City', 'Davao City', 'Iloilo City'],
    passportPrefix: 'PH',
  },
  {
    code: 'VNM',
    weight: 8,
    motherTongue: 'vi',
    maleGivenNames: ['Văn Minh', 'Văn Hùng', 'Minh Tuấn', 'Đức Anh', 'Quang Huy', 'Thành Long', 'Hoàng Nam', 'Quốc Phong'],
    femaleGivenNames: ['Thị Lan', 'Thị Hương', 'Thu Trang', 'Ngọc Mai', 'Thùy Linh', 'Phương Thảo', 'Thị Hoa', 'Minh Ngọc'],
    familyNames: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'],
    placesOfBirth: ['Hanoi', 'Ho Chi Minh City', 'Hai Phong', 'Da Nang', 'Nghe An'],
    passportPrefix: 'VN',
  },
  {
    code: 'CHN',
    weight: 6,
    motherTongue: 'zh',
    maleGivenNames: ['Wei', 'Jun', 'Hao', 'Lei', 'Qiang', 'Jie', 'Tao', 'Peng', 'Yu', 'Chao'],
    femaleGivenNames: ['Xiuying', 'Min', 'Jing', 'Yan', 'Fang', 'Hui', 'Ying', 'Xin', 'Lina', 'Qian'],
    familyNames: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun'],
    placesOfBirth: ['Beijing', 'Shanghai', 'Guangzhou', 'Chengdu', 'Wuhan'],
    passportPrefix: 'EC',
  },
  {
    code: 'IRQ',
    weight: 7,
    motherTongue: 'ar',
    maleGivenNames: ['Ahmed', 'Mohammed', 'Ali', 'Hussein', 'Omar', 'Mustafa', 'Hassan', 'Karim', 'Yousif', 'Haider'],
    femaleGivenNames: ['Fatima', 'Zainab', 'Maryam', 'Noor', 'Huda', 'Sara', 'Rana', 'Aya', 'Layla', 'Zahraa'],
    familyNames: [
      'Al-Jaburi',
      'Al-Obaidi',
      'Al-Tamimi',
      'Al-Saadi',
      'Hamid',
      'Jasim',
      'Kadhim',
      'Abbas',
      'Salih',
      'Mahmood',
      'Al-Rubaie',
      'Khalaf',
    ],
    placesOfBirth: ['Baghdad', 'Mosul', 'Basra', 'Erbil', 'Kirkuk'],
    passportPrefix: 'IQ',
  },
  {
    code: 'SOM',
    weight: 5,
    motherTongue: 'so',
    maleGivenNames: ['Abdi', 'Abdullahi', 'Mohamed', 'Yusuf', 'Ismail', 'Farah', 'Abdirahman', 'Said', 'Mahad', 'Liban'],
    femaleGivenNames: ['Hodan', 'Amina', 'Fadumo', 'Sahra', 'Hawa', 'Ifrah', 'Asha', 'Ayaan', 'Maryan', 'Nimco'],
    familyNames: ['Ali', 'Hussein', 'Warsame', 'Abdi', 'Mohamud', 'Osman', 'Hersi', 'Egal', 'Jama', 'Aden', 'Guled', 'Nur'],
    placesOfBirth: ['Mogadishu', 'Hargeisa', 'Kismayo', 'Baidoa', 'Bosaso'],
    passportPrefix: 'SO',
  },
  {
    code: 'TUR',
    weight: 5,
    motherTongue: 'tr',
    maleGivenNames: ['Mehmet', 'Mustafa', 'Ahmet', 'Hüseyin', 'Hasan', 'İbrahim', 'Murat', 'Emre', 'Burak', 'Serkan'],
    femaleGivenNames: ['Ayşe', 'Fatma', 'Emine', 'Hatice', 'Zeynep', 'Elif', 'Merve', 'Özlem', 'Şeyma', 'Büşra'],
    familyNames: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç'],
    placesOfBirth: ['Istanbul', 'Ankara', 'Izmir', 'Bursa', 'Konya'],
    passportPrefix: 'TR',
  },
  {
    code: 'NPL',
    weight: 6,
    motherTongue: 'ne',
    maleGivenNames: ['Ram', 'Hari', 'Krishna', 'Bikash', 'Suman', 'Rajesh', 'Prakash', 'Sunil', 'Dipak', 'Santosh'],
    femaleGivenNames: ['Sita', 'Gita', 'Sunita', 'Anita', 'Sabina', 'Puja', 'Sarita', 'Kabita', 'Manisha', 'Rita'],
    familyNames: ['Shrestha', 'Gurung', 'Tamang', 'Thapa', 'Rai', 'Magar', 'Adhikari', 'Karki', 'Bhandari', 'Poudel', 'Khadka', 'Basnet'],
    placesOfBirth: ['Kathmandu', 'Pokhara', 'Lalitpur', 'Biratnagar', 'Bharatpur'],
    passportPrefix: 'NP',
  },
  {
    code: 'EST',
    weight: 8,
    motherTongue: 'et',
    maleGivenNames: ['Jüri', 'Tõnis', 'Andres', 'Rein', 'Priit', 'Margus', 'Indrek', 'Toomas', 'Kalev', 'Siim'],
    femaleGivenNames: ['Kadri', 'Tiiu', 'Maarja', 'Kristiina', 'Liis', 'Triin', 'Piret', 'Külli', 'Mari', 'Kertu'],
    familyNames: ['Tamm', 'Saar', 'Sepp', 'Mägi', 'Kask', 'Kukk', 'Rebane', 'Ilves', 'Pärn', 'Koppel', 'Lepik', 'Kuusk'],
    placesOfBirth: ['Tallinn', 'Tartu', 'Narva', 'Pärnu', 'Kohtla-Järve'],
    passportPrefix: 'KE',
  },
];

/** Finnish citizens: spouses of applicants, persons in charge of companies, other residents. */
export const FINNISH_NAMES = {
  maleGivenNames: [
    'Mikko',
    'Juha',
    'Timo',
    'Matti',
    'Jari',
    'Antti',
    'Jukka',
    'Mika',
    'Markku',
    'Pekka',
    'Ville',
    'Janne',
    'Sami',
    'Heikki',
  ],
  femaleGivenNames: ['Anna', 'Maria', 'Tiina', 'Sari', 'Leena', 'Johanna', 'Laura', 'Katja', 'Elina', 'Minna', 'Hanna', 'Riikka'],
  middleNames: ['Juhani', 'Olavi', 'Tapani', 'Kalevi', 'Johannes', 'Maria', 'Helena', 'Kaarina', 'Annikki', 'Sofia'],
  familyNames: [
    'Korhonen',
    'Virtanen',
    'Mäkinen',
    'Nieminen',
    'Mäkelä',
    'Hämäläinen',
    'Laine',
    'Heikkinen',
    'Koskinen',
    'Järvinen',
    'Lehtonen',
    'Lehtinen',
    'Saarinen',
    'Salminen',
  ],
} as const;

/** Countries people travel to, for stays abroad and moves from Finland. */
export const TRAVEL_COUNTRIES = ['SWE', 'EST', 'DEU', 'ESP', 'RUS', 'IND', 'THA', 'TUR', 'NOR', 'GBR'] as const;

export interface Municipality {
  code: string;
  name: string;
  /** First three digits of its postal codes. */
  postalPrefix: string;
  weight: number;
}

export const MUNICIPALITIES: readonly Municipality[] = [
  { code: '091', name: 'Helsinki', postalPrefix: '00', weight: 30 },
  { code: '049', name: 'Espoo', postalPrefix: '02', weight: 14 },
  { code: '092', name: 'Vantaa', postalPrefix: '01', weight: 12 },
  { code: '837', name: 'Tampere', postalPrefix: '33', weight: 10 },
  { code: '853', name: 'Turku', postalPrefix: '20', weight: 9 },
  { code: '564', name: 'Oulu', postalPrefix: '90', weight: 6 },
  { code: '179', name: 'Jyväskylä', postalPrefix: '40', weight: 4 },
  { code: '398', name: 'Lahti', postalPrefix: '15', weight: 4 },
  { code: '297', name: 'Kuopio', postalPrefix: '70', weight: 3 },
  { code: '905', name: 'Vaasa', postalPrefix: '65', weight: 3 },
  { code: '609', name: 'Pori', postalPrefix: '28', weight: 2 },
  { code: '405', name: 'Lappeenranta', postalPrefix: '53', weight: 2 },
  { code: '167', name: 'Joensuu', postalPrefix: '80', weight: 2 },
  { code: '109', name: 'Hämeenlinna', postalPrefix: '13', weight: 2 },
  { code: '286', name: 'Kouvola', postalPrefix: '45', weight: 1 },
  { code: '734', name: 'Salo', postalPrefix: '24', weight: 1 },
];

export const STREET_NAMES = [
  'Mannerheimintie',
  'Hämeentie',
  'Kauppakatu',
  'Koulukatu',
  'Rantatie',
  'Puistokatu',
  'Asemakatu',
  'Koivukuja',
  'Kirkkokatu',
  'Satamakatu',
  'Myllytie',
  'Torikatu',
  'Linnankatu',
  'Mäntytie',
  'Kalliotie',
] as const;

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

export const OFFENCES: readonly { title: string; category: 'MINOR' | 'ORDINARY' | 'SERIOUS'; sanctions: readonly string[] }[] = [
  { title: 'Petty theft', category: 'MINOR', sanctions: ['Fine (10 day-fines)', 'Fine (15 day-fines)'] },
  { title: 'Traffic offence', category: 'MINOR', sanctions: ['Penalty fee', 'Fine (12 day-fines)'] },
  { title: 'Theft', category: 'ORDINARY', sanctions: ['Fine (40 day-fines)', 'Conditional imprisonment, 2 months'] },
  { title: 'Fraud', category: 'ORDINARY', sanctions: ['Fine (50 day-fines)', 'Conditional imprisonment, 4 months'] },
  { title: 'Assault', category: 'ORDINARY', sanctions: ['Fine (60 day-fines)', 'Conditional imprisonment, 3 months'] },
  { title: 'Drunk driving', category: 'ORDINARY', sanctions: ['Fine (30 day-fines)', 'Conditional imprisonment, 1 month'] },
  { title: 'Working without a permit', category: 'MINOR', sanctions: ['Fine (20 day-fines)'] },
  { title: 'Aggravated assault', category: 'SERIOUS', sanctions: ['Imprisonment, 1 year 6 months'] },
  { title: 'Aggravated tax fraud', category: 'SERIOUS', sanctions: ['Imprisonment, 1 year 2 months'] },
  { title: 'Extortionate work discrimination', category: 'SERIOUS', sanctions: ['Imprisonment, 10 months'] },
];

export interface SisArticleProfile {
  article: SisArticle;
  legalBasis: string;
  reason: string;
  actionToTake: string;
  /** Share of applicants with an alert of this article (each under one per cent). */
  applicantRate: number;
}

export const SIS_ARTICLES: readonly SisArticleProfile[] = [
  {
    article: 'REFUSAL_OF_ENTRY_OR_STAY',
    legalBasis: 'Regulation (EU) 2018/1861 art. 24',
    reason: 'Threat to public order: prior conviction',
    actionToTake: 'Refuse entry or stay',
    applicantRate: 0.006,
  },
  {
    article: 'EU_TRAVEL_BAN',
    legalBasis: 'Regulation (EU) 2018/1861 art. 25',
    reason: 'Restrictive measure adopted under the CFSP',
    actionToTake: 'Refuse entry; inform the issuing state',
    applicantRate: 0.001,
  },
  {
    article: 'PRIOR_CONSULTATION',
    legalBasis: 'Regulation (EU) 2018/1861 art. 27',
    reason: 'Prior consultation requested before a residence permit',
    actionToTake: 'Consult the issuing state before granting a permit',
    applicantRate: 0.002,
  },
  {
    article: 'ARREST_FOR_SURRENDER',
    legalBasis: 'Regulation (EU) 2018/1862 art. 26',
    reason: 'European arrest warrant',
    actionToTake: 'Arrest for surrender; contact SIRENE at once',
    applicantRate: 0.001,
  },
  {
    article: 'MISSING_PERSON',
    legalBasis: 'Regulation (EU) 2018/1862 art. 32',
    reason: 'Missing person',
    actionToTake: 'Place under protection if needed; inform SIRENE',
    applicantRate: 0.0015,
  },
  {
    article: 'JUDICIAL_PROCEDURE',
    legalBasis: 'Regulation (EU) 2018/1862 art. 34',
    reason: 'Sought as a witness in criminal proceedings',
    actionToTake: 'Communicate place of residence or domicile',
    applicantRate: 0.0015,
  },
  {
    article: 'DISCREET_INQUIRY_OR_SPECIFIC_CHECK',
    legalBasis: 'Regulation (EU) 2018/1862 art. 36',
    reason: 'Discreet check: suspected serious crime',
    actionToTake: 'Report the encounter discreetly; do not inform the person',
    applicantRate: 0.003,
  },
  {
    article: 'OBJECT',
    legalBasis: 'Regulation (EU) 2018/1862 art. 38',
    reason: 'Travel document reported stolen',
    actionToTake: 'Seize the document',
    applicantRate: 0.003,
  },
  {
    article: 'RETURN_DECISION',
    legalBasis: 'Regulation (EU) 2018/1860 art. 3',
    reason: 'Return decision issued',
    actionToTake: 'Verify departure; inform the issuing state',
    applicantRate: 0.005,
  },
];

/** Schengen states that issue alerts (ISO 3166-1 alpha-2). */
export const SIS_ISSUING_STATES = ['FI', 'SE', 'DE', 'FR', 'NL', 'EE', 'IT', 'ES', 'PL', 'NO'] as const;

export const SIS_WARNING_MARKERS = ['VIOLENT', 'ARMED', 'ESCAPE_RISK', 'SUICIDE_RISK'] as const;

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
