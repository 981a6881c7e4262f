/** The trade register / business information system (YTJ), per subgraphs/trade-register/registry-api.ts. */
import type { Company } from '../../contracts/registries/trade-register.js';
import type { Dataset } from '../dataset/types.js';
import { batchEndpoint, codeKey, defineRegistryService, type RegistryService } from './service.js';

export function createTradeRegisterService(dataset: Dataset): RegistryService {
  const byBusinessId = new Map<string, Company>(dataset.tradeRegister.companies.map((company) => [codeKey(company.businessId), company]));
  return defineRegistryService('tradeRegister', {
    'POST companies/batch': batchEndpoint((key) => byBusinessId.get(codeKey(key))),
  });
}
