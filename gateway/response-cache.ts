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
 * It lives in process memory only, bounded in bytes.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { GatewayContext, SubgraphRegistryActivity } from './request-context.js';

/** An LRU of serialized entries bounded in bytes, each with its own TTL. */
export class ResponseCacheStore {
  private readonly entries: LRUCache<string, string>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (value) => Math.max(value.length, 1) });
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: string, ttlSeconds: number): void {
    if (ttlSeconds > 0) this.entries.set(key, value, { ttl: ttlSeconds * 1000 });
  }

  flush(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

interface StoredResponse {
  data: Record<string, unknown>;
  storedAtMs: number;
  /** What the request that filled the entry read, so a hit is audited like it (audit/audit-trail.ts). */
  registryActivity: SubgraphRegistryActivity[];
  servedFields: Record<string, string[]>;
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
          const entry = JSON.parse(stored) as StoredResponse;
          markServedFromCache(entry.data);
          for (const activity of entry.registryActivity) contextValue.registryActivity.push({ ...activity, fromResponseCache: true });
          for (const [subgraph, fields] of Object.entries(entry.servedFields)) contextValue.servedFields[subgraph] = fields;
          hitAgeSeconds = Math.max(0, Math.floor((Date.now() - entry.storedAtMs) / 1000));
          return {
            http: { headers: new HeaderMap([['age', String(hitAgeSeconds)]]) },
            body: { kind: 'single', singleResult: { data: entry.data } },
          };
        },
        async willSendResponse({ contextValue, response, overallCachePolicy }) {
          if (key === null || hitAgeSeconds !== null || response.body.kind !== 'single') return;
          const { data } = response.body.singleResult;
          const policy = overallCachePolicy.policyIfCacheable();
          if (!data || contextValue.executionErrorCount !== 0 || !policy) return;
          const entry: StoredResponse = {
            data,
            storedAtMs: Date.now(),
            registryActivity: contextValue.registryActivity,
            servedFields: contextValue.servedFields,
          };
          store.set(key, JSON.stringify(entry), policy.maxAge);
        },
      };
    },
  };
}
