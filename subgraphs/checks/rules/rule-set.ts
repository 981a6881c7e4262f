/**
 * What a rule set is: the rules for one application type, with the registries they need and how
 * their facts are read from them. A rule set owns its facts, so adding one is a module of its
 * own and a line in the table of rules/index.ts; the checker knows no fact type.
 */
import type { ApplicationType } from '../../../contracts/registries/case-register.js';
import type { SubgraphContext } from '../../shared/request-context.js';
import type { ApplicationAnswer, RegistryReaders } from '../registry-readers.js';
import type { Rule } from './rule.js';
import type { SisFacts } from './sis.js';

/** A rule set over facts `F`; every set's facts include the SIS II search, whose rule ends every set. */
export interface RuleSet<F extends SisFacts> {
  id: string;
  /** Raised whenever a rule is added, removed or changes version. */
  version: number;
  title: string;
  applicationType: ApplicationType;
  /**
   * The registries `gatherFacts` reads, by their ids in the registry catalogue: no more, no
   * fewer (rule-sets.test.ts holds each set to it). The checks subgraph reads their union.
   */
  registries: readonly (keyof RegistryReaders)[];
  /**
   * Reads the facts the rules need about `application`. Every load starts before the first
   * await, so the checks of a page of applications land in the same batches; a registry that
   * cannot be consulted becomes a failed Answer (see `answerOf`), never a thrown error.
   */
  gatherFacts(readers: RegistryReaders, context: SubgraphContext, application: ApplicationAnswer): Promise<F>;
  /** In the order they are evaluated and logged; the SIS II rule last. */
  rules: readonly Rule<F>[];
}
