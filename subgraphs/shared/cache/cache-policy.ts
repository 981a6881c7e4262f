/**
 * How long each registry's answers may be served from the cache.
 *
 * The defaults weigh what stale data would cost a case against what a registry call costs:
 * - Case register (our own case system): 30 s. Statuses change as case workers act; 30 s lets a
 *   case view and the queries that follow it share answers without a worklist lagging behind.
 * - Population information system: 4 h. Names, addresses and residence change rarely, VTJ
 *   answers a million queries a day, and its change notices can evict a person at once.
 * - Trade register and tax administration: 24 h. Both are daily snapshots at best (the
 *   compliance report carries its own report date).
 * - Police: 60 s. A new entry changes what a case worker must do; a minute only spares the
 *   follow-up queries of one case view, never a later one.
 * - SIS II: 30 s. A hit may call for action at once (an arrest alert), so SIS is cached just
 *   long enough for one case view and the prerequisite check that follows it.
 * Before deciding, a case worker asks for fresh data (Cache-Control: no-cache or @fresh), which
 * skips every cached answer. 0 turns caching off for a registry.
 */
import { REGISTRY_IDS, type RegistryId } from '../../../contracts/registry-catalogue.js';

export const DEFAULT_TTL_SECONDS: Readonly<Record<RegistryId, number>> = {
  caseRegister: 30,
  population: 4 * 3600,
  police: 60,
  sis: 30,
  tradeRegister: 24 * 3600,
  tax: 24 * 3600,
};

export class CachePolicy {
  private readonly ttlMsByRegistry: Record<RegistryId, number>;

  constructor(ttlSeconds: Readonly<Record<RegistryId, number>>) {
    this.ttlMsByRegistry = Object.fromEntries(REGISTRY_IDS.map((id) => [id, ttlSeconds[id] * 1000])) as Record<RegistryId, number>;
  }

  /** How long an answer from `registry` may be served; 0 when it is not cached. */
  ttlMs(registry: RegistryId): number {
    return this.ttlMsByRegistry[registry];
  }
}
