/**
 * Purpose binding: registry data about a person is read only within a case the caller works on.
 * A caller reads the cases of their own unit (`cases:unit`) or of every unit (`cases:all`, e.g.
 * the bulk checker); a case outside that is refused with FORBIDDEN and a reason code, before any
 * registry but the case register (which says whose the case is) is asked about it. Lists
 * (worklists, person searches, an employer's applications) hold only cases the caller may read.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../platform/errors.js';
import type { SubgraphCaller } from './request-context.js';

/** Why a read was refused, in `extensions.reason`. */
export const CaseAccessRefusal = {
  /** The caller holds no right to any case (neither cases:unit nor cases:all). */
  NO_CASE_ACCESS: 'NO_CASE_ACCESS',
  /** The case belongs to another unit than the caller's. */
  CASE_OF_ANOTHER_UNIT: 'CASE_OF_ANOTHER_UNIT',
  /** Registry data about a person was asked for outside any case. */
  CASE_REQUIRED: 'CASE_REQUIRED',
  /** The person asked about is not a party of the case the request names. */
  SUBJECT_NOT_IN_CASE: 'SUBJECT_NOT_IN_CASE',
  /** The case the request names does not exist. */
  UNKNOWN_CASE: 'UNKNOWN_CASE',
} as const;

export type CaseAccessRefusal = (typeof CaseAccessRefusal)[keyof typeof CaseAccessRefusal];

const MESSAGES: Record<CaseAccessRefusal, string> = {
  NO_CASE_ACCESS: 'The caller may read no cases.',
  CASE_OF_ANOTHER_UNIT: "The case belongs to another unit than the caller's.",
  CASE_REQUIRED: 'Registry data about a person is read only within a case: name it in the x-case-id header.',
  SUBJECT_NOT_IN_CASE: 'The person is not a party of the case the request names.',
  UNKNOWN_CASE: 'The case the request names does not exist.',
};

export function caseAccessError(reason: CaseAccessRefusal): GraphQLError {
  return new GraphQLError(MESSAGES[reason], { extensions: { code: ErrorCode.FORBIDDEN, reason } });
}

/** The units whose cases the caller may read: every unit, or a list (empty: none). */
export function readableUnits(caller: SubgraphCaller): 'all' | string[] {
  if (caller.rights.has('cases:all')) return 'all';
  if (caller.rights.has('cases:unit') && caller.unit !== null) return [caller.unit];
  return [];
}

/** Why the caller may not read a case of `unit`, or null when they may. */
export function caseRefusal(caller: SubgraphCaller, unit: string): CaseAccessRefusal | null {
  const units = readableUnits(caller);
  if (units === 'all' || units.includes(unit)) return null;
  return units.length === 0 ? CaseAccessRefusal.NO_CASE_ACCESS : CaseAccessRefusal.CASE_OF_ANOTHER_UNIT;
}

/** Throws FORBIDDEN when the caller may not read a case of `unit`. */
export function requireCaseAccess(caller: SubgraphCaller, unit: string): void {
  const refusal = caseRefusal(caller, unit);
  if (refusal) throw caseAccessError(refusal);
}

/** Why the caller may not read an applicant (none of the units handling their cases is theirs), or null when they may. */
export function applicantRefusal(caller: SubgraphCaller, applicant: { units: readonly string[] }): CaseAccessRefusal | null {
  const units = readableUnits(caller);
  if (units === 'all' || applicant.units.some((unit) => units.includes(unit))) return null;
  return units.length === 0 ? CaseAccessRefusal.NO_CASE_ACCESS : CaseAccessRefusal.CASE_OF_ANOTHER_UNIT;
}
