/**
 * What the caller of a request may see of confidential facts.
 *
 * A case worker without rights to police records must still see the integrity outcome, but not
 * the records behind it. Access control arrives with the security work; until then no caller
 * has any right, so every confidential value is withheld from everyone. When it arrives, this
 * is the one function to change: derive the set from the authenticated caller (e.g. a claim of
 * the token the gateway verified), and every withheld value follows.
 */
import { perRequest, type SubgraphContext } from '../shared/request-context.js';
import type { Confidentiality } from './rules/rule.js';

/** A right to see facts of one confidentiality class. */
export type Right = Confidentiality;

const NO_RIGHTS: ReadonlySet<Right> = new Set();

/** The rights of the request's caller: the empty set for every caller today. */
export function callerRights(context: SubgraphContext): ReadonlySet<Right> {
  return perRequest(context, 'callerRights', () => NO_RIGHTS);
}
