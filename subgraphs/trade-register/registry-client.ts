/**
 * The trade register (YTJ) as the trade-register subgraph reads it: companies by Business ID,
 * batched per request.
 */
import { batchLoader } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { RegistryAnswer, XRoadClient } from '../shared/xroad-client.js';
import type { Company } from '../../contracts/registries/trade-register.js';

export class TradeRegisterClient {
  constructor(private readonly xroad: XRoadClient) {}

  company(context: SubgraphContext, businessId: string): Promise<RegistryAnswer<Company>> {
    return batchLoader<Company>(this.xroad, context, 'companies/batch').load(businessId);
  }
}
