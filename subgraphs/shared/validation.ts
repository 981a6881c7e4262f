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
