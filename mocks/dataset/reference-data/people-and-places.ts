/**
 * Names, places and nationalities the generator draws people from: names per nationality,
 * Finnish citizens' names, Finnish municipalities and streets, and countries people travel to.
 *
 * Scenario people (scenarios/) use names and nationalities that are NOT in these lists, so no
 * random record can ever match a scenario person by name and date of birth.
 */

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
