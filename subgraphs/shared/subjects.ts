/**
 * The applicant as the single-subject registries (police, SIS) are asked about them.
 *
 * The gateway hands these subgraphs the applicant's identity fields through @requires, so an
 * applicant without a Finnish identity code is still searched, by biographic data. The
 * subject key identifies a subject within one request, so the same person reached through two
 * applications is asked once.
 */

/** The applicant fields police and SIS @require. */
export interface ApplicantSubject {
  id: string;
  personalIdentityCode?: string | null;
  givenNames: string;
  familyName: string;
  dateOfBirth: string;
  nationalities: string[];
  travelDocument?: { number: string } | null;
}

/** Lower case, without diacritics or extra spaces: how registries compare names. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A single nationality narrows a biographic search; with several we send none, because a
 * search narrowed to the wrong one would miss a hit, and every hit is reviewed by a person anyway.
 */
export function searchNationality(subject: ApplicantSubject): string | null {
  return subject.nationalities.length === 1 ? subject.nationalities[0]! : null;
}

export function biographicKey(
  subject: { givenNames: string; familyName: string; dateOfBirth: string },
  nationality: string | null,
): string {
  return `${normalizeName(subject.familyName)}|${normalizeName(subject.givenNames)}|${subject.dateOfBirth}|${nationality ?? ''}`;
}
