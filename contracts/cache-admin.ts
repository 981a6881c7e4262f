/**
 * How cache administration reaches every process, as it does in production: the eviction request
 * the gateway and each subgraph accept on `POST /admin/cache/evict`, and the Redis channel on
 * which an eviction or flush is announced to every process sharing a key version.
 */
import { REGISTRIES, REGISTRY_IDS, type RegistryId } from './registry-catalogue.js';

/** The prefix of every Redis key casegraph writes under a key version (CACHE_KEY_VERSION). */
export function cacheKeyPrefix(version: number): string {
  return `cg:k${version}:`;
}

/** The Redis channel on which evictions under a key version are announced to every process. */
export function evictionChannel(version: number): string {
  return `${cacheKeyPrefix(version)}evictions`;
}

/** Announced on the eviction channel in place of a subject key: everything was flushed. */
export const FLUSH_ALL_MESSAGE = '*';

/** `POST /admin/cache/evict` body: {"registry": "POPULATION", "subject": "131052-308T"}. */
export interface EvictionRequest {
  registry: RegistryId;
  /** An identity code, Business ID, document number or case-register id. */
  subject: string;
}

const REGISTRY_BY_CODE = new Map(REGISTRY_IDS.map((id) => [REGISTRIES[id].code, id]));
const SUBJECT_SHAPE = /^[A-Za-z0-9+\-_.:]{1,128}$/;

export type EvictionRequestParse = { ok: true; request: EvictionRequest } | { ok: false; reason: string };

/** Checks an eviction request body (already parsed JSON); the reason never repeats the subject. */
export function parseEvictionRequest(body: unknown): EvictionRequestParse {
  const { registry: code, subject } = (typeof body === 'object' && body !== null ? body : {}) as { registry?: unknown; subject?: unknown };
  const registry = typeof code === 'string' ? REGISTRY_BY_CODE.get(code) : undefined;
  if (!registry) return { ok: false, reason: `registry must be one of ${[...REGISTRY_BY_CODE.keys()].join(', ')}` };
  if (typeof subject !== 'string' || !SUBJECT_SHAPE.test(subject)) {
    return { ok: false, reason: 'subject must be an identity code, Business ID, document number or case-register id' };
  }
  return { ok: true, request: { registry, subject } };
}
