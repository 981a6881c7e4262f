/**
 * SIS II (through the national N.SIS), as X-Road serves it. One subject per call.
 *
 * Service under /r1/{INSTANCE}/GOV/0245442-8/NSIS/:
 *   POST personSearch   SisPersonSearch -> SisPersonSearchResult
 *
 * A search matches an alert on the identity code, on a document number, or on family name,
 * first given name and date of birth (compared without diacritics or case); a nationality, when
 * given, must be among the alert's nationalities for a name match. No hits is `hits: []`.
 */
import type { IsoDate } from '../xroad.js';

export interface SisPersonSearch {
  personalIdentityCode?: string | null;
  givenNames?: string | null;
  familyName?: string | null;
  dateOfBirth?: IsoDate | null;
  nationality?: string | null;
  documentNumber?: string | null;
}

/** Alert categories by article (Regulations (EU) 2018/1860, 2018/1861, 2018/1862). */
export type SisArticle =
  | 'REFUSAL_OF_ENTRY_OR_STAY' // 2018/1861 art. 24
  | 'EU_TRAVEL_BAN' // 2018/1861 art. 25
  | 'PRIOR_CONSULTATION' // 2018/1861 arts. 27-30
  | 'ARREST_FOR_SURRENDER' // 2018/1862 art. 26
  | 'MISSING_PERSON' // 2018/1862 art. 32
  | 'JUDICIAL_PROCEDURE' // 2018/1862 art. 34
  | 'DISCREET_INQUIRY_OR_SPECIFIC_CHECK' // 2018/1862 art. 36
  | 'OBJECT' // 2018/1862 art. 38 (lost or stolen documents)
  | 'RETURN_DECISION'; // 2018/1860 art. 3

export type SisMatchOn = 'PERSONAL_IDENTITY_CODE' | 'DOCUMENT_NUMBER' | 'NAME_AND_DATE_OF_BIRTH';

export interface SisAlert {
  alertId: string;
  article: SisArticle;
  /** e.g. "Regulation (EU) 2018/1861 art. 24". */
  legalBasis: string;
  givenNames: string;
  familyName: string;
  aliases: { givenNames: string; familyName: string }[];
  dateOfBirth: IsoDate | null;
  placeOfBirth: string | null;
  nationalities: string[];
  warningMarkers: string[];
  reason: string;
  /** ISO 3166-1 alpha-2 of the issuing Schengen state. */
  issuingState: string;
  actionToTake: string;
  documents: { type: string; number: string; issuingCountry: string; lostOrStolen: boolean }[];
  /** What in the search this alert matched. */
  matchedOn: SisMatchOn[];
}

export interface SisPersonSearchResult {
  hits: SisAlert[];
}
