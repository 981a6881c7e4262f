/**
 * The tax administration's part of the data set: a compliance report on nearly every company
 * (companies in trouble neglect more), and recorded tax debt of some adults.
 */
import type { CompanyStatus } from '../../../contracts/registries/trade-register.js';
import type { ComplianceReport, PersonalTaxDebt } from '../../../contracts/registries/tax.js';
import type { IsoDate } from '../../../contracts/xroad.js';
import { RATES } from '../bulk-rates.js';
import { addDays, addYears } from '../dates.js';
import { CLEAN_COMPLIANCE, complianceReport, type ComplianceFindings } from '../employers.js';
import { euros, type Prng } from '../prng.js';
import type { BulkContext, DatasetSection, SectionBulk } from './section.js';

export interface TaxSection {
  complianceReports: ComplianceReport[];
  personalTaxDebts: PersonalTaxDebt[];
}

/** Obligations a company has neglected; companies in trouble neglect more. */
function randomFindings(random: Prng, ref: IsoDate, status: CompanyStatus): ComplianceFindings {
  const trouble = status === 'ACTIVE' ? 1 : 4;
  const findings: ComplianceFindings = { ...CLEAN_COMPLIANCE, missingPeriods: [] };
  if (random.chance(0.04 * trouble)) {
    const missing = random.int(1, 3);
    for (let m = missing; m >= 1; m--) findings.missingPeriods.push(addDays(ref, -31 * m).slice(0, 7));
  }
  if (random.chance(0.07 * trouble)) {
    findings.taxDebtEur = random.weighted([
      [euros(random, 50, 999), 45],
      [euros(random, 1000, 9999), 35],
      [euros(random, 10_000, 80_000), 20],
    ]);
    findings.taxDebtUnderPaymentPlan = random.chance(0.35);
  }
  if (random.chance(0.05 * trouble)) findings.overdueTaxesEur = euros(random, 50, 15_000);
  if (random.chance(0.03 * trouble)) findings.pensionInsuranceValid = false;
  if (random.chance(0.03 * trouble)) findings.accidentInsuranceValid = false;
  if (random.chance(0.03)) findings.customsDutiesDueEur = euros(random, 100, 20_000);
  if (random.chance(0.01 * trouble)) findings.damagesAwardedByJudgment = true;
  return findings;
}

function taxBulk({ data, options, random }: BulkContext<TaxSection>): SectionBulk {
  const ref = options.referenceDate;
  return {
    employer({ company }) {
      // A few companies are too new to have a compliance report.
      if (random.chance(0.99))
        data.complianceReports.push(complianceReport(company.businessId, ref, randomFindings(random, ref, company.status)));
    },
    person(person) {
      const adult = addYears(person.dateOfBirth, 18) <= ref;
      if (!adult || person.dateOfDeath !== null || !random.chance(RATES.personalTaxDebt)) return;
      const amountEur = random.weighted([
        [euros(random, 20, 999), 45],
        [euros(random, 1000, 9999), 35],
        [euros(random, 10_000, 60_000), 20],
      ]);
      data.personalTaxDebts.push({
        personalIdentityCode: person.personalIdentityCode,
        amountEur,
        underPaymentPlan: amountEur >= 1000 && random.chance(0.3),
      });
    },
  };
}

export const taxSection: DatasetSection<TaxSection> = {
  empty: () => ({ complianceReports: [], personalTaxDebts: [] }),
  counts: (data) => ({ complianceReports: data.complianceReports.length, personalTaxDebts: data.personalTaxDebts.length }),
  check(check, section, path) {
    const reportIds = new Map<string, string>();
    check.each(check.array(section, 'complianceReports', path), `${path}.complianceReports`, (report, reportPath) => {
      check.unique(reportIds, check.string(report, 'businessId', reportPath), `${reportPath}.businessId`, 'Business ID');
    });
    const debtCodes = new Map<string, string>();
    check.each(check.array(section, 'personalTaxDebts', path), `${path}.personalTaxDebts`, (debt, debtPath) => {
      check.unique(
        debtCodes,
        check.string(debt, 'personalIdentityCode', debtPath),
        `${debtPath}.personalIdentityCode`,
        'personal identity code',
      );
      check.typed(debt, 'amountEur', 'number', debtPath);
      check.typed(debt, 'underPaymentPlan', 'boolean', debtPath);
    });
  },
  bulk: taxBulk,
};
