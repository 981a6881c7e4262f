/**
 * What every template of `npm run new:registry` is given: the new registry's names, how it is
 * asked, what it is keyed by, and the subgraph's port. Each generated file has its own template
 * module beside this one (templates/<file>.ts), so a change to one kind of file is made in one place.
 */
import type { Entity, Flavour, RegistryNames } from '../registry-names.js';

export interface Scaffold {
  names: RegistryNames;
  flavour: Flavour;
  on: Entity;
  /** The subgraph's default port: the next after the highest in subgraphs/index.ts. */
  port: number;
}

/** Marks what the integrator must fill in; the command lists every one it wrote. */
export const TODO = 'TODO(new-registry)';

/** The subject the registry's answer is about, per entity it hangs on. */
export interface SubjectKey {
  /** The GraphQL entity and its federation key field. */
  graphType: 'Applicant' | 'Employer';
  graphKey: 'id' | 'businessId';
  /** The field the registry is asked by, in the wire contract and in the data set. */
  field: 'personalIdentityCode' | 'businessId';
  /** In words, singular and plural. */
  what: string;
  whats: string;
}

export const SUBJECT_KEYS: Record<Entity, SubjectKey> = {
  applicant: {
    graphType: 'Applicant',
    graphKey: 'id',
    field: 'personalIdentityCode',
    what: 'personal identity code',
    whats: 'personal identity codes',
  },
  employer: { graphType: 'Employer', graphKey: 'businessId', field: 'businessId', what: 'Business ID', whats: 'Business IDs' },
};

/** The wire service the scaffolded registry answers on, below its X-Road subsystem. */
export function serviceOf(scaffold: Scaffold): string {
  return scaffold.flavour === 'batch' ? 'records/batch' : 'records/lookup';
}

/** The single-subject query and answer types of the contract. */
export function singleSubjectTypes({ names }: Scaffold): { query: string; answer: string } {
  return { query: `${names.pascal}Query`, answer: `${names.pascal}Answer` };
}
