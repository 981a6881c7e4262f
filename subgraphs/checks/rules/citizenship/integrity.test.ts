import { describe, expect, it } from 'vitest';
import { AS_OF, citizenshipFacts, failed, found, policeRecords } from '../../../../test/check-facts.js';
import type { PoliceSubjectRecords } from '../../../../contracts/registries/police.js';
import { addDays, addYears } from '../../calendar.js';
import { checkedInThresholds } from '../../../../contracts/check-thresholds.js';
import { integrityRule, sanctionKind } from './integrity.js';

const thresholds = checkedInThresholds();

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
