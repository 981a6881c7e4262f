import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger.js';
import type { RegistryAnswer } from '../xroad-client.js';
import { CacheKeys } from './cache-keys.js';
import { CachePolicy, DEFAULT_TTL_SECONDS } from './cache-policy.js';
import { MemoryCache } from './memory-cache.js';
import { RegistryCache } from './registry-cache.js';

const TTL_MS = DEFAULT_TTL_SECONDS.caseRegister * 1000;

describe('CachePolicy.expiresAtMs', () => {
  it('spreads the expiry of answers fetched together over TTL x [0.8, 1], never past the TTL', () => {
    const policy = new CachePolicy(DEFAULT_TTL_SECONDS);
    const keys = new CacheKeys(randomBytes(32), 1);
    const retrievedAt = Date.parse('2026-12-02T08:00:00.000Z');
    const expiries = Array.from({ length: 1000 }, (_, i) =>
      policy.expiresAtMs('caseRegister', keys.entry('CASE_REGISTER', 'applications/batch', `APP-${i}`), retrievedAt),
    );
    const lifetimes = expiries.map((expiry) => expiry - retrievedAt);
    expect(Math.max(...lifetimes)).toBeLessThanOrEqual(TTL_MS);
    expect(Math.min(...lifetimes)).toBeGreaterThanOrEqual(0.8 * TTL_MS);
    // Spread across the whole window, not bunched: every tenth of it holds 5-15% of the answers.
    const tenths = new Array<number>(10).fill(0);
    for (const lifetime of lifetimes) tenths[Math.min(9, Math.floor(((lifetime - 0.8 * TTL_MS) / (0.2 * TTL_MS)) * 10))]! += 1;
    for (const count of tenths) expect(count > 50 && count < 150, `a tenth holds ${count} of 1000`).toBe(true);
    expect(new Set(expiries).size).toBeGreaterThan(900);
  });

  it('gives a refreshed entry a new expiry point, the same one for every reader of it, and none with spread 0', () => {
    const policy = new CachePolicy(DEFAULT_TTL_SECONDS);
    const points = new Set(Array.from({ length: 50 }, (_, n) => policy.expiresAtMs('sis', 'k', 1_000_000 + n * 30_000) - n * 30_000));
    expect(points.size).toBeGreaterThan(40);
    expect(policy.expiresAtMs('sis', 'k', 5)).toBe(policy.expiresAtMs('sis', 'k', 5));
    expect(new CachePolicy(DEFAULT_TTL_SECONDS, 0).expiresAtMs('sis', 'k', 5)).toBe(5 + DEFAULT_TTL_SECONDS.sis * 1000);
    expect(() => new CachePolicy(DEFAULT_TTL_SECONDS, 1)).toThrow(RangeError);
  });
});

describe('RegistryCache expiry', () => {
  function cacheWith(policy: CachePolicy) {
    return new RegistryCache({
      enabled: true,
      policy,
      keys: new CacheKeys(randomBytes(32), 1),
      memory: new MemoryCache({ maxEntries: 10_000, maxBytes: 64 * 1024 * 1024 }),
      redis: null,
      logger: createLogger('test', 'silent'),
    });
  }

  /** Looks up `keys`; the registry answers as if `ageMs` ago. Returns the keys the registry was asked. */
  async function lookup(cache: RegistryCache, keys: string[], ageMs: number, freshUntil: number[] = []): Promise<string[]> {
    const asked: string[] = [];
    await cache.lookup<{ id: string }>(
      {
        registry: 'caseRegister',
        service: 'applications/batch',
        keys,
        fresh: false,
        subjectsOf: (key) => [key],
        noteFreshUntil: (until) => freshUntil.push(until),
        record: () => {},
      },
      async (missing) => {
        asked.push(...missing);
        const retrievedAt = new Date(Date.now() - ageMs).toISOString();
        return missing.map((id): RegistryAnswer<{ id: string }> => ({
          record: { id },
          provenance: { registry: 'CASE_REGISTER', service: 's', retrievedAt, requestId: 'x', fromCache: false },
        }));
      },
    );
    return asked;
  }

  const ids = Array.from({ length: 200 }, (_, i) => `APP-${String(i).padStart(7, '0')}`);

  it('lets answers fetched together lapse one by one in the last fifth of the TTL, and none after it', async () => {
    const cache = cacheWith(new CachePolicy(DEFAULT_TTL_SECONDS));
    // Answered 90% of the TTL ago: about half of them have lapsed already (their point is in [0.8, 0.9]).
    const freshUntil: number[] = [];
    expect(await lookup(cache, ids, 0.9 * TTL_MS, freshUntil)).toHaveLength(200);
    const askedAgain = await lookup(cache, ids, 0);
    expect(askedAgain.length).toBeGreaterThan(60);
    expect(askedAgain.length).toBeLessThan(140);
    // What the gateway is told (Cache-Control) never reaches past the TTL either.
    const now = Date.now();
    for (const until of freshUntil) expect(until).toBeLessThanOrEqual(now - 0.9 * TTL_MS + TTL_MS + 50);

    // At the TTL every one of them has lapsed: nothing is served past it.
    const late = cacheWith(new CachePolicy(DEFAULT_TTL_SECONDS));
    await lookup(late, ids, TTL_MS - 1);
    expect(await lookup(late, ids, 0)).toHaveLength(200);
  });

  it('serves every answer well inside its TTL from the cache', async () => {
    const cache = cacheWith(new CachePolicy(DEFAULT_TTL_SECONDS));
    await lookup(cache, ids, 0.5 * TTL_MS);
    expect(await lookup(cache, ids, 0)).toHaveLength(0);
  });
});
