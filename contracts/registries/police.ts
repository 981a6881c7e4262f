/**
 * Police case management, as X-Road serves it. One subject per call.
 *
 * Service under /r1/{INSTANCE}/GOV/0245442-8/PoliisiAsiat/:
 *   POST subjectRecords   PoliceSubjectQuery -> PoliceSubjectRecords
 *
 * A subject is asked by personal identity code, or, for a person without a Finnish code, by
 * biographic data (names, date of birth, nationality). A subject without entries is answered
 * with empty lists and `subjectKnown: false`, not with an error. A body holding several
 * subjects (an array) is refused with 400.
 */
import type { IsoDate } from '../xroad.js';

export type PoliceSubjectQuery =
  { personalIdentityCode: string } | { givenNames: string; familyName: string; dateOfBirth: IsoDate; nationality: string | null };

export type OffenceStatus = 'SUSPECTED' | 'CHARGED' | 'CONVICTED';

export interface PoliceOffence {
  caseNumber: string;
  /** Title of the offence, e.g. "Petos" translated: "Fraud". */
  title: string;
  /** Severity as the police classify it. */
  category: 'MINOR' | 'ORDINARY' | 'SERIOUS';
  committedOn: IsoDate;
  status: OffenceStatus;
  /** When a court or the prosecutor decided it (CONVICTED). */
  decidedOn: IsoDate | null;
  sanction: string | null;
}

export interface PoliceInvestigation {
  caseNumber: string;
  title: string;
  openedOn: IsoDate;
}

export interface RestrainingOrder {
  orderNumber: string;
  kind: 'BASIC' | 'EXTENDED' | 'INSIDE_FAMILY';
  validFrom: IsoDate;
  validUntil: IsoDate;
}

export interface BusinessBan {
  decisionNumber: string;
  validFrom: IsoDate;
  validUntil: IsoDate;
}

export interface PoliceSubjectRecords {
  /** How the subject was identified. */
  matchedBy: 'PERSONAL_IDENTITY_CODE' | 'BIOGRAPHIC';
  /** False when the police hold nothing on this subject. */
  subjectKnown: boolean;
  offences: PoliceOffence[];
  pendingInvestigations: PoliceInvestigation[];
  restrainingOrders: RestrainingOrder[];
  businessBans: BusinessBan[];
}
