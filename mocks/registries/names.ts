/**
 * Comparing people's names the way the registries' biographic searches do: without diacritics,
 * case or punctuation ("Gonçalves-Pereira" and "GONCALVES PEREIRA" are the same name). Letters
 * that Unicode does not decompose (ø, ł, ı, đ) are kept as they are.
 */

export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The first of someone's given names, normalised. */
export function firstGivenName(givenNames: string): string {
  return normaliseName(givenNames).split(' ')[0] ?? '';
}

/** Family name + first given name + date of birth: the key of a biographic match. */
export function biographicKey(familyName: string, givenNames: string, dateOfBirth: string): string {
  return `${normaliseName(familyName)}|${firstGivenName(givenNames)}|${dateOfBirth}`;
}
