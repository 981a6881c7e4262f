/**
 * The shared level of the registry cache: Redis (or Redis Cluster), when configured.
 *
 * Redis is an optimisation, never a dependency: every command has a short timeout, nothing is
 * queued while Redis is away, and any failure is a miss, so a down, slow or restarting Redis
 * costs registry calls but never fails a query. The client reconnects on its own; the log says
 * once when the level becomes unavailable and once when it is back, not once per command.
 *
 * Values are encrypted (value-cipher.ts) and keys are HMACs (cache-keys.ts): nothing in Redis
 * names a person. Evictions are published on a channel so every process drops its memory copy.
 */
import { FLUSH_ALL_MESSAGE } from '../../../contracts/cache-admin.js';
import { Cluster } from 'ioredis';
import type { Logger } from '../../../platform/logger.js';
import { connectRedis, RECONNECT, subscribeToChannel, type RedisClient, type RedisTarget } from '../../../platform/redis.js';
import type { ValueCipher } from './value-cipher.js';

export interface RedisCacheOptions {
  target: RedisTarget;
  /** Per-command deadline; past it the command counts as a miss. */
  timeoutMs: number;
  cipher: ValueCipher;
  /** Channel on which evictions are announced to every process. */
  evictionChannel: string;
  logger: Logger;
  /** Called for each eviction announced by any process (including this one); null: everything was flushed. */
  onEviction: (subjectKey: string | null) => void;
}

export interface RedisWrite {
  key: string;
  json: string;
  ttlMs: number;
  subjectKeys: readonly string[];
}

export class RedisCache {
  private readonly client: RedisClient;
  private readonly subscription: { close(): Promise<void> };
  private available: boolean | null = null;

  constructor(private readonly options: RedisCacheOptions) {
    this.client = connectRedis(options.target, {
      // Never queue a command while disconnected: fail at once and let the registry answer.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.timeoutMs,
      connectTimeout: 2_000,
      retryStrategy: RECONNECT,
    });
    this.client.on('ready', () => this.setAvailable(true, 'connected'));
    this.client.on('error', (error: Error) => this.setAvailable(false, error.message));
    this.client.on('end', () => this.setAvailable(false, 'connection closed'));
    this.subscription = subscribeToChannel(options.target, options.evictionChannel, (message) =>
      options.onEviction(message === FLUSH_ALL_MESSAGE ? null : message),
    );
  }

  /** Values for `keys` (null where absent, unreadable or under a retired key); null when Redis is unavailable. */
  async getMany(keys: readonly string[]): Promise<Array<string | null> | null> {
    if (keys.length === 0) return [];
    try {
      const values = await this.client.mgetBuffer(...keys);
      this.setAvailable(true, 'answering');
      return values.map((value, i) => (value ? this.options.cipher.decrypt(value, keys[i]!) : null));
    } catch (error) {
      this.failed(error);
      return null;
    }
  }

  /** Stores entries and files them under their subjects; never awaited by a query. */
  setMany(writes: readonly RedisWrite[]): void {
    if (writes.length === 0) return;
    const pipeline = this.client.pipeline();
    for (const write of writes) {
      pipeline.set(write.key, this.options.cipher.encrypt(write.json, write.key), 'PX', write.ttlMs);
      for (const subjectKey of write.subjectKeys) {
        pipeline.sadd(subjectKey, write.key);
        // The subject set lives as long as its longest-lived entry.
        pipeline.pexpire(subjectKey, write.ttlMs, 'GT');
        pipeline.pexpire(subjectKey, write.ttlMs, 'NX');
      }
    }
    pipeline.exec().then(
      (results) => {
        if (results?.some(([error]) => error)) this.failed(results.find(([error]) => error)![0]);
      },
      (error: unknown) => this.failed(error),
    );
  }

  /** Deletes the entries about a subject and tells every process; returns how many Redis held. */
  async evictSubject(subjectKey: string): Promise<number> {
    const keys = await this.client.smembers(subjectKey);
    if (keys.length > 0) await this.client.del(...keys);
    await this.client.del(subjectKey);
    await this.client.publish(this.options.evictionChannel, subjectKey);
    return keys.length;
  }

  /** Deletes every key matching `pattern` (this cache's keyspace) and tells every process. */
  async flush(pattern: string): Promise<number> {
    const nodes = this.client instanceof Cluster ? this.client.nodes('master') : [this.client];
    let deleted = 0;
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        cursor = next;
        for (const key of keys) deleted += await node.del(key);
      } while (cursor !== '0');
    }
    await this.client.publish(this.options.evictionChannel, FLUSH_ALL_MESSAGE);
    return deleted;
  }

  get isAvailable(): boolean {
    return this.available === true;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.client.quit(), this.subscription.close()]);
    this.client.disconnect();
  }

  private failed(error: unknown): void {
    this.setAvailable(false, error instanceof Error ? error.message : String(error));
  }

  private setAvailable(available: boolean, reason: string): void {
    if (this.available === available) return;
    this.available = available;
    if (available) this.options.logger.info('Redis cache level available');
    else this.options.logger.warn({ reason }, 'Redis cache level unavailable: answering from the registries until it returns');
  }
}
