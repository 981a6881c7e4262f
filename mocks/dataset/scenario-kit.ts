/**
 * Building the named scenarios (scenarios.ts) into a data set.
 *
 * A scenario states what matters about its case (the applicant's code, residence, the employer's
 * findings...) and leaves the rest to the same factories the random bulk uses. Those fill-in
 * details are drawn from a PRNG with a fixed seed, so scenarios never depend on the data set's
 * seed or size, only on the reference date their dates are relative to.
 */
import { assignedCaseWorkerAt, SCENARIO_UNIT } from './units.js';
import type {
  ApplicationStatus,
  ApplicationType,
  CaseApplicant,
  Declarations,
  LanguageCertificate,
} from '../../contracts/registries/case-register.js';
import type { PoliceSubjectRecords } from '../../contracts/registries/police.js';
import type { PopulationPerson } from '../../contracts/registries/population.js';
import type { Sex } from '../../contracts/identifiers.js';
import type { IsoDate } from '../../contracts/xroad.js';
import type { Company, CompanyStatus } from '../../contracts/registries/trade-register.js';
import type { DatasetBuilder } from './builder.js';
import { addDays, addMonths, addYears, isoDateTime } from './dates.js';
import { CLEAN_COMPLIANCE, claimBusinessId, companyRecord, complianceReport, type ComplianceFindings } from './employers.js';
import {
  applicantRecord,
  claimEstonianCode,
  claimHetu,
  claimTravelDocument,
  defaultCenturySign,
  emptyDeclarations,
  marry,
  residentRecord,
  type Identity,
} from './people.js';
import { Prng } from './prng.js';
import { INDUSTRIES, OCCUPATIONS, specialistSalaryThresholdEur } from './reference-data/work.js';
import { addApplicant, nextApplicationId } from './sections/case-register.js';
import { policeCaseNumber } from './sections/police.js';
import { addSisAlert, type StoredSisAlert } from './sections/sis.js';

const SCENARIO_SEED = 20_261_001;

/**
 * Scenario applications are submitted from this many days before the reference date on; the
 * random bulk's open cases are all younger, so an oldest-first worklist starts with the scenarios.
 */
export const SCENARIOS_SUBMITTED_DAYS_AGO = 400;

/** Dates relative to the reference date. */
export class RelativeDates {
  constructor(readonly referenceDate: IsoDate) {}
  daysAgo(days: number): IsoDate {
    return addDays(this.referenceDate, -days);
  }
  monthsAgo(months: number): IsoDate {
    return addMonths(this.referenceDate, -months);
  }
  yearsAgo(years: number): IsoDate {
    return addYears(this.referenceDate, -years);
  }
  daysAhead(days: number): IsoDate {
    return addDays(this.referenceDate, days);
  }
}

/** How the case register knows the person. */
export type ScenarioCode = 'HETU' | 'TEMPORARY_HETU' | 'SUPERSEDED_HETU' | 'ESTONIAN' | 'NONE';

export interface ScenarioPerson {
  givenNames: string;
  familyName: string;
  sex: Sex;
  dateOfBirth: IsoDate;
  nationalities: string[];
  placeOfBirth: string;
  motherTongue: string;
  code: ScenarioCode;
  /** Century sign of a Finnish code; the first sign of the birth century when not given. */
  centurySign?: string;
  /** Moved to Finland (people with a Finnish code are in the population registry from then). */
  arrivedOn?: IsoDate;
  /** Where from; the first nationality when not given (required for a stateless person). */
  arrivedFrom?: string;
  nonDisclosure?: boolean;
  finnishSpouse?: { givenNames: string; familyName: string; sex: Sex; dateOfBirth: IsoDate; marriedOn: IsoDate };
  /** Prefix of the passport number; null for a person without a travel document on file. */
  passportPrefix: string | null;
}

export type PersonTemplate = (dates: RelativeDates) => ScenarioPerson;

export interface ScenarioEmployer {
  name: string;
  industryCode: string;
  legalForm: Company['legalForm'];
  status?: CompanyStatus;
  /** For a company no longer active: when it stopped, in months before the reference date. */
  statusChangedMonthsAgo?: number;
  vatRegistered?: boolean;
  /** False for a Business ID that no registry knows. */
  registered?: boolean;
  /** What the compliance report finds beyond a clean report. */
  compliance?: (dates: RelativeDates) => Partial<ComplianceFindings>;
  personsInCharge: Company['personsInCharge'];
}

export interface BuiltPerson {
  applicant: CaseApplicant;
  /** The record behind the applicant's Finnish code, when the population registry has one. */
  population: PopulationPerson | null;
}

export interface ScenarioApplication {
  type: ApplicationType;
  status: ApplicationStatus;
  person: PersonTemplate;
  employer?: ScenarioEmployer;
  /** Replaces the defaults for the type, field by field. */
  declared?: Partial<Declarations>;
  /** Defaults to the scenario's place in the oldest-first worklist. */
  submittedAt?: string;
}

/** A YKI certificate; a skill not given was not tested. */
export function yki(language: 'fi' | 'sv', takenOn: IsoDate, levels: Partial<LanguageCertificate['levels']>): LanguageCertificate {
  return {
    test: 'YKI',
    language,
    takenOn,
    levels: {
      speaking: levels.speaking ?? null,
      writing: levels.writing ?? null,
      listening: levels.listening ?? null,
      reading: levels.reading ?? null,
    },
  };
}

export class ScenarioKit {
  readonly dates: RelativeDates;
  private readonly random = new Prng(SCENARIO_SEED);
  private readonly people = new Map<PersonTemplate, BuiltPerson>();
  private readonly employers = new Map<ScenarioEmployer, string>();
  private position = 0;

  constructor(private readonly builder: DatasetBuilder) {
    this.dates = new RelativeDates(builder.referenceDate);
  }

  /** The applicant (and population records) for a person; the same template gives the same person. */
  person(template: PersonTemplate): BuiltPerson {
    const known = this.people.get(template);
    if (known) return known;
    const spec = template(this.dates);
    const built = this.buildPerson(spec);
    this.people.set(template, built);
    return built;
  }

  /** The Business ID of an employer; the same spec gives the same employer. */
  employer(spec: ScenarioEmployer): string {
    const known = this.employers.get(spec);
    if (known) return known;
    const businessId = claimBusinessId(this.builder, this.random);
    if (spec.registered !== false) {
      const industry = INDUSTRIES.find((i) => i.code === spec.industryCode);
      if (!industry) throw new Error(`scenario employer ${spec.name}: no industry ${spec.industryCode}`);
      const status = spec.status ?? 'ACTIVE';
      this.builder.data.tradeRegister.companies.push(
        companyRecord({
          businessId,
          name: spec.name,
          industry,
          legalForm: spec.legalForm,
          status,
          registeredOn: this.dates.yearsAgo(12),
          statusChangedOn: status === 'ACTIVE' ? null : this.dates.monthsAgo(spec.statusChangedMonthsAgo ?? 3),
          inTradeRegisterProper: true,
          vatRegistered: spec.vatRegistered ?? true,
          employerRegistered: true,
          personsInCharge: spec.personsInCharge,
        }),
      );
      this.builder.data.tax.complianceReports.push(
        complianceReport(businessId, this.dates.referenceDate, { ...CLEAN_COMPLIANCE, ...spec.compliance?.(this.dates) }),
      );
    }
    this.employers.set(spec, businessId);
    return businessId;
  }

  /** Adds the scenario's application; its id must be the next one, so the table order is the id order. */
  application(id: string, spec: ScenarioApplication): void {
    const expected = nextApplicationId(this.builder.data.caseRegister);
    if (id !== expected) throw new Error(`scenario ${id} is out of order: the next application id is ${expected}`);
    const person = this.person(spec.person);
    // Scenarios are the oldest cases, two hours apart, so a worklist sorted oldest first starts with them.
    const submittedAt = spec.submittedAt ?? isoDateTime(this.dates.daysAgo(SCENARIOS_SUBMITTED_DAYS_AGO), 8 * 3600 + this.position * 7200);
    this.position += 1;
    this.builder.data.caseRegister.applications.push({
      id,
      unit: SCENARIO_UNIT,
      assignedCaseWorker: assignedCaseWorkerAt(SCENARIO_UNIT, spec.status, this.position),
      type: spec.type,
      status: spec.status,
      submittedAt,
      channel: 'ENTER_FINLAND',
      applicantId: person.applicant.id,
      employerBusinessId: spec.employer ? this.employer(spec.employer) : null,
      declared: { ...this.defaultDeclarations(spec.type, person), ...spec.declared },
    });
  }

  police(template: PersonTemplate, records: Partial<Omit<PoliceSubjectRecords, 'matchedBy' | 'subjectKnown'>>): void {
    const { applicant } = this.person(template);
    this.builder.data.police.subjects.push({
      subject: applicant.personalIdentityCode
        ? { personalIdentityCode: applicant.personalIdentityCode }
        : {
            givenNames: applicant.givenNames,
            familyName: applicant.familyName,
            dateOfBirth: applicant.dateOfBirth,
            nationality: applicant.nationalities[0] ?? null,
          },
      offences: records.offences ?? [],
      pendingInvestigations: records.pendingInvestigations ?? [],
      restrainingOrders: records.restrainingOrders ?? [],
      businessBans: records.businessBans ?? [],
    });
  }

  policeCaseNumber(on: IsoDate): string {
    return policeCaseNumber(this.builder, on);
  }

  sisAlert(alert: Omit<StoredSisAlert, 'alertId'>): void {
    addSisAlert(this.builder.data.sis, alert);
  }

  personalTaxDebt(template: PersonTemplate, amountEur: number, underPaymentPlan: boolean): void {
    const code = this.person(template).applicant.personalIdentityCode;
    if (!code) throw new Error('a personal tax debt needs a Finnish personal identity code');
    this.builder.data.tax.personalTaxDebts.push({ personalIdentityCode: code, amountEur, underPaymentPlan });
  }

  private buildPerson(spec: ScenarioPerson): BuiltPerson {
    const identity: Identity = {
      givenNames: spec.givenNames,
      familyName: spec.familyName,
      sex: spec.sex,
      dateOfBirth: spec.dateOfBirth,
      nationalities: spec.nationalities,
      placeOfBirth: spec.placeOfBirth,
    };
    const sign = spec.centurySign ?? defaultCenturySign(spec.dateOfBirth);
    const arrivedFrom = spec.arrivedFrom ?? spec.nationalities[0];
    if (!arrivedFrom) throw new Error(`scenario person ${spec.familyName}: a stateless person needs arrivedFrom`);
    const arrival = { on: spec.arrivedOn ?? this.dates.yearsAgo(3), from: arrivedFrom };
    const resident = (personalIdentityCode: string, identityCodeValid: boolean) =>
      residentRecord(
        this.random,
        {
          personalIdentityCode,
          identityCodeValid,
          identity,
          motherTongue: spec.motherTongue,
          arrival,
          nonDisclosure: spec.nonDisclosure ?? false,
          dateOfDeath: null,
        },
        this.dates.referenceDate,
      );

    let personalIdentityCode: string | null = null;
    let population: PopulationPerson | null = null;
    switch (spec.code) {
      case 'HETU':
        personalIdentityCode = claimHetu(this.builder, this.random, identity, sign);
        population = resident(personalIdentityCode, true);
        this.builder.data.population.persons.push(population);
        break;
      case 'SUPERSEDED_HETU': {
        // The case register still has the old code; the registry marks it superseded and holds the new one.
        personalIdentityCode = claimHetu(this.builder, this.random, identity, sign);
        population = resident(personalIdentityCode, false);
        const current = resident(claimHetu(this.builder, this.random, identity, sign), true);
        this.builder.data.population.persons.push(population, current);
        break;
      }
      case 'TEMPORARY_HETU':
        personalIdentityCode = claimHetu(this.builder, this.random, identity, sign, true);
        break;
      case 'ESTONIAN':
      case 'NONE':
        break;
    }
    if (population && spec.finnishSpouse) {
      const spouseIdentity: Identity = { ...spec.finnishSpouse, nationalities: ['FIN'], placeOfBirth: 'Helsinki' };
      const spouse = residentRecord(
        this.random,
        {
          personalIdentityCode: claimHetu(this.builder, this.random, spouseIdentity, defaultCenturySign(spouseIdentity.dateOfBirth)),
          identityCodeValid: true,
          identity: spouseIdentity,
          motherTongue: 'fi',
          arrival: null,
          nonDisclosure: false,
          dateOfDeath: null,
        },
        this.dates.referenceDate,
      );
      marry(population, spouse, spec.finnishSpouse.marriedOn);
      this.builder.data.population.persons.push(spouse);
    }
    const foreignPersonalCode =
      spec.code === 'ESTONIAN' ? { country: 'EST', code: claimEstonianCode(this.builder, this.random, identity) } : null;
    // A stateless resident travels on an alien's passport issued by Finland.
    const document = spec.nationalities[0]
      ? { type: 'PASSPORT' as const, issuingCountry: spec.nationalities[0] }
      : { type: 'ALIEN_PASSPORT' as const, issuingCountry: 'FIN' };
    const travelDocument = spec.passportPrefix
      ? claimTravelDocument(this.builder, this.random, { ...document, prefix: spec.passportPrefix }, this.dates.referenceDate)
      : null;
    const applicant = addApplicant(
      this.builder.data.caseRegister,
      applicantRecord(identity, { personalIdentityCode, foreignPersonalCode }, travelDocument),
    );
    return { applicant, population };
  }

  /** What an application of each type declares when the scenario says nothing else. */
  private defaultDeclarations(type: ApplicationType, person: BuiltPerson): Declarations {
    const declared = emptyDeclarations();
    const startsOn = this.dates.daysAhead(30);
    switch (type) {
      case 'WORK_PERMIT':
        declared.employment = {
          jobTitle: OCCUPATIONS['5120']!.title,
          occupationCode: '5120',
          monthlySalaryEur: 2650,
          weeklyHours: 37.5,
          startsOn,
          endsOn: null,
        };
        break;
      case 'SPECIALIST_PERMIT':
        declared.employment = {
          jobTitle: OCCUPATIONS['2512']!.title,
          occupationCode: '2512',
          monthlySalaryEur: specialistSalaryThresholdEur(this.dates.referenceDate) + 1200,
          weeklyHours: 37.5,
          startsOn,
          endsOn: null,
        };
        declared.specialExpertiseStatement = 'Master of Science in software engineering and seven years of experience in embedded systems.';
        break;
      case 'CITIZENSHIP':
        declared.residenceStartedOn = person.population?.migrations.at(-1)?.date ?? this.dates.yearsAgo(9);
        declared.languageCertificates = [yki('fi', this.dates.yearsAgo(2), { speaking: 3, writing: 3, listening: 3, reading: 3 })];
        declared.stateless = person.applicant.nationalities.length === 0;
        declared.meansOfSupport = { unemploymentBenefitMonths: 0, socialAssistanceMonths: 0 };
        break;
      case 'FAMILY_TIES':
        declared.spouseOfFinnishCitizen =
          person.population?.familyRelations.some((r) => r.relation === 'SPOUSE' && r.nationalities.includes('FIN')) ?? false;
        declared.meansOfSupport = { unemploymentBenefitMonths: 0, socialAssistanceMonths: 0 };
        break;
      case 'STUDY':
        break;
    }
    return declared;
  }
}
