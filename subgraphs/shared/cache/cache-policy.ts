/**
 * How long each registry's answers may be served from the cache: the catalogue's defaults
 * (contracts/registry-catalogue.ts, with the reason for each), overridden per registry by
 * CACHE_TTL_<REGISTRY>. 0 turns caching off for a registry.
 */
import { REGISTRIES, REGISTRY_IDS, type RegistryId } from '../../../contracts/registry-catalogue.js';

export const DEFAULT_TTL_SECONDS: Readonly<Record<RegistryId, number>> = Object.fromEntries(
  REGISTRY_IDS.map((id) => [id, REGISTRIES[id].cacheTtlSeconds]),
) as Record<RegistryId, number>;

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
