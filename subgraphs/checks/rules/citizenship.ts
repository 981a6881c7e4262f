/**
 * Citizenship by application (naturalisation), the general requirements of the Nationality Act
 * as amended from 1 October 2024. Figures are in contracts/check-thresholds.json; the choices casegraph made
 * where the law leaves room are stated at each rule and in README.md ("Prerequisite checks").
 *
 * Facts from registries casegraph does not consult yet come from the application as declared:
 * language certificates (National Certificates of Language Proficiency), stays abroad, and the
 * months on unemployment benefit or social assistance (income register, social support
 * register). Each says so in its evidence (source DECLARED, registry CASE_REGISTER).
 */
import type { CaseApplication, LanguageCertificate } from '../../../contracts/registries/case-register.js';
import type { PoliceOffence, PoliceSubjectRecords } from '../../../contracts/registries/police.js';
import type { PopulationPerson } from '../../../contracts/registries/population.js';
import { parsePersonalIdentityCode } from '../../../contracts/identifiers.js';
import type { IsoDate } from '../../../contracts/xroad.js';
import { normalizeName } from '../../shared/subjects.js';
import type { Provenance } from '../../shared/xroad-client.js';
import { answerOf } from '../registry-readers.js';
import type { PersonalTaxDebt } from '../../../contracts/registries/tax.js';
import { addYears, daysInclusive, fullYears, yearsHavePassed } from '../calendar.js';
import { thresholdOn, type AppliedThreshold, type Thresholds } from '../../../contracts/check-thresholds.js';
import {
  declaredFact,
  defineRule,
  euros,
  noThresholdInForce,
  registryFact,
  registryUnavailable,
  type Answer,
  type Fact,
  type RuleDefinition,
  type Verdict,
} from './rule.js';
import type { RuleSet } from './rule-set.js';
import { gatherSisFacts, sisRule, type SisFacts } from './sis.js';

export interface CitizenshipFacts extends SisFacts {
  /** The application with the applicant and what they declared, as the case register holds it. */
  application: CaseApplication;
  applicationProvenance: Provenance;
  /** The population record under the applicant's Finnish code; null when they have no code to ask by. */
  population: Answer<PopulationPerson> | null;
  /** Police case management on the applicant (by identity code, or by biographic data). */
  police: Answer<PoliceSubjectRecords>;
  /** Recorded personal tax debt (a null record: none recorded); null when there is no Finnish code to ask by. */
  personalTaxDebt: Answer<PersonalTaxDebt> | null;
}

const NATIONALITY_ACT = 'Nationality Act (359/2003) s. 13, general requirements for naturalisation';

function citizenshipRule(
  definition: Pick<RuleDefinition, 'id' | 'title'> & Partial<RuleDefinition> & { requirement: string },
  decide: (facts: CitizenshipFacts, thresholds: Thresholds, asOf: IsoDate) => Verdict,
) {
  const { requirement, ...rest } = definition;
  return defineRule<CitizenshipFacts>(
    {
      version: 1,
      legalBasis: `${NATIONALITY_ACT}: ${requirement}`,
      discretionary: false,
      outcomes: ['FULFILLED', 'NOT_FULFILLED'],
      ...rest,
    },
    decide,
  );
}

/** The applicant's Finnish personal identity code, parsed; null when they have none (or it does not parse). */
function identityCode(application: CaseApplication) {
  const code = application.applicant.personalIdentityCode;
  if (!code) return null;
  const parsed = parsePersonalIdentityCode(code);
  return parsed.ok ? parsed.value : null;
}

// ------------------------------------------------------------------------------------------
// Age
// ------------------------------------------------------------------------------------------

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
    return {
      outcome: 'NOT_FULFILLED',
      explanation: `The applicant is under ${minimum.value}: ${age} years on ${asOf}, ${minimum.value} on ${addYears(born.date, minimum.value)}`,
      facts: [born.fact],
      thresholds: [minimum],
    };
  },
);

// ------------------------------------------------------------------------------------------
// Identity
// ------------------------------------------------------------------------------------------

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
        "The population information system establishes the identity: a valid permanent identity code with the applicant's name and date of birth",
      facts: [hasCode, temporary, found, valid, match],
    };
  },
);

// ------------------------------------------------------------------------------------------
// Residence period
// ------------------------------------------------------------------------------------------

/** YKI level pairs that prove language skills: speaking and writing, listening and writing, reading and speaking. */
const LANGUAGE_PAIRS = [
  ['speaking', 'writing'],
  ['listening', 'writing'],
  ['reading', 'speaking'],
] as const;

/** The first accepted pair of one YKI certificate at `level` or above, e.g. "speaking and writing", or null. */
function provenPair(certificate: LanguageCertificate, level: number): string | null {
  if (certificate.test !== 'YKI') return null;
  const pair = LANGUAGE_PAIRS.find(([a, b]) => (certificate.levels[a] ?? 0) >= level && (certificate.levels[b] ?? 0) >= level);
  return pair ? `${pair[0]} and ${pair[1]}` : null;
}

function yki(certificates: readonly LanguageCertificate[], level: number): { certificate: LanguageCertificate; pair: string } | null {
  for (const certificate of certificates) {
    const pair = provenPair(certificate, level);
    if (pair) return { certificate, pair };
  }
  return null;
}

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
            explanation: `The application declares residence since ${start}, the population information system since ${registered}: for a case worker`,
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
    const language = yki(declared.languageCertificates, level.value);
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
    if (yearsHavePassed(start, required.value, asOf)) {
      return {
        outcome: 'FULFILLED',
        explanation: `Residence in Finland since ${start}: ${years} years, at least the ${required.value} required${shorter ? ` ${ground}` : ''}`,
        facts: evidence,
        thresholds: applied,
      };
    }
    return {
      outcome: 'NOT_FULFILLED',
      explanation: `Residence in Finland since ${start}: ${required.value} years required${ground ? ` ${ground}` : ' (no ground for the shorter period)'}, reached on ${addYears(start, required.value)}`,
      facts: evidence,
      thresholds: applied,
    };
  },
);

// ------------------------------------------------------------------------------------------
// Days abroad
// ------------------------------------------------------------------------------------------

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

// ------------------------------------------------------------------------------------------
// Language
// ------------------------------------------------------------------------------------------

/**
 * A YKI certificate at level 3 in an accepted pair of skills proves the skills. Other proof (a
 * civil service language exam, school certificates) is assessed by a case worker; none at all
 * is NOT_FULFILLED.
 */
export const languageRule = citizenshipRule(
  {
    id: 'citizenship.language',
    title: 'The applicant has proven skills in Finnish or Swedish',
    requirement: 'language skills (YKI level 3 in speaking and writing, listening and writing, or reading and speaking)',
    outcomes: ['FULFILLED', 'NOT_FULFILLED', 'MANUAL_REVIEW'],
  },
  (facts, thresholds, asOf) => {
    const certificates = facts.application.declared.languageCertificates;
    const evidence = [declaredFact('languageCertificates', certificates, facts.applicationProvenance)];
    const level = thresholdOn(thresholds, 'citizenship', 'minimumLanguageLevel', asOf);
    if (!level) return noThresholdInForce('language level', asOf, evidence);
    const proven = yki(certificates, level.value);
    if (proven) {
      const language = proven.certificate.language === 'sv' ? 'Swedish' : 'Finnish';
      return {
        outcome: 'FULFILLED',
        explanation: `YKI certificate in ${language}: level ${level.value} or above in ${proven.pair}`,
        facts: evidence,
        thresholds: [level],
      };
    }
    const other = certificates.filter((certificate) => certificate.test !== 'YKI');
    if (other.length > 0) {
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: `No YKI certificate at level ${level.value} in an accepted pair; other proof (${[...new Set(other.map((c) => c.test))].join(', ')}) is assessed by a case worker`,
        facts: evidence,
        thresholds: [level],
      };
    }
    return {
      outcome: 'NOT_FULFILLED',
      explanation: `No certificate of language skills at level ${level.value} in speaking and writing, listening and writing, or reading and speaking`,
      facts: evidence,
      thresholds: [level],
    };
  },
);

// ------------------------------------------------------------------------------------------
// Integrity
// ------------------------------------------------------------------------------------------

type SanctionKind = 'FINE' | 'CONDITIONAL_IMPRISONMENT' | 'IMPRISONMENT';

/** "a, b and c" */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The kind of sanction, from the police's wording; null when it cannot be told. A penalty fee counts as a fine. */
export function sanctionKind(sanction: string | null): SanctionKind | null {
  if (!sanction) return null;
  if (/^conditional imprisonment/i.test(sanction)) return 'CONDITIONAL_IMPRISONMENT';
  if (/^imprisonment/i.test(sanction)) return 'IMPRISONMENT';
  if (/^(fine|penalty fee)/i.test(sanction)) return 'FINE';
  return null;
}

/**
 * No offences in the waiting period: a conviction whose waiting period (by the kind of
 * sanction, counted from the day of the offence) has not run out is NOT_FULFILLED. Matters the
 * law leaves to judgement go to a case worker: offences not yet decided (suspected, charged),
 * pending investigations, restraining orders and business bans, and a conviction whose sanction
 * the police record does not say. The records themselves are police data, withheld from callers
 * without the right to them: the outcome and the kinds of matter found are not.
 */
export const integrityRule = citizenshipRule(
  {
    id: 'citizenship.integrity',
    title: 'No offences in the waiting period, no restraining orders',
    requirement: 'integrity (no punishable acts within the waiting period, no restraining order)',
    outcomes: ['FULFILLED', 'NOT_FULFILLED', 'MANUAL_REVIEW'],
  },
  (facts, thresholds, asOf) => {
    if (!facts.police.ok) return registryUnavailable([facts.police.failure], 'Integrity');
    const { record, provenance } = facts.police;
    if (!record)
      return { outcome: 'MANUAL_REVIEW', explanation: 'Police case management gave no answer on the applicant: for a case worker' };
    const police = (name: string, value: unknown) => registryFact(name, value, provenance, 'POLICE_RECORDS');
    const evidence = [
      police('policeMatchedBy', record.matchedBy),
      police('offences', record.offences),
      police('pendingInvestigations', record.pendingInvestigations),
      police('restrainingOrders', record.restrainingOrders),
      police('businessBans', record.businessBans),
    ];
    const periods = {
      FINE: thresholdOn(thresholds, 'citizenship', 'waitingPeriodAfterFineYears', asOf),
      CONDITIONAL_IMPRISONMENT: thresholdOn(thresholds, 'citizenship', 'waitingPeriodAfterConditionalImprisonmentYears', asOf),
      IMPRISONMENT: thresholdOn(thresholds, 'citizenship', 'waitingPeriodAfterImprisonmentYears', asOf),
    };
    if (!periods.FINE || !periods.CONDITIONAL_IMPRISONMENT || !periods.IMPRISONMENT)
      return noThresholdInForce('waiting period', asOf, evidence);
    const applied = [periods.FINE, periods.CONDITIONAL_IMPRISONMENT, periods.IMPRISONMENT];
    const longest = Math.max(...applied.map((period) => period.value));

    const convicted = record.offences.filter((offence) => offence.status === 'CONVICTED');
    const withinWaitingPeriod = (offence: PoliceOffence, years: number) => !yearsHavePassed(offence.committedOn, years, asOf);
    const disqualifying = convicted.filter((offence) => {
      const kind = sanctionKind(offence.sanction);
      return kind !== null && withinWaitingPeriod(offence, periods[kind]!.value);
    });
    if (disqualifying.length > 0) {
      return {
        outcome: 'NOT_FULFILLED',
        explanation: 'Police case management records a conviction within its waiting period',
        facts: evidence,
        thresholds: applied,
      };
    }

    const matters = [
      convicted.some((offence) => sanctionKind(offence.sanction) === null && withinWaitingPeriod(offence, longest))
        ? 'a conviction without a recorded sanction'
        : null,
      record.offences.some((offence) => offence.status !== 'CONVICTED') ? 'an offence not yet decided' : null,
      record.pendingInvestigations.length > 0 ? 'a pending investigation' : null,
      record.restrainingOrders.length > 0 ? 'a restraining order' : null,
      record.businessBans.some((ban) => ban.validFrom <= asOf && ban.validUntil >= asOf) ? 'a business ban in force' : null,
    ].filter((matter) => matter !== null);
    if (matters.length > 0) {
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: `Police case management records ${listed(matters)}: for a case worker to weigh`,
        facts: evidence,
        thresholds: applied,
      };
    }
    return {
      outcome: 'FULFILLED',
      explanation: 'Police case management records no offence within its waiting period, no restraining order and no pending matter',
      facts: evidence,
      thresholds: applied,
    };
  },
);

// ------------------------------------------------------------------------------------------
// Payment obligations
// ------------------------------------------------------------------------------------------

/**
 * Personal tax debt from the tax administration. None recorded: FULFILLED. A debt under a
 * payment plan: MANUAL_REVIEW (the registry says a plan exists, not that it is kept). An unpaid
 * debt without a plan: NOT_FULFILLED from the configured amount on, MANUAL_REVIEW below it.
 */
export const paymentObligationsRule = citizenshipRule(
  {
    id: 'citizenship.paymentObligations',
    title: 'The applicant has met their payment obligations',
    requirement: 'payment obligations met (tax debt)',
    outcomes: ['FULFILLED', 'NOT_FULFILLED', 'MANUAL_REVIEW'],
  },
  (facts, thresholds, asOf) => {
    const answer = facts.personalTaxDebt;
    if (!answer) {
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: 'The applicant has no Finnish personal identity code to ask the tax administration by: for a case worker',
        facts: [registryFact('hasFinnishIdentityCode', false, facts.applicationProvenance)],
      };
    }
    if (!answer.ok) return registryUnavailable([answer.failure], 'Payment obligations');
    const amount = answer.record?.amountEur ?? 0;
    const plan = answer.record?.underPaymentPlan ?? false;
    const evidence = [
      registryFact('personalTaxDebtEur', amount, answer.provenance),
      registryFact('taxDebtUnderPaymentPlan', plan, answer.provenance),
    ];
    if (amount <= 0)
      return {
        outcome: 'FULFILLED',
        explanation: 'The tax administration records no tax debt for the applicant. Amount of tax debt: 0 euros',
        facts: evidence,
      };
    const limit = thresholdOn(thresholds, 'citizenship', 'personalTaxDebtNotFulfilledFromEur', asOf);
    if (!limit) return noThresholdInForce('personal tax debt', asOf, evidence);
    if (plan) {
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: `Tax debt of ${euros(amount)} euros under a payment plan: whether the plan is kept is for a case worker`,
        facts: evidence,
        thresholds: [limit],
      };
    }
    if (amount < limit.value) {
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: `Unpaid tax debt of ${euros(amount)} euros, less than ${euros(limit.value)} euros: for a case worker to weigh`,
        facts: evidence,
        thresholds: [limit],
      };
    }
    return {
      outcome: 'NOT_FULFILLED',
      explanation: `Unpaid tax debt of ${euros(amount)} euros without a payment plan (${euros(limit.value)} euros or more)`,
      facts: evidence,
      thresholds: [limit],
    };
  },
);

// ------------------------------------------------------------------------------------------
// Means of support
// ------------------------------------------------------------------------------------------

/**
 * Months on unemployment benefit or social assistance, as declared (the income register and the
 * social support register are not consulted yet). The limit is on the two combined: months of
 * either count. The declaration gives months per benefit, not which months, so when each alone
 * is within the limit but their sum is not, the two may overlap: a case worker counts them.
 */
export const meansOfSupportRule = citizenshipRule(
  {
    id: 'citizenship.meansOfSupport',
    title: 'The applicant has supported themself',
    requirement: 'means of support (no more than 3 months of unemployment benefit or social assistance in the last 2 years)',
    outcomes: ['FULFILLED', 'NOT_FULFILLED', 'MANUAL_REVIEW'],
  },
  (facts, thresholds, asOf) => {
    const support = facts.application.declared.meansOfSupport;
    const evidence = [declaredFact('meansOfSupport', support, facts.applicationProvenance)];
    const max = thresholdOn(thresholds, 'citizenship', 'meansOfSupportMaxMonths', asOf);
    const lookback = thresholdOn(thresholds, 'citizenship', 'meansOfSupportLookbackMonths', asOf);
    if (!max || !lookback) return noThresholdInForce('means of support', asOf, evidence);
    if (!support)
      return {
        outcome: 'MANUAL_REVIEW',
        explanation: 'The application does not state the months on benefits: for a case worker',
        facts: evidence,
      };
    const { unemploymentBenefitMonths: unemployment, socialAssistanceMonths: assistance } = support;
    const combined = unemployment + assistance;
    const applied = [max, lookback];
    const shown = `${unemployment} months of unemployment benefit and ${assistance} of social assistance in the last ${lookback.value} months (at most ${max.value})`;
    if (combined <= max.value)
      return { outcome: 'FULFILLED', explanation: `Means of support: ${shown}`, facts: evidence, thresholds: applied };
    if (unemployment > max.value || assistance > max.value) {
      return { outcome: 'NOT_FULFILLED', explanation: `Too long on benefits: ${shown}`, facts: evidence, thresholds: applied };
    }
    return {
      outcome: 'MANUAL_REVIEW',
      explanation: `Benefits may overlap: ${shown}; a case worker counts the months`,
      facts: evidence,
      thresholds: applied,
    };
  },
);

export const CITIZENSHIP_RULES = [
  ageRule,
  identityRule,
  residencePeriodRule,
  daysAbroadRule,
  languageRule,
  integrityRule,
  paymentObligationsRule,
  meansOfSupportRule,
] as const;

export const CITIZENSHIP: RuleSet<CitizenshipFacts> = {
  id: 'citizenship',
  version: 1,
  title: 'General requirements for citizenship by application',
  applicationType: 'CITIZENSHIP',
  registries: ['population', 'police', 'sis', 'tax'],
  async gatherFacts(readers, context, { record, provenance }) {
    const code = record.applicant.personalIdentityCode;
    // Every load starts before the first await, so a page's checks land in the same batches.
    const [population, personalTaxDebt, police, sis] = await Promise.all([
      code ? answerOf(() => readers.population.person(context, code)) : null,
      code ? answerOf(() => readers.tax.personalTaxDebt(context, code)) : null,
      answerOf(() => readers.police.records(context, record.applicant)),
      gatherSisFacts(readers, context, record),
    ]);
    return { application: record, applicationProvenance: provenance, population, personalTaxDebt, police, ...sis };
  },
  rules: [...CITIZENSHIP_RULES, sisRule],
};
