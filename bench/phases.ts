/**
 * The benchmark runs in phases, each on its own start of the mocks and subgraphs. Cold measures
 * every request reaching the registries; warm (once the subgraphs cache registry answers) measures
 * the cache doing its job. A phase runs only when some scenario belongs to it.
 */
export type PhaseName = 'cold' | 'warm';

export interface Phase {
  name: PhaseName;
  /** Environment for the subgraphs of this phase (on top of the shared settings). */
  subgraphEnv: Record<string, string>;
  /** Send one request per scenario before measuring, so the measured window starts warm. */
  primeBeforeMeasuring: boolean;
}

export const PHASES: readonly Phase[] = [
  // REGISTRY_CACHE=off switches the subgraphs' registry cache off; subgraphs without a cache
  // ignore it, so the cold numbers mean the same before and after the cache arrives.
  { name: 'cold', subgraphEnv: { REGISTRY_CACHE: 'off' }, primeBeforeMeasuring: false },
  // Warm: cache on (its default). Not measured yet: no scenario has `phase: 'warm'`.
  { name: 'warm', subgraphEnv: {}, primeBeforeMeasuring: true },
];
