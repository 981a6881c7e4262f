/**
 * Encryption of cached values in Redis: AES-256-GCM, with the cache key as additional
 * authenticated data so a value cannot be moved to another key, and a version byte naming the
 * encryption key, so keys rotate without a flush: new values use the first (current) key, old
 * ones are still read with theirs until they expire, and a value under an unknown or retired
 * key, or one that fails authentication, is a miss, never an error.
 *
 * Layout: [version: 1 byte][iv: 12 bytes][auth tag: 16 bytes][ciphertext].
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export interface EncryptionKey {
  version: number;
  key: Buffer;
}

/** Parses `2:<base64 key>,1:<base64 key>`: the first is current, the rest are still readable. */
export function parseEncryptionKeys(text: string): EncryptionKey[] {
  const keys = text.split(',').map((entry) => {
    const match = /^\s*(\d{1,3}):([A-Za-z0-9+/_=-]+)\s*$/.exec(entry);
    if (!match) throw new Error('each key is written <version>:<base64 of 32 bytes>, separated by commas');
    const version = Number(match[1]);
    const key = Buffer.from(match[2]!, 'base64');
    if (version < 1 || version > 255) throw new Error(`key version ${version} is not between 1 and 255`);
    if (key.length !== 32) throw new Error(`key version ${version} is ${key.length} bytes; AES-256 needs 32`);
    return { version, key };
  });
  if (new Set(keys.map((k) => k.version)).size !== keys.length) throw new Error('a key version appears twice');
  return keys;
}

export class ValueCipher {
  private readonly current: EncryptionKey;
  private readonly byVersion: Map<number, Buffer>;

  constructor(keys: readonly EncryptionKey[]) {
    if (keys.length === 0) throw new Error('at least one encryption key is needed');
    this.current = keys[0]!;
    this.byVersion = new Map(keys.map((k) => [k.version, k.key]));
  }

  encrypt(plaintext: string, associatedData: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(this.current.version), iv, cipher.getAuthTag(), ciphertext]);
  }

  /** The plaintext, or null when the value is not one of ours or was tampered with. */
  decrypt(value: Buffer, associatedData: string): string | null {
    if (value.length < HEADER_BYTES) return null;
    const key = this.byVersion.get(value[0]!);
    if (!key) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, value.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(value.subarray(1 + IV_BYTES, HEADER_BYTES));
      return Buffer.concat([decipher.update(value.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return null;
    }
  }
}
