/**
 * Which subgraphs answer their /health, for the gateway's /ready body.
 *
 * Readiness of the gateway itself does not depend on it: a down subgraph costs the fields it
 * serves, not the gateway's ability to answer (see SUBGRAPH_UNAVAILABLE). Probes are cached
 * briefly, and concurrent /ready requests share one round of probes, so that a load balancer
 * polling often does not multiply into subgraph traffic.
 */
import type { SubgraphDataSource } from './subgraph-data-source.js';

export type Reachability = Record<string, 'reachable' | 'unreachable'>;

export class SubgraphReachability {
  private latest: { probedAt: number; result: Promise<Reachability> } | undefined;

  constructor(
    private readonly subgraphs: readonly SubgraphDataSource[],
    private readonly probeTimeoutMs: number,
    private readonly cacheMs: number,
  ) {}

  check(): Promise<Reachability> {
    const now = performance.now();
    if (this.latest && now - this.latest.probedAt < this.cacheMs) return this.latest.result;
    const result = Promise.all(
      this.subgraphs.map(async (subgraph) => {
        const healthy = await subgraph.isHealthy(this.probeTimeoutMs);
        return [subgraph.name, healthy ? 'reachable' : 'unreachable'] as const;
      }),
    ).then((entries): Reachability => Object.fromEntries(entries));
    this.latest = { probedAt: now, result };
    return result;
  }
}
