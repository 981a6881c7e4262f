/**
 * Collects the records of a data set while it is generated: hands out sequential ids and keeps
 * every identity code, Business ID and document number unique across scenarios and bulk.
 */
import type { CaseApplicant } from '../../contracts/registries/case-register.js';
import type { PopulationPerson } from '../../contracts/registries/population.js';
import type { IsoDate } from '../../contracts/xroad.js';
import type { ComplianceReport, PersonalTaxDebt } from '../../contracts/registries/tax.js';
import type { Company } from '../../contracts/registries/trade-register.js';
import { DATASET_FORMAT_VERSION, type Dataset, type StoredApplication, type StoredPoliceSubject, type StoredSisAlert } from './types.js';

export type CodeKind = 'personalIdentityCode' | 'estonianCode' | 'businessId' | 'documentNumber';

export const GENERATED_BY = 'casegraph mocks/dataset generator';

function sequentialId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(7, '0')}`;
}

/** What an alert says beyond the person or object it is about. */
export type SisAlertText = Pick<StoredSisAlert, 'article' | 'legalBasis' | 'reason' | 'actionToTake' | 'issuingState'>;

/**
 * An OBJECT alert on an applicant's lost or stolen travel document. It carries the holder's
 * names, as SIS object alerts do, but no date of birth, so it matches by document number only.
 */
export function lostDocumentAlert(
  applicant: Pick<CaseApplicant, 'givenNames' | 'familyName'> & { travelDocument: NonNullable<CaseApplicant['travelDocument']> },
  text: SisAlertText,
): Omit<StoredSisAlert, 'alertId'> {
  const document = applicant.travelDocument;
  return {
    ...text,
    givenNames: applicant.givenNames.toUpperCase(),
    familyName: applicant.familyName.toUpperCase(),
    aliases: [],
    dateOfBirth: null,
    placeOfBirth: null,
    nationalities: [],
    warningMarkers: [],
    documents: [{ type: document.type, number: document.number, issuingCountry: document.issuingCountry, lostOrStolen: true }],
  };
}

export class DatasetBuilder {
  readonly applicants: CaseApplicant[] = [];
  readonly applications: StoredApplication[] = [];
  readonly persons: PopulationPerson[] = [];
  readonly policeSubjects: StoredPoliceSubject[] = [];
  readonly sisAlerts: StoredSisAlert[] = [];
  readonly companies: Company[] = [];
  readonly complianceReports: ComplianceReport[] = [];
  readonly personalTaxDebts: PersonalTaxDebt[] = [];

  private readonly claimed: Record<CodeKind, Set<string>> = {
    personalIdentityCode: new Set(),
    estonianCode: new Set(),
    businessId: new Set(),
    documentNumber: new Set(),
  };
  private policeCaseCount = 0;

  constructor(readonly referenceDate: IsoDate) {}

  /** Claims a code for one holder; false when it is already taken (the caller draws another). */
  claim(kind: CodeKind, code: string): boolean {
    const taken = this.claimed[kind];
    if (taken.has(code)) return false;
    taken.add(code);
    return true;
  }

  addApplicant(applicant: Omit<CaseApplicant, 'id'>): CaseApplicant {
    const withId = { id: sequentialId('CUS-', this.applicants.length + 1), ...applicant };
    this.applicants.push(withId);
    return withId;
  }

  nextApplicationId(): string {
    return sequentialId('APP-', this.applications.length + 1);
  }

  addSisAlert(alert: Omit<StoredSisAlert, 'alertId'>): StoredSisAlert {
    const withId = { alertId: `SIS-${String(this.sisAlerts.length + 1).padStart(8, '0')}`, ...alert };
    this.sisAlerts.push(withId);
    return withId;
  }

  /** A police case number in the form the data set uses: R/<year>/<running number>. */
  nextPoliceCaseNumber(on: IsoDate): string {
    this.policeCaseCount += 1;
    return `R/${on.slice(0, 4)}/${String(this.policeCaseCount).padStart(6, '0')}`;
  }

  build(seed: number | null): Dataset {
    return {
      formatVersion: DATASET_FORMAT_VERSION,
      meta: {
        seed,
        referenceDate: this.referenceDate,
        generatedBy: GENERATED_BY,
        counts: {
          applicants: this.applicants.length,
          applications: this.applications.length,
          persons: this.persons.length,
          policeSubjects: this.policeSubjects.length,
          sisAlerts: this.sisAlerts.length,
          companies: this.companies.length,
          complianceReports: this.complianceReports.length,
          personalTaxDebts: this.personalTaxDebts.length,
        },
      },
      caseRegister: { applicants: this.applicants, applications: this.applications },
      population: { persons: this.persons },
      police: { subjects: this.policeSubjects },
      sis: { alerts: this.sisAlerts },
      tradeRegister: { companies: this.companies },
      tax: { complianceReports: this.complianceReports, personalTaxDebts: this.personalTaxDebts },
    };
  }
}
