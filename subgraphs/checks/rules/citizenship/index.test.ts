import { describe, expect, it } from 'vitest';
import { citizenshipFacts } from '../../../../test/check-facts.js';
import { checkedInThresholds } from '../../../../contracts/check-thresholds.js';
import { ageRule } from './age-and-identity.js';
import { daysAbroadRule, residencePeriodRule } from './residence.js';
import { languageRule } from './language.js';
import { integrityRule } from './integrity.js';
import { meansOfSupportRule } from './payments-and-support.js';

const thresholds = checkedInThresholds();

describe('before the rules as amended from 1 October 2024', () => {
  it('no citizenship threshold is in force: every rule that needs one goes to a case worker', () => {
    for (const rule of [ageRule, residencePeriodRule, daysAbroadRule, languageRule, integrityRule, meansOfSupportRule]) {
      expect(rule.evaluate(citizenshipFacts(), thresholds, '2024-09-30').outcome, rule.id).toBe('MANUAL_REVIEW');
    }
  });
});
