/**
 * Evaluating a rule set over an application's facts, and what the check recommends.
 *
 * Nothing is decided against a person here (GDPR art. 22; Administrative Procedure Act ch. 8b):
 * when every rule is FULFILLED the application is READY_FOR_DECISION, and otherwise the check
 * lists its findings for a case worker, NOT_FULFILLED ones first. There is no rejection.
 */
import type { ApplicationType } from '../../contracts/registries/case-register.js';
import type { IsoDate, IsoDateTime } from '../../contracts/xroad.js';
import type { RuleSet } from './rules/rule-set.js';
import type { Outcome, RuleResult } from './rules/rule.js';
import type { SisFacts } from './rules/sis.js';
import type { Thresholds } from '../../contracts/check-thresholds.js';

export type Recommendation = 'READY_FOR_DECISION' | 'FINDINGS_FOR_CASE_WORKER' | 'NO_AUTOMATIC_RECOMMENDATION';

/** A line of the check's log, as UMA logs its checks: when, which rule, its outcome, and what it found. */
export interface CheckLogLine {
  at: IsoDateTime;
  /** Null on the first line, which states the overall result. */
  ruleId: string | null;
  outcome: Outcome | null;
  text: string;
}

export interface PrerequisiteCheck {
  applicationId: string;
  applicationType: ApplicationType;
  /** Null for a type without a rule set. */
  ruleSet: { id: string; version: number; title: string } | null;
  asOf: IsoDate;
  evaluatedAt: IsoDateTime;
  recommendation: Recommendation;
  summary: string;
  rules: RuleResult[];
  /** The rules not FULFILLED: NOT_FULFILLED first, then MANUAL_REVIEW, each in rule order. */
  findings: RuleResult[];
  log: CheckLogLine[];
}

interface Subject {
  applicationId: string;
  applicationType: ApplicationType;
  asOf: IsoDate;
  evaluatedAt: IsoDateTime;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Runs every rule of `ruleSet` on `facts`: a pure function of the facts, the thresholds and the date. */
export function evaluateRuleSet<F extends SisFacts>(
  ruleSet: RuleSet<F>,
  facts: F,
  thresholds: Thresholds,
  subject: Subject,
): PrerequisiteCheck {
  const rules = ruleSet.rules.map((rule) => rule.evaluate(facts, thresholds, subject.asOf));
  const notFulfilled = rules.filter((rule) => rule.outcome === 'NOT_FULFILLED');
  const manualReview = rules.filter((rule) => rule.outcome === 'MANUAL_REVIEW');
  const findings = [...notFulfilled, ...manualReview];
  const recommendation: Recommendation = findings.length === 0 ? 'READY_FOR_DECISION' : 'FINDINGS_FOR_CASE_WORKER';
  const summary =
    recommendation === 'READY_FOR_DECISION'
      ? `Fulfilled - automatic: all ${rules.length} prerequisites fulfilled; ready for decision`
      : `For a case worker: ${count(notFulfilled.length, 'prerequisite', 'prerequisites')} not fulfilled, ` +
        `${count(manualReview.length, 'item', 'items')} for manual review`;
  return {
    ...subject,
    ruleSet: { id: ruleSet.id, version: ruleSet.version, title: ruleSet.title },
    recommendation,
    summary,
    rules,
    findings,
    log: [
      { at: subject.evaluatedAt, ruleId: null, outcome: null, text: summary },
      ...rules.map((rule) => ({ at: subject.evaluatedAt, ruleId: rule.id, outcome: rule.outcome, text: rule.explanation })),
    ],
  };
}

/** The check of an application whose type has no rule set: it says so, and recommends nothing. */
export function withoutRuleSet(subject: Subject): PrerequisiteCheck {
  const summary =
    `No automatic check: there is no prerequisite rule set for ${subject.applicationType} applications; ` +
    'a case worker assesses every prerequisite';
  return {
    ...subject,
    ruleSet: null,
    recommendation: 'NO_AUTOMATIC_RECOMMENDATION',
    summary,
    rules: [],
    findings: [],
    log: [{ at: subject.evaluatedAt, ruleId: null, outcome: null, text: summary }],
  };
}
