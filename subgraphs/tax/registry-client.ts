/**
 * The tax administration as the tax subgraph reads it: company compliance reports by Business
 * ID and personal tax debt by identity code, both batched per request.
 */
import { batchLoader } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { RegistryAnswer, XRoadClient } from '../shared/xroad-client.js';
import type { ComplianceReport, PersonalTaxDebt } from '../../contracts/registries/tax.js';

export class TaxRegistryClient {
  constructor(private readonly xroad: XRoadClient) {}

  complianceReport(context: SubgraphContext, businessId: string): Promise<RegistryAnswer<ComplianceReport>> {
    return batchLoader<ComplianceReport>(this.xroad, context, 'complianceReports/batch').load(businessId);
  }

  personalTaxDebt(context: SubgraphContext, personalIdentityCode: string): Promise<RegistryAnswer<PersonalTaxDebt>> {
    return batchLoader<PersonalTaxDebt>(this.xroad, context, 'personalTaxDebts/batch').load(personalIdentityCode);
  }
}
