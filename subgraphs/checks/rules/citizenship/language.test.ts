import { describe, expect, it } from 'vitest';
import { AS_OF, application, citizenshipFacts } from '../../../../test/check-facts.js';
import type { LanguageCertificate } from '../../../../contracts/registries/case-register.js';
import { checkedInThresholds } from '../../../../contracts/check-thresholds.js';
import { languageRule } from './language.js';

const thresholds = checkedInThresholds();

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
