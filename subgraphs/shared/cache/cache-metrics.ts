/**
 * The registry cache's counters as Prometheus metrics, read from the cache when scraped.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { REGISTRIES, REGISTRY_IDS } from '../../../contracts/registry-catalogue.js';
import type { RegistryCache } from './registry-cache.js';

export function registerCacheMetrics(metrics: Registry, cache: RegistryCache): void {
  new Counter({
    name: 'casegraph_registry_cache_lookups_total',
    help: 'Registry cache lookups by registry, level (memory, redis) and outcome (hit, miss, error)',
    labelNames: ['registry', 'level', 'outcome'],
    registers: [metrics],
    collect() {
      this.reset();
      const { registries } = cache.stats();
      for (const id of REGISTRY_IDS) {
        const registry = REGISTRIES[id].code;
        const counters = registries[id];
        this.inc({ registry, level: 'memory', outcome: 'hit' }, counters.memory.hits);
        this.inc({ registry, level: 'memory', outcome: 'miss' }, counters.memory.misses);
        this.inc({ registry, level: 'redis', outcome: 'hit' }, counters.redis.hits);
        this.inc({ registry, level: 'redis', outcome: 'miss' }, counters.redis.misses);
        this.inc({ registry, level: 'redis', outcome: 'error' }, counters.redis.errors);
      }
    },
  });
  new Counter({
    name: 'casegraph_registry_keys_fetched_total',
    help: 'Keys sent to a registry because no cache level held them',
    labelNames: ['registry'],
    registers: [metrics],
    collect() {
      this.reset();
      const { registries } = cache.stats();
      for (const id of REGISTRY_IDS) this.inc({ registry: REGISTRIES[id].code }, registries[id].registryKeys);
    },
  });
  new Counter({
    name: 'casegraph_registry_shared_calls_total',
    help: 'Keys that joined a registry call already in flight in this process (single flight)',
    labelNames: ['registry'],
    registers: [metrics],
    collect() {
      this.reset();
      const { registries } = cache.stats();
      for (const id of REGISTRY_IDS) this.inc({ registry: REGISTRIES[id].code }, registries[id].sharedCalls);
    },
  });
  new Gauge({
    name: 'casegraph_registry_cache_memory_bytes',
    help: 'Bytes held by the in-memory cache level',
    registers: [metrics],
    collect() {
      this.set(cache.stats().memory.bytes);
    },
  });
  new Gauge({
    name: 'casegraph_registry_cache_redis_available',
    help: '1 when the Redis level answers, 0 when it is configured but unavailable',
    registers: [metrics],
    collect() {
      const { redis } = cache.stats();
      if (redis !== 'off') this.set(redis === 'available' ? 1 : 0);
    },
  });
}
