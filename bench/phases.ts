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
  /**
   * Before every measured window, read every variable set fresh once (Cache-Control: no-cache)
   * through casegraph: the subgraphs' registry caches, shared by every gateway, and casegraph's
   * response cache then hold answers with their whole TTL ahead, so the window measures warm
   * answers however long the earlier windows took (SIS answers live only 30 s by default).
   */
  refreshBeforeMeasuring: boolean;
}

export const PHASES: readonly Phase[] = [
  // REGISTRY_CACHE=off switches the subgraphs' registry cache off, which also makes them tell
  // the gateway to keep nothing: every request reaches the registries.
  { name: 'cold', subgraphEnv: { REGISTRY_CACHE: 'off' }, refreshBeforeMeasuring: false },
  // Warm: the cache as shipped, with its default TTLs.
  { name: 'warm', subgraphEnv: {}, refreshBeforeMeasuring: true },
];
