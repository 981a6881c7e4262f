/**
 * Residence: how long the applicant has lived in Finland, and how long they have been away.
 */
import type { PopulationPerson } from '../../../../contracts/registries/population.js';
import type { IsoDate } from '../../../../contracts/xroad.js';
import { addYears, daysInclusive, fullYears, yearsHavePassed } from '../../calendar.js';
import { thresholdOn, type AppliedThreshold } from '../../../../contracts/check-thresholds.js';
import { declaredFact, noThresholdInForce, registryFact, registryUnavailable, type Fact } from '../rule.js';
import { citizenshipRule } from './citizenship-rule.js';
import { ykiProof } from './language.js';

/** The last move to Finland in the population information system: where residence begins. */
function registeredResidenceStart(person: PopulationPerson): IsoDate | null {
  return person.migrations.filter((move) => move.direction === 'TO_FINLAND').at(-1)?.date ?? null;
}

/**
 * Residence is counted from the last move to Finland the population information system
 * records; for an applicant without a Finnish code, from the start the application declares.
 * When both exist and differ, a case worker decides which holds.
 */
export const residencePeriodRule = citizenshipRule(
  {
    id: 'citizenship.residencePeriod',
    title: 'The applicant has lived in Finland long enough',
    requirement:
      'residence period (8 years; 5 years with proven language skills, for the spouse of a Finnish citizen, or for a stateless person)',
  },
  (facts, thresholds, asOf) => {
    const { declared, applicant } = facts.application;
    const evidence: Fact[] = [declaredFact('residenceStartedOn', declared.residenceStartedOn, facts.applicationProvenance)];
    let start = declared.residenceStartedOn;
    let spouseInRegister: boolean | null = null;
    if (facts.population) {
      if (!facts.population.ok) return registryUnavailable([facts.population.failure], 'The residence period', evidence);
      const person = facts.population.record;
      if (person) {
        const registered = registeredResidenceStart(person);
        evidence.push(registryFact('movedToFinlandOn', registered, facts.population.provenance));
        spouseInRegister = person.familyRelations.some(
          (relative) => relative.relation === 'SPOUSE' && relative.nationalities.includes('FIN'),
        );
        evidence.push(registryFact('spouseIsFinnishCitizen', spouseInRegister, facts.population.provenance));
        if (registered && start && registered !== start) {
          return {
            outcome: 'MANUAL_REVIEW',
            explanation:
              `The application declares residence since ${start}, ` +
              `the population information system since ${registered}: for a case worker`,
            facts: evidence,
          };
        }
        start = registered ?? start;
      }
    }
    if (!start)
      return { outcome: 'MANUAL_REVIEW', explanation: 'No start of residence in Finland is known: for a case worker', facts: evidence };

    const full = thresholdOn(thresholds, 'citizenship', 'residenceYears', asOf);
    const shortened = thresholdOn(thresholds, 'citizenship', 'shortenedResidenceYears', asOf);
    const level = thresholdOn(thresholds, 'citizenship', 'minimumLanguageLevel', asOf);
    if (!full || !shortened || !level) return noThresholdInForce('residence period', asOf, evidence);

    // The grounds for 5 years. A spouse is taken from the population record when there is one, else as declared.
    const language = ykiProof(declared.languageCertificates, level.value);
    const spouse = spouseInRegister ?? declared.spouseOfFinnishCitizen;
    if (spouseInRegister === null)
      evidence.push(declaredFact('spouseOfFinnishCitizen', declared.spouseOfFinnishCitizen, facts.applicationProvenance));
    const stateless = declared.stateless && applicant.nationalities.length === 0;
    evidence.push(
      declaredFact('languageCertificateForShorterResidence', language !== null, facts.applicationProvenance),
      declaredFact('stateless', declared.stateless, facts.applicationProvenance),
    );
    const ground = language
      ? 'with a language certificate'
      : spouse
        ? 'as the spouse of a Finnish citizen'
        : stateless
          ? 'as a stateless person'
          : null;
    // The shorter period matters only to someone short of the full one.
    const shorter = ground !== null && !yearsHavePassed(start, full.value, asOf);
    const required = shorter ? shortened : full;
    const applied: AppliedThreshold[] = !shorter ? [full] : language ? [shortened, level] : [shortened];
    const years = fullYears(start, asOf);
    const residence = `Residence in Finland since ${start}`;
    if (yearsHavePassed(start, required.value, asOf)) {
      return {
        outcome: 'FULFILLED',
        explanation: `${residence}: ${years} years, at least the ${required.value} required${shorter ? ` ${ground}` : ''}`,
        facts: evidence,
        thresholds: applied,
      };
    }
    return {
      outcome: 'NOT_FULFILLED',
      explanation:
        `${residence}: ${required.value} years required${ground ? ` ${ground}` : ' (no ground for the shorter period)'}, ` +
        `reached on ${addYears(start, required.value)}`,
      facts: evidence,
      thresholds: applied,
    };
  },
);

/**
 * Days abroad as declared, counting both the day of leaving and the day of return, over the
 * residence period (from the declared start, up to the evaluation date); "the last year" is the
 * year up to and including the evaluation date.
 */
export const daysAbroadRule = citizenshipRule(
  {
    id: 'citizenship.daysAbroad',
    title: 'The applicant has not been abroad too long',
    requirement: 'residence period (time spent abroad)',
  },
  (facts, thresholds, asOf) => {
    const { staysAbroad, residenceStartedOn } = facts.application.declared;
    const total = thresholdOn(thresholds, 'citizenship', 'maxDaysAbroadTotal', asOf);
    const lastYear = thresholdOn(thresholds, 'citizenship', 'maxDaysAbroadLastYear', asOf);
    const stays = declaredFact('staysAbroad', staysAbroad, facts.applicationProvenance);
    if (!total || !lastYear) return noThresholdInForce('days abroad', asOf, [stays]);

    const daysWithin = (from: IsoDate) =>
      staysAbroad.reduce((sum, stay) => sum + daysInclusive(stay.from > from ? stay.from : from, stay.to < asOf ? stay.to : asOf), 0);
    const inTotal = daysWithin(residenceStartedOn ?? '0000-01-01');
    const inLastYear = daysWithin(addYears(asOf, -1));
    const evidence = [
      stays,
      declaredFact('daysAbroadInTotal', inTotal, facts.applicationProvenance),
      declaredFact('daysAbroadInLastYear', inLastYear, facts.applicationProvenance),
    ];
    const shown = `${inTotal} days abroad in total (at most ${total.value}), ${inLastYear} in the last year (at most ${lastYear.value})`;
    return inTotal <= total.value && inLastYear <= lastYear.value
      ? { outcome: 'FULFILLED', explanation: `Time abroad within the limits: ${shown}`, facts: evidence, thresholds: [total, lastYear] }
      : { outcome: 'NOT_FULFILLED', explanation: `Too long abroad: ${shown}`, facts: evidence, thresholds: [total, lastYear] };
  },
);
