/**
 * Running a prerequisite check: the application's rule set reads the facts it needs from the
 * registries, then the rule set is evaluated on them.
 *
 * Facts are read through the registry clients every subgraph uses, with their per-request
 * DataLoaders (registry-readers.ts): checks started together for a page of applications share
 * one call per batch registry per 500 keys, and police and SIS get one call per distinct
 * subject. The shared loaders are where the registry cache sits, so it serves the checks too.
 *
 * A registry that cannot be consulted does not fail the check: its RegistryError becomes
 * evidence, and the rules that needed it go to MANUAL_REVIEW naming it.
 */
import type { IsoDate } from '../../contracts/xroad.js';
import { perRequest, type SubgraphContext } from '../shared/request-context.js';
import { evaluateRuleSet, withoutRuleSet, type PrerequisiteCheck } from './evaluation.js';
import type { ApplicationAnswer, RegistryReaders } from './registry-readers.js';
import { RULE_SETS_BY_TYPE } from './rules/index.js';
import type { Thresholds } from '../../contracts/check-thresholds.js';

export class PrerequisiteChecker {
  constructor(
    private readonly readers: RegistryReaders,
    private readonly thresholds: Thresholds,
  ) {}

  /** The check of one application as of `asOf`; asked twice in a request, it runs once. */
  check(context: SubgraphContext, application: ApplicationAnswer, asOf: IsoDate): Promise<PrerequisiteCheck> {
    return perRequest(context, `prerequisiteCheck:${application.record.id}:${asOf}`, () => this.run(context, application, asOf));
  }

  private async run(context: SubgraphContext, application: ApplicationAnswer, asOf: IsoDate): Promise<PrerequisiteCheck> {
    const { id: applicationId, type: applicationType } = application.record;
    const subject = { applicationId, applicationType, asOf };
    // Taken once the facts are in, so the log's time is after every answer it rests on.
    const at = () => ({ ...subject, evaluatedAt: new Date().toISOString() });
    const ruleSet = RULE_SETS_BY_TYPE[applicationType];
    if (!ruleSet) return withoutRuleSet(at());
    // Called before this function's first await: the set's loads join the batches of the page's other checks.
    const facts = await ruleSet.gatherFacts(this.readers, context, application);
    return evaluateRuleSet(ruleSet, facts, this.thresholds, at());
  }
}
