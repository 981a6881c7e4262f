/**
 * Integrity: no offences within their waiting period, no restraining orders, as police case
 * management records them.
 */
import type { PoliceOffence } from '../../../../contracts/registries/police.js';
import { yearsHavePassed } from '../../calendar.js';
import { thresholdOn } from '../../../../contracts/check-thresholds.js';
import { noThresholdInForce, registryFact, registryUnavailable } from '../rule.js';
import { citizenshipRule } from './citizenship-rule.js';

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
