/**
 * The tax subgraph: the company obligation compliance report for employers, and recorded tax
 * debt for applicants with a Finnish identity code.
 */
import type { SubgraphContext } from '../shared/request-context.js';
import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { TaxRegistryClient } from './registry-client.js';

export const taxSubgraph: SubgraphDefinition<'tax'> = {
  name: 'tax',
  defaultPort: 4006,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  registries: ['tax'],
  resolvers: (clients) => {
    const tax = new TaxRegistryClient(clients.tax);
    return {
      Employer: {
        taxCompliance: async (employer: { businessId: string }, _: unknown, context: SubgraphContext) => {
          const answer = await tax.complianceReport(context, employer.businessId);
          const report = answer.record;
          if (!report) return null;
          return {
            businessId: report.businessId,
            reportDate: report.reportDate,
            taxReturnsFiled: report.taxReturns.allFiled,
            missingTaxReturnPeriods: report.taxReturns.missingPeriods,
            taxDebtEur: report.taxDebt.amountEur,
            taxDebtUnderPaymentPlan: report.taxDebt.underPaymentPlan,
            overdueTaxesEur: report.overdueTaxesEur,
            pensionInsuranceValid: report.pensionInsurance.valid,
            accidentInsuranceValid: report.accidentInsurance.valid,
            customsDutiesDueEur: report.customsDutiesDueEur,
            damagesAwardedByJudgment: report.damagesAwardedByJudgment,
            inPublicTaxDebtRegister: report.inPublicTaxDebtRegister,
            provenance: answer.provenance,
          };
        },
      },
      Applicant: {
        taxDebt: async (applicant: { personalIdentityCode?: string | null }, _: unknown, context: SubgraphContext) => {
          if (!applicant.personalIdentityCode) return null;
          const answer = await tax.personalTaxDebt(context, applicant.personalIdentityCode);
          // Not found means the tax administration records no debt: an answer, not a gap.
          return {
            hasDebt: answer.record !== null && answer.record.amountEur > 0,
            amountEur: answer.record?.amountEur ?? 0,
            underPaymentPlan: answer.record?.underPaymentPlan ?? false,
            provenance: answer.provenance,
          };
        },
      },
    };
  },
};
