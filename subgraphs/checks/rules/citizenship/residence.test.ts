import { describe, expect, it } from 'vitest';
import { AS_OF, application, citizenshipFacts, failed, found, populationPerson } from '../../../../test/check-facts.js';
import type { StayAbroad } from '../../../../contracts/registries/case-register.js';
import { addDays, addYears } from '../../calendar.js';
import { checkedInThresholds } from '../../../../contracts/check-thresholds.js';
import { daysAbroadRule, residencePeriodRule } from './residence.js';

const thresholds = checkedInThresholds();

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
