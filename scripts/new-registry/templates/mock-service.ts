/** mocks/registries/<name>.ts: the registry as the outside world shows it, over the data set. */
import { SUBJECT_KEYS, serviceOf, singleSubjectTypes, type Scaffold } from './scaffold.js';

export function mockServiceTemplate(scaffold: Scaffold): string {
  const { names } = scaffold;
  const key = SUBJECT_KEYS[scaffold.on];
  const service = serviceOf(scaffold);
  const mapName = key.field === 'businessId' ? 'byBusinessId' : 'byCode';
  const index = `  const ${mapName} = new Map<string, ${names.recordType}>(
    dataset.${names.id}.records.map((record) => [codeKey(record.${key.field}), record]),
  );`;
  if (scaffold.flavour === 'batch') {
    return `/** ${names.title}, per contracts/registries/${names.name}.ts: records by ${key.what}, many per call. */
import type { ${names.recordType} } from '../../contracts/registries/${names.name}.js';
import type { Dataset } from '../dataset/types.js';
import { batchEndpoint, codeKey, defineRegistryService, type RegistryService } from './service.js';

export function ${names.serviceFactory}(dataset: Dataset): RegistryService {
${index}
  return defineRegistryService('${names.id}', {
    'POST ${service}': batchEndpoint((key) => ${mapName}.get(codeKey(key))),
  });
}
`;
  }
  const { answer } = singleSubjectTypes(scaffold);
  return `/**
 * ${names.title}, per contracts/registries/${names.name}.ts: one subject per call, by
 * ${key.what}; nothing held is \`{ record: null }\`.
 */
import type { ${answer}, ${names.recordType} } from '../../contracts/registries/${names.name}.js';
import type { Dataset } from '../dataset/types.js';
import {
  badRequest,
  codeKey,
  defineRegistryService,
  ok,
  optionalString,
  readJsonObject,
  type RegistryService,
  type ServiceRequest,
  type ServiceResponse,
} from './service.js';

export function ${names.serviceFactory}(dataset: Dataset): RegistryService {
${index}

  function lookup(request: ServiceRequest): ServiceResponse {
    const body = readJsonObject(request);
    if (!body.ok) return body.response;
    const subject = optionalString(body.value, '${key.field}');
    if (!subject.ok) return subject.response;
    if (!subject.value) return badRequest('ask for one subject by ${key.field}');
    const answer: ${answer} = { record: ${mapName}.get(codeKey(subject.value)) ?? null };
    return ok(answer);
  }

  return defineRegistryService('${names.id}', { 'POST ${service}': lookup });
}
`;
}
