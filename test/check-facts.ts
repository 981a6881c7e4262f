/**
 * Facts for unit tests of the prerequisite rules: an application in good standing and registry
 * answers that fulfil every rule, which a test then changes in the one respect it is about.
 */
import type { CaseApplication } from '../contracts/registries/case-register.js';
import type { CitizenshipFacts } from '../subgraphs/checks/rules/citizenship/citizenship-rule.js';
import type { EmployerCheckFacts } from '../subgraphs/checks/rules/employer-check.js';
import type { Answer, RegistryFailure } from '../subgraphs/checks/rules/rule.js';
import type { SpecialistPermitFacts } from '../subgraphs/checks/rules/specialist-permit.js';
import type { PoliceSubjectRecords } from '../contracts/registries/police.js';
import type { PopulationPerson } from '../contracts/registries/population.js';
import { formatHetu } from '../contracts/identifiers.js';
import type { Provenance } from '../subgraphs/shared/xroad-client.js';
import type { ComplianceReport } from '../contracts/registries/tax.js';
import type { Company } from '../contracts/registries/trade-register.js';

/** The data set's reference date: rules are evaluated as of it. */
export const AS_OF = '2026-10-01';

export function provenance(registry: string, requestId = `${registry.toLowerCase()}-call`): Provenance {
  return { registry, service: `FI/GOV/test/${registry}`, retrievedAt: '2026-10-01T08:00:00.000Z', requestId, fromCache: false };
}

export function found<T>(record: T | null, registry: string): Answer<T> {
  return { ok: true, record, provenance: provenance(registry) };
}

export function failed<T>(registry: string, code = 'REGISTRY_UNAVAILABLE'): Answer<T> {
  const failure: RegistryFailure = { registry, code, message: `${registry}: the registry is unavailable` };
  return { ok: false, failure };
}

const BORN = '1986-06-05';
export const APPLICANT_HETU = formatHetu(BORN, '-', 246);

export function application(
  overrides: Partial<CaseApplication> = {},
  declared: Partial<CaseApplication['declared']> = {},
): CaseApplication {
  return {
    id: 'APP-0000007',
    unit: 'HEL-1',
    assignedCaseWorker: 'kaisa.virtanen',
    type: 'CITIZENSHIP',
    status: 'PENDING',
    submittedAt: '2025-08-27T08:00:00Z',
    channel: 'ENTER_FINLAND',
    applicant: {
      id: 'CUS-0000007',
      personalIdentityCode: APPLICANT_HETU,
      foreignPersonalCode: null,
      givenNames: 'Mariana',
      familyName: 'López García',
      dateOfBirth: BORN,
      sex: 'FEMALE',
      nationalities: ['COL'],
      placeOfBirth: 'Medellín',
      travelDocument: { type: 'PASSPORT', number: 'P1234567', issuingCountry: 'COL', expiresOn: '2030-01-01' },
      units: ['HEL-1'],
    },
    employerBusinessId: null,
    ...overrides,
    declared: {
      employment: null,
      languageCertificates: [
        { test: 'YKI', language: 'fi', takenOn: '2024-10-01', levels: { speaking: 3, writing: 3, listening: 3, reading: 3 } },
      ],
      staysAbroad: [],
      residenceStartedOn: '2017-10-01',
      spouseOfFinnishCitizen: false,
      stateless: false,
      meansOfSupport: { unemploymentBenefitMonths: 0, socialAssistanceMonths: 0 },
      specialExpertiseStatement: null,
      ...declared,
    },
  };
}

export function populationPerson(overrides: Partial<PopulationPerson> = {}): PopulationPerson {
  return {
    personalIdentityCode: APPLICANT_HETU,
    identityCodeValid: true,
    givenNames: 'Mariana',
    familyName: 'LÓPEZ GARCÍA',
    formerNames: [],
    dateOfBirth: BORN,
    sex: 'FEMALE',
    nationalities: ['COL'],
    motherTongue: 'es',
    nonDisclosure: false,
    permanentAddress: null,
    municipalityOfResidence: { code: '091', name: 'Helsinki', since: '2017-10-01' },
    migrations: [{ direction: 'TO_FINLAND', date: '2017-10-01', country: 'COL' }],
    familyRelations: [],
    dateOfDeath: null,
    ...overrides,
  };
}

export function policeRecords(overrides: Partial<PoliceSubjectRecords> = {}): PoliceSubjectRecords {
  return {
    matchedBy: 'PERSONAL_IDENTITY_CODE',
    subjectKnown: false,
    offences: [],
    pendingInvestigations: [],
    restrainingOrders: [],
    businessBans: [],
    ...overrides,
  };
}

export function citizenshipFacts(overrides: Partial<CitizenshipFacts> = {}): CitizenshipFacts {
  return {
    application: application(),
    applicationProvenance: provenance('CASE_REGISTER'),
    population: found(populationPerson(), 'POPULATION'),
    police: found(policeRecords(), 'POLICE'),
    personalTaxDebt: found(null, 'TAX'),
    sis: found({ hits: [] }, 'SIS'),
    ...overrides,
  };
}

export const EMPLOYER_BUSINESS_ID = '0112038-9';

export function company(overrides: Partial<Company> = {}): Company {
  return {
    businessId: EMPLOYER_BUSINESS_ID,
    name: 'Kalevan Ravintolat Oy',
    mainIndustry: { code: '56101', description: 'Restaurants' },
    legalForm: 'OY',
    status: 'ACTIVE',
    registeredOn: '2014-10-01',
    tradeRegister: { since: '2014-10-01', until: null },
    prepaymentRegister: { since: '2014-10-01', until: null },
    vatRegister: { since: '2014-10-01', until: null },
    employerRegister: { since: '2014-10-01', until: null },
    personsInCharge: [{ name: 'Kari Rantanen', role: 'CEO' }],
    ...overrides,
  };
}

export function complianceReport(overrides: Partial<ComplianceReport> = {}): ComplianceReport {
  return {
    businessId: EMPLOYER_BUSINESS_ID,
    reportDate: AS_OF,
    taxReturns: { allFiled: true, missingPeriods: [] },
    taxDebt: { amountEur: 0, underPaymentPlan: false },
    overdueTaxesEur: 0,
    pensionInsurance: { valid: true },
    accidentInsurance: { valid: true },
    customsDutiesDueEur: 0,
    damagesAwardedByJudgment: false,
    inPublicTaxDebtRegister: false,
    ...overrides,
  };
}

export function employerCheckFacts(overrides: Partial<EmployerCheckFacts> = {}): EmployerCheckFacts {
  return {
    businessId: EMPLOYER_BUSINESS_ID,
    applicationProvenance: provenance('CASE_REGISTER'),
    company: found(company(), 'TRADE_REGISTER'),
    compliance: found(complianceReport(), 'TAX'),
    sis: found({ hits: [] }, 'SIS'),
    ...overrides,
  };
}

export function specialistFacts(
  monthlySalaryEur: number | null,
  statement: string | null = 'Doctorate in chemical engineering.',
): SpecialistPermitFacts {
  const employment =
    monthlySalaryEur === null
      ? null
      : {
          jobTitle: 'Software developer',
          occupationCode: '2512',
          monthlySalaryEur,
          weeklyHours: 37.5,
          startsOn: '2026-10-31',
          endsOn: null,
        };
  return {
    application: application({ type: 'SPECIALIST_PERMIT' }, { employment, specialExpertiseStatement: statement }),
    applicationProvenance: provenance('CASE_REGISTER'),
    sis: found({ hits: [] }, 'SIS'),
  };
}
