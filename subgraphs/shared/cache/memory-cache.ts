/**
 * The in-process level of the registry cache: an LRU bounded by entries and by bytes, always on.
 *
 * Entries are kept as parsed objects (no encryption: they never leave the process), under
 * HMAC keys like the Redis level. A subject index maps each subject key to the entries about
 * it, so a registry change notice can evict one person's or company's entries without a scan.
 */
import { LRUCache } from 'lru-cache';
import type { CachedAnswer } from './cached-answer.js';

/**
 * What an entry takes on the heap for each byte of its JSON: it is kept parsed (objects and
 * property slots, not one string) and indexed under each of its subjects. Measured in a soak of
 * the applications subgraph: the heap after a full GC grew 1.8 MB for every MB the cache counted
 * at one byte per JSON byte, so CACHE_MEMORY_MAX_MB=64 let the cache take about 115 MB.
 */
const HEAP_BYTES_PER_JSON_BYTE = 2;
/** A subject index entry: the key's place in a Set, and the Set itself for a subject's first entry. */
const HEAP_BYTES_PER_SUBJECT = 128;

export interface MemoryCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

interface MemoryEntry {
  answer: CachedAnswer;
  bytes: number;
}

export class MemoryCache {
  private readonly entries: LRUCache<string, MemoryEntry>;
  private readonly entriesBySubject = new Map<string, Set<string>>();

  constructor(options: MemoryCacheOptions) {
    this.entries = new LRUCache<string, MemoryEntry>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      sizeCalculation: (entry) => entry.bytes,
      // Expired entries are dropped when touched; the size bound keeps the rest in check.
      dispose: (entry, key) => this.unindex(key, entry.answer.subjects),
    });
  }

  get(key: string): CachedAnswer | undefined {
    return this.entries.get(key)?.answer;
  }

  /**
   * Keeps `answer` for `ttlMs`; `bytes` is its serialized size, from which the byte bound counts
   * what the entry takes on the heap (HEAP_BYTES_PER_JSON_BYTE), so CACHE_MEMORY_MAX_MB bounds memory.
   */
  set(key: string, answer: CachedAnswer, ttlMs: number, bytes: number): void {
    if (ttlMs <= 0) return;
    const heapBytes = Math.max(bytes, 1) * HEAP_BYTES_PER_JSON_BYTE + answer.subjects.length * HEAP_BYTES_PER_SUBJECT;
    this.entries.set(key, { answer, bytes: heapBytes }, { ttl: ttlMs });
    for (const subject of answer.subjects) {
      let keys = this.entriesBySubject.get(subject);
      if (!keys) this.entriesBySubject.set(subject, (keys = new Set()));
      keys.add(key);
    }
  }

  /** Drops every entry about a subject; returns how many there were. */
  evictSubject(subject: string): number {
    const keys = this.entriesBySubject.get(subject);
    if (!keys) return 0;
    let evicted = 0;
    for (const key of [...keys]) if (this.entries.delete(key)) evicted += 1;
    this.entriesBySubject.delete(subject);
    return evicted;
  }

  clear(): void {
    this.entries.clear();
    this.entriesBySubject.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  get bytes(): number {
    return this.entries.calculatedSize;
  }

  private unindex(key: string, subjects: readonly string[]): void {
    for (const subject of subjects) {
      const keys = this.entriesBySubject.get(subject);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.entriesBySubject.delete(subject);
    }
  }
}
