/**
 * The registry cache every subgraph gains through the shared loaders: memory first, then Redis
 * when configured, then the registry, with one registry call per key per process at a time.
 *
 * A lookup asks the memory level, sends what it missed to Redis in one MGET, joins any call
 * already in flight for a key, and hands only the keys left to the registry. Answers are kept
 * for their registry's TTL (cache-policy.ts), "not found" included, and are never served once
 * older than the TTL in force, whatever Redis still holds. A fresh read skips both levels but
 * stores what it fetched. Errors are never cached.
 */
import type { AnswerSource, RegistryActivitySink } from '../../../contracts/registry-activity.js';
import { RegistryError } from '../registry-error.js';
import type { Logger } from '../../../platform/logger.js';
import { REGISTRIES, REGISTRY_IDS, type RegistryId } from '../../../contracts/registry-catalogue.js';
import type { RegistryAnswer } from '../xroad-client.js';
import type { CachedAnswer } from './cached-answer.js';
import type { CacheKeys } from './cache-keys.js';
import type { CachePolicy } from './cache-policy.js';
import type { MemoryCache } from './memory-cache.js';
import type { RedisCache, RedisWrite } from './redis-cache.js';

export interface CacheLookup<T> {
  registry: RegistryId;
  service: string;
  /** The keys the registry is asked by; the result answers them in this order. */
  keys: readonly string[];
  /** Skip cached answers (a case worker about to decide); what is fetched is still stored. */
  fresh: boolean;
  /** The subjects an answer is about, for eviction: identity codes, Business IDs, case-register ids. */
  subjectsOf: (key: string, record: T | null) => readonly string[];
  /** Told, for every answer returned, until when (epoch ms) it may be served from a cache. */
  noteFreshUntil: (untilMs: number) => void;
  /** Told what the lookup did: which answers came from where, about whom (registry-activity.ts). */
  record: RegistryActivitySink;
}

export type Fetch<T> = (keys: string[]) => Promise<Array<RegistryAnswer<T> | RegistryError>>;

export interface RegistryCacheCounters {
  memory: { hits: number; misses: number };
  /** Errors are lookups Redis could not answer (down, slow, restarting): each is also a miss. */
  redis: { hits: number; misses: number; errors: number };
  /** Keys that joined a registry call another request already had in flight. */
  sharedCalls: number;
  /** Keys sent to the registry. */
  registryKeys: number;
}

export interface RegistryCacheStats {
  enabled: boolean;
  redis: 'off' | 'available' | 'unavailable';
  memory: { entries: number; bytes: number };
  registries: Record<RegistryId, RegistryCacheCounters>;
}

type Outcome<T> = RegistryAnswer<T> | RegistryError;

function emptyCounters(): RegistryCacheCounters {
  return { memory: { hits: 0, misses: 0 }, redis: { hits: 0, misses: 0, errors: 0 }, sharedCalls: 0, registryKeys: 0 };
}

export interface RegistryCacheOptions {
  /** Off: every lookup goes to the registry, as if there were no cache (benchmark cold runs). */
  enabled: boolean;
  policy: CachePolicy;
  keys: CacheKeys;
  memory: MemoryCache;
  redis: RedisCache | null;
  logger: Logger;
}

/**
 * Tells `lookup.record` what the lookup did: one report per source its answers came from, with the
 * subjects they are about and the X-Road ids behind them. Cache levels take `cachedMs` (the time
 * spent looking in them); registry calls and joined calls the whole lookup.
 */
function reportActivity<T>(
  lookup: CacheLookup<T>,
  keys: readonly string[],
  outcomes: ReadonlyArray<Outcome<T>>,
  sources: readonly AnswerSource[],
  totalMs: number,
  cachedMs: number,
): void {
  const bySource = new Map<
    AnswerSource,
    { keys: number; subjects: Set<string>; xRoadIds: Set<string>; service: string | null; failed: boolean }
  >();
  keys.forEach((key, i) => {
    const source = sources[i] ?? 'registry';
    let group = bySource.get(source);
    if (!group) bySource.set(source, (group = { keys: 0, subjects: new Set(), xRoadIds: new Set(), service: null, failed: false }));
    const outcome = outcomes[i];
    group.keys += 1;
    if (outcome instanceof RegistryError) {
      group.failed = true;
      if (outcome.details.xRoadId) group.xRoadIds.add(outcome.details.xRoadId);
      for (const subject of lookup.subjectsOf(key, null)) group.subjects.add(subject);
    } else if (outcome) {
      group.service ??= outcome.provenance.service;
      group.xRoadIds.add(outcome.provenance.requestId);
      for (const subject of lookup.subjectsOf(key, outcome.record)) group.subjects.add(subject);
    }
  });
  const code = REGISTRIES[lookup.registry].code;
  for (const [source, group] of bySource) {
    lookup.record({
      registry: code,
      service: group.service ?? `${code} ${lookup.service}`,
      source,
      keys: group.keys,
      subjects: [...group.subjects],
      xRoadIds: [...group.xRoadIds],
      durationMs: Math.round((source === 'memory' || source === 'redis' ? cachedMs : totalMs) * 10) / 10,
      outcome: group.failed ? 'failed' : 'ok',
    });
  }
}

export class RegistryCache {
  private readonly inFlight = new Map<string, Promise<Outcome<unknown>>>();
  private readonly counters = Object.fromEntries(REGISTRY_IDS.map((id) => [id, emptyCounters()])) as Record<
    RegistryId,
    RegistryCacheCounters
  >;

  constructor(private readonly options: RegistryCacheOptions) {}

  async lookup<T>(lookup: CacheLookup<T>, fetch: Fetch<T>): Promise<Array<Outcome<T>>> {
    const { registry, service, keys } = lookup;
    const startedAt = performance.now();
    if (!this.options.enabled) {
      lookup.noteFreshUntil(Date.now()); // nothing may be cached downstream either
      const fetched = await fetch([...keys]);
      reportActivity(
        lookup,
        keys,
        fetched,
        keys.map(() => 'registry'),
        performance.now() - startedAt,
        0,
      );
      return fetched;
    }
    const sources: AnswerSource[] = new Array(keys.length);
    const ttlMs = this.options.policy.ttlMs(registry);
    const code = REGISTRIES[registry].code;
    const counters = this.counters[registry];
    const cacheKeys = keys.map((key) => this.options.keys.entry(code, service, key));
    const results: Array<Outcome<T> | undefined> = new Array(keys.length);
    const now = Date.now();
    // When an answer stops being served: at its registry call's own point in the last part of the
    // TTL (cache-policy.ts), so answers of different calls do not all expire together.
    const expiresAt = (provenance: RegistryAnswer<unknown>['provenance']) =>
      this.options.policy.expiresAtMs(registry, provenance.requestId, Date.parse(provenance.retrievedAt));

    if (ttlMs > 0 && !lookup.fresh) {
      const missed: number[] = [];
      for (let i = 0; i < keys.length; i++) {
        const cached = this.options.memory.get(cacheKeys[i]!);
        if (cached && now < expiresAt(cached.provenance)) {
          results[i] = served<T>(cached);
          sources[i] = 'memory';
          counters.memory.hits += 1;
        } else {
          missed.push(i);
          counters.memory.misses += 1;
        }
      }
      if (missed.length > 0 && this.options.redis) {
        const values = await this.options.redis.getMany(missed.map((i) => cacheKeys[i]!));
        if (values === null) counters.redis.errors += missed.length;
        else {
          values.forEach((json, n) => {
            const i = missed[n]!;
            const cached = json === null ? null : parseCached(json);
            if (cached && now < expiresAt(cached.provenance)) {
              results[i] = served<T>(cached);
              sources[i] = 'redis';
              this.options.memory.set(cacheKeys[i]!, cached, expiresAt(cached.provenance) - now, json!.length);
              counters.redis.hits += 1;
            } else counters.redis.misses += 1;
          });
        }
      }
    }

    // Whatever is left goes to the registry: joining calls already in flight for the same key.
    const joined: Array<Promise<void>> = [];
    const toFetch: number[] = [];
    const settle = new Map<number, (outcome: Outcome<T>) => void>();
    for (let i = 0; i < keys.length; i++) {
      if (results[i] !== undefined) continue;
      const pending = this.inFlight.get(cacheKeys[i]!) as Promise<Outcome<T>> | undefined;
      if (pending) {
        sources[i] = 'shared';
        counters.sharedCalls += 1;
        joined.push(pending.then((outcome) => void (results[i] = outcome)));
        continue;
      }
      toFetch.push(i);
      sources[i] = 'registry';
      this.inFlight.set(cacheKeys[i]!, new Promise<Outcome<T>>((resolve) => settle.set(i, resolve)) as Promise<Outcome<unknown>>);
    }

    const cachedMs = performance.now() - startedAt;
    if (toFetch.length > 0) {
      counters.registryKeys += toFetch.length;
      let fetched: Array<Outcome<T>>;
      try {
        fetched = await fetch(toFetch.map((i) => keys[i]!));
      } catch (error) {
        // Not a registry failure (those come back as RegistryError values): a bug. Let the
        // requests that joined see it as an error too, then clear the way for the next call.
        const failure = new RegistryError({ registry, code: 'REGISTRY_ERROR' }, 'the registry answer could not be processed');
        for (const i of toFetch) {
          settle.get(i)!(failure);
          this.inFlight.delete(cacheKeys[i]!);
        }
        throw error;
      }
      const writes: RedisWrite[] = [];
      toFetch.forEach((i, n) => {
        const outcome = fetched[n]!;
        results[i] = outcome;
        settle.get(i)!(outcome);
        this.inFlight.delete(cacheKeys[i]!);
        if (ttlMs > 0 && !(outcome instanceof RegistryError)) {
          const remaining = expiresAt(outcome.provenance) - Date.now();
          if (remaining <= 0) return;
          const cached: CachedAnswer = {
            record: outcome.record,
            provenance: outcome.provenance,
            subjects: lookup.subjectsOf(keys[i]!, outcome.record).map((subject) => this.options.keys.subject(code, subject)),
          };
          const json = JSON.stringify(cached);
          this.options.memory.set(cacheKeys[i]!, cached, remaining, json.length);
          writes.push({ key: cacheKeys[i]!, json, ttlMs: remaining, subjectKeys: cached.subjects });
        }
      });
      this.options.redis?.setMany(writes);
    }
    await Promise.all(joined);
    for (const outcome of results) {
      if (outcome && !(outcome instanceof RegistryError)) lookup.noteFreshUntil(expiresAt(outcome.provenance));
    }
    reportActivity(lookup, keys, results as Array<Outcome<T>>, sources, performance.now() - startedAt, cachedMs);
    return results as Array<Outcome<T>>;
  }

  /**
   * Drops every cached answer about `subject` from `registry`, here, in Redis and (through
   * Redis) in every other process. Returns how many entries were dropped here and in Redis.
   */
  async evict(registry: RegistryId, subject: string): Promise<{ memory: number; redis: number }> {
    const subjectKey = this.options.keys.subject(REGISTRIES[registry].code, subject);
    const memory = this.options.memory.evictSubject(subjectKey);
    const redis = this.options.redis ? await this.options.redis.evictSubject(subjectKey) : 0;
    return { memory, redis };
  }

  /** Drops everything this cache holds, here, in Redis and in every other process. */
  async flush(): Promise<{ redis: number }> {
    this.options.memory.clear();
    const redis = this.options.redis ? await this.options.redis.flush(this.options.keys.everything) : 0;
    return { redis };
  }

  /** Another process evicted a subject (null: flushed everything). */
  evictedElsewhere(subjectKey: string | null): void {
    if (subjectKey === null) this.options.memory.clear();
    else this.options.memory.evictSubject(subjectKey);
  }

  stats(): RegistryCacheStats {
    const { redis, memory } = this.options;
    return {
      enabled: this.options.enabled,
      redis: redis === null ? 'off' : redis.isAvailable ? 'available' : 'unavailable',
      memory: { entries: memory.size, bytes: memory.bytes },
      registries: structuredClone(this.counters),
    };
  }

  async close(): Promise<void> {
    await this.options.redis?.close();
  }
}

function served<T>(cached: CachedAnswer): RegistryAnswer<T> {
  return { record: cached.record as T | null, provenance: { ...cached.provenance, fromCache: true } };
}

function parseCached(json: string): CachedAnswer | null {
  try {
    const parsed = JSON.parse(json) as CachedAnswer;
    return parsed && typeof parsed.provenance?.retrievedAt === 'string' ? parsed : null;
  } catch {
    return null;
  }
}
