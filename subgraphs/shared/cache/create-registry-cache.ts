/**
 * Builds a process's registry cache from its configuration: the in-memory level always, Redis
 * when REDIS_URL or REDIS_CLUSTER_NODES is set.
 *
 * With Redis, several processes share entries, so they must share the key secret and the
 * encryption keys: both are then required, and the start fails naming the missing variable.
 * Without Redis, a random per-process secret keeps memory keys free of personal data too.
 */
import { randomBytes } from 'node:crypto';
import { ConfigError } from '../../../platform/config.js';
import type { Logger } from '../../../platform/logger.js';
import type { RegistryId } from '../../../contracts/registry-catalogue.js';
import { evictionChannel } from '../../../contracts/cache-admin.js';
import { redisTarget } from '../../../platform/redis.js';
import { CacheKeys } from './cache-keys.js';
import { CachePolicy } from './cache-policy.js';
import { MemoryCache } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';
import { RegistryCache } from './registry-cache.js';
import { parseEncryptionKeys, ValueCipher } from './value-cipher.js';

export interface RegistryCacheConfig {
  enabled: boolean;
  ttlSeconds: Record<RegistryId, number>;
  /** The share of each TTL over which answers' expiry is spread (cache-policy.ts); 0.2 when not given. */
  expirySpread?: number;
  memoryMaxEntries: number;
  memoryMaxBytes: number;
  redisUrl: string | undefined;
  /** host:port,host:port */
  redisClusterNodes: string | undefined;
  redisTimeoutMs: number;
  keySecret: string | undefined;
  keyVersion: number;
  encryptionKeys: string | undefined;
}

export function createRegistryCache(config: RegistryCacheConfig, logger: Logger): RegistryCache {
  const target = config.enabled ? redisTarget(config) : null;
  const problems: string[] = [];
  if (target && !config.keySecret)
    problems.push('CACHE_KEY_SECRET: required with Redis, so every process derives the same cache keys (at least 32 bytes)');
  if (config.keySecret && Buffer.byteLength(config.keySecret) < 32) problems.push('CACHE_KEY_SECRET: must be at least 32 bytes');
  if (target && !config.encryptionKeys) problems.push('CACHE_ENCRYPTION_KEYS: required with Redis, e.g. "1:<base64 of 32 random bytes>"');
  let cipher: ValueCipher | null = null;
  if (config.encryptionKeys) {
    try {
      cipher = new ValueCipher(parseEncryptionKeys(config.encryptionKeys));
    } catch (error) {
      problems.push(`CACHE_ENCRYPTION_KEYS: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const keys = new CacheKeys(config.keySecret ? Buffer.from(config.keySecret) : randomBytes(32), config.keyVersion);
  const memory = new MemoryCache({ maxEntries: config.memoryMaxEntries, maxBytes: config.memoryMaxBytes });
  const redis =
    target && cipher
      ? new RedisCache({
          target,
          timeoutMs: config.redisTimeoutMs,
          cipher,
          evictionChannel: evictionChannel(config.keyVersion),
          logger,
          // Announcements arrive asynchronously, once `cache` below exists.
          onEviction: (subjectKey) => cache.evictedElsewhere(subjectKey),
        })
      : null;
  const cache: RegistryCache = new RegistryCache({
    enabled: config.enabled,
    policy: new CachePolicy(config.ttlSeconds, config.expirySpread),
    keys,
    memory,
    redis,
    logger,
  });
  return cache;
}
