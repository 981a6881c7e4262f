/**
 * How long each registry's answers may be served from the cache: the catalogue's defaults
 * (contracts/registry-catalogue.ts, with the reason for each), overridden per registry by
 * CACHE_TTL_<REGISTRY>. 0 turns caching off for a registry.
 *
 * Answers from the registry at the same moment would all expire at the same instant, and every
 * request after it would go to the registry at once: under steady load throughput fell from about
 * 1,900 to 200-470 req/s for a second or two every 30 s, as the case register's answers lapsed
 * together and were fetched together again, wave after wave. So each registry call's answers
 * expire at their own point in the last part of the TTL, TTL x [1 - spread, 1]: earlier, never
 * later, than the registry's policy allows. The point is per call, not per key: the keys one
 * batch call answered lapse together and are asked again in one call, so spreading costs the
 * registry no extra calls (per key, a page of 100 lapsed a few keys at a time and was fetched in
 * up to 17 times as many calls). It is derived from the call's X-Road id and the time it answered,
 * not drawn at random, so the memory level, Redis and every other process agree on it without
 * storing it, and a call that refreshes an entry gives it a new one.
 */
import { REGISTRIES, REGISTRY_IDS, type RegistryId } from '../../../contracts/registry-catalogue.js';

export const DEFAULT_TTL_SECONDS: Readonly<Record<RegistryId, number>> = Object.fromEntries(
  REGISTRY_IDS.map((id) => [id, REGISTRIES[id].cacheTtlSeconds]),
) as Record<RegistryId, number>;

/** The share of a TTL over which expiry is spread by default: answers expire in TTL x [0.8, 1]. */
export const DEFAULT_EXPIRY_SPREAD = 0.2;

export class CachePolicy {
  private readonly ttlMsByRegistry: Record<RegistryId, number>;

  constructor(
    ttlSeconds: Readonly<Record<RegistryId, number>>,
    private readonly expirySpread: number = DEFAULT_EXPIRY_SPREAD,
  ) {
    if (!(expirySpread >= 0 && expirySpread < 1)) throw new RangeError('the expiry spread is a share of the TTL in [0, 1)');
    this.ttlMsByRegistry = Object.fromEntries(REGISTRY_IDS.map((id) => [id, ttlSeconds[id] * 1000])) as Record<RegistryId, number>;
  }

  /** How long an answer from `registry` may be served at most; 0 when it is not cached. */
  ttlMs(registry: RegistryId): number {
    return this.ttlMsByRegistry[registry];
  }

  /**
   * Until when (epoch ms) an answer of the registry call `callId` (its X-Road id), given at
   * `retrievedAtMs`, may be served: within the last `spread` of its TTL, never after it.
   */
  expiresAtMs(registry: RegistryId, callId: string, retrievedAtMs: number): number {
    const ttlMs = this.ttlMsByRegistry[registry];
    if (this.expirySpread === 0) return retrievedAtMs + ttlMs;
    const earlier = Math.floor(ttlMs * this.expirySpread * unitInterval(callId, retrievedAtMs));
    return retrievedAtMs + ttlMs - earlier;
  }
}

/** A number in [0, 1) spread evenly over calls and times: FNV-1a of both. Not a secret, only a spread. */
function unitInterval(callId: string, time: number): number {
  let hash = 0x811c9dc5;
  const text = `${callId}|${time}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // FNV's low bits mix poorly for short differing suffixes: fold the high half in.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) / 0x1_0000_0000;
}
