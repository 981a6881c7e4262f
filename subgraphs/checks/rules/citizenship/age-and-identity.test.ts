import { describe, expect, it } from 'vitest';
import { AS_OF, application, citizenshipFacts, failed, found, populationPerson } from '../../../../test/check-facts.js';
import { HETU_SIGNS_BY_CENTURY, formatHetu, parsePersonalIdentityCode } from '../../../../contracts/identifiers.js';
import { addDays, addYears } from '../../calendar.js';
import { checkedInThresholds } from '../../../../contracts/check-thresholds.js';
import { ageRule, identityRule } from './age-and-identity.js';

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
  it(
    'FULFILLED only for a valid permanent code the population information system holds ' + "under the applicant's name and date of birth",
    () => {
      expect(identityRule.evaluate(citizenshipFacts(), thresholds, AS_OF).outcome).toBe('FULFILLED');
    },
  );

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
