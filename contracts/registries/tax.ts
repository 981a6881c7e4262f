/**
 * The tax administration, as X-Road serves it.
 *
 * Services under /r1/{INSTANCE}/GOV/0245458-3/Verohallinto/:
 *   POST complianceReports/batch   BatchLookupRequest (Business IDs) -> BatchLookupResponse<ComplianceReport>
 *   POST personalTaxDebts/batch    BatchLookupRequest (personal identity codes) -> BatchLookupResponse<PersonalTaxDebt>
 *
 * The compliance report is the company's obligation compliance report (velvoitteidenhoitoselvitys).
 * A person without recorded tax debt is `found: false`.
 */
import type { IsoDate } from '../xroad.js';

export interface ComplianceReport {
  businessId: string;
  reportDate: IsoDate;
  taxReturns: { allFiled: boolean; missingPeriods: string[] };
  taxDebt: { amountEur: number; underPaymentPlan: boolean };
  overdueTaxesEur: number;
  pensionInsurance: { valid: boolean };
  accidentInsurance: { valid: boolean };
  customsDutiesDueEur: number;
  damagesAwardedByJudgment: boolean;
  /** The public tax debt register lists debts of at least 10,000 EUR. */
  inPublicTaxDebtRegister: boolean;
}

export interface PersonalTaxDebt {
  personalIdentityCode: string;
  amountEur: number;
  underPaymentPlan: boolean;
}
