/**
 * The case register's part of the data set: applicants and their applications. The `applications`
 * phase makes the bulk's applications up to the data set's size: a few big employers file most
 * work-based ones, some applicants apply again, and new applicants with a Finnish code are in the
 * population registry (as many as the population budget allows), announced there and to the
 * police and SIS.
 */
import { assignedCaseWorkerAt, unitAt } from '../units.js';
import type { ApplicationStatus, ApplicationType, CaseApplicant, CaseApplication } from '../../../contracts/registries/case-register.js';
import { isApplicationId, isCustomerId } from '../../../contracts/identifiers.js';
import type { PopulationPerson } from '../../../contracts/registries/population.js';
import type { IsoDate } from '../../../contracts/xroad.js';
import { RATES } from '../bulk-rates.js';
import { addDays, addYears, daysBetween, fullYearsBetween, isoDateTime } from '../dates.js';
import { claimBusinessId } from '../employers.js';
import { sequentialId } from '../identifier-ledger.js';
import {
  applicantRecord,
  centurySignFor,
  claimEstonianCode,
  claimHetu,
  claimTravelDocument,
  defaultCenturySign,
  finnishNamesFor,
  marry,
  namesFor,
  randomDateOfBirth,
  randomSex,
  residentRecord,
  type Identity,
} from '../people.js';
import { WeightedIndex } from '../prng.js';
import { NATIONALITIES, TRAVEL_COUNTRIES } from '../reference-data/people-and-places.js';
import type { Industry } from '../reference-data/work.js';
import { DeclarationsDrawer } from './case-register-declarations.js';
import { finnishResident } from './population.js';
import type { BulkApplicant, BulkContext, DatasetSection, SectionBulk } from './section.js';

/** An application as stored: the applicant by reference, embedded by the case register when served. */
export type StoredApplication = Omit<CaseApplication, 'applicant'> & { applicantId: string };

export interface CaseRegisterSection {
  applicants: CaseApplicant[];
  applications: StoredApplication[];
}

/** Adds an applicant with the next customer number. */
export function addApplicant(data: CaseRegisterSection, applicant: Omit<CaseApplicant, 'id'>): CaseApplicant {
  const withId = { id: sequentialId('CUS-', data.applicants.length + 1), ...applicant };
  data.applicants.push(withId);
  return withId;
}

export function nextApplicationId(data: CaseRegisterSection): string {
  return sequentialId('APP-', data.applications.length + 1);
}

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

const NATIONALITY_WEIGHTS = NATIONALITIES.map((n) => [n, n.weight] as const);

function caseRegisterBulk({ data, dataset, options, ids, random, announce }: BulkContext<CaseRegisterSection>): SectionBulk {
  const ref = options.referenceDate;
  const applicants: BulkApplicant[] = [];
  const employerIds: string[] = [];
  const industryByBusinessId = new Map<string, Industry>();
  const unregisteredBusinessIds: string[] = [];
  let employerPicker: WeightedIndex | null = null;
  // People with a Finnish code the population registry can still take: applicants and their spouses.
  let applicantPersonBudget = Math.floor(Math.max(0, options.persons - dataset.persons.length) * RATES.applicantShareOfPersons);

  function pickEmployer(): string {
    if (employerPicker === null || random.chance(RATES.unregisteredEmployer)) return random.pick(unregisteredBusinessIds);
    return employerIds[employerPicker.pick(random)]!;
  }

  /** When an applicant with a Finnish code moved to Finland: long ago for citizenship, recently otherwise. */
  function arrivalFor(type: ApplicationType, submittedOn: IsoDate): IsoDate {
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
      return addDays(addYears(ref, -years), -random.int(0, 364));
    }
    return addDays(submittedOn, -random.int(60, 2000));
  }

  function newApplicant(type: ApplicationType, submittedOn: IsoDate): BulkApplicant {
    const profile = random.weighted(NATIONALITY_WEIGHTS);
    const sex = randomSex(random);
    const [minAge, maxAge] = AGE_RANGE[type];
    const stateless = profile.code !== 'EST' && random.chance(RATES.stateless);
    const identity: Identity = {
      ...namesFor(random, profile, sex),
      sex,
      dateOfBirth: randomDateOfBirth(random, ref, minAge, maxAge),
      nationalities: stateless ? [] : [profile.code],
      placeOfBirth: random.pick(profile.placesOfBirth),
    };
    const superseded = random.chance(RATES.superseded);
    const wantsFinnishCode = random.chance(FINNISH_CODE_SHARE[type]);
    const temporary = !wantsFinnishCode && random.chance(RATES.temporaryCode / (1 - FINNISH_CODE_SHARE[type]));
    const personsNeeded = superseded ? 2 : 1;

    let personalIdentityCode: string | null = null;
    let population: PopulationPerson | null = null;
    if (wantsFinnishCode && applicantPersonBudget >= personsNeeded) {
      applicantPersonBudget -= personsNeeded;
      const arrivedOn = arrivalFor(type, submittedOn);
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
          ref,
        );
      personalIdentityCode = claimHetu(ids, random, identity, sign);
      population = resident(personalIdentityCode, !superseded);
      announce.person(population);
      // The case register still holds the superseded code; the person's current code is another record.
      if (superseded) announce.person(resident(claimHetu(ids, random, identity, sign), true));
    } else if (temporary) {
      personalIdentityCode = claimHetu(ids, random, identity, defaultCenturySign(identity.dateOfBirth), true);
    }
    const foreignPersonalCode =
      profile.code === 'EST' && random.chance(RATES.estonianCodeOfEstonians)
        ? { country: 'EST', code: claimEstonianCode(ids, random, identity) }
        : null;
    const travelDocument = random.chance(RATES.travelDocument)
      ? claimTravelDocument(
          ids,
          random,
          stateless
            ? { type: 'ALIEN_PASSPORT', issuingCountry: 'FIN', prefix: 'FA' }
            : { type: 'PASSPORT', issuingCountry: profile.code, prefix: profile.passportPrefix },
          ref,
        )
      : null;
    const applicant = addApplicant(data, applicantRecord(identity, { personalIdentityCode, foreignPersonalCode }, travelDocument));
    const bulk = { applicant, population, profile };
    applicants.push(bulk);
    announce.applicant(bulk);
    return bulk;
  }

  function spouseOfFinnishCitizen(bulk: BulkApplicant, probability: number): boolean {
    const { population } = bulk;
    const finnishSpouse = (p: PopulationPerson) =>
      p.familyRelations.some((r) => r.relation === 'SPOUSE' && r.nationalities.includes('FIN'));
    if (!population) return random.chance(probability);
    if (finnishSpouse(population)) return true;
    if (population.familyRelations.some((r) => r.relation === 'SPOUSE') || applicantPersonBudget < 1 || !random.chance(probability)) {
      return false;
    }
    applicantPersonBudget -= 1;
    const sex = population.sex === 'MALE' ? 'FEMALE' : 'MALE';
    const age = fullYearsBetween(population.dateOfBirth, ref);
    const identity: Identity = {
      ...finnishNamesFor(random, sex),
      sex,
      dateOfBirth: randomDateOfBirth(random, ref, Math.max(18, age - 5), age + 5),
      nationalities: ['FIN'],
      placeOfBirth: 'Helsinki',
    };
    const spouse = finnishResident(random, ids, identity, ref);
    const arrived = population.migrations.at(-1)?.date ?? ref;
    marry(population, spouse, addDays(arrived, random.int(0, Math.max(0, daysBetween(arrived, ref) - 1))));
    announce.person(spouse);
    return true;
  }

  const drawer = new DeclarationsDrawer({
    random,
    referenceDate: ref,
    industryOf: (businessId) => industryByBusinessId.get(businessId),
    spouseOfFinnishCitizen,
  });

  function addApplication(): void {
    const type = random.weighted(APPLICATION_TYPES);
    const status = random.weighted(APPLICATION_STATUSES);
    const [minDays, maxDays] = SUBMITTED_DAYS_AGO[status];
    const submittedOn = addDays(ref, -random.int(minDays, maxDays));
    const bulk = applicants.length > 0 && random.chance(RATES.repeatApplicant) ? random.pick(applicants) : newApplicant(type, submittedOn);
    const employerBusinessId = type === 'WORK_PERMIT' || type === 'SPECIALIST_PERMIT' ? pickEmployer() : null;
    const position = data.applications.length;
    const unit = unitAt(position);
    data.applications.push({
      id: nextApplicationId(data),
      unit,
      assignedCaseWorker: assignedCaseWorkerAt(unit, status, position),
      type,
      status,
      submittedAt: isoDateTime(submittedOn, random.int(6 * 3600, 22 * 3600)),
      channel: random.chance(0.85) ? 'ENTER_FINLAND' : 'SERVICE_POINT',
      applicantId: bulk.applicant.id,
      employerBusinessId,
      declared: drawer.declarations(type, bulk, submittedOn, employerBusinessId),
    });
  }

  return {
    employer({ company, industry }) {
      employerIds.push(company.businessId);
      industryByBusinessId.set(company.businessId, industry);
    },
    applications() {
      // A few big employers file most applications: weight by rank, so repeated employers are common.
      employerPicker = employerIds.length > 0 ? new WeightedIndex(employerIds.map((_, rank) => 1 / (rank + 1) ** 0.85)) : null;
      const unregistered = Math.max(1, Math.round(options.employers * 0.01));
      for (let i = 0; i < unregistered; i++) unregisteredBusinessIds.push(claimBusinessId(ids, random));
      const count = Math.max(0, options.applications - data.applications.length);
      for (let i = 0; i < count; i++) addApplication();
    },
  };
}

const APPLICATION_TYPE_NAMES = APPLICATION_TYPES.map(([type]) => type);
const APPLICATION_STATUS_NAMES = APPLICATION_STATUSES.map(([status]) => status);
const CHANNELS = ['ENTER_FINLAND', 'SERVICE_POINT'];

export const caseRegisterSection: DatasetSection<CaseRegisterSection> = {
  empty: () => ({ applicants: [], applications: [] }),
  counts: (data) => ({ applicants: data.applicants.length, applications: data.applications.length }),
  check(check, section, path) {
    const applicantIds = new Map<string, string>();
    check.each(check.array(section, 'applicants', path), `${path}.applicants`, (applicant, applicantPath) => {
      const id = check.identifier(applicant, 'id', applicantPath, isCustomerId, 'a customer number such as CUS-0000001');
      check.unique(applicantIds, id, `${applicantPath}.id`, 'applicant id');
      check.string(applicant, 'personalIdentityCode', applicantPath, true);
      check.string(applicant, 'givenNames', applicantPath);
      check.string(applicant, 'familyName', applicantPath);
      check.date(applicant, 'dateOfBirth', applicantPath);
      check.strings(applicant, 'nationalities', applicantPath);
      const { foreignPersonalCode, travelDocument } = applicant;
      if (foreignPersonalCode !== null && check.object(foreignPersonalCode, `${applicantPath}.foreignPersonalCode`)) {
        check.string(foreignPersonalCode, 'code', `${applicantPath}.foreignPersonalCode`);
      }
      if (travelDocument !== null && check.object(travelDocument, `${applicantPath}.travelDocument`)) {
        check.string(travelDocument, 'number', `${applicantPath}.travelDocument`);
      }
    });

    const applicationIds = new Map<string, string>();
    check.each(check.array(section, 'applications', path), `${path}.applications`, (application, applicationPath) => {
      const id = check.identifier(application, 'id', applicationPath, isApplicationId, 'an application id such as APP-0000001');
      check.unique(applicationIds, id, `${applicationPath}.id`, 'application id');
      check.oneOf(application, 'type', APPLICATION_TYPE_NAMES, applicationPath);
      check.oneOf(application, 'status', APPLICATION_STATUS_NAMES, applicationPath);
      check.oneOf(application, 'channel', CHANNELS, applicationPath);
      // Every case belongs to a unit (who may read it); an assignment is optional (null until taken).
      const unit = check.string(application, 'unit', applicationPath);
      if (unit !== null && !/^[A-Z0-9-]{1,16}$/.test(unit))
        check.problem(`${applicationPath}.unit`, `expected a unit code such as HEL-1, got ${JSON.stringify(unit)}`);
      check.string(application, 'assignedCaseWorker', applicationPath, true);
      const submittedAt = check.string(application, 'submittedAt', applicationPath);
      if (submittedAt !== null && Number.isNaN(Date.parse(submittedAt))) {
        check.problem(`${applicationPath}.submittedAt`, `not a timestamp: ${JSON.stringify(submittedAt)}`);
      }
      check.string(application, 'employerBusinessId', applicationPath, true);
      check.object(application.declared, `${applicationPath}.declared`);
      const applicantId = check.string(application, 'applicantId', applicationPath);
      if (applicantId !== null && !applicantIds.has(applicantId)) {
        check.problem(`${applicationPath}.applicantId`, `unknown applicant ${applicantId}`);
      }
    });
  },
  bulk: caseRegisterBulk,
};
