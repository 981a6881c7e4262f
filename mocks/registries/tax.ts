/**
 * The tax administration, per subgraphs/tax/registry-api.ts: company compliance reports, and
 * personal tax debts (a person without recorded debt is `found: false`).
 */
import type { ComplianceReport, PersonalTaxDebt } from '../../contracts/registries/tax.js';
import type { Dataset } from '../dataset/types.js';
import { batchEndpoint, codeKey, defineRegistryService, type RegistryService } from './service.js';

export function createTaxService(dataset: Dataset): RegistryService {
  const reports = new Map<string, ComplianceReport>(dataset.tax.complianceReports.map((report) => [codeKey(report.businessId), report]));
  const debts = new Map<string, PersonalTaxDebt>(dataset.tax.personalTaxDebts.map((debt) => [codeKey(debt.personalIdentityCode), debt]));
  return defineRegistryService('tax', {
    'POST complianceReports/batch': batchEndpoint((key) => reports.get(codeKey(key))),
    'POST personalTaxDebts/batch': batchEndpoint((key) => debts.get(codeKey(key))),
  });
}
