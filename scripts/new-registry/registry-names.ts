/**
 * What `npm run new:registry` is asked for, and every name the new registry goes by, derived
 * from its kebab-case name: `demo-registry` is the registry id `demoRegistry`, the code
 * `DEMO_REGISTRY`, the subgraph `demo-registry`, the GraphQL field `demoRegistry` and its type
 * `DemoRegistryRecord`.
 */
import { parseArgs } from 'node:util';

/** Whether the registry answers many keys in one call (batch) or one subject per call. */
export type Flavour = 'batch' | 'single-subject';

/** The entity the registry's answer hangs on: an applicant by identity code, an employer by Business ID. */
export type Entity = 'applicant' | 'employer';

export interface NewRegistryRequest {
  name: string;
  flavour: Flavour;
  on: Entity;
}

export const USAGE = 'usage: npm run new:registry -- <name> (--batch | --single-subject) [--on applicant|employer]';

/** A request the command refuses: it says why, exits 2 and writes nothing. */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function parseRequest(argv: readonly string[]): NewRegistryRequest {
  let parsed: ReturnType<typeof parseRequestArgs>;
  try {
    parsed = parseRequestArgs(argv);
  } catch (error) {
    throw new Refusal(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    throw new Refusal(positionals.length === 0 ? 'name the registry, e.g. demo-registry' : `one name, not ${positionals.join(' ')}`);
  }
  const name = positionals[0]!;
  if (!KEBAB_CASE.test(name)) {
    throw new Refusal(`"${name}" is not a kebab-case name (lower-case letters and digits in words joined by hyphens, e.g. demo-registry)`);
  }
  if (values.batch === values['single-subject']) {
    throw new Refusal(
      values.batch
        ? '--batch and --single-subject exclude each other: does the registry answer many keys per call, or one subject?'
        : 'say --batch (the registry answers many keys per call) or --single-subject (one subject per call)',
    );
  }
  const on = values.on ?? 'applicant';
  if (on !== 'applicant' && on !== 'employer') throw new Refusal(`--on ${on}: expected applicant or employer`);
  return { name, flavour: values.batch ? 'batch' : 'single-subject', on };
}

function parseRequestArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { batch: { type: 'boolean' }, 'single-subject': { type: 'boolean' }, on: { type: 'string' } },
  });
}

export interface RegistryNames {
  /** kebab-case: files, folders and the subgraph, e.g. demo-registry. */
  name: string;
  /** The catalogue key and GraphQL field, e.g. demoRegistry. */
  id: string;
  /** The `Registry` enum value and `extensions.registry`, e.g. DEMO_REGISTRY. */
  code: string;
  /** For types and classes, e.g. DemoRegistry. */
  pascal: string;
  /** A first title until the integrator gives the real one, e.g. Demo registry. */
  title: string;
  /** The registry's record type, in the contract and in the graph, e.g. DemoRegistryRecord. */
  recordType: string;
  /** The registry client class, e.g. DemoRegistryClient (TaxRegistryClient for tax). */
  clientClass: string;
  /** The exported SubgraphDefinition, e.g. demoRegistrySubgraph. */
  subgraphConstant: string;
  /** The data set section, e.g. demoRegistrySection. */
  sectionConstant: string;
  /** The mock service factory, e.g. createDemoRegistryService (createVettingService for vetting-service). */
  serviceFactory: string;
  /** Initials for the registry's own reference numbers in the mock data, e.g. DR. */
  referencePrefix: string;
  /** The right to read the registry's data (contracts/rights.ts), e.g. demo-registry:read. */
  right: string;
}

export function registryNames(name: string): RegistryNames {
  const words = name.split('-');
  const capitalised = words.map((word) => word[0]!.toUpperCase() + word.slice(1));
  const pascal = capitalised.join('');
  const id = words[0] + capitalised.slice(1).join('');
  const endsInRegistry = /(Registry|Register)$/.test(pascal);
  return {
    name,
    id,
    code: words.join('_').toUpperCase(),
    pascal,
    title: [capitalised[0], ...words.slice(1)].join(' '),
    recordType: `${pascal}Record`,
    clientClass: endsInRegistry ? `${pascal}Client` : `${pascal}RegistryClient`,
    subgraphConstant: `${id}Subgraph`,
    sectionConstant: `${id}Section`,
    serviceFactory: pascal.endsWith('Service') ? `create${pascal}` : `create${pascal}Service`,
    referencePrefix: words.map((word) => word[0]!.toUpperCase()).join(''),
    right: `${name}:read`,
  };
}
