/**
 * Whole responses, cached at the gateway for as long as every registry answer in them may be
 * served, so a warm case view costs no subgraph round trip at all.
 *
 * This is the second level of the registry cache, not a cache of its own making: each subgraph
 * reports in Cache-Control how long its part may be kept (until the first registry answer in it
 * expires under its registry's policy; `no-store` with the registry cache off or on errors), the
 * data source restricts the request's cache policy with every fetch (subgraph-data-source.ts),
 * and a response is kept for the least of them. So:
 * - no response outlives the registry policy of anything in it, and a response whose execution
 *   had errors, or with any part not to be kept, is never stored (the errors for fields the caller
 *   may not read are authorization's, added after this cache, and do not count);
 * - an entry is keyed by the caller, what they may see (their rights and unit) and the case, so
 *   one caller's entry is never served to another, nor to the same caller with other rights;
 * - a fresh read (Cache-Control: no-cache, @fresh) skips it, and what it fetches is stored;
 * - an eviction flushes it, here and, through Redis, in every other gateway;
 * - keys are keyed HMACs: the key data holds the variables, which hold identity codes;
 * - an entry keeps what the request that filled it read from the registries, so a hit is audited
 *   as a view of the same subjects (source `response-cache`);
 * - a response served from here says so: every provenance in it reads `fromCache: true`, its
 *   `retrievedAt` and `requestId` still naming the registry call that fetched the data.
 * It lives in process memory only, bounded in bytes (as JSON), each entry kept as deep-frozen
 * objects so that a hit neither parses nor copies anything.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { GatewayContext, SubgraphRegistryActivity } from './request-context.js';

/**
 * What an entry holds: the answer as it is served from here (every provenance `fromCache: true`)
 * and what the request that filled it read, all deep-frozen and shared by every hit. Nothing
 * downstream writes into a served answer (authorization's errors go beside `data`), and a write
 * into a frozen object throws, so a future change cannot quietly alter another caller's hit.
 */
export interface StoredResponse {
  readonly data: Readonly<Record<string, unknown>>;
  readonly storedAtMs: number;
  /** What the request that filled the entry read, each marked `fromResponseCache`, so a hit is audited like it (audit/audit-trail.ts). */
  readonly registryActivity: readonly SubgraphRegistryActivity[];
  readonly servedFields: Readonly<Record<string, readonly string[]>>;
  /** The entry's size in bytes, as JSON: what the store's bound counts. */
  readonly bytes: number;
}

/** An LRU of entries bounded in bytes, each with its own TTL. */
export class ResponseCacheStore {
  private readonly entries: LRUCache<string, StoredResponse>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, StoredResponse>({ maxSize: maxBytes, sizeCalculation: (entry) => Math.max(entry.bytes, 1) });
  }

  get(key: string): StoredResponse | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: StoredResponse, ttlSeconds: number): void {
    if (ttlSeconds > 0) this.entries.set(key, entry, { ttl: ttlSeconds * 1000 });
  }

  flush(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Sets `fromCache: true` on every provenance in a response's data. */
function markServedFromCache(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) markServedFromCache(item);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'provenance' && child !== null && typeof child === 'object' && 'fromCache' in child) {
      (child as { fromCache: boolean }).fromCache = true;
    } else {
      markServedFromCache(child);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The entry a request's answer makes: a copy, marked as served from cache, frozen. */
export function storedResponseOf(
  data: Record<string, unknown>,
  registryActivity: readonly SubgraphRegistryActivity[],
  servedFields: Record<string, string[]>,
  storedAtMs: number,
): StoredResponse {
  const json = JSON.stringify({ data, registryActivity, servedFields });
  // The copy is what the JSON round trip makes: the answer being sent keeps `fromCache: false`.
  const copy = JSON.parse(json) as {
    data: Record<string, unknown>;
    registryActivity: SubgraphRegistryActivity[];
    servedFields: Record<string, string[]>;
  };
  markServedFromCache(copy.data);
  for (const activity of copy.registryActivity) activity.fromResponseCache = true;
  return deepFreeze({ ...copy, storedAtMs, bytes: json.length });
}

/** `onLookup` is told whether each lookup (a query not asking for fresh data) was a hit, for metrics. */
export function responseCachePlugin(store: ResponseCacheStore, onLookup?: (hit: boolean) => void): ApolloServerPlugin<GatewayContext> {
  // Entries live in this process only, so a per-process secret is enough to key them.
  const secret = randomBytes(32);
  return {
    async requestDidStart() {
      let key: string | null = null;
      let hitAgeSeconds: number | null = null;
      return {
        async responseForOperation({ contextValue, operation, operationName, queryHash, request }) {
          if (operation.operation !== 'query') return null;
          const { principal, caseId } = contextValue;
          key = createHmac('sha256', secret)
            .update(
              JSON.stringify([
                queryHash,
                operationName,
                request.variables ?? null,
                principal.userId,
                principal.rightsKey,
                principal.unit,
                caseId,
              ]),
            )
            .digest('base64url');
          if (contextValue.fresh) return null;
          const stored = store.get(key);
          onLookup?.(stored !== undefined);
          if (stored === undefined) return null;
          // A hit runs nothing more, so the request's activity is the entry's, shared and frozen
          // (the audit trail keeps a record's registry section per entry), unless the case check
          // (case-access.ts) asked the case register first: then the two are joined.
          contextValue.registryActivity =
            contextValue.registryActivity.length === 0
              ? (stored.registryActivity as SubgraphRegistryActivity[])
              : [...contextValue.registryActivity, ...stored.registryActivity];
          contextValue.servedFields =
            Object.keys(contextValue.servedFields).length === 0
              ? (stored.servedFields as Record<string, string[]>)
              : { ...contextValue.servedFields, ...(stored.servedFields as Record<string, string[]>) };
          hitAgeSeconds = Math.max(0, Math.floor((Date.now() - stored.storedAtMs) / 1000));
          return {
            http: { headers: new HeaderMap([['age', String(hitAgeSeconds)]]) },
            body: { kind: 'single', singleResult: { data: stored.data as Record<string, unknown> } },
          };
        },
        async willSendResponse({ contextValue, response, overallCachePolicy }) {
          if (key === null || hitAgeSeconds !== null || response.body.kind !== 'single') return;
          const { data } = response.body.singleResult;
          const policy = overallCachePolicy.policyIfCacheable();
          if (!data || contextValue.executionErrorCount !== 0 || !policy) return;
          store.set(key, storedResponseOf(data, contextValue.registryActivity, contextValue.servedFields, Date.now()), policy.maxAge);
        },
      };
    },
  };
}
