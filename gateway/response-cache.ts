/**
 * Whole responses, cached at the gateway for as long as every registry answer in them may be
 * served, so a warm case view costs no subgraph round trip at all.
 *
 * This is the second level of the registry cache, not a cache of its own making: each subgraph
 * reports in Cache-Control how long its part may be kept (until the first registry answer in it
 * expires under its registry's policy; `no-store` with the registry cache off or on errors), the
 * data source restricts the request's cache policy with every fetch (subgraph-data-source.ts),
 * and Apollo's response-cache plugin keeps a response for the least of them. So:
 * - no response outlives the registry policy of anything in it, and a response with errors, or
 *   with any part not to be kept, is never stored;
 * - a fresh read (Cache-Control: no-cache, @fresh) skips it, and what it fetches is stored;
 * - an eviction flushes it, here and, through Redis, in every other gateway;
 * - entries are per caller (their visible data will depend on their rights), under keyed
 *   HMACs: the key data holds the variables, which hold identity codes;
 * - a response served from here says so: every provenance in it reads `fromCache: true`, its
 *   `retrievedAt` and `requestId` still naming the registry call that fetched the data.
 * It lives in process memory only, bounded in bytes.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from './request-context.js';

/** Apollo's KeyValueCache over an LRU bounded in bytes; values are the plugin's serialized entries. */
export class ResponseCacheStore {
  private readonly entries: LRUCache<string, string>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (value) => Math.max(value.length, 1) });
  }

  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key);
  }

  /** `ttl` is in seconds; without one there is nothing to keep. */
  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    if (options?.ttl) this.entries.set(key, value, { ttl: options.ttl * 1000 });
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
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

const markHits: GraphQLRequestListener<GatewayContext> = {
  async willSendResponse({ metrics, response }) {
    // On a hit the plugin parsed the stored entry for this request: its data is ours to mark.
    if (metrics.responseCacheHit && response.body.kind === 'single') markServedFromCache(response.body.singleResult.data);
  },
};

export function responseCachePlugins(store: ResponseCacheStore): ApolloServerPlugin<GatewayContext>[] {
  // Entries live in this process only, so a per-process secret is enough to key them.
  const secret = randomBytes(32);
  return [
    ApolloServerPluginResponseCache<GatewayContext>({
      cache: store,
      sessionId: async ({ contextValue }) => `caller:${contextValue.userId ?? ''}`,
      shouldReadFromCache: async ({ contextValue }) => !contextValue.fresh,
      generateCacheKey: (_request, keyData) => createHmac('sha256', secret).update(JSON.stringify(keyData)).digest('base64url'),
    }),
    { requestDidStart: async () => markHits },
  ];
}
