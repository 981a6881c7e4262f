/**
 * subgraphs/<name>/registry-client.ts: the registry as its subgraph (and any other, through this
 * module only) reads it, per request: a batchLoader or a subjectLoader, as the existing clients do.
 */
import { SUBJECT_KEYS, serviceOf, singleSubjectTypes, type Scaffold } from './scaffold.js';

export function registryClientTemplate(scaffold: Scaffold): string {
  const { names } = scaffold;
  const key = SUBJECT_KEYS[scaffold.on];
  const contract = `'../../contracts/registries/${names.name}.js'`;
  const service = serviceOf(scaffold);
  if (scaffold.flavour === 'batch') {
    return `/**
 * ${names.title} as the ${names.name} subgraph reads it: records by ${key.what}, every key of a
 * request in one call (MAX_BATCH_KEYS at most), through the registry cache.
 */
import { batchLoader } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { RegistryAnswer, XRoadClient } from '../shared/xroad-client.js';
import type { ${names.recordType} } from ${contract};

export class ${names.clientClass} {
  constructor(private readonly xroad: XRoadClient) {}

  /** The record on a ${key.what}; \`record\` is null when the registry holds nothing on it. */
  record(context: SubgraphContext, ${key.field}: string): Promise<RegistryAnswer<${names.recordType}>> {
    return batchLoader<${names.recordType}>(this.xroad, context, '${service}').load(${key.field});
  }
}
`;
  }
  const { query, answer } = singleSubjectTypes(scaffold);
  return `/**
 * ${names.title} as the ${names.name} subgraph reads it: one subject per call, at most one call
 * per distinct ${key.what} in a request and a bounded number in flight, through the registry cache.
 */
import { subjectLoader } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { RegistryAnswer, XRoadClient } from '../shared/xroad-client.js';
import type { ${answer}, ${query} } from ${contract};

export class ${names.clientClass} {
  constructor(
    private readonly xroad: XRoadClient,
    private readonly concurrency: number,
  ) {}

  /** The registry's answer on a ${key.what}; its \`record\` is null when the registry holds nothing on it. */
  record(context: SubgraphContext, ${key.field}: string): Promise<RegistryAnswer<${answer}>> {
    return subjectLoader<${query}, ${answer}>(this.xroad, context, {
      service: '${service}',
      subjectKey: (query) => query.${key.field},
      // A change notice names the subject by its ${key.what}.
      subjectsOf: (query) => [query.${key.field}],
      concurrency: this.concurrency,
    }).load({ ${key.field} });
  }
}
`;
}
