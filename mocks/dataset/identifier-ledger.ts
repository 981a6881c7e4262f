/**
 * What every part of a data set being generated shares: identifiers held by one holder only
 * (across the scenarios and the random bulk alike), and running numbers that go on from the
 * scenarios into the bulk. The data set builder keeps the ledger; the code that makes people and
 * employers claims from it through this interface, so it needs no builder.
 */

export type CodeKind = 'personalIdentityCode' | 'estonianCode' | 'businessId' | 'documentNumber';

export interface IdentifierLedger {
  /** Claims a code for one holder; false when it is already taken (the caller draws another). */
  claim(kind: CodeKind, code: string): boolean;
  /** The next number of a running sequence, from 1: e.g. police case numbers. */
  next(sequence: string): number;
}

/** A running id in the form the data set uses: the prefix and seven digits, e.g. APP-0000001. */
export function sequentialId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(7, '0')}`;
}
