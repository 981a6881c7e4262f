import { describe, expect, it } from 'vitest';
import { AS_OF, application, citizenshipFacts, failed, found, policeRecords, populationPerson } from '../../../test/check-facts.js';
import type { LanguageCertificate, StayAbroad } from '../../../contracts/registries/case-register.js';
import type { PoliceSubjectRecords } from '../../../contracts/registries/police.js';
import { HETU_SIGNS_BY_CENTURY, formatHetu, parsePersonalIdentityCode } from '../../../contracts/identifiers.js';
import { addDays, addYears } from '../calendar.js';
import { checkedInThresholds } from '../../../contracts/check-thresholds.js';
import {
  ageRule,
  daysAbroadRule,
  identityRule,
  integrityRule,
  languageRule,
  meansOfSupportRule,
  paymentObligationsRule,
  residencePeriodRule,
  sanctionKind,
} from './citizenship.js';

const thresholds = checkedInThresholds();

/** Facts for an applicant whose Finnish code is `code` (and whose population record is under it). */
function withCode(code: string) {
  const base = application();
  const parsed = parsePersonalIdentityCode(code);
  if (!parsed.ok) throw new Error(parsed.reason);
  return citizenshipFacts({
    application: { ...base, applicant: { ...base.applicant, personalIdentityCode: code, dateOfBirth: parsed.value.dateOfBirth } },
    population: found(populationPerson({ personalIdentityCode: code, dateOfBirth: parsed.value.dateOfBirth }), 'POPULATION'),
  });
}

describe('age', () => {
  const eighteenToday = addYears(AS_OF, -18);

  it('exactly 18 on the evaluation date is FULFILLED; 18 minus a day is NOT_FULFILLED', () => {
    expect(ageRule.evaluate(withCode(formatHetu(eighteenToday, 'A', 402)), thresholds, AS_OF).outcome).toBe('FULFILLED');
    const young = ageRule.evaluate(withCode(formatHetu(addDays(eighteenToday, 1), 'A', 402)), thresholds, AS_OF);
    expect(young).toMatchObject({
      outcome: 'NOT_FULFILLED',
      explanation: `The applicant is under 18: 17 years on ${AS_OF}, 18 on ${addDays(AS_OF, 1)}`,
    });
  });

  it('someone born on 29 February turns 18 on 28 February of a common year', () => {
    const facts = withCode(formatHetu('2008-02-29', 'B', 224));
    expect(ageRule.evaluate(facts, thresholds, '2026-02-27').outcome).toBe('NOT_FULFILLED');
    expect(ageRule.evaluate(facts, thresholds, '2026-02-28').outcome).toBe('FULFILLED');
  });

  // The same six digits of birth date read as 1808, 1908 or 2008 by the century sign.
  const signs = [
    ...HETU_SIGNS_BY_CENTURY[1800].map((sign) => [sign, 1800] as const),
    ...HETU_SIGNS_BY_CENTURY[1900].map((sign) => [sign, 1900] as const),
    ...HETU_SIGNS_BY_CENTURY[2000].map((sign) => [sign, 2000] as const),
  ];

  it.each(signs)('takes the birth century from the sign %s (%s)', (sign, century) => {
    const born = `${century + 8}-10-01`;
    const code = formatHetu(born, sign, 123);
    const facts = withCode(code);
    // The application's own date of birth must not matter when there is a code.
    facts.application.applicant.dateOfBirth = '1990-01-01';
    const result = ageRule.evaluate(facts, thresholds, AS_OF);
    expect(result.facts[0]).toMatchObject({ name: 'dateOfBirthFromIdentityCode', value: born, source: 'REGISTRY' });
    expect(result.explanation).toContain(`${2026 - century - 8} years on ${AS_OF}`);
    expect(result.outcome).toBe('FULFILLED'); // exactly 18 for the 2000s signs
    const dayLater = ageRule.evaluate(withCode(formatHetu(`${century + 8}-10-02`, sign, 123)), thresholds, AS_OF);
    expect(dayLater.outcome).toBe(century === 2000 ? 'NOT_FULFILLED' : 'FULFILLED');
  });

  it('without a Finnish code, takes the declared date of birth and says so', () => {
    const base = application();
    const facts = citizenshipFacts({
      application: { ...base, applicant: { ...base.applicant, personalIdentityCode: null, dateOfBirth: eighteenToday } },
      population: null,
    });
    const result = ageRule.evaluate(facts, thresholds, AS_OF);
    expect(result).toMatchObject({ outcome: 'FULFILLED', facts: [{ name: 'dateOfBirth', source: 'DECLARED' }] });
  });
});

describe('identity', () => {
  it("FULFILLED only for a valid permanent code the population information system holds under the applicant's name and date of birth", () => {
    expect(identityRule.evaluate(citizenshipFacts(), thresholds, AS_OF).outcome).toBe('FULFILLED');
  });

  const base = application();
  it.each([
    [
      'no Finnish code',
      citizenshipFacts({ application: { ...base, applicant: { ...base.applicant, personalIdentityCode: null } }, population: null }),
      /no Finnish personal identity code/,
    ],
    ['a temporary code', withCode(formatHetu('1986-06-05', '-', 912)), /temporary/],
    ['a code the registry does not know', citizenshipFacts({ population: found(null, 'POPULATION') }), /no record/],
    [
      'a superseded code',
      citizenshipFacts({ population: found(populationPerson({ identityCodeValid: false }), 'POPULATION') }),
      /superseded/,
    ],
    [
      'another name under the code',
      citizenshipFacts({ population: found(populationPerson({ familyName: 'Virtanen' }), 'POPULATION') }),
      /another name/,
    ],
    [
      'another date of birth under the code',
      citizenshipFacts({ population: found(populationPerson({ dateOfBirth: '1986-06-06' }), 'POPULATION') }),
      /another name or date of birth/,
    ],
    [
      'the population information system down',
      citizenshipFacts({ population: failed('POPULATION') }),
      /POPULATION \(REGISTRY_UNAVAILABLE\)/,
    ],
  ] as const)('%s: MANUAL_REVIEW, never NOT_FULFILLED', (_case, facts, explanation) => {
    const result = identityRule.evaluate(facts, thresholds, AS_OF);
    expect(result).toMatchObject({ outcome: 'MANUAL_REVIEW', discretionary: true });
    expect(result.explanation).toMatch(explanation);
  });

  it('compares names without case or diacritics', () => {
    const facts = citizenshipFacts({
      population: found(populationPerson({ familyName: 'Lopez Garcia', givenNames: 'MARIANA' }), 'POPULATION'),
    });
    expect(identityRule.evaluate(facts, thresholds, AS_OF).outcome).toBe('FULFILLED');
  });
});

describe('residence period', () => {
  const since = (start: string, declared: Parameters<typeof application>[1] = {}, withPopulation = true) =>
    citizenshipFacts({
      application: application({}, { residenceStartedOn: start, ...declared }),
      population: withPopulation
        ? found(populationPerson({ migrations: [{ direction: 'TO_FINLAND', date: start, country: 'COL' }] }), 'POPULATION')
        : null,
    });
  const noCertificate = { languageCertificates: [] };
  const eightYears = addYears(AS_OF, -8);
  const fiveYears = addYears(AS_OF, -5);

  it('exactly 8 years is FULFILLED; 8 years minus a day is NOT_FULFILLED', () => {
    expect(residencePeriodRule.evaluate(since(eightYears, noCertificate), thresholds, AS_OF)).toMatchObject({
      outcome: 'FULFILLED',
      thresholds: [{ name: 'citizenship.residenceYears', value: 8 }],
    });
    const short = residencePeriodRule.evaluate(since(addDays(eightYears, 1), noCertificate), thresholds, AS_OF);
    expect(short).toMatchObject({ outcome: 'NOT_FULFILLED', explanation: expect.stringContaining(`reached on ${addDays(AS_OF, 1)}`) });
  });

  it('5 years with a language certificate, and 5 years minus a day', () => {
    expect(residencePeriodRule.evaluate(since(fiveYears), thresholds, AS_OF)).toMatchObject({
      outcome: 'FULFILLED',
      explanation: expect.stringContaining('with a language certificate'),
      thresholds: [
        { name: 'citizenship.shortenedResidenceYears', value: 5 },
        { name: 'citizenship.minimumLanguageLevel', value: 3 },
      ],
    });
    expect(residencePeriodRule.evaluate(since(addDays(fiveYears, 1)), thresholds, AS_OF).outcome).toBe('NOT_FULFILLED');
  });

  it('5 years as the spouse of a Finnish citizen, as the population information system records it', () => {
    const facts = since(fiveYears, noCertificate);
    const spouse = populationPerson({
      migrations: [{ direction: 'TO_FINLAND', date: fiveYears, country: 'COL' }],
      familyRelations: [{ relation: 'SPOUSE', personalIdentityCode: null, nationalities: ['FIN'], since: '2019-01-01' }],
    });
    expect(residencePeriodRule.evaluate({ ...facts, population: found(spouse, 'POPULATION') }, thresholds, AS_OF)).toMatchObject({
      outcome: 'FULFILLED',
      explanation: expect.stringContaining('spouse of a Finnish citizen'),
    });
    // Declared, but the registry records no Finnish spouse: no ground for 5 years.
    expect(
      residencePeriodRule.evaluate(since(fiveYears, { ...noCertificate, spouseOfFinnishCitizen: true }), thresholds, AS_OF).outcome,
    ).toBe('NOT_FULFILLED');
    // Without a population record the declaration stands, and is marked declared.
    const declared = residencePeriodRule.evaluate(
      since(fiveYears, { ...noCertificate, spouseOfFinnishCitizen: true }, false),
      thresholds,
      AS_OF,
    );
    expect(declared.outcome).toBe('FULFILLED');
    expect(declared.facts).toContainEqual(expect.objectContaining({ name: 'spouseOfFinnishCitizen', value: true, source: 'DECLARED' }));
  });

  it('5 years as a stateless person', () => {
    const facts = since(fiveYears, { ...noCertificate, stateless: true });
    facts.application.applicant.nationalities = [];
    expect(residencePeriodRule.evaluate(facts, thresholds, AS_OF)).toMatchObject({
      outcome: 'FULFILLED',
      explanation: expect.stringContaining('stateless'),
    });
  });

  it('6 years with nothing that shortens the requirement', () => {
    expect(residencePeriodRule.evaluate(since(addYears(AS_OF, -6), noCertificate), thresholds, AS_OF).outcome).toBe('NOT_FULFILLED');
  });

  it('a declared start the population information system contradicts goes to a case worker', () => {
    const facts = citizenshipFacts({ application: application({}, { residenceStartedOn: '2015-01-01' }) });
    expect(residencePeriodRule.evaluate(facts, thresholds, AS_OF)).toMatchObject({
      outcome: 'MANUAL_REVIEW',
      explanation: expect.stringMatching(/declares residence since 2015-01-01/),
    });
  });

  it("counts from the population record's move to Finland, and without a code from the declaration", () => {
    const registered = residencePeriodRule.evaluate(citizenshipFacts(), thresholds, AS_OF);
    expect(registered.facts).toContainEqual(
      expect.objectContaining({
        name: 'movedToFinlandOn',
        value: '2017-10-01',
        source: 'REGISTRY',
        provenance: expect.objectContaining({ registry: 'POPULATION' }),
      }),
    );
    const declared = residencePeriodRule.evaluate(since(eightYears, {}, false), thresholds, AS_OF);
    expect(declared.outcome).toBe('FULFILLED');
    expect(declared.facts[0]).toMatchObject({ name: 'residenceStartedOn', source: 'DECLARED' });
  });

  it('the population information system down: MANUAL_REVIEW naming it', () => {
    expect(
      residencePeriodRule.evaluate(citizenshipFacts({ population: failed('POPULATION', 'REGISTRY_TIMEOUT') }), thresholds, AS_OF),
    ).toMatchObject({
      outcome: 'MANUAL_REVIEW',
      registryFailures: [{ registry: 'POPULATION', code: 'REGISTRY_TIMEOUT' }],
    });
  });
});

describe('days abroad', () => {
  /** A stay of `days` days from `from`, counting both ends. */
  const stay = (from: string, days: number): StayAbroad => ({ from, to: addDays(from, days - 1), country: 'BRA' });
  const abroad = (...stays: StayAbroad[]) => citizenshipFacts({ application: application({}, { staysAbroad: stays }) });

  it.each([
    [365, 'FULFILLED'],
    [366, 'NOT_FULFILLED'],
  ] as const)('%s days in total, none in the last year: %s', (total, outcome) => {
    const facts = abroad(stay(addYears(AS_OF, -4), 180), stay(addYears(AS_OF, -3), total - 180));
    const result = daysAbroadRule.evaluate(facts, thresholds, AS_OF);
    expect(result.outcome).toBe(outcome);
    expect(result.facts).toContainEqual(expect.objectContaining({ name: 'daysAbroadInTotal', value: total, source: 'DECLARED' }));
  });

  it.each([
    [90, 'FULFILLED'],
    [91, 'NOT_FULFILLED'],
  ] as const)('%s days in the last year: %s', (days, outcome) => {
    const result = daysAbroadRule.evaluate(abroad(stay(addDays(AS_OF, -200), days)), thresholds, AS_OF);
    expect(result).toMatchObject({ outcome, thresholds: [{ value: 365 }, { value: 90 }] });
  });

  it('counts only the part of a stay inside the last year, up to the evaluation date', () => {
    // 10 days before the last year began, 20 inside it.
    const result = daysAbroadRule.evaluate(abroad(stay(addDays(addYears(AS_OF, -1), -10), 30)), thresholds, AS_OF);
    expect(result.facts).toContainEqual(expect.objectContaining({ name: 'daysAbroadInLastYear', value: 20 }));
  });
});

describe('language', () => {
  const yki = (levels: Partial<LanguageCertificate['levels']>, language: 'fi' | 'sv' = 'fi'): LanguageCertificate => ({
    test: 'YKI',
    language,
    takenOn: '2025-10-01',
    levels: { speaking: null, writing: null, listening: null, reading: null, ...levels },
  });
  const withCertificates = (...languageCertificates: LanguageCertificate[]) =>
    citizenshipFacts({ application: application({}, { languageCertificates }) });

  it.each([
    ['speaking and writing', { speaking: 3, writing: 3, listening: 2, reading: 2 }],
    ['listening and writing', { speaking: 2, writing: 3, listening: 3, reading: 2 }],
    ['reading and speaking', { speaking: 3, writing: 2, listening: 2, reading: 3 }],
  ])('level 3 in %s is FULFILLED', (pair, levels) => {
    const result = languageRule.evaluate(withCertificates(yki(levels)), thresholds, AS_OF);
    expect(result).toMatchObject({ outcome: 'FULFILLED', explanation: `YKI certificate in Finnish: level 3 or above in ${pair}` });
    expect(result.facts[0]).toMatchObject({ name: 'languageCertificates', source: 'DECLARED', provenance: { registry: 'CASE_REGISTER' } });
  });

  it('in Swedish too', () => {
    expect(languageRule.evaluate(withCertificates(yki({ reading: 4, speaking: 3 }, 'sv')), thresholds, AS_OF).explanation).toContain(
      'in Swedish',
    );
  });

  it('speaking and listening is not an accepted pair; level 2 is not enough; nothing at all', () => {
    expect(
      languageRule.evaluate(withCertificates(yki({ speaking: 3, listening: 3, writing: 2, reading: 2 })), thresholds, AS_OF).outcome,
    ).toBe('NOT_FULFILLED');
    expect(languageRule.evaluate(withCertificates(yki({ speaking: 2, writing: 2 })), thresholds, AS_OF).outcome).toBe('NOT_FULFILLED');
    expect(languageRule.evaluate(withCertificates(), thresholds, AS_OF).outcome).toBe('NOT_FULFILLED');
  });

  it('other proof of language skills goes to a case worker', () => {
    const exam: LanguageCertificate = { ...yki({}), test: 'CIVIL_SERVICE_LANGUAGE_EXAM' };
    expect(languageRule.evaluate(withCertificates(exam), thresholds, AS_OF)).toMatchObject({
      outcome: 'MANUAL_REVIEW',
      explanation: expect.stringContaining('CIVIL_SERVICE_LANGUAGE_EXAM'),
    });
  });
});

describe('integrity', () => {
  const withPolice = (records: Partial<PoliceSubjectRecords>) =>
    citizenshipFacts({ police: found(policeRecords({ subjectKnown: true, ...records }), 'POLICE') });
  const conviction = (committedOn: string, sanction: string | null) => ({
    caseNumber: 'R/2026/1',
    title: 'Theft',
    category: 'ORDINARY' as const,
    committedOn,
    status: 'CONVICTED' as const,
    decidedOn: committedOn,
    sanction,
  });

  it('no records: FULFILLED', () => {
    expect(integrityRule.evaluate(citizenshipFacts(), thresholds, AS_OF).outcome).toBe('FULFILLED');
  });

  it('a fine within its 2-year waiting period, counted from the day of the offence, is NOT_FULFILLED; after it, FULFILLED', () => {
    const within = withPolice({ offences: [conviction(addDays(addYears(AS_OF, -2), 1), 'Fine (40 day-fines)')] });
    const after = withPolice({ offences: [conviction(addYears(AS_OF, -2), 'Fine (40 day-fines)')] });
    expect(integrityRule.evaluate(within, thresholds, AS_OF).outcome).toBe('NOT_FULFILLED');
    expect(integrityRule.evaluate(after, thresholds, AS_OF).outcome).toBe('FULFILLED');
  });

  it.each([
    ['Conditional imprisonment, 2 months', 3, 'NOT_FULFILLED'],
    ['Conditional imprisonment, 2 months', 4, 'FULFILLED'],
    ['Imprisonment, 1 year 6 months', 6, 'NOT_FULFILLED'],
    ['Imprisonment, 1 year 6 months', 12, 'FULFILLED'],
  ] as const)('%s, %s years ago: %s', (sanction, yearsAgo, outcome) => {
    expect(
      integrityRule.evaluate(withPolice({ offences: [conviction(addYears(AS_OF, -yearsAgo), sanction)] }), thresholds, AS_OF).outcome,
    ).toBe(outcome);
  });

  it.each([
    [
      'a restraining order',
      { restrainingOrders: [{ orderNumber: 'L/1', kind: 'BASIC' as const, validFrom: '2026-07-01', validUntil: '2027-06-30' }] },
    ],
    ['a pending investigation', { pendingInvestigations: [{ caseNumber: 'R/2026/2', title: 'Fraud', openedOn: '2026-08-01' }] }],
    ['an offence not yet decided', { offences: [{ ...conviction('2026-06-01', null), status: 'SUSPECTED' as const }] }],
    ['a conviction without a recorded sanction', { offences: [conviction('2025-06-01', null)] }],
    ['a business ban in force', { businessBans: [{ decisionNumber: 'B/1', validFrom: '2025-01-01', validUntil: '2027-01-01' }] }],
  ])('%s: MANUAL_REVIEW, discretionary', (matter, records) => {
    expect(integrityRule.evaluate(withPolice(records), thresholds, AS_OF)).toMatchObject({
      outcome: 'MANUAL_REVIEW',
      explanation: expect.stringContaining(matter),
    });
  });

  it('marks every police fact POLICE_RECORDS; the explanation names no case, date or sanction', () => {
    const result = integrityRule.evaluate(withPolice({ offences: [conviction('2026-02-01', 'Fine (40 day-fines)')] }), thresholds, AS_OF);
    expect(result.facts.length).toBeGreaterThan(0);
    expect(result.facts.every((fact) => fact.confidentiality === 'POLICE_RECORDS' && fact.provenance.registry === 'POLICE')).toBe(true);
    expect(result.explanation).not.toMatch(/R\/2026|Theft|Fine|2026-02-01/);
  });

  it('police unavailable: MANUAL_REVIEW naming it', () => {
    expect(integrityRule.evaluate(citizenshipFacts({ police: failed('POLICE') }), thresholds, AS_OF)).toMatchObject({
      outcome: 'MANUAL_REVIEW',
      registryFailures: [{ registry: 'POLICE' }],
    });
  });

  it("reads the kind of sanction from the police's wording", () => {
    expect(
      ['Fine (10 day-fines)', 'Penalty fee', 'Conditional imprisonment, 1 month', 'Imprisonment, 10 months', 'Community service', null].map(
        sanctionKind,
      ),
    ).toEqual(['FINE', 'FINE', 'CONDITIONAL_IMPRISONMENT', 'IMPRISONMENT', null, null]);
  });
});

describe('payment obligations', () => {
  const debt = (amountEur: number, underPaymentPlan = false) =>
    citizenshipFacts({ personalTaxDebt: found({ personalIdentityCode: 'x', amountEur, underPaymentPlan }, 'TAX') });

  it.each([
    ['no recorded debt', citizenshipFacts(), 'FULFILLED'],
    ['a debt of 0', debt(0), 'FULFILLED'],
    ['150 EUR', debt(150), 'MANUAL_REVIEW'],
    ['999 EUR', debt(999), 'MANUAL_REVIEW'],
    ['1,000 EUR', debt(1000), 'NOT_FULFILLED'],
    ['15,800 EUR', debt(15_800), 'NOT_FULFILLED'],
    ['4,200 EUR under a payment plan', debt(4200, true), 'MANUAL_REVIEW'],
    ['no Finnish code to ask by', citizenshipFacts({ personalTaxDebt: null }), 'MANUAL_REVIEW'],
    ['the tax administration down', citizenshipFacts({ personalTaxDebt: failed('TAX') }), 'MANUAL_REVIEW'],
  ] as const)('%s: %s', (_case, facts, outcome) => {
    expect(paymentObligationsRule.evaluate(facts, thresholds, AS_OF).outcome).toBe(outcome);
  });
});

describe('means of support', () => {
  const months = (unemploymentBenefitMonths: number, socialAssistanceMonths: number) =>
    citizenshipFacts({ application: application({}, { meansOfSupport: { unemploymentBenefitMonths, socialAssistanceMonths } }) });

  it.each([
    [3, 0, 'FULFILLED'],
    [4, 0, 'NOT_FULFILLED'],
    [0, 4, 'NOT_FULFILLED'],
    [2, 1, 'FULFILLED'],
    [2, 2, 'MANUAL_REVIEW'], // each within 3, together over: the months may overlap
  ] as const)('%s months of unemployment benefit and %s of social assistance: %s', (unemployment, assistance, outcome) => {
    const result = meansOfSupportRule.evaluate(months(unemployment, assistance), thresholds, AS_OF);
    expect(result.outcome).toBe(outcome);
    expect(result.facts[0]).toMatchObject({ name: 'meansOfSupport', source: 'DECLARED', provenance: { registry: 'CASE_REGISTER' } });
  });

  it('not stated: MANUAL_REVIEW', () => {
    expect(
      meansOfSupportRule.evaluate(citizenshipFacts({ application: application({}, { meansOfSupport: null }) }), thresholds, AS_OF).outcome,
    ).toBe('MANUAL_REVIEW');
  });
});

describe('before the rules as amended from 1 October 2024', () => {
  it('no citizenship threshold is in force: every rule that needs one goes to a case worker', () => {
    for (const rule of [ageRule, residencePeriodRule, daysAbroadRule, languageRule, integrityRule, meansOfSupportRule]) {
      expect(rule.evaluate(citizenshipFacts(), thresholds, '2024-09-30').outcome, rule.id).toBe('MANUAL_REVIEW');
    }
  });
});
