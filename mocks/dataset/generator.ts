/**
 * The seeded synthetic data set: the named scenarios first (scenarios.ts), then a random bulk
 * drawn with a seeded PRNG. The same options give byte-identical JSON; nothing reads the clock.
 *
 * Sizes are totals: `applications` applications, `persons` population records and `employers`
 * companies, of which the scenarios' own are a part (a data set is never smaller than its scenarios).
 * `persons` also bounds how many applicants have a Finnish code: an applicant with one is in the
 * population registry, so once the budget is spent, new applicants have no Finnish code.
 */
import { z } from 'zod';
import type {
  ApplicationStatus,
  ApplicationType,
  CaseApplicant,
  Declarations,
  DeclaredEmployment,
  LanguageCertificate,
  StayAbroad,
} from '../../contracts/registries/case-register.js';
import type { PopulationPerson } from '../../contracts/registries/population.js';
import type { IsoDate } from '../../contracts/xroad.js';
import type { Company, CompanyStatus } from '../../contracts/registries/trade-register.js';
import { DatasetBuilder, lostDocumentAlert } from './builder.js';
import { addDays, addYears, daysBetween, fullYearsBetween, isIsoDate, isoDateTime } from './dates.js';
import { CLEAN_COMPLIANCE, claimBusinessId, companyName, companyRecord, complianceReport, type ComplianceFindings } from './employers.js';
import {
  applicantRecord,
  centurySignFor,
  claimEstonianCode,
  claimHetu,
  claimTravelDocument,
  defaultCenturySign,
  emptyDeclarations,
  finnishNamesFor,
  marry,
  namesFor,
  randomDateOfBirth,
  randomSex,
  residentRecord,
  type Identity,
} from './people.js';
import { Prng, WeightedIndex } from './prng.js';
import {
  INDUSTRIES,
  NATIONALITIES,
  OCCUPATIONS,
  OFFENCES,
  SIS_ARTICLES,
  SIS_ISSUING_STATES,
  SIS_WARNING_MARKERS,
  SPECIAL_EXPERTISE_STATEMENTS,
  TRAVEL_COUNTRIES,
  specialistSalaryThresholdEur,
  type NationalityProfile,
  type SisArticleProfile,
} from './reference-data.js';
import { buildScenarios } from './scenarios.js';
import type { Dataset, StoredPoliceSubject } from './types.js';

/** Every so many generated companies one has an industry the trade register does not know. */
const UNREPORTED_INDUSTRY_EVERY = 97;

export interface GeneratorOptions {
  seed: number;
  applications: number;
  persons: number;
  employers: number;
  referenceDate: IsoDate;
}

export const DEFAULT_GENERATOR_OPTIONS: Readonly<GeneratorOptions> = {
  seed: 1,
  applications: 10_000,
  persons: 8_000,
  employers: 2_000,
  referenceDate: '2026-10-01',
};

export const generatorOptionsSchema = z.object({
  seed: z.number().int().min(0).max(0xffff_ffff),
  applications: z.number().int().min(0).max(2_000_000),
  persons: z.number().int().min(0).max(2_000_000),
  employers: z.number().int().min(0).max(500_000),
  referenceDate: z.string().refine(isIsoDate, 'expected an existing date written YYYY-MM-DD'),
});

/** The rates the random bulk is drawn with (README.md, "Default rates"). */
export const RATES = {
  /** An application by someone who already applied. */
  repeatApplicant: 0.08,
  /** Share of the population budget kept for applicants with a Finnish code (and their spouses). */
  applicantShareOfPersons: 0.7,
  superseded: 0.007,
  temporaryCode: 0.012,
  estonianCodeOfEstonians: 0.85,
  stateless: 0.01,
  travelDocument: 0.95,
  nonDisclosure: 0.008,
  deceased: 0.006,
  /** Among persons, and among applicants without a Finnish code (matched biographically). */
  policeRecord: 0.03,
  personalTaxDebt: 0.04,
  /** SIS alerts per article: SIS_ARTICLES[].applicantRate. Alerts on people outside the case register: */
  sisUnrelatedAlertsPerApplicant: 0.02,
  sisNearMissAlertsPerApplicant: 0.003,
  unregisteredEmployer: 0.005,
} as const;

const APPLICATION_TYPES: readonly (readonly [ApplicationType, number])[] = [
  ['WORK_PERMIT', 35],
  ['SPECIALIST_PERMIT', 10],
  ['CITIZENSHIP', 20],
  ['FAMILY_TIES', 20],
  ['STUDY', 15],
];

const APPLICATION_STATUSES: readonly (readonly [ApplicationStatus, number])[] = [
  ['RECEIVED', 8],
  ['PENDING', 37],
  ['IN_PROCESS', 20],
  ['DECIDED', 30],
  ['WITHDRAWN', 5],
];

/** How long ago applications in each status were submitted, in days. Open cases are younger than the scenarios. */
const SUBMITTED_DAYS_AGO: Record<ApplicationStatus, readonly [number, number]> = {
  RECEIVED: [0, 14],
  PENDING: [1, 330],
  IN_PROCESS: [7, 330],
  DECIDED: [60, 1100],
  WITHDRAWN: [30, 700],
};

/** Share of new applicants of each application type who hold a Finnish code. */
const FINNISH_CODE_SHARE: Record<ApplicationType, number> = {
  WORK_PERMIT: 0.4,
  SPECIALIST_PERMIT: 0.25,
  CITIZENSHIP: 0.93,
  FAMILY_TIES: 0.45,
  STUDY: 0.3,
};

const AGE_RANGE: Record<ApplicationType, readonly [number, number]> = {
  WORK_PERMIT: [19, 58],
  SPECIALIST_PERMIT: [24, 60],
  CITIZENSHIP: [18, 72],
  FAMILY_TIES: [18, 65],
  STUDY: [18, 34],
};

const SIS_PERSON_ARTICLES = SIS_ARTICLES.filter((a) => a.article !== 'OBJECT');
const NATIONALITY_WEIGHTS = NATIONALITIES.map((n) => [n, n.weight] as const);
const INDUSTRY_WEIGHTS = INDUSTRIES.map((industry) => [industry, industry.weight] as const);
const SPECIALIST_OCCUPATIONS = Object.values(OCCUPATIONS).filter((o) => o.specialist);
/** Serious offences are rarer than minor and ordinary ones. */
const OFFENCE_WEIGHTS = OFFENCES.map((o) => [o, o.category === 'SERIOUS' ? 1 : 4.5] as const);

interface BulkApplicant {
  applicant: CaseApplicant;
  population: PopulationPerson | null;
  profile: NationalityProfile;
}

export function generateDataset(options: Partial<GeneratorOptions> = {}): Dataset {
  const resolved = generatorOptionsSchema.parse({ ...DEFAULT_GENERATOR_OPTIONS, ...options });
  const builder = new DatasetBuilder(resolved.referenceDate);
  buildScenarios(builder);
  new BulkGenerator(builder, resolved).run();
  return builder.build(resolved.seed);
}

function euros(random: Prng, min: number, max: number): number {
  return random.int(min * 100, max * 100) / 100;
}

class BulkGenerator {
  private readonly random: Prng;
  private readonly ref: IsoDate;
  private readonly applicants: BulkApplicant[] = [];
  private readonly industryByBusinessId = new Map<string, (typeof INDUSTRIES)[number]>();
  private employerIds: string[] = [];
  private employerPicker: WeightedIndex | null = null;
  private unregisteredBusinessIds: string[] = [];
  private applicantPersonBudget: number;

  constructor(
    private readonly builder: DatasetBuilder,
    private readonly options: GeneratorOptions,
  ) {
    this.random = new Prng(options.seed);
    this.ref = options.referenceDate;
    this.applicantPersonBudget = Math.floor(Math.max(0, options.persons - builder.persons.length) * RATES.applicantShareOfPersons);
  }

  run(): void {
    this.generateEmployers();
    const bulkApplications = Math.max(0, this.options.applications - this.builder.applications.length);
    for (let i = 0; i < bulkApplications; i++) this.generateApplication();
    this.generateUnrelatedSisAlerts();
    this.fillPopulation();
  }

  // ---------------------------------------------------------------------------------------------
  // Employers
  // ---------------------------------------------------------------------------------------------

  private generateEmployers(): void {
    const { random } = this;
    const count = Math.max(0, this.options.employers - this.builder.companies.length);
    for (let i = 0; i < count; i++) {
      const businessId = claimBusinessId(this.builder, random);
      const industry = random.weighted(INDUSTRY_WEIGHTS);
      const legalForm = random.weighted<Company['legalForm']>([
        ['OY', 70],
        ['TMI', 14],
        ['KY', 6],
        ['AY', 3],
        ['OYJ', 2],
        ['OSK', 5],
      ]);
      const status = random.weighted<CompanyStatus>([
        ['ACTIVE', 92],
        ['BANKRUPT', 3],
        ['IN_LIQUIDATION', 2],
        ['DISSOLVED', 3],
      ]);
      const ageDays = random.int(200, 30 * 365);
      const owner = finnishNamesFor(random, randomSex(random));
      this.builder.companies.push(
        companyRecord({
          businessId,
          name: companyName(random, industry, legalForm, owner.familyName),
          industry,
          legalForm,
          status,
          registeredOn: addDays(this.ref, -ageDays),
          statusChangedOn: status === 'ACTIVE' ? null : addDays(this.ref, -random.int(10, Math.min(700, ageDays - 1))),
          inTradeRegisterProper: legalForm !== 'TMI' || random.chance(0.6),
          vatRegistered: random.chance(0.93),
          employerRegistered: random.chance(0.88),
          personsInCharge: this.personsInCharge(legalForm, `${owner.givenNames.split(' ')[0]} ${owner.familyName}`),
          // About one in a hundred never reported an industry. Chosen by position, not by the
          // random stream, so that adding it left the rest of every seeded data set as it was.
          industryReported: i % UNREPORTED_INDUSTRY_EVERY !== UNREPORTED_INDUSTRY_EVERY - 1,
        }),
      );
      this.industryByBusinessId.set(businessId, industry);
      // A few companies are too new to have a compliance report.
      if (random.chance(0.99)) {
        this.builder.complianceReports.push(complianceReport(businessId, this.ref, this.randomFindings(status)));
      }
      this.employerIds.push(businessId);
    }
    // A few big employers file most applications: weight by rank, so repeated employers are common.
    this.employerPicker = this.employerIds.length > 0 ? new WeightedIndex(this.employerIds.map((_, rank) => 1 / (rank + 1) ** 0.85)) : null;
    const unregistered = Math.max(1, Math.round(this.options.employers * 0.01));
    for (let i = 0; i < unregistered; i++) this.unregisteredBusinessIds.push(claimBusinessId(this.builder, random));
  }

  private personsInCharge(legalForm: Company['legalForm'], ownerName: string): Company['personsInCharge'] {
    const other = () => {
      const names = finnishNamesFor(this.random, randomSex(this.random));
      return `${names.givenNames.split(' ')[0]} ${names.familyName}`;
    };
    switch (legalForm) {
      case 'TMI':
        return [{ name: ownerName, role: 'OWNER' }];
      case 'KY':
      case 'AY':
        return [
          { name: ownerName, role: 'PARTNER' },
          { name: other(), role: 'PARTNER' },
        ];
      default:
        return [
          { name: other(), role: 'CEO' },
          { name: ownerName, role: 'CHAIR' },
          ...(this.random.chance(0.5) ? [{ name: other(), role: 'BOARD_MEMBER' as const }] : []),
        ];
    }
  }

  /** Obligations a company has neglected; companies in trouble neglect more. */
  private randomFindings(status: CompanyStatus): ComplianceFindings {
    const { random } = this;
    const trouble = status === 'ACTIVE' ? 1 : 4;
    const findings: ComplianceFindings = { ...CLEAN_COMPLIANCE, missingPeriods: [] };
    if (random.chance(0.04 * trouble)) {
      const missing = random.int(1, 3);
      for (let m = missing; m >= 1; m--) findings.missingPeriods.push(addDays(this.ref, -31 * m).slice(0, 7));
    }
    if (random.chance(0.07 * trouble)) {
      findings.taxDebtEur = random.weighted([
        [euros(random, 50, 999), 45],
        [euros(random, 1000, 9999), 35],
        [euros(random, 10_000, 80_000), 20],
      ]);
      findings.taxDebtUnderPaymentPlan = random.chance(0.35);
    }
    if (random.chance(0.05 * trouble)) findings.overdueTaxesEur = euros(random, 50, 15_000);
    if (random.chance(0.03 * trouble)) findings.pensionInsuranceValid = false;
    if (random.chance(0.03 * trouble)) findings.accidentInsuranceValid = false;
    if (random.chance(0.03)) findings.customsDutiesDueEur = euros(random, 100, 20_000);
    if (random.chance(0.01 * trouble)) findings.damagesAwardedByJudgment = true;
    return findings;
  }

  private pickEmployer(): string {
    if (this.employerPicker === null || this.random.chance(RATES.unregisteredEmployer)) {
      return this.random.pick(this.unregisteredBusinessIds);
    }
    return this.employerIds[this.employerPicker.pick(this.random)]!;
  }

  // ---------------------------------------------------------------------------------------------
  // Applications and applicants
  // ---------------------------------------------------------------------------------------------

  private generateApplication(): void {
    const { random } = this;
    const type = random.weighted(APPLICATION_TYPES);
    const status = random.weighted(APPLICATION_STATUSES);
    const [minDays, maxDays] = SUBMITTED_DAYS_AGO[status];
    const submittedOn = addDays(this.ref, -random.int(minDays, maxDays));
    const bulk =
      this.applicants.length > 0 && random.chance(RATES.repeatApplicant)
        ? random.pick(this.applicants)
        : this.newApplicant(type, submittedOn);
    const employerBusinessId = type === 'WORK_PERMIT' || type === 'SPECIALIST_PERMIT' ? this.pickEmployer() : null;
    this.builder.applications.push({
      id: this.builder.nextApplicationId(),
      type,
      status,
      submittedAt: isoDateTime(submittedOn, random.int(6 * 3600, 22 * 3600)),
      channel: random.chance(0.85) ? 'ENTER_FINLAND' : 'SERVICE_POINT',
      applicantId: bulk.applicant.id,
      employerBusinessId,
      declared: this.declarations(type, bulk, submittedOn, employerBusinessId),
    });
  }

  private newApplicant(type: ApplicationType, submittedOn: IsoDate): BulkApplicant {
    const { random } = this;
    const profile = random.weighted(NATIONALITY_WEIGHTS);
    const sex = randomSex(random);
    const [minAge, maxAge] = AGE_RANGE[type];
    const stateless = profile.code !== 'EST' && random.chance(RATES.stateless);
    const identity: Identity = {
      ...namesFor(random, profile, sex),
      sex,
      dateOfBirth: randomDateOfBirth(random, this.ref, minAge, maxAge),
      nationalities: stateless ? [] : [profile.code],
      placeOfBirth: random.pick(profile.placesOfBirth),
    };
    const superseded = random.chance(RATES.superseded);
    const wantsFinnishCode = random.chance(FINNISH_CODE_SHARE[type]);
    const temporary = !wantsFinnishCode && random.chance(RATES.temporaryCode / (1 - FINNISH_CODE_SHARE[type]));
    const personsNeeded = superseded ? 2 : 1;

    let personalIdentityCode: string | null = null;
    let population: PopulationPerson | null = null;
    if (wantsFinnishCode && this.applicantPersonBudget >= personsNeeded) {
      this.applicantPersonBudget -= personsNeeded;
      const arrivedOn = this.arrivalFor(type, submittedOn);
      const sign = centurySignFor(random, identity.dateOfBirth, arrivedOn);
      const resident = (code: string, valid: boolean) =>
        residentRecord(
          random,
          {
            personalIdentityCode: code,
            identityCodeValid: valid,
            identity,
            motherTongue: profile.motherTongue,
            arrival: { on: arrivedOn, from: stateless ? random.pick(TRAVEL_COUNTRIES) : profile.code },
            nonDisclosure: random.chance(RATES.nonDisclosure),
            dateOfDeath: null,
          },
          this.ref,
        );
      personalIdentityCode = claimHetu(this.builder, random, identity, sign);
      population = resident(personalIdentityCode, !superseded);
      this.addPerson(population);
      // The case register still holds the superseded code; the person's current code is another record.
      if (superseded) this.addPerson(resident(claimHetu(this.builder, random, identity, sign), true));
    } else if (temporary) {
      personalIdentityCode = claimHetu(this.builder, random, identity, defaultCenturySign(identity.dateOfBirth), true);
    }
    const foreignPersonalCode =
      profile.code === 'EST' && random.chance(RATES.estonianCodeOfEstonians)
        ? { country: 'EST', code: claimEstonianCode(this.builder, random, identity) }
        : null;
    const travelDocument = random.chance(RATES.travelDocument)
      ? claimTravelDocument(
          this.builder,
          random,
          stateless
            ? { type: 'ALIEN_PASSPORT', issuingCountry: 'FIN', prefix: 'FA' }
            : { type: 'PASSPORT', issuingCountry: profile.code, prefix: profile.passportPrefix },
          this.ref,
        )
      : null;
    const applicant = this.builder.addApplicant(applicantRecord(identity, { personalIdentityCode, foreignPersonalCode }, travelDocument));
    const bulk = { applicant, population, profile };
    this.applicants.push(bulk);
    if (!population && random.chance(RATES.policeRecord)) {
      this.builder.policeSubjects.push({
        subject: {
          givenNames: identity.givenNames,
          familyName: identity.familyName,
          dateOfBirth: identity.dateOfBirth,
          nationality: identity.nationalities[0] ?? null,
        },
        ...this.randomPoliceRecords(),
      });
    }
    for (const article of SIS_ARTICLES) {
      if (random.chance(article.applicantRate)) this.addSisAlertFor(bulk, article);
    }
    return bulk;
  }

  /** When an applicant with a Finnish code moved to Finland: long ago for citizenship, recently otherwise. */
  private arrivalFor(type: ApplicationType, submittedOn: IsoDate): IsoDate {
    const { random } = this;
    if (type === 'CITIZENSHIP') {
      const years = random.weighted<number>([
        [4, 5],
        [5, 12],
        [6, 15],
        [7, 15],
        [8, 18],
        [9, 12],
        [10, 10],
        [12, 8],
        [15, 5],
      ]);
      return addDays(addYears(this.ref, -years), -random.int(0, 364));
    }
    return addDays(submittedOn, -random.int(60, 2000));
  }

  private declarations(type: ApplicationType, bulk: BulkApplicant, submittedOn: IsoDate, employerBusinessId: string | null): Declarations {
    const { random } = this;
    const declared = emptyDeclarations();
    switch (type) {
      case 'WORK_PERMIT': {
        const industry = (employerBusinessId && this.industryByBusinessId.get(employerBusinessId)) || random.pick(INDUSTRIES);
        const occupation = OCCUPATIONS[random.pick(industry.occupations)]!;
        const [min, max] = occupation.salaryRange;
        declared.employment = this.employment(
          occupation.code,
          random.chance(0.3) ? euros(random, min, max) : random.int(min, max),
          submittedOn,
        );
        break;
      }
      case 'SPECIALIST_PERMIT': {
        const occupation = random.pick(SPECIALIST_OCCUPATIONS);
        const threshold = specialistSalaryThresholdEur(submittedOn);
        const factor = random.weighted<readonly [number, number]>([
          [[0.88, 0.999], 12],
          [[1, 1.15], 35],
          [[1.15, 1.9], 53],
        ]);
        declared.employment = this.employment(
          occupation.code,
          Math.round(threshold * (factor[0] + random.next() * (factor[1] - factor[0])) * 100) / 100,
          submittedOn,
        );
        declared.specialExpertiseStatement = random.chance(0.92) ? random.pick(SPECIAL_EXPERTISE_STATEMENTS) : null;
        break;
      }
      case 'CITIZENSHIP':
        declared.residenceStartedOn =
          bulk.population?.migrations.at(-1)?.date ?? addDays(addYears(this.ref, -random.int(4, 14)), -random.int(0, 364));
        declared.languageCertificates = this.languageCertificates(submittedOn);
        declared.staysAbroad = this.staysAbroad(declared.residenceStartedOn, bulk.profile);
        declared.spouseOfFinnishCitizen = this.spouseOfFinnishCitizen(bulk, 0.1);
        declared.stateless = bulk.applicant.nationalities.length === 0;
        declared.meansOfSupport = this.meansOfSupport();
        break;
      case 'FAMILY_TIES':
        declared.spouseOfFinnishCitizen = this.spouseOfFinnishCitizen(bulk, 0.45);
        declared.meansOfSupport = this.meansOfSupport();
        break;
      case 'STUDY':
        break;
    }
    return declared;
  }

  private employment(occupationCode: string, monthlySalaryEur: number, submittedOn: IsoDate): DeclaredEmployment {
    const { random } = this;
    const startsOn = addDays(submittedOn, random.int(20, 90));
    return {
      jobTitle: OCCUPATIONS[occupationCode]!.title,
      occupationCode,
      monthlySalaryEur,
      weeklyHours: random.weighted([
        [37.5, 70],
        [40, 15],
        [30, 10],
        [25, 5],
      ]),
      startsOn,
      endsOn: random.chance(0.55) ? null : addDays(startsOn, random.int(365, 730)),
    };
  }

  private languageCertificates(submittedOn: IsoDate): LanguageCertificate[] {
    const { random } = this;
    const takenOn = addDays(submittedOn, -random.int(30, 1500));
    const level = () =>
      random.weighted([
        [2, 20],
        [3, 45],
        [4, 25],
        [5, 10],
      ]);
    const language = random.chance(0.85) ? 'fi' : 'sv';
    switch (
      random.weighted([
        ['YKI', 75],
        ['CIVIL_SERVICE_LANGUAGE_EXAM', 5],
        ['SCHOOL_CERTIFICATE', 5],
        ['NONE', 15],
      ] as const)
    ) {
      case 'YKI':
        return [{ test: 'YKI', language, takenOn, levels: { speaking: level(), writing: level(), listening: level(), reading: level() } }];
      case 'CIVIL_SERVICE_LANGUAGE_EXAM':
        return [
          { test: 'CIVIL_SERVICE_LANGUAGE_EXAM', language, takenOn, levels: { speaking: 3, writing: 3, listening: null, reading: null } },
        ];
      case 'SCHOOL_CERTIFICATE':
        return [
          { test: 'SCHOOL_CERTIFICATE', language, takenOn, levels: { speaking: null, writing: null, listening: null, reading: null } },
        ];
      case 'NONE':
        return [];
    }
  }

  /** Trips abroad since residence began, oldest first and never overlapping. */
  private staysAbroad(residenceStartedOn: IsoDate, profile: NationalityProfile): StayAbroad[] {
    const { random } = this;
    const span = daysBetween(residenceStartedOn, this.ref) - 1;
    const count =
      span > 10
        ? random.weighted([
            [0, 30],
            [1, 30],
            [2, 20],
            [3, 12],
            [5, 8],
          ])
        : 0;
    const starts = Array.from({ length: count }, () => random.int(0, span - 1)).sort((a, b) => a - b);
    const stays: StayAbroad[] = [];
    starts.forEach((start, i) => {
      const gap = (starts[i + 1] ?? span) - start - 1;
      const wanted = random.chance(0.85) ? random.int(3, 30) : random.int(31, 200);
      const days = Math.min(wanted, gap);
      if (days < 1) return;
      const from = addDays(residenceStartedOn, start);
      stays.push({ from, to: addDays(from, days - 1), country: random.chance(0.5) ? profile.code : random.pick(TRAVEL_COUNTRIES) });
    });
    return stays;
  }

  /** Marries an applicant with a population record to a Finnish citizen, budget allowing; true when married to one. */
  private spouseOfFinnishCitizen(bulk: BulkApplicant, probability: number): boolean {
    const { random } = this;
    const { population } = bulk;
    const finnishSpouse = (p: PopulationPerson) =>
      p.familyRelations.some((r) => r.relation === 'SPOUSE' && r.nationalities.includes('FIN'));
    if (!population) return random.chance(probability);
    if (finnishSpouse(population)) return true;
    if (population.familyRelations.some((r) => r.relation === 'SPOUSE') || this.applicantPersonBudget < 1 || !random.chance(probability))
      return false;
    this.applicantPersonBudget -= 1;
    const sex = population.sex === 'MALE' ? 'FEMALE' : 'MALE';
    const age = fullYearsBetween(population.dateOfBirth, this.ref);
    const identity: Identity = {
      ...finnishNamesFor(random, sex),
      sex,
      dateOfBirth: randomDateOfBirth(random, this.ref, Math.max(18, age - 5), age + 5),
      nationalities: ['FIN'],
      placeOfBirth: 'Helsinki',
    };
    const spouse = this.finnishResident(identity);
    const arrived = population.migrations.at(-1)?.date ?? this.ref;
    marry(population, spouse, addDays(arrived, random.int(0, Math.max(0, daysBetween(arrived, this.ref) - 1))));
    this.addPerson(spouse);
    return true;
  }

  private meansOfSupport(): NonNullable<Declarations['meansOfSupport']> {
    return {
      unemploymentBenefitMonths: this.random.weighted([
        [0, 80],
        [1, 4],
        [2, 4],
        [3, 4],
        [4, 3],
        [6, 3],
        [9, 2],
      ]),
      socialAssistanceMonths: this.random.weighted([
        [0, 88],
        [1, 3],
        [2, 3],
        [3, 2],
        [4, 2],
        [6, 2],
      ]),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Population, police, tax
  // ---------------------------------------------------------------------------------------------

  /** Adds a population record, and by chance a police record and a tax debt for it. */
  private addPerson(person: PopulationPerson): void {
    const { random } = this;
    this.builder.persons.push(person);
    if (random.chance(RATES.policeRecord)) {
      this.builder.policeSubjects.push({ subject: { personalIdentityCode: person.personalIdentityCode }, ...this.randomPoliceRecords() });
    }
    const adult = addYears(person.dateOfBirth, 18) <= this.ref;
    if (adult && person.dateOfDeath === null && random.chance(RATES.personalTaxDebt)) {
      const amountEur = random.weighted([
        [euros(random, 20, 999), 45],
        [euros(random, 1000, 9999), 35],
        [euros(random, 10_000, 60_000), 20],
      ]);
      this.builder.personalTaxDebts.push({
        personalIdentityCode: person.personalIdentityCode,
        amountEur,
        underPaymentPlan: amountEur >= 1000 && random.chance(0.3),
      });
    }
  }

  private finnishResident(identity: Identity, dateOfDeath: IsoDate | null = null): PopulationPerson {
    const { random } = this;
    return residentRecord(
      random,
      {
        personalIdentityCode: claimHetu(this.builder, random, identity, centurySignFor(random, identity.dateOfBirth, identity.dateOfBirth)),
        identityCodeValid: true,
        identity,
        motherTongue: random.chance(0.94) ? 'fi' : 'sv',
        arrival: null,
        nonDisclosure: random.chance(RATES.nonDisclosure),
        dateOfDeath,
      },
      this.ref,
    );
  }

  /**
   * Fills the population registry up to `persons` with people who are not applicants: mostly
   * Finnish citizens, some of them deceased, and about one in 2,500 a historical record of someone
   * born in the 1800s (century sign +).
   */
  private fillPopulation(): void {
    const { random } = this;
    const remaining = this.options.persons - this.builder.persons.length;
    for (let i = 0; i < remaining; i++) {
      const sex = randomSex(random);
      let dateOfBirth: IsoDate;
      let dateOfDeath: IsoDate | null = null;
      if (i % 2500 === 0) {
        dateOfBirth = addDays('1880-01-01', random.int(0, 7300));
        dateOfDeath = addDays(addYears(dateOfBirth, 70), random.int(0, 9000));
      } else if (random.chance(RATES.deceased)) {
        dateOfBirth = randomDateOfBirth(random, this.ref, 60, 100);
        dateOfDeath = addDays(this.ref, -random.int(1, 3650));
      } else {
        dateOfBirth = randomDateOfBirth(random, this.ref, 0, 95);
      }
      this.addPerson(
        this.finnishResident(
          { ...finnishNamesFor(random, sex), sex, dateOfBirth, nationalities: ['FIN'], placeOfBirth: 'Helsinki' },
          dateOfDeath,
        ),
      );
    }
  }

  private randomPoliceRecords(): Omit<StoredPoliceSubject, 'subject'> {
    const { random, ref } = this;
    const records: Omit<StoredPoliceSubject, 'subject'> = {
      offences: [],
      pendingInvestigations: [],
      restrainingOrders: [],
      businessBans: [],
    };
    const count = random.weighted([
      [1, 70],
      [2, 22],
      [3, 8],
    ]);
    const committedDaysAgo = Array.from({ length: count }, () => random.int(30, 15 * 365)).sort((a, b) => b - a);
    for (const daysAgo of committedDaysAgo) {
      const committedOn = addDays(ref, -daysAgo);
      const recent = daysAgo < 730;
      const status = random.weighted<'SUSPECTED' | 'CHARGED' | 'CONVICTED'>(
        recent
          ? [
              ['SUSPECTED', 35],
              ['CHARGED', 25],
              ['CONVICTED', 40],
            ]
          : [
              ['SUSPECTED', 3],
              ['CHARGED', 5],
              ['CONVICTED', 92],
            ],
      );
      const offence = random.weighted(OFFENCE_WEIGHTS);
      const caseNumber = this.builder.nextPoliceCaseNumber(committedOn);
      const decidedOn = status === 'CONVICTED' ? addDays(committedOn, Math.min(random.int(60, 540), daysAgo - 1)) : null;
      records.offences.push({
        caseNumber,
        title: offence.title,
        category: offence.category,
        committedOn,
        status,
        decidedOn,
        sanction: decidedOn ? random.pick(offence.sanctions) : null,
      });
      if (status === 'SUSPECTED') {
        records.pendingInvestigations.push({
          caseNumber,
          title: offence.title,
          openedOn: addDays(committedOn, Math.min(random.int(1, 60), daysAgo - 1)),
        });
      }
    }
    if (random.chance(0.05)) {
      const validFrom = addDays(ref, -random.int(0, 700));
      records.restrainingOrders.push({
        orderNumber: this.builder.nextPoliceCaseNumber(validFrom),
        kind: random.weighted([
          ['BASIC', 70],
          ['INSIDE_FAMILY', 25],
          ['EXTENDED', 5],
        ]),
        validFrom,
        validUntil: addDays(validFrom, 365),
      });
    }
    if (random.chance(0.02)) {
      const validFrom = addDays(ref, -random.int(0, 1500));
      records.businessBans.push({
        decisionNumber: this.builder.nextPoliceCaseNumber(validFrom),
        validFrom,
        validUntil: addYears(validFrom, random.int(3, 7)),
      });
    }
    return records;
  }

  // ---------------------------------------------------------------------------------------------
  // SIS
  // ---------------------------------------------------------------------------------------------

  /**
   * An alert on an applicant, found by identity code, by document number or by name and date of
   * birth. A document-number alert carries another birth date, so only the document matches; an
   * OBJECT alert is the applicant's own document reported lost or stolen.
   */
  private addSisAlertFor(bulk: BulkApplicant, profile: SisArticleProfile): void {
    const { random } = this;
    const { applicant } = bulk;
    const document = applicant.travelDocument;
    const text = {
      article: profile.article,
      legalBasis: profile.legalBasis,
      reason: profile.reason,
      actionToTake: profile.actionToTake,
      issuingState: random.pick(SIS_ISSUING_STATES),
    };
    if (profile.article === 'OBJECT') {
      if (document) this.builder.addSisAlert(lostDocumentAlert({ ...applicant, travelDocument: document }, text));
      return;
    }
    const byCode = applicant.personalIdentityCode !== null && random.chance(0.3);
    const byDocument = !byCode && document !== null && random.chance(0.2);
    this.builder.addSisAlert({
      ...text,
      ...(byCode ? { personalIdentityCode: applicant.personalIdentityCode! } : {}),
      givenNames: applicant.givenNames,
      familyName: applicant.familyName,
      aliases: random.chance(0.2) ? [{ givenNames: applicant.givenNames, familyName: random.pick(bulk.profile.familyNames) }] : [],
      dateOfBirth: byDocument ? addDays(applicant.dateOfBirth, random.int(400, 4000)) : applicant.dateOfBirth,
      placeOfBirth: applicant.placeOfBirth,
      nationalities: applicant.nationalities,
      warningMarkers: random.chance(0.05) ? [random.pick(SIS_WARNING_MARKERS)] : [],
      documents: byDocument
        ? [{ type: document.type, number: document.number, issuingCountry: document.issuingCountry, lostOrStolen: false }]
        : [],
    });
  }

  /**
   * Alerts on people the case register has never seen, and near misses: an applicant's name with
   * a birth date a few days off, which a correct search never matches.
   */
  private generateUnrelatedSisAlerts(): void {
    const { random } = this;
    const unrelated = Math.round(this.applicants.length * RATES.sisUnrelatedAlertsPerApplicant);
    for (let i = 0; i < unrelated; i++) {
      const profile = random.weighted(NATIONALITY_WEIGHTS);
      const article = random.pick(SIS_PERSON_ARTICLES);
      const sex = randomSex(random);
      this.builder.addSisAlert({
        article: article.article,
        legalBasis: article.legalBasis,
        reason: article.reason,
        actionToTake: article.actionToTake,
        issuingState: random.pick(SIS_ISSUING_STATES),
        ...namesFor(random, profile, sex),
        aliases: [],
        dateOfBirth: randomDateOfBirth(random, this.ref, 18, 70),
        placeOfBirth: random.pick(profile.placesOfBirth),
        nationalities: [profile.code],
        warningMarkers: [],
        documents: [],
      });
    }
    const nearMisses = this.applicants.length > 0 ? Math.round(this.applicants.length * RATES.sisNearMissAlertsPerApplicant) : 0;
    for (let i = 0; i < nearMisses; i++) {
      const { applicant } = random.pick(this.applicants);
      const article = random.pick(SIS_PERSON_ARTICLES);
      this.builder.addSisAlert({
        article: article.article,
        legalBasis: article.legalBasis,
        reason: article.reason,
        actionToTake: article.actionToTake,
        issuingState: random.pick(SIS_ISSUING_STATES),
        givenNames: applicant.givenNames,
        familyName: applicant.familyName,
        aliases: [],
        dateOfBirth: addDays(applicant.dateOfBirth, random.chance(0.5) ? random.int(1, 30) : -random.int(1, 30)),
        placeOfBirth: applicant.placeOfBirth,
        nationalities: applicant.nationalities,
        warningMarkers: [],
        documents: [],
      });
    }
  }
}
