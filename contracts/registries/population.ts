/**
 * The population information system (VTJ), as X-Road serves it.
 *
 * Service under /r1/{INSTANCE}/GOV/0245437-2/VTJkysely/:
 *   POST persons/batch   BatchLookupRequest (personal identity codes) -> BatchLookupResponse<PopulationPerson>
 *
 * Keys are sent in the body, never in the URL, so identity codes stay out of access logs.
 * The registry answers authorities in full, including the address of a person under
 * non-disclosure (turvakielto); withholding it from users is casegraph's duty.
 */
import type { IsoDate } from '../xroad.js';

export interface PopulationPerson {
  personalIdentityCode: string;
  /** False when the code has been superseded (the person was given a new one). */
  identityCodeValid: boolean;
  givenNames: string;
  familyName: string;
  formerNames: { givenNames: string | null; familyName: string | null; until: IsoDate }[];
  dateOfBirth: IsoDate;
  sex: 'MALE' | 'FEMALE';
  /** ISO 3166-1 alpha-3 citizenships. */
  nationalities: string[];
  /** ISO 639-1. */
  motherTongue: string;
  /** Turvakielto: the address must be withheld from anyone without a specific right to it. */
  nonDisclosure: boolean;
  permanentAddress: {
    street: string;
    postalCode: string;
    postOffice: string;
    since: IsoDate;
    until: IsoDate | null;
  } | null;
  municipalityOfResidence: { code: string; name: string; since: IsoDate } | null;
  /** Moves to and from Finland, oldest first. */
  migrations: { direction: 'TO_FINLAND' | 'FROM_FINLAND'; date: IsoDate; country: string }[];
  familyRelations: {
    relation: 'SPOUSE' | 'CHILD' | 'PARENT';
    personalIdentityCode: string | null;
    /** Citizenships of the relative, as the registry holds them. */
    nationalities: string[];
    since: IsoDate | null;
  }[];
  dateOfDeath: IsoDate | null;
}
