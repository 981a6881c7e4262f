/**
 * Named scenario applications: fixed ids, the same in every data set whatever its seed or size,
 * so tests, example operations and demos can name them. Each states one case and what it
 * exercises; everything not stated is an applicant and employer in good standing. The scenarios
 * are kept in groups by what they exercise (scenarios/); this is the one table of them all.
 *
 * Rules are meant to be evaluated at the data set's reference date. Days abroad count both the
 * first and the last day of a stay. The residence cases at 8 years have no language certificate,
 * because any YKI level-3 certificate already opens the 5-year path (so they fail the language
 * rule, on purpose). README.md lists this table.
 */
import type { DatasetBuilder } from './builder.js';
import { ScenarioKit } from './scenario-kit.js';
import { CASE_VIEW_SCENARIOS } from './scenarios/case-view.js';
import { CITIZENSHIP_CONDUCT_SCENARIOS } from './scenarios/citizenship-conduct.js';
import { CITIZENSHIP_ELIGIBILITY_SCENARIOS } from './scenarios/citizenship-eligibility.js';
import { EMPLOYER_CHECK_SCENARIOS } from './scenarios/employer-checks.js';
import type { Scenario } from './scenarios/scenario-ids.js';
import { SIS_AND_POLICE_SCENARIOS } from './scenarios/sis-and-police.js';
import { SPECIALIST_PERMIT_SCENARIOS } from './scenarios/specialist-permits.js';

export { SCENARIO, type Scenario } from './scenarios/scenario-ids.js';

/**
 * Every scenario in id order. Ids are assigned in the order scenarios are added, and a scenario's
 * people and employers are made when first named, so this order is what keeps every scenario's
 * records (and the random bulk after them) the same.
 */
export const SCENARIOS: readonly Scenario[] = [
  ...CASE_VIEW_SCENARIOS,
  ...SIS_AND_POLICE_SCENARIOS,
  ...SPECIALIST_PERMIT_SCENARIOS,
  ...EMPLOYER_CHECK_SCENARIOS,
  ...CITIZENSHIP_ELIGIBILITY_SCENARIOS,
  ...CITIZENSHIP_CONDUCT_SCENARIOS,
].sort((a, b) => (a.id < b.id ? -1 : 1));

/** Adds every scenario to the data set, in id order, before any random record. */
export function buildScenarios(builder: DatasetBuilder): void {
  const kit = new ScenarioKit(builder);
  for (const scenario of SCENARIOS) scenario.build(kit, scenario.id);
}
