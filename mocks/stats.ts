/**
 * Exact counters of the calls that reached each registry, for tests and the benchmark to prove
 * how many registry calls a query made. No bodies and no personal data are kept.
 *
 * What counts (README.md, "Counters"): a call is every request the security server routed to a
 * registry service (a well-formed X-Road-Client header and a known instance, member, subsystem
 * and service), whatever happened next: served, refused by the registry, failed by a knob
 * (down, error, timeout) or abandoned by the client. `keys` is the length of the body's `keys`
 * array, or 1 for any other call. `errors` counts calls answered with status 400 or above,
 * and calls the client abandoned (recorded with status 499).
 */
import { REGISTRY_IDS, type RegistryId } from '../contracts/registry-catalogue.js';

export const RECENT_CALLS_KEPT = 200;

/** Status recorded for a call whose client went away before it was answered. */
export const CLIENT_CLOSED_STATUS = 499;

export interface RecentCall {
  registry: RegistryId;
  /** The endpoint, e.g. persons/batch, or `<service>/*` for a path the registry does not serve. */
  service: string;
  keys: number;
  status: number;
  xRoadId: string;
  xRoadClient: string;
  xRoadUserId: string | null;
  xRoadIssue: string | null;
  /** When the call arrived. */
  at: string;
}

export interface EndpointStats {
  calls: number;
  keys: number;
}

export interface RegistryStats extends EndpointStats {
  errors: number;
  services: Record<string, EndpointStats>;
}

export interface StatsSnapshot {
  since: string;
  registries: Record<RegistryId, RegistryStats>;
  recentCalls: RecentCall[];
}

export class CallStats {
  private since = new Date();
  private registries = {} as Record<RegistryId, RegistryStats>;
  private recent: RecentCall[] = [];
  /** Where the next recent call goes once the ring is full. */
  private ringNext = 0;

  /** @param endpoints the endpoints of each registry, counted from zero even before any call */
  constructor(private readonly endpoints: Readonly<Record<RegistryId, readonly string[]>>) {
    this.reset();
  }

  /**
   * Counts a call when it reaches a registry. `endpoint` is null for a path the registry does not
   * serve: such a call counts in the registry's totals only.
   */
  recordCall(registry: RegistryId, endpoint: string | null, keys: number): void {
    const stats = this.registries[registry];
    stats.calls += 1;
    stats.keys += keys;
    const endpointStats = endpoint === null ? undefined : stats.services[endpoint];
    if (endpointStats) {
      endpointStats.calls += 1;
      endpointStats.keys += keys;
    }
  }

  /** Records how a counted call ended. */
  recordOutcome(call: RecentCall): void {
    if (call.status >= 400) this.registries[call.registry].errors += 1;
    if (this.recent.length < RECENT_CALLS_KEPT) {
      this.recent.push(call);
    } else {
      this.recent[this.ringNext] = call;
      this.ringNext = (this.ringNext + 1) % RECENT_CALLS_KEPT;
    }
  }

  /** The counters, with recent calls oldest first. */
  snapshot(): StatsSnapshot {
    return {
      since: this.since.toISOString(),
      registries: structuredClone(this.registries),
      recentCalls: [...this.recent.slice(this.ringNext), ...this.recent.slice(0, this.ringNext)],
    };
  }

  reset(): void {
    this.since = new Date();
    this.recent = [];
    this.ringNext = 0;
    const registries = {} as Record<RegistryId, RegistryStats>;
    for (const id of REGISTRY_IDS) {
      registries[id] = {
        calls: 0,
        keys: 0,
        errors: 0,
        services: Object.fromEntries(this.endpoints[id].map((e) => [e, { calls: 0, keys: 0 }])),
      };
    }
    this.registries = registries;
  }
}
