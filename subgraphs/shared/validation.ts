/**
 * Validation of identifiers at the edge of the graph: a bad identity code or Business ID is
 * refused with BAD_USER_INPUT that says what is wrong, before any registry is asked. The
 * message names the argument but never repeats the value: error messages end up in client
 * logs, and identity codes are personal data.
 */
import { badUserInput } from '../../platform/errors.js';
import { isApplicationId, isCustomerId, parseBusinessId, parsePersonalIdentityCode } from '../../contracts/identifiers.js';

export function validPersonalIdentityCode(value: string, argument = 'personalIdentityCode'): string {
  const parsed = parsePersonalIdentityCode(value);
  if (!parsed.ok) throw badUserInput(`${argument} is not a valid Finnish personal identity code: ${parsed.reason}`, { argument });
  return parsed.value.code;
}

export function validBusinessId(value: string, argument = 'businessId'): string {
  const parsed = parseBusinessId(value);
  if (!parsed.ok) throw badUserInput(`${argument} is not a valid Business ID: ${parsed.reason}`, { argument });
  return parsed.value;
}

/** An application id (APP- and seven digits); anything else is refused unasked. */
export function validApplicationId(id: string, argument = 'id'): string {
  if (!isApplicationId(id))
    throw badUserInput(`${argument} is not an application id (APP- and seven digits, e.g. APP-0000001)`, { argument });
  return id;
}

/** An applicant's customer number (CUS- and seven digits); anything else is refused unasked. */
export function validCustomerId(id: string, argument = 'id'): string {
  if (!isCustomerId(id)) throw badUserInput(`${argument} is not a customer number (CUS- and seven digits, e.g. CUS-0000001)`, { argument });
  return id;
}

export function validPageSize(first: number, max: number, argument = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput(`${argument} must be between 1 and ${max}`, { argument });
  }
  return first;
}
