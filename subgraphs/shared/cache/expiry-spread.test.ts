import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger.js';
import type { RegistryAnswer } from '../xroad-client.js';
import { CacheKeys } from './cache-keys.js';
import { CachePolicy, DEFAULT_TTL_SECONDS } from './cache-policy.js';
import { MemoryCache } from './memory-cache.js';
import { RegistryCache } from './registry-cache.js';

const TTL_MS = DEFAULT_TTL_SECONDS.caseRegister * 1000;

describe('CachePolicy.expiresAtMs', () => {
  it('spreads the expiry of calls answered at the same moment over TTL x [0.8, 1], never past the TTL', () => {
    const policy = new CachePolicy(DEFAULT_TTL_SECONDS);
    const retrievedAt = Date.parse('2026-12-02T08:00:00.000Z');
    const expiries = Array.from({ length: 1000 }, () => policy.expiresAtMs('caseRegister', randomUUID(), retrievedAt));
    const lifetimes = expiries.map((expiry) => expiry - retrievedAt);
    expect(Math.max(...lifetimes)).toBeLessThanOrEqual(TTL_MS);
    expect(Math.min(...lifetimes)).toBeGreaterThanOrEqual(0.8 * TTL_MS);
    // Spread across the whole window, not bunched: every tenth of it holds 5-15% of the calls.
    const tenths = new Array<number>(10).fill(0);
    for (const lifetime of lifetimes) tenths[Math.min(9, Math.floor(((lifetime - 0.8 * TTL_MS) / (0.2 * TTL_MS)) * 10))]! += 1;
    for (const count of tenths) expect(count > 50 && count < 150, `a tenth holds ${count} of 1000`).toBe(true);
    expect(new Set(expiries).size).toBeGreaterThan(900);
  });

  it('gives a call that refreshes an entry a new point, the same one for every reader, and none with spread 0', () => {
    const policy = new CachePolicy(DEFAULT_TTL_SECONDS);
    const points = new Set(Array.from({ length: 50 }, (_, n) => policy.expiresAtMs('sis', 'call', 1_000_000 + n * 30_000) - n * 30_000));
    expect(points.size).toBeGreaterThan(40);
    expect(policy.expiresAtMs('sis', 'call', 5)).toBe(policy.expiresAtMs('sis', 'call', 5));
    expect(new CachePolicy(DEFAULT_TTL_SECONDS, 0).expiresAtMs('sis', 'call', 5)).toBe(5 + DEFAULT_TTL_SECONDS.sis * 1000);
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

  /** Looks up `keys`; the registry answers them in one call, as if `ageMs` ago. Returns the keys it was asked. */
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
        const provenance = {
          registry: 'CASE_REGISTER',
          service: 's',
          retrievedAt: new Date(Date.now() - ageMs).toISOString(),
          requestId: randomUUID(),
          fromCache: false,
        };
        return missing.map((id): RegistryAnswer<{ id: string }> => ({ record: { id }, provenance }));
      },
    );
    return asked;
  }

  const ids = Array.from({ length: 200 }, (_, i) => `APP-${String(i).padStart(7, '0')}`);

  it('lets the answers of calls made at the same moment lapse call by call in the last fifth of the TTL, none after it', async () => {
    const cache = cacheWith(new CachePolicy(DEFAULT_TTL_SECONDS));
    // 200 calls answered 90% of the TTL ago: about half of them have lapsed already (their point is in [0.8, 0.9]).
    const freshUntil: number[] = [];
    for (const id of ids) await lookup(cache, [id], 0.9 * TTL_MS, freshUntil);
    const askedAgain = await lookup(cache, ids, 0);
    expect(askedAgain.length).toBeGreaterThan(60);
    expect(askedAgain.length).toBeLessThan(140);
    // What the gateway is told (Cache-Control) never reaches past the TTL either.
    const now = Date.now();
    for (const until of freshUntil) expect(until).toBeLessThanOrEqual(now - 0.9 * TTL_MS + TTL_MS + 50);

    // At the TTL every one of them has lapsed: nothing is served past it.
    const late = cacheWith(new CachePolicy(DEFAULT_TTL_SECONDS));
    for (const id of ids) await lookup(late, [id], TTL_MS - 1);
    expect(await lookup(late, ids, 0)).toHaveLength(200);
  });

  it('keeps the answers of one batch call together: they lapse at once and are asked again in one call', async () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const cache = cacheWith(new CachePolicy(DEFAULT_TTL_SECONDS));
      await lookup(cache, ids, 0.9 * TTL_MS);
      expect([0, 200]).toContain((await lookup(cache, ids, 0)).length);
    }
  });

  it('serves every answer well inside its TTL from the cache', async () => {
    const cache = cacheWith(new CachePolicy(DEFAULT_TTL_SECONDS));
    await lookup(cache, ids, 0.5 * TTL_MS);
    expect(await lookup(cache, ids, 0)).toHaveLength(0);
  });
});
