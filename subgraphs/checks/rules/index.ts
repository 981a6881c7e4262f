/**
 * The rule set of each application type, or null for a type without one. The checker looks a
 * set up here and nowhere else: a new rule set is its own module and one line below.
 * FAMILY_TIES and STUDY have none: their checks say so, and recommend nothing.
 */
import type { ApplicationType } from '../../../contracts/registries/case-register.js';
import { CITIZENSHIP } from './citizenship/index.js';
import { EMPLOYER_CHECK } from './employer-check.js';
import type { RuleSet } from './rule-set.js';
import type { SisFacts } from './sis.js';
import { SPECIALIST_PERMIT } from './specialist-permit.js';

/**
 * Each set is held as a rule set over the facts all sets share: the checker hands a set's own
 * facts, from its own `gatherFacts`, to its own rules, and never looks inside them.
 */
export const RULE_SETS_BY_TYPE: { readonly [T in ApplicationType]: RuleSet<SisFacts> | null } = {
  WORK_PERMIT: EMPLOYER_CHECK,
  SPECIALIST_PERMIT: SPECIALIST_PERMIT,
  CITIZENSHIP: CITIZENSHIP,
  // A case worker assesses every prerequisite.
  FAMILY_TIES: null,
  STUDY: null,
};

const APPLICATION_TYPES = Object.keys(RULE_SETS_BY_TYPE) as ApplicationType[];

/** The rule sets, in the table's order. */
export const RULE_SETS: readonly RuleSet<SisFacts>[] = APPLICATION_TYPES.flatMap((type) => RULE_SETS_BY_TYPE[type] ?? []);

/** Application types no rule set covers: a case worker assesses every prerequisite. */
export const TYPES_WITHOUT_RULE_SET: readonly ApplicationType[] = APPLICATION_TYPES.filter((type) => RULE_SETS_BY_TYPE[type] === null);
