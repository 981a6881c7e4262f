/**
 * The population information system (VTJ) as the population subgraph reads it: persons by
 * personal identity code, batched per request.
 */
import { batchLoader } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { RegistryAnswer, XRoadClient } from '../shared/xroad-client.js';
import type { PopulationPerson } from '../../contracts/registries/population.js';

export class PopulationRegistryClient {
  constructor(private readonly xroad: XRoadClient) {}

  person(context: SubgraphContext, personalIdentityCode: string): Promise<RegistryAnswer<PopulationPerson>> {
    return batchLoader<PopulationPerson>(this.xroad, context, 'persons/batch').load(personalIdentityCode);
  }
}
