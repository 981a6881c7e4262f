/**
 * Age and identity: the applicant is of age, and who they are is reliably established.
 */
import type { IsoDate } from '../../../../contracts/xroad.js';
import { normalizeName } from '../../../shared/subjects.js';
import { addYears, fullYears, yearsHavePassed } from '../../calendar.js';
import { thresholdOn } from '../../../../contracts/check-thresholds.js';
import { declaredFact, noThresholdInForce, registryFact, registryUnavailable, type Fact, type Verdict } from '../rule.js';
import { citizenshipRule, identityCode, type CitizenshipFacts } from './citizenship-rule.js';

/**
 * The date of birth a Finnish identity code encodes (its century sign included), which is the
 * population information system's own; without a code, the one on the application.
 */
function dateOfBirth(facts: CitizenshipFacts): { date: IsoDate; fact: Fact } {
  const code = identityCode(facts.application);
  if (code) {
    return { date: code.dateOfBirth, fact: registryFact('dateOfBirthFromIdentityCode', code.dateOfBirth, facts.applicationProvenance) };
  }
  const declared = facts.application.applicant.dateOfBirth;
  return { date: declared, fact: declaredFact('dateOfBirth', declared, facts.applicationProvenance) };
}

export const ageRule = citizenshipRule(
  { id: 'citizenship.age', title: 'The applicant is at least 18 years old', requirement: 'age' },
  (facts, thresholds, asOf) => {
    const born = dateOfBirth(facts);
    const minimum = thresholdOn(thresholds, 'citizenship', 'minimumAgeYears', asOf);
    if (!minimum) return noThresholdInForce('minimum age', asOf, [born.fact]);
    const age = fullYears(born.date, asOf);
    if (yearsHavePassed(born.date, minimum.value, asOf)) {
      return {
        outcome: 'FULFILLED',
        explanation: `The applicant is at least ${minimum.value} years old: ${age} years on ${asOf}`,
        facts: [born.fact],
        thresholds: [minimum],
      };
    }
    const comesOfAgeOn = addYears(born.date, minimum.value);
    return {
      outcome: 'NOT_FULFILLED',
      explanation: `The applicant is under ${minimum.value}: ${age} years on ${asOf}, ${minimum.value} on ${comesOfAgeOn}`,
      facts: [born.fact],
      thresholds: [minimum],
    };
  },
);

/**
 * Establishing identity is discretionary. The rule settles one case automatically: the
 * population information system holds a record under the applicant's Finnish code, the code is
 * permanent (not 900-999) and still valid (not superseded), and the record's family name, first
 * given name and date of birth are the applicant's. Anything else is for a case worker.
 */
export const identityRule = citizenshipRule(
  {
    id: 'citizenship.identity',
    title: "The applicant's identity is reliably established",
    requirement: 'identity reliably established',
    discretionary: true,
    outcomes: ['FULFILLED', 'MANUAL_REVIEW'],
  },
  (facts) => {
    const code = identityCode(facts.application);
    const review = (explanation: string, evidence: Fact[] = []): Verdict => ({ outcome: 'MANUAL_REVIEW', explanation, facts: evidence });
    const hasCode = registryFact('hasFinnishIdentityCode', code !== null, facts.applicationProvenance);
    if (!code) return review('The applicant has no Finnish personal identity code: identity is established by a case worker', [hasCode]);
    const temporary = registryFact('identityCodeTemporary', code.temporary, facts.applicationProvenance);
    if (code.temporary)
      return review('The applicant has only a temporary identity code: identity is established by a case worker', [hasCode, temporary]);
    const population = facts.population;
    if (!population) return review('The population information system was not asked: for a case worker', [hasCode, temporary]);
    if (!population.ok) return registryUnavailable([population.failure], "The applicant's identity", [hasCode, temporary]);
    const found = registryFact('inPopulationRegister', population.record !== null, population.provenance);
    if (!population.record) {
      return review("The population information system has no record under the applicant's identity code: for a case worker", [
        hasCode,
        temporary,
        found,
      ]);
    }
    const person = population.record;
    const valid = registryFact('identityCodeValid', person.identityCodeValid, population.provenance);
    if (!person.identityCodeValid) {
      return review("The applicant's identity code has been superseded by a new one: for a case worker", [
        hasCode,
        temporary,
        found,
        valid,
      ]);
    }
    const applicant = facts.application.applicant;
    const firstGivenName = (names: string) => normalizeName(names).split(' ')[0];
    const matches =
      normalizeName(person.familyName) === normalizeName(applicant.familyName) &&
      firstGivenName(person.givenNames) === firstGivenName(applicant.givenNames) &&
      person.dateOfBirth === applicant.dateOfBirth;
    const match = registryFact('nameAndDateOfBirthMatch', matches, population.provenance);
    if (!matches) {
      return review('The population information system records another name or date of birth under the identity code: for a case worker', [
        hasCode,
        temporary,
        found,
        valid,
        match,
      ]);
    }
    return {
      outcome: 'FULFILLED',
      explanation:
        'The population information system establishes the identity: ' +
        "a valid permanent identity code with the applicant's name and date of birth",
      facts: [hasCode, temporary, found, valid, match],
    };
  },
);
