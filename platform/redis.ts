/**
 * Connecting to Redis (or Redis Cluster) from any process: where it is (REDIS_URL or
 * REDIS_CLUSTER_NODES) and a subscription that survives reconnects. The subgraphs' registry cache
 * stores entries there; every process hears evictions there.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { ConfigError } from './config.js';

export type RedisTarget = { url: string } | { clusterNodes: Array<{ host: string; port: number }> };

export type RedisClient = Redis | Cluster;

/** Where Redis is, from REDIS_URL or REDIS_CLUSTER_NODES (host:port,host:port); null when neither is set. */
export function redisTarget(config: { redisUrl: string | undefined; redisClusterNodes: string | undefined }): RedisTarget | null {
  if (config.redisUrl && config.redisClusterNodes) {
    throw new ConfigError(['REDIS_URL and REDIS_CLUSTER_NODES: set one, not both']);
  }
  if (config.redisUrl) return { url: config.redisUrl };
  if (!config.redisClusterNodes) return null;
  const clusterNodes = config.redisClusterNodes.split(',').map((node) => {
    const match = /^\s*([^:\s]+):(\d{1,5})\s*$/.exec(node);
    if (!match) throw new ConfigError([`REDIS_CLUSTER_NODES: "${node}" is not host:port`]);
    return { host: match[1]!, port: Number(match[2]) };
  });
  return { clusterNodes };
}

export function connectRedis(target: RedisTarget, redisOptions: RedisOptions): RedisClient {
  return 'url' in target
    ? new Redis(target.url, redisOptions)
    : new Cluster(target.clusterNodes, { redisOptions, enableOfflineQueue: false, clusterRetryStrategy: redisOptions.retryStrategy });
}

/** Reconnect after 200 ms, 400 ms, ... up to every 2 s, for ever: Redis coming back is normal. */
export const RECONNECT: RedisOptions['retryStrategy'] = (attempt) => Math.min(attempt * 200, 2_000);

/**
 * Calls `onMessage` for every message published on `channel`. Subscribing takes a connection of
 * its own; the subscription is restored after every reconnect. Connection failures are not
 * reported here: whoever owns the data connection reports Redis's state.
 */
export function subscribeToChannel(target: RedisTarget, channel: string, onMessage: (message: string) => void): { close(): Promise<void> } {
  const subscriber = connectRedis(target, { retryStrategy: RECONNECT, maxRetriesPerRequest: 0, connectTimeout: 2_000 });
  subscriber.on('error', () => undefined);
  subscriber.on('message', (_channel: string, message: string) => onMessage(message));
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).catch(() => undefined);
  });
  return {
    async close() {
      await Promise.allSettled([subscriber.quit()]);
      subscriber.disconnect();
    },
  };
}
