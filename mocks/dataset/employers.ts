/**
 * Making employers: Business IDs, trade register entries and tax compliance reports. Used by the
 * scenarios and by the random bulk alike.
 */
import { businessIdCheckDigit } from '../../contracts/identifiers.js';
import type { IsoDate } from '../../contracts/xroad.js';
import type { ComplianceReport } from '../../contracts/registries/tax.js';
import { UNKNOWN_INDUSTRY_CODE, type Company, type CompanyStatus, type RegisterPeriod } from '../../contracts/registries/trade-register.js';
import type { IdentifierLedger } from './identifier-ledger.js';
import type { Prng } from './prng.js';
import { COMPANY_NAME_PREFIXES, type Industry } from './reference-data/work.js';

/** The public tax debt register lists debts of at least this much (domain.md). */
export const PUBLIC_TAX_DEBT_REGISTER_MINIMUM_EUR = 10_000;

/** A Business ID no one else holds; digits whose check remainder is 1 are never issued, so they are skipped. */
export function claimBusinessId(ledger: IdentifierLedger, random: Prng): string {
  for (;;) {
    const digits = String(random.int(100_000, 3_399_999)).padStart(7, '0');
    const check = businessIdCheckDigit(digits);
    if (check === null) continue;
    const businessId = `${digits}-${check}`;
    if (ledger.claim('businessId', businessId)) return businessId;
  }
}

const LEGAL_FORM_SUFFIX: Record<Company['legalForm'], string> = { OY: 'Oy', OYJ: 'Oyj', KY: 'Ky', AY: 'Ay', TMI: 'Tmi', OSK: 'osk' };

export function companyName(random: Prng, industry: Industry, legalForm: Company['legalForm'], ownerFamilyName: string): string {
  const word = random.pick(industry.nameWords);
  if (legalForm === 'TMI' || legalForm === 'KY' || legalForm === 'AY') {
    return `${word} ${ownerFamilyName} ${LEGAL_FORM_SUFFIX[legalForm]}`;
  }
  return `${random.pick(COMPANY_NAME_PREFIXES)} ${word} ${LEGAL_FORM_SUFFIX[legalForm]}`;
}

export interface CompanySpec {
  businessId: string;
  name: string;
  industry: Industry;
  legalForm: Company['legalForm'];
  status: CompanyStatus;
  registeredOn: IsoDate;
  /** When the company went bankrupt, into liquidation or was dissolved; null while active. */
  statusChangedOn: IsoDate | null;
  /** A sole trader may be in YTJ without an entry in the trade register proper. */
  inTradeRegisterProper: boolean;
  vatRegistered: boolean;
  employerRegistered: boolean;
  personsInCharge: Company['personsInCharge'];
  /** False when the company never reported its industry: the trade register shows it as unknown. */
  industryReported?: boolean;
}

export function companyRecord(spec: CompanySpec): Company {
  // Bankruptcy and dissolution end the tax registrations; liquidation does not by itself.
  const registersEnd = spec.status === 'BANKRUPT' || spec.status === 'DISSOLVED' ? spec.statusChangedOn : null;
  const period = (registered: boolean): RegisterPeriod | null => (registered ? { since: spec.registeredOn, until: registersEnd } : null);
  return {
    businessId: spec.businessId,
    name: spec.name,
    mainIndustry:
      spec.industryReported === false
        ? { code: UNKNOWN_INDUSTRY_CODE, description: 'Industry unknown' }
        : { code: spec.industry.code, description: spec.industry.description },
    legalForm: spec.legalForm,
    status: spec.status,
    registeredOn: spec.registeredOn,
    tradeRegister: spec.inTradeRegisterProper
      ? { since: spec.registeredOn, until: spec.status === 'DISSOLVED' ? spec.statusChangedOn : null }
      : null,
    prepaymentRegister: period(true),
    vatRegister: period(spec.vatRegistered),
    employerRegister: period(spec.employerRegistered),
    personsInCharge: spec.personsInCharge,
  };
}

/** What a compliance report found; CLEAN_COMPLIANCE is a company with every obligation met. */
export interface ComplianceFindings {
  missingPeriods: string[];
  taxDebtEur: number;
  taxDebtUnderPaymentPlan: boolean;
  overdueTaxesEur: number;
  pensionInsuranceValid: boolean;
  accidentInsuranceValid: boolean;
  customsDutiesDueEur: number;
  damagesAwardedByJudgment: boolean;
}

export const CLEAN_COMPLIANCE: Readonly<ComplianceFindings> = {
  missingPeriods: [],
  taxDebtEur: 0,
  taxDebtUnderPaymentPlan: false,
  overdueTaxesEur: 0,
  pensionInsuranceValid: true,
  accidentInsuranceValid: true,
  customsDutiesDueEur: 0,
  damagesAwardedByJudgment: false,
};

export function complianceReport(businessId: string, reportDate: IsoDate, findings: ComplianceFindings): ComplianceReport {
  return {
    businessId,
    reportDate,
    taxReturns: { allFiled: findings.missingPeriods.length === 0, missingPeriods: findings.missingPeriods },
    taxDebt: { amountEur: findings.taxDebtEur, underPaymentPlan: findings.taxDebtUnderPaymentPlan },
    overdueTaxesEur: findings.overdueTaxesEur,
    pensionInsurance: { valid: findings.pensionInsuranceValid },
    accidentInsurance: { valid: findings.accidentInsuranceValid },
    customsDutiesDueEur: findings.customsDutiesDueEur,
    damagesAwardedByJudgment: findings.damagesAwardedByJudgment,
    // Debts covered by a payment plan are not published.
    inPublicTaxDebtRegister: findings.taxDebtEur >= PUBLIC_TAX_DEBT_REGISTER_MINIMUM_EUR && !findings.taxDebtUnderPaymentPlan,
  };
}
