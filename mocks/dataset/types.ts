/**
 * The data set file the mock registries serve: what the generator writes and what
 * MOCK_DATASET_FILE may point at. Records reuse the registries' wire types
 * (subgraphs/<name>/registry-api.ts), so a change to a registry's API is a type error here too.
 * README.md documents the shape with an example.
 */
import type { CaseApplicant, CaseApplication } from '../../contracts/registries/case-register.js';
import type { PoliceSubjectQuery, PoliceSubjectRecords } from '../../contracts/registries/police.js';
import type { PopulationPerson } from '../../contracts/registries/population.js';
import type { IsoDate } from '../../contracts/xroad.js';
import type { SisAlert } from '../../contracts/registries/sis.js';
import type { ComplianceReport, PersonalTaxDebt } from '../../contracts/registries/tax.js';
import type { Company } from '../../contracts/registries/trade-register.js';

export const DATASET_FORMAT_VERSION = 1;

/** An application as stored: the applicant by reference, embedded by the case register when served. */
export type StoredApplication = Omit<CaseApplication, 'applicant'> & { applicantId: string };

/**
 * What the police hold on one subject, keyed either by a Finnish personal identity code or, for a
 * person without one, by biographic data (the same two shapes a query takes).
 */
export type StoredPoliceSubject = {
  subject: PoliceSubjectQuery;
} & Pick<PoliceSubjectRecords, 'offences' | 'pendingInvestigations' | 'restrainingOrders' | 'businessBans'>;

/**
 * A SIS alert as stored. `matchedOn` is computed per search; a national alert may also carry the
 * person's Finnish personal identity code.
 */
export type StoredSisAlert = Omit<SisAlert, 'matchedOn'> & { personalIdentityCode?: string };

export interface DatasetCounts {
  applicants: number;
  applications: number;
  persons: number;
  policeSubjects: number;
  sisAlerts: number;
  companies: number;
  complianceReports: number;
  personalTaxDebts: number;
}

export interface Dataset {
  formatVersion: typeof DATASET_FORMAT_VERSION;
  meta: {
    /** The generator's seed; null for a data set written by hand. */
    seed: number | null;
    /** The day the data set is "now": dates in it are relative to this, never to the clock. */
    referenceDate: IsoDate;
    generatedBy: string;
    counts: DatasetCounts;
  };
  caseRegister: { applicants: CaseApplicant[]; applications: StoredApplication[] };
  population: { persons: PopulationPerson[] };
  police: { subjects: StoredPoliceSubject[] };
  sis: { alerts: StoredSisAlert[] };
  tradeRegister: { companies: Company[] };
  tax: { complianceReports: ComplianceReport[]; personalTaxDebts: PersonalTaxDebt[] };
}
