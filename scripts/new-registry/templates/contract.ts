/** contracts/registries/<name>.ts: the registry's wire API, shared by its registry client and its mock. */
import { SUBJECT_KEYS, TODO, serviceOf, singleSubjectTypes, type Scaffold } from './scaffold.js';

export function contractTemplate(scaffold: Scaffold): string {
  const { names, flavour } = scaffold;
  const key = SUBJECT_KEYS[scaffold.on];
  const service = serviceOf(scaffold);
  const { query, answer } = singleSubjectTypes(scaffold);
  const record = `
/** What the registry holds on one ${key.what}. ${TODO}: the real fields. */
export interface ${names.recordType} {
  ${key.field}: string;
  /** The registry's own reference for the record. */
  reference: string;
  /** When the registry recorded it. */
  registeredOn: IsoDate;
}
`;
  if (flavour === 'batch') {
    return `/**
 * ${names.title}, as X-Road serves it. Answers many keys per call.
 *
 * Service under /r1/{INSTANCE}/{CLASS}/{MEMBER}/{SUBSYSTEM}/:
 *   POST ${service}   ${names.pascal}RecordsRequest (${key.whats}) -> ${names.pascal}RecordsResponse
 *
 * One result per key, in the order asked; a key the registry holds nothing on is
 * \`found: false\`, never an error.
 * ${TODO}: the registry's real services and types.
 */
import type { BatchLookupRequest, BatchLookupResponse, IsoDate } from '../xroad.js';

/** The ${key.whats} go in the body, never in the URL. */
export type ${names.pascal}RecordsRequest = BatchLookupRequest;

export type ${names.pascal}RecordsResponse = BatchLookupResponse<${names.recordType}>;
${record}`;
  }
  return `/**
 * ${names.title}, as X-Road serves it. One subject per call.
 *
 * Service under /r1/{INSTANCE}/{CLASS}/{MEMBER}/{SUBSYSTEM}/:
 *   POST ${service}   ${query} -> ${answer}
 *
 * A subject the registry holds nothing on is answered \`{ record: null }\`, not with an
 * error; a body holding several subjects (an array) is refused with 400.
 * ${TODO}: the registry's real services and types.
 */
import type { IsoDate } from '../xroad.js';

/** One subject: the ${key.what} travels in the body, never in the URL. */
export interface ${query} {
  ${key.field}: string;
}

export interface ${answer} {
  record: ${names.recordType} | null;
}
${record}`;
}
