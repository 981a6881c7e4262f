/**
 * Language skills in Finnish or Swedish, and the YKI certificates that prove them (which also
 * shorten the residence period).
 */
import type { LanguageCertificate } from '../../../../contracts/registries/case-register.js';
import { thresholdOn } from '../../../../contracts/check-thresholds.js';
import { declaredFact, noThresholdInForce } from '../rule.js';
import { citizenshipRule } from './citizenship-rule.js';

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

/** The first certificate in `certificates` that proves the skills at `level`, with the pair it proves them in; null if none does. */
export function ykiProof(
  certificates: readonly LanguageCertificate[],
  level: number,
): { certificate: LanguageCertificate; pair: string } | null {
  for (const certificate of certificates) {
    const pair = provenPair(certificate, level);
    if (pair) return { certificate, pair };
  }
  return null;
}
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
    const proven = ykiProof(certificates, level.value);
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
      const otherTests = [...new Set(other.map((certificate) => certificate.test))].join(', ');
      return {
        outcome: 'MANUAL_REVIEW',
        explanation:
          `No YKI certificate at level ${level.value} in an accepted pair; ` + `other proof (${otherTests}) is assessed by a case worker`,
        facts: evidence,
        thresholds: [level],
      };
    }
    return {
      outcome: 'NOT_FULFILLED',
      explanation:
        `No certificate of language skills at level ${level.value} ` +
        'in speaking and writing, listening and writing, or reading and speaking',
      facts: evidence,
      thresholds: [level],
    };
  },
);
