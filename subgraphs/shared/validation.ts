/**
 * Validation of identifiers at the edge of the graph: a bad identity code or Business ID is
 * refused with BAD_USER_INPUT that says what is wrong, before any registry is asked. The
 * message names the argument but never repeats the value: error messages end up in client
 * logs, and identity codes are personal data.
 */
import { badUserInput } from './errors.js';
import { parseBusinessId, parsePersonalIdentityCode } from './identifiers.js';

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

/** Case-register ids are plain tokens such as APP-0000001; anything else is refused unasked. */
const CASE_REGISTER_ID = /^[A-Za-z0-9-]{1,64}$/;

export function validCaseRegisterId(id: string, argument = 'id'): string {
  if (!CASE_REGISTER_ID.test(id)) throw badUserInput(`${argument} is not a case-register id (letters, digits and hyphens)`, { argument });
  return id;
}

export function validPageSize(first: number, max: number, argument = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput(`${argument} must be between 1 and ${max}`, { argument });
  }
  return first;
}
