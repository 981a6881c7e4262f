/**
 * The case register (Migri's UMA, fed by the Enter Finland e-service), as X-Road serves it.
 *
 * Services under /r1/{INSTANCE}/GOV/1765514-2/UMA/:
 *   POST applications/batch            BatchLookupRequest (application ids) -> BatchLookupResponse<CaseApplication>
 *   GET  applications?status=&type=&employerBusinessId=&applicantId=&units=&limit=&cursor=
 *                                      -> ApplicationListResponse (oldest submitted first; limit <= MAX_LIST_LIMIT;
 *                                         units: comma-separated unit codes, only their cases)
 *   POST applications/by-applicant     BatchLookupRequest (applicant ids) -> BatchLookupResponse<CaseApplication[]>
 *   POST applications/by-employer      BatchLookupRequest (Business IDs) -> BatchLookupResponse<CaseApplication[]>
 *   POST applicants/batch              BatchLookupRequest (applicant ids) -> BatchLookupResponse<RegisteredApplicant>
 *   POST applicants/search             ApplicantSearchRequest -> ApplicantSearchResponse (limit <= MAX_SEARCH_LIMIT)
 *
 * Applications carry their applicant embedded, as the application form holds the applicant's
 * details: a worklist is one call. by-applicant/by-employer answer `found: true` with an empty
 * list when there are no applications, and `found: false` only for keys the register never saw.
 */
import type { IsoDate, IsoDateTime } from '../xroad.js';

/** The most applications one listing call returns: a worklist page, or a page of bulk checks. */
export const MAX_LIST_LIMIT = 1000;

/** The most applicants one search returns. */
export const MAX_SEARCH_LIMIT = 100;

export type ApplicationType = 'WORK_PERMIT' | 'SPECIALIST_PERMIT' | 'CITIZENSHIP' | 'FAMILY_TIES' | 'STUDY';

export type ApplicationStatus = 'RECEIVED' | 'PENDING' | 'IN_PROCESS' | 'DECIDED' | 'WITHDRAWN';

export type SubmissionChannel = 'ENTER_FINLAND' | 'SERVICE_POINT';

export interface CaseApplicant {
  /** Customer number in the case register, e.g. CUS-0000001. */
  id: string;
  /** Finnish HETU, when the person has one. */
  personalIdentityCode: string | null;
  /** A foreign personal code, e.g. an Estonian isikukood. */
  foreignPersonalCode: { country: string; code: string } | null;
  givenNames: string;
  familyName: string;
  dateOfBirth: IsoDate;
  sex: 'MALE' | 'FEMALE';
  /** ISO 3166-1 alpha-3 codes; empty for a stateless person (who also declares it). */
  nationalities: string[];
  placeOfBirth: string | null;
  travelDocument: {
    type: 'PASSPORT' | 'IDENTITY_CARD' | 'ALIEN_PASSPORT';
    number: string;
    issuingCountry: string;
    expiresOn: IsoDate;
  } | null;
}

export interface LanguageCertificate {
  /** YKI = National Certificates of Language Proficiency. */
  test: 'YKI' | 'CIVIL_SERVICE_LANGUAGE_EXAM' | 'SCHOOL_CERTIFICATE';
  language: 'fi' | 'sv';
  takenOn: IsoDate;
  /** Skill levels 1-6; null when the skill was not tested. */
  levels: { speaking: number | null; writing: number | null; listening: number | null; reading: number | null };
}

export interface StayAbroad {
  from: IsoDate;
  to: IsoDate;
  country: string;
}

export interface DeclaredEmployment {
  jobTitle: string;
  /** ISCO-08 occupation code. */
  occupationCode: string;
  monthlySalaryEur: number;
  weeklyHours: number;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
}

/** What the applicant (and for work permits, the employer) declared on the application. */
export interface Declarations {
  employment: DeclaredEmployment | null;
  languageCertificates: LanguageCertificate[];
  staysAbroad: StayAbroad[];
  /** Citizenship: when the applicant's continuous residence in Finland began. */
  residenceStartedOn: IsoDate | null;
  spouseOfFinnishCitizen: boolean;
  stateless: boolean;
  /** Means of support, over the two years before the application. */
  meansOfSupport: {
    unemploymentBenefitMonths: number;
    socialAssistanceMonths: number;
  } | null;
  /** Free text for the specialist permit: why the expertise is special. */
  specialExpertiseStatement: string | null;
}

/**
 * An applicant as the case register answers for them: with the units whose cases concern them, so
 * a caller's reach (their unit's cases) can be judged without reading every case.
 */
export interface RegisteredApplicant extends CaseApplicant {
  /** Codes of the units handling this applicant's applications, e.g. ["HEL-1"]. */
  units: string[];
}

export interface CaseApplication {
  /** Application id, e.g. APP-0000001. */
  id: string;
  /** The unit the case belongs to, e.g. HEL-1: its staff may read it. */
  unit: string;
  /** The case worker it is assigned to (a user id); null while nobody has taken it. */
  assignedCaseWorker: string | null;
  type: ApplicationType;
  status: ApplicationStatus;
  submittedAt: IsoDateTime;
  channel: SubmissionChannel;
  applicant: RegisteredApplicant;
  /** Business ID of the employer on work-based applications. */
  employerBusinessId: string | null;
  declared: Declarations;
}

export interface ApplicationListResponse {
  items: CaseApplication[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  totalCount: number;
}

/** Either a personal identity code, or a family name with optional given names and date of birth. */
export interface ApplicantSearchRequest {
  /** Only applicants with a case in one of these units (a caller's reach); all when absent. */
  units?: string[];
  personalIdentityCode?: string;
  familyName?: string;
  givenNames?: string;
  dateOfBirth?: IsoDate;
  nationality?: string;
  limit?: number;
}

export interface ApplicantSearchResponse {
  items: RegisteredApplicant[];
}
