/**
 * Cache keys that never hold personal data.
 *
 * A registry is asked by identity code, name or Business ID; none of those may appear in a
 * cache key, in memory or in Redis (keys show up in `SCAN`, `MONITOR`, slow logs and memory
 * dumps). Every key is a keyed HMAC-SHA256 of what it stands for, under a secret from config.
 * The key version (`cg:k<version>:`) is bumped when the secret rotates, so old entries become
 * unreachable at once and expire by their TTL; `{REGISTRY}` is a Redis Cluster hash tag, so one
 * registry's keys share a slot and can be read with one MGET.
 */
import { createHmac } from 'node:crypto';
import { cacheKeyPrefix } from '../../../contracts/cache-admin.js';

export class CacheKeys {
  readonly prefix: string;

  constructor(
    private readonly secret: Buffer,
    version: number,
  ) {
    if (secret.length < 32) throw new RangeError('the cache key secret must be at least 32 bytes');
    this.prefix = cacheKeyPrefix(version);
  }

  private digest(parts: readonly string[]): string {
    const hmac = createHmac('sha256', this.secret);
    for (const part of parts) hmac.update(part).update('\u0000');
    return hmac.digest('base64url');
  }

  /** The key of one registry answer: registry, service and the key it was asked by. */
  entry(registryCode: string, service: string, key: string): string {
    return `${this.prefix}{${registryCode}}:e:${this.digest([registryCode, service, key])}`;
  }

  /** The key of the set of entries about one subject, for eviction by registry and subject. */
  subject(registryCode: string, subject: string): string {
    return `${this.prefix}{${registryCode}}:s:${this.digest([registryCode, subject])}`;
  }

  /** The pattern matching every key casegraph wrote under this version. */
  get everything(): string {
    return `${this.prefix}*`;
  }
}
