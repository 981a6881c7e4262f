/**
 * What a prerequisite rule is and what it yields.
 *
 * A rule is a pure function of the facts gathered for an application, the configured
 * thresholds and the date the check is evaluated as of: the same three give the same result,
 * whenever and wherever it runs. The result carries everything needed to explain it (GDPR art.
 * 22, Administrative Procedure Act ch. 8b): the rule and its version, the legal basis, the
 * thresholds applied, each fact used with the registry that gave it, when and under which
 * X-Road request, and a one-line explanation in the words of UMA's log.
 */
import type { IsoDate } from '../../../contracts/xroad.js';
import type { Provenance } from '../../shared/xroad-client.js';
import type { AppliedThreshold, Thresholds } from '../../../contracts/check-thresholds.js';

export type Outcome = 'FULFILLED' | 'NOT_FULFILLED' | 'MANUAL_REVIEW';

/** Where a fact's value comes from: a registry's own record, or what the applicant or employer declared on the application. */
export type FactSource = 'REGISTRY' | 'DECLARED';

/** A right a caller needs to see a fact's value; without it the value is withheld, the outcome is not. */
export type Confidentiality = 'POLICE_RECORDS';

export interface Fact {
  /** What the value is, e.g. `taxDebtEur`. */
  name: string;
  /** A JSON value: number, boolean, string, list or object. */
  value: unknown;
  source: FactSource;
  /** The registry answer the value was read from; for a declared fact, the case register's. */
  provenance: Provenance;
  confidentiality: Confidentiality | null;
}

/** A registry that could not be consulted, as the error from its loader named it. */
export interface RegistryFailure {
  /** The Registry enum value, e.g. TAX. */
  registry: string;
  /** The error code, e.g. REGISTRY_UNAVAILABLE. */
  code: string;
  message: string;
}

/**
 * A registry's answer as rules see it: the record (null when the registry does not know the key)
 * with its provenance, or why there is none.
 */
export type Answer<T> = { ok: true; record: T | null; provenance: Provenance } | { ok: false; failure: RegistryFailure };

export interface RuleDefinition {
  /** Stable id, e.g. `employer.taxDebt`. */
  id: string;
  /** Raised whenever the rule's logic changes, so an old outcome can be told from a new one. */
  version: number;
  title: string;
  legalBasis: string;
  /**
   * The law leaves the matter to a case worker's judgement: the rule settles automatically only
   * the clear case it documents, and never yields NOT_FULFILLED.
   */
  discretionary: boolean;
  /** The outcomes the rule can yield from registry data that is there (MANUAL_REVIEW for missing data comes on top). */
  outcomes: readonly Outcome[];
}

export interface RuleResult extends RuleDefinition {
  outcome: Outcome;
  /** One line a case worker reads, e.g. "Amount of the employer's tax liability is less than 1000 euros. Amount of tax debt: 0 euros". */
  explanation: string;
  thresholds: AppliedThreshold[];
  facts: Fact[];
  registryFailures: RegistryFailure[];
}

/** What a rule's evaluation decides; the definition is added by `defineRule`. */
export interface Verdict {
  outcome: Outcome;
  explanation: string;
  facts?: Fact[];
  thresholds?: AppliedThreshold[];
  registryFailures?: RegistryFailure[];
}

export interface Rule<F> extends RuleDefinition {
  evaluate(facts: F, thresholds: Thresholds, asOf: IsoDate): RuleResult;
}

export function defineRule<F>(definition: RuleDefinition, decide: (facts: F, thresholds: Thresholds, asOf: IsoDate) => Verdict): Rule<F> {
  return {
    ...definition,
    evaluate(facts, thresholds, asOf) {
      const verdict = decide(facts, thresholds, asOf);
      // Nothing is decided against a person on a matter of judgement.
      const outcome = definition.discretionary && verdict.outcome === 'NOT_FULFILLED' ? 'MANUAL_REVIEW' : verdict.outcome;
      return {
        ...definition,
        outcome,
        explanation: verdict.explanation,
        thresholds: verdict.thresholds ?? [],
        facts: verdict.facts ?? [],
        registryFailures: verdict.registryFailures ?? [],
      };
    },
  };
}

// ------------------------------------------------------------------------------------------
// Building facts and the verdicts every rule shares
// ------------------------------------------------------------------------------------------

/** A value read from a registry answer. */
export function registryFact(name: string, value: unknown, provenance: Provenance, confidentiality: Confidentiality | null = null): Fact {
  return { name, value, source: 'REGISTRY', provenance, confidentiality };
}

/**
 * A value the applicant or employer declared on the application. It stands in for registries
 * casegraph does not consult yet (language certificates, the income register, the social
 * support register), so it carries the case register's provenance and says it was declared.
 */
export function declaredFact(name: string, value: unknown, applicationProvenance: Provenance): Fact {
  return { name, value, source: 'DECLARED', provenance: applicationProvenance, confidentiality: null };
}

/** MANUAL_REVIEW because a registry the rule needs could not be consulted. */
export function registryUnavailable(failures: RegistryFailure[], what: string, facts: Fact[] = []): Verdict {
  const named = failures.map((failure) => `${failure.registry} (${failure.code})`).join(', ');
  return {
    outcome: 'MANUAL_REVIEW',
    explanation: `${what} could not be checked: ${named} could not be consulted`,
    facts,
    registryFailures: failures,
  };
}

/** MANUAL_REVIEW because no figure for a threshold is in force on the evaluation date. */
export function noThresholdInForce(name: string, asOf: IsoDate, facts: Fact[] = []): Verdict {
  return {
    outcome: 'MANUAL_REVIEW',
    explanation: `No ${name} threshold is configured in force on ${asOf}: for a case worker`,
    facts,
  };
}

/** Euros as UMA writes them: whole euros bare, cents with two decimals. */
export function euros(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}
