/**
 * The population information system (VTJ), per subgraphs/population/registry-api.ts.
 * A superseded code is answered with its own record (identityCodeValid false).
 */
import type { PopulationPerson } from '../../contracts/registries/population.js';
import type { Dataset } from '../dataset/types.js';
import { batchEndpoint, codeKey, defineRegistryService, type RegistryService } from './service.js';

export function createPopulationService(dataset: Dataset): RegistryService {
  const byCode = new Map<string, PopulationPerson>(
    dataset.population.persons.map((person) => [codeKey(person.personalIdentityCode), person]),
  );
  return defineRegistryService('population', {
    'POST persons/batch': batchEndpoint((key) => byCode.get(codeKey(key))),
  });
}
