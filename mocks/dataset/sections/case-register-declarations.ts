/**
 * What a bulk application declares, by type: employment for work-based permits (salaries drawn
 * around the specialist threshold for specialists), and residence, language certificates, stays
 * abroad, marriage and means of support for citizenship and family ties.
 */
import type {
  ApplicationType,
  Declarations,
  DeclaredEmployment,
  LanguageCertificate,
  StayAbroad,
} from '../../../contracts/registries/case-register.js';
import type { IsoDate } from '../../../contracts/xroad.js';
import { addDays, addYears, daysBetween } from '../dates.js';
import { emptyDeclarations } from '../people.js';
import { euros, type Prng } from '../prng.js';
import { TRAVEL_COUNTRIES, type NationalityProfile } from '../reference-data/people-and-places.js';
import {
  INDUSTRIES,
  OCCUPATIONS,
  SPECIAL_EXPERTISE_STATEMENTS,
  specialistSalaryThresholdEur,
  type Industry,
} from '../reference-data/work.js';
import type { BulkApplicant } from './section.js';

const SPECIALIST_OCCUPATIONS = Object.values(OCCUPATIONS).filter((o) => o.specialist);

export interface DeclarationSources {
  random: Prng;
  referenceDate: IsoDate;
  /** The industry a bulk employer was drawn from. */
  industryOf(businessId: string): Industry | undefined;
  /** Marries an applicant with a population record to a Finnish citizen by chance, budget allowing; true when married to one. */
  spouseOfFinnishCitizen(bulk: BulkApplicant, probability: number): boolean;
}

export class DeclarationsDrawer {
  private readonly random: Prng;
  private readonly ref: IsoDate;

  constructor(private readonly sources: DeclarationSources) {
    this.random = sources.random;
    this.ref = sources.referenceDate;
  }

  declarations(type: ApplicationType, bulk: BulkApplicant, submittedOn: IsoDate, employerBusinessId: string | null): Declarations {
    const { random } = this;
    const declared = emptyDeclarations();
    switch (type) {
      case 'WORK_PERMIT': {
        const industry = (employerBusinessId && this.sources.industryOf(employerBusinessId)) || random.pick(INDUSTRIES);
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
        declared.spouseOfFinnishCitizen = this.sources.spouseOfFinnishCitizen(bulk, 0.1);
        declared.stateless = bulk.applicant.nationalities.length === 0;
        declared.meansOfSupport = this.meansOfSupport();
        break;
      case 'FAMILY_TIES':
        declared.spouseOfFinnishCitizen = this.sources.spouseOfFinnishCitizen(bulk, 0.45);
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
    const noLevels = { speaking: null, writing: null, listening: null, reading: null };
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
        return [{ test: 'CIVIL_SERVICE_LANGUAGE_EXAM', language, takenOn, levels: { ...noLevels, speaking: 3, writing: 3 } }];
      case 'SCHOOL_CERTIFICATE':
        return [{ test: 'SCHOOL_CERTIFICATE', language, takenOn, levels: noLevels }];
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
}
