/**
 * The key of the audit trail's subject pseudonyms (contracts/audit.ts subjectPseudonym): the
 * gateway that writes records and the audit queries that search them by identity code need the
 * same one, for as long as records are kept. Whoever holds it can test whether a given identity
 * code is in the trail, so it is a secret like a database password.
 *
 * AUDIT_SUBJECT_KEY (base64 or hex, at least 32 bytes) or AUDIT_SUBJECT_KEY_FILE. In production
 * one is required. Elsewhere, without either, a key is made once and kept next to the trail file,
 * so the trail of `npm start` stays searchable across restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.js';

const MIN_KEY_BYTES = 32;

function decodeKey(variable: string, text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]+$/i.test(trimmed) && trimmed.length % 2 === 0 ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length < MIN_KEY_BYTES) {
    throw new ConfigError([`${variable}: expected at least ${MIN_KEY_BYTES} random bytes, base64 or hex (openssl rand -base64 32)`]);
  }
  return key;
}

export interface SubjectKeySettings {
  inline: string | undefined;
  file: string | undefined;
  production: boolean;
  /** Where a development key is made and kept when neither variable is set. */
  developmentKeyFile: string;
}

export function loadSubjectKey({ inline, file, production, developmentKeyFile }: SubjectKeySettings): Buffer {
  if (inline && file) throw new ConfigError(['AUDIT_SUBJECT_KEY and AUDIT_SUBJECT_KEY_FILE: set one, not both']);
  if (inline) return decodeKey('AUDIT_SUBJECT_KEY', inline);
  if (file) {
    try {
      return decodeKey(`AUDIT_SUBJECT_KEY_FILE (${file})`, readFileSync(file, 'utf8'));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError([`AUDIT_SUBJECT_KEY_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`]);
    }
  }
  if (production) {
    throw new ConfigError([
      'AUDIT_SUBJECT_KEY: required in production (or AUDIT_SUBJECT_KEY_FILE): the key of the audit trail’s subject pseudonyms',
    ]);
  }
  if (!existsSync(developmentKeyFile)) {
    mkdirSync(path.dirname(developmentKeyFile), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(developmentKeyFile, `${randomBytes(MIN_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return decodeKey(`the development subject key (${developmentKeyFile})`, readFileSync(developmentKeyFile, 'utf8'));
}
