import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CacheKeys } from './cache-keys.js';
import type { CachedAnswer } from './cached-answer.js';
import { MemoryCache } from './memory-cache.js';
import { parseEncryptionKeys, ValueCipher } from './value-cipher.js';

const key = (version: number) => ({ version, key: randomBytes(32) });

describe('ValueCipher', () => {
  it('round-trips a value bound to its cache key', () => {
    const cipher = new ValueCipher([key(1)]);
    const sealed = cipher.encrypt('{"record":{"familyName":"Virtanen"}}', 'cg:k1:{POPULATION}:e:abc');
    expect(sealed.toString('latin1')).not.toContain('Virtanen');
    expect(cipher.decrypt(sealed, 'cg:k1:{POPULATION}:e:abc')).toBe('{"record":{"familyName":"Virtanen"}}');
  });

  it('refuses a value moved to another key, or tampered with, as a miss', () => {
    const cipher = new ValueCipher([key(1)]);
    const sealed = cipher.encrypt('secret', 'key-a');
    expect(cipher.decrypt(sealed, 'key-b')).toBeNull();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(cipher.decrypt(tampered, 'key-a')).toBeNull();
    expect(cipher.decrypt(Buffer.from('not ours'), 'key-a')).toBeNull();
  });

  it('rotates keys through the version prefix: old values stay readable, retired ones are misses', () => {
    const v1 = key(1);
    const v2 = key(2);
    const old = new ValueCipher([v1]).encrypt('written under v1', 'k');
    const rotated = new ValueCipher([v2, v1]);
    expect(rotated.decrypt(old, 'k')).toBe('written under v1');
    const fresh = rotated.encrypt('written under v2', 'k');
    expect(fresh[0]).toBe(2);
    expect(new ValueCipher([v2]).decrypt(old, 'k')).toBeNull();
  });

  it('parses CACHE_ENCRYPTION_KEYS and names what is wrong', () => {
    const a = randomBytes(32).toString('base64');
    expect(parseEncryptionKeys(`2:${a},1:${a}`).map((k) => k.version)).toEqual([2, 1]);
    expect(() => parseEncryptionKeys(`1:${randomBytes(16).toString('base64')}`)).toThrow(/32/);
    expect(() => parseEncryptionKeys('nonsense')).toThrow(/version/);
    expect(() => parseEncryptionKeys(`1:${a},1:${a}`)).toThrow(/twice/);
  });
});

describe('CacheKeys', () => {
  it('derives keys that hold no identifier, differ per secret, and carry the version and registry', () => {
    const secret = randomBytes(32);
    const keys = new CacheKeys(secret, 3);
    const entry = keys.entry('POPULATION', 'persons/batch', '131052-308T');
    expect(entry).toMatch(/^cg:k3:\{POPULATION\}:e:[A-Za-z0-9_-]{43}$/);
    expect(entry).not.toContain('131052');
    expect(keys.entry('POPULATION', 'persons/batch', '131052-308T')).toBe(entry);
    expect(new CacheKeys(randomBytes(32), 3).entry('POPULATION', 'persons/batch', '131052-308T')).not.toBe(entry);
    expect(keys.entry('POPULATION', 'persons/batch', '131052-308U')).not.toBe(entry);
    expect(keys.subject('POPULATION', '131052-308T')).toMatch(/^cg:k3:\{POPULATION\}:s:/);
  });

  it('refuses a short secret', () => {
    expect(() => new CacheKeys(Buffer.from('too short'), 1)).toThrow(/32 bytes/);
  });
});

describe('MemoryCache', () => {
  const answer = (subjects: string[]): CachedAnswer => ({
    record: { x: 1 },
    provenance: { registry: 'POPULATION', service: 's', retrievedAt: new Date().toISOString(), requestId: 'r', fromCache: false },
    subjects,
  });

  it('is bounded by bytes as well as entries, dropping the least recently used', () => {
    const memory = new MemoryCache({ maxEntries: 100, maxBytes: 1000 });
    // 150 bytes of JSON take about 300 on the heap.
    for (let i = 0; i < 10; i++) memory.set(`k${i}`, answer([]), 60_000, 150);
    expect(memory.bytes).toBeLessThanOrEqual(1000);
    expect(memory.size).toBe(3);
    expect(memory.get('k9')).toBeDefined();
    expect(memory.get('k0')).toBeUndefined();
  });

  it('counts what an entry takes on the heap, parsed and indexed, not its JSON length', () => {
    const memory = new MemoryCache({ maxEntries: 100, maxBytes: 1_000_000 });
    memory.set('k', answer(['s1', 's2']), 60_000, 100);
    expect(memory.bytes).toBe(100 * 2 + 2 * 128);
  });

  it('evicts every entry about a subject, and forgets entries dropped for size', () => {
    const memory = new MemoryCache({ maxEntries: 2, maxBytes: 10_000 });
    memory.set('a', answer(['s1']), 60_000, 10);
    memory.set('b', answer(['s1', 's2']), 60_000, 10);
    expect(memory.evictSubject('s1')).toBe(2);
    expect(memory.get('a')).toBeUndefined();
    memory.set('c', answer(['s3']), 60_000, 10);
    memory.set('d', answer(['s4']), 60_000, 10);
    memory.set('e', answer(['s3']), 60_000, 10); // drops c, the least recently used
    expect(memory.evictSubject('s3')).toBe(1);
  });

  it('does not serve an entry past its TTL', async () => {
    const memory = new MemoryCache({ maxEntries: 10, maxBytes: 10_000 });
    memory.set('short', answer([]), 20, 10);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(memory.get('short')).toBeUndefined();
  });
});
