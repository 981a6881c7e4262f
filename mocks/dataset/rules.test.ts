/**
 * Every prerequisite rule of domain.md goes each way somewhere in the default data set, at its
 * boundaries. The facts are computed here from the data itself (not from scenario labels), with
 * date arithmetic independent of the generator's: rules are evaluated at the reference date, and
 * days abroad count both the first and the last day of a stay.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_INDUSTRY_CODE } from '../../contracts/registries/trade-register.js';
import type { CaseApplicant, LanguageCertificate } from '../../contracts/registries/case-register.js';
import type { PopulationPerson } from '../../contracts/registries/population.js';
import { parsePersonalIdentityCode } from '../../contracts/identifiers.js';
import { generateDataset } from './generator.js';
import { specialistSalaryThresholdEur } from './reference-data/work.js';
import type { StoredApplication } from './sections/case-register.js';
import type { StoredPoliceSubject } from './sections/police.js';
import type { Dataset } from './types.js';

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
/** The same day `years` years before (the reference date is not 29 February). */
const yearsBefore = (date: string, years: number) => `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
const dayAfter = (date: string) => new Date(Date.parse(date) + DAY_MS).toISOString().slice(0, 10);

let dataset: Dataset;
let ref: string;
let citizenship: { application: StoredApplication; applicant: CaseApplicant; person: PopulationPerson | undefined }[];
let policeByCode: Map<string, StoredPoliceSubject>;

beforeAll(() => {
  dataset = generateDataset();
  ref = dataset.meta.referenceDate;
  const applicants = new Map(dataset.caseRegister.applicants.map((a) => [a.id, a]));
  const persons = new Map(dataset.population.persons.map((p) => [p.personalIdentityCode, p]));
  citizenship = dataset.caseRegister.applications
    .filter((a) => a.type === 'CITIZENSHIP')
    .map((application) => {
      const applicant = applicants.get(application.applicantId)!;
      return { application, applicant, person: applicant.personalIdentityCode ? persons.get(applicant.personalIdentityCode) : undefined };
    });
  policeByCode = new Map(
    dataset.police.subjects.flatMap((s) => ('personalIdentityCode' in s.subject ? [[s.subject.personalIdentityCode, s] as const] : [])),
  );
});

/** Asserts that `facts` holds both `a` and `b` (each way, or each side of a boundary). */
function expectBoth<T>(facts: T[], a: T, b: T, what: string): void {
  expect(facts, `${what}: ${String(a)}`).toContain(a);
  expect(facts, `${what}: ${String(b)}`).toContain(b);
}

function languagePairs(certificate: LanguageCertificate): string[] {
  const { speaking, writing, listening, reading } = certificate.levels;
  const atLeast3 = (level: number | null) => (level ?? 0) >= 3;
  return [
    atLeast3(speaking) && atLeast3(writing) ? 'speaking+writing' : null,
    atLeast3(listening) && atLeast3(writing) ? 'listening+writing' : null,
    atLeast3(reading) && atLeast3(speaking) ? 'reading+speaking' : null,
  ].filter((pair): pair is string => pair !== null);
}

const hasLanguage = (certificates: LanguageCertificate[]) => certificates.some((c) => c.test === 'YKI' && languagePairs(c).length > 0);

describe('citizenship', () => {
  it('age: exactly 18 on the reference date, and 18 minus a day', () => {
    const born = citizenship.map((c) => c.applicant.dateOfBirth);
    expectBoth(born, yearsBefore(ref, 18), dayAfter(yearsBefore(ref, 18)), 'born');
  });

  it('identity: a valid permanent code in the population registry, a temporary one, a superseded one, none', () => {
    const identity = citizenship.map(({ applicant, person }) => {
      if (!applicant.personalIdentityCode) return 'no code';
      const parsed = parsePersonalIdentityCode(applicant.personalIdentityCode);
      if (parsed.ok && parsed.value.temporary) return 'temporary';
      if (!person) return 'not in population';
      return person.identityCodeValid ? 'valid' : 'superseded';
    });
    expect(new Set(identity)).toEqual(new Set(['valid', 'temporary', 'superseded', 'no code']));
  });

  it(
    'residence: exactly 8 years and one day short, 5 years (and one day short) with a language certificate, ' +
      'as a spouse, as a stateless person',
    () => {
      const started = citizenship.map((c) => c.application.declared.residenceStartedOn);
      expectBoth(started, yearsBefore(ref, 8), dayAfter(yearsBefore(ref, 8)), 'residence since');
      const fiveYears = yearsBefore(ref, 5);
      const shortened = citizenship.filter((c) => c.application.declared.residenceStartedOn === fiveYears);
      expect(shortened.some((c) => hasLanguage(c.application.declared.languageCertificates))).toBe(true);
      expect(
        shortened.some(
          (c) =>
            !hasLanguage(c.application.declared.languageCertificates) &&
            c.application.declared.spouseOfFinnishCitizen &&
            c.person?.familyRelations.some((r) => r.relation === 'SPOUSE' && r.nationalities.includes('FIN')),
        ),
      ).toBe(true);
      expect(
        shortened.some(
          (c) =>
            !hasLanguage(c.application.declared.languageCertificates) &&
            c.application.declared.stateless &&
            c.applicant.nationalities.length === 0,
        ),
      ).toBe(true);
      expect(
        citizenship.some(
          (c) =>
            c.application.declared.residenceStartedOn === dayAfter(fiveYears) && hasLanguage(c.application.declared.languageCertificates),
        ),
      ).toBe(true);
      // Between 5 and 8 years with nothing that shortens the requirement: NOT_FULFILLED.
      expect(
        citizenship.some(({ application: { declared } }) => {
          const since = declared.residenceStartedOn;
          return (
            since !== null &&
            since < fiveYears &&
            since > yearsBefore(ref, 8) &&
            !hasLanguage(declared.languageCertificates) &&
            !declared.spouseOfFinnishCitizen &&
            !declared.stateless
          );
        }),
      ).toBe(true);
    },
  );

  it('days abroad: 365 and 366 in total, 90 and 91 in the last year', () => {
    const lastYearStart = yearsBefore(ref, 1);
    const totals = citizenship.map((c) => c.application.declared.staysAbroad.reduce((sum, s) => sum + days(s.from, s.to) + 1, 0));
    const lastYear = citizenship.map((c) =>
      c.application.declared.staysAbroad.reduce((sum, s) => {
        const from = s.from > lastYearStart ? s.from : lastYearStart;
        return from > s.to ? sum : sum + days(from, s.to) + 1;
      }, 0),
    );
    expectBoth(totals, 365, 366, 'days abroad in total');
    expectBoth(lastYear, 90, 91, 'days abroad in the last year');
  });

  it('language: each accepted pair alone, and a near miss', () => {
    const yki = citizenship.flatMap((c) => c.application.declared.languageCertificates.filter((l) => l.test === 'YKI'));
    const onlyPair = yki
      .map((c) => languagePairs(c))
      .filter((pairs) => pairs.length === 1)
      .map((pairs) => pairs[0]);
    expect(new Set(onlyPair)).toEqual(new Set(['speaking+writing', 'listening+writing', 'reading+speaking']));
    // Two skills at level 3, but not an accepted pair.
    expect(yki.some((c) => languagePairs(c).length === 0 && Object.values(c.levels).filter((l) => (l ?? 0) >= 3).length >= 2)).toBe(true);
  });

  it('integrity: an offence within the waiting period, only old offences, a restraining order, a pending investigation, no record', () => {
    const subjects = citizenship.map((c) =>
      c.applicant.personalIdentityCode ? policeByCode.get(c.applicant.personalIdentityCode) : undefined,
    );
    const oneYearAgo = yearsBefore(ref, 1);
    const tenYearsAgo = yearsBefore(ref, 10);
    expect(subjects.some((s) => s?.offences.some((o) => o.status === 'CONVICTED' && o.committedOn > oneYearAgo))).toBe(true);
    expect(
      subjects.some(
        (s) => s && s.offences.length > 0 && s.offences.every((o) => o.committedOn < tenYearsAgo && (o.decidedOn ?? ref) < tenYearsAgo),
      ),
    ).toBe(true);
    expect(subjects.some((s) => s?.restrainingOrders.some((r) => r.validFrom <= ref && r.validUntil >= ref))).toBe(true);
    expect(subjects.some((s) => (s?.pendingInvestigations.length ?? 0) > 0)).toBe(true);
    expect(subjects.some((s) => s === undefined)).toBe(true);
  });

  it('payment obligations: no tax debt, a small one, one under a payment plan, a large one', () => {
    const debts = new Map(dataset.tax.personalTaxDebts.map((d) => [d.personalIdentityCode, d]));
    const kinds = new Set(
      citizenship.map(({ applicant }) => {
        const debt = applicant.personalIdentityCode ? debts.get(applicant.personalIdentityCode) : undefined;
        if (!debt) return 'none';
        if (debt.underPaymentPlan) return 'payment plan';
        return debt.amountEur < 1000 ? 'small' : debt.amountEur >= 10_000 ? 'large' : 'medium';
      }),
    );
    for (const kind of ['none', 'small', 'payment plan', 'large']) expect(kinds, kind).toContain(kind);
  });

  it('means of support: 3 and 4 months of unemployment benefit, 4 of social assistance', () => {
    const support = citizenship.map((c) => c.application.declared.meansOfSupport);
    expect(support.some((s) => s?.unemploymentBenefitMonths === 3 && s.socialAssistanceMonths === 0)).toBe(true);
    expect(support.some((s) => s?.unemploymentBenefitMonths === 4 && s.socialAssistanceMonths === 0)).toBe(true);
    expect(support.some((s) => s?.unemploymentBenefitMonths === 0 && s.socialAssistanceMonths === 4)).toBe(true);
  });
});

describe('specialist permit', () => {
  it('salary exactly at the threshold and one cent below; an expertise statement and none', () => {
    const specialist = dataset.caseRegister.applications.filter((a) => a.type === 'SPECIALIST_PERMIT');
    const threshold = specialistSalaryThresholdEur(ref);
    expect(threshold).toBe(3638);
    const salaries = specialist.map((a) => a.declared.employment!.monthlySalaryEur);
    expectBoth(salaries, threshold, 3637.99, 'monthly salary');
    const statements = specialist.map((a) => a.declared.specialExpertiseStatement !== null);
    expectBoth(statements, true, false, 'has a statement');
  });
});

describe('work permit employer check', () => {
  it('every check goes each way among work permits, at the 1,000 EUR boundaries', () => {
    const companies = new Map(dataset.tradeRegister.companies.map((c) => [c.businessId, c]));
    const reports = new Map(dataset.tax.complianceReports.map((r) => [r.businessId, r]));
    const employers = [
      ...new Set(dataset.caseRegister.applications.filter((a) => a.type === 'WORK_PERMIT').map((a) => a.employerBusinessId!)),
    ];
    const found = employers.map((id) => companies.get(id)).filter((c) => c !== undefined);
    const checked = employers.map((id) => reports.get(id)).filter((r) => r !== undefined);

    expect(employers.some((id) => !companies.has(id))).toBe(true);
    const statuses = found.map((c) => c.status);
    for (const status of ['ACTIVE', 'BANKRUPT', 'DISSOLVED'] as const) expect(statuses).toContain(status);
    expectBoth(
      found.map((c) => c.vatRegister !== null && c.vatRegister.until === null),
      true,
      false,
      'VAT registered',
    );
    expectBoth(
      found.map((c) => c.mainIndustry.code === UNKNOWN_INDUSTRY_CODE),
      true,
      false,
      'industry unknown',
    );
    expectBoth(
      checked.map((r) => r.taxReturns.allFiled),
      true,
      false,
      'all tax returns filed',
    );
    expectBoth(
      checked.map((r) => r.overdueTaxesEur),
      999,
      1000,
      'overdue taxes',
    );
    expectBoth(
      checked.map((r) => r.taxDebt.amountEur),
      999,
      1000,
      'tax debt',
    );
    expect(checked.some((r) => r.taxDebt.amountEur >= 1000 && r.taxDebt.underPaymentPlan)).toBe(true);
    expectBoth(
      checked.map((r) => r.damagesAwardedByJudgment),
      true,
      false,
      'damages awarded',
    );
    expectBoth(
      checked.map((r) => r.pensionInsurance.valid),
      true,
      false,
      'pension insurance',
    );
    expectBoth(
      checked.map((r) => r.accidentInsurance.valid),
      true,
      false,
      'accident insurance',
    );
    expectBoth(
      checked.map((r) => r.customsDutiesDueEur),
      1000,
      1001,
      'customs duties',
    );
  });
});
