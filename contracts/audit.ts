/**
 * The audit trail's record: who saw whose data, when, in which case and why. One record per request
 * that touched personal data (served, partly served, or failed), and one per refused attempt.
 * Written by the gateway before the answer leaves (fail closed), read by the verifier, the purge,
 * the export and the audit queries.
 *
 * No identity code, name, date of birth or Business ID is ever in a record: the subjects read are
 * keyed HMACs (AUDIT_SUBJECT_KEY), so a data protection officer finds a person by computing the
 * same HMAC of their identity code, and the trail holds none in clear.
 *
 * Records form hash chains, one per writer (a gateway process): each carries the hash of the one
 * before it, so a deleted or edited record breaks the chain where it was (`npm run audit:verify`).
 * A purge of old records leaves a checkpoint naming the last purged record's sequence and hash,
 * from which the rest of the chain still verifies.
 */
import { createHash, createHmac, type KeyObject } from 'node:crypto';

/** How a request that reached personal data ended. */
export type AuditOutcome =
  /** Everything asked for that the caller may read was served. */
  | 'served'
  /** Served, with parts left out: fields the caller may not read, or a registry that failed. */
  | 'partial'
  /** Refused: not signed in, not authorized, or outside the caller's cases. Nothing personal was served. */
  | 'refused'
  /** Asked for, but nothing came back (registries or subgraphs failed). */
  | 'failed';

/** Why the data was consulted, from what the request was about. */
export type AuditPurpose =
  /** One case: the one the request names or the only application it reads. */
  | 'CASE_HANDLING'
  /** Work queues and lists of cases (worklists, an employer's applications). */
  | 'CASE_LISTS'
  /** Finding a person or a case (applicant searches, a record by identity code). */
  | 'SEARCH'
  /** Automatic prerequisite checks over many cases (a service account). */
  | 'BULK_CHECKS'
  /** Reading the audit trail itself (a data protection officer, a supervisor). */
  | 'AUDIT_REVIEW'
  /** Anything else. */
  | 'OTHER';

/** Where an answer came from: a registry call, or one of casegraph's caches. */
export type AuditSource = 'registry' | 'memory' | 'redis' | 'shared' | 'response-cache';

export interface AuditRegistryRead {
  /** The Registry enum code (POLICE...), or AUDIT for reads of the audit trail itself. */
  registry: string;
  /** The X-Road service that answered, e.g. FI/GOV/0245442-8/PoliisiAsiat/subjectRecords. */
  service: string;
  /** The subjects read, as keyed HMACs (never in clear), sorted. */
  subjects: string[];
  /** The fields (Type.field) of the answer that came from the subgraphs reading this registry. */
  fields: string[];
  /** The X-Road request ids of the registry calls behind the answers (for cached ones, the original calls). */
  xRoadIds: string[];
  /** Where the answers came from: at any level, the gateway's response cache included. */
  sources: AuditSource[];
  outcome: 'ok' | 'failed';
}

export interface AuditRefusal {
  code: string;
  reason: string | null;
  field: string | null;
  registry: string | null;
}

export interface AuditRecordContent {
  /** Unique id of the record. */
  id: string;
  /** When the answer (or refusal) was sent, ISO 8601. */
  at: string;
  requestId: string;
  traceId: string | null;
  caller: {
    /** The user or service account (X-Road-UserId); null for a request that never showed a valid token. */
    userId: string | null;
    organisation: string | null;
    unit: string | null;
    roles: string[];
  };
  /** The case the request was about, and where the gateway learnt it. */
  case: { id: string | null; source: 'header' | 'operation' | null };
  purpose: AuditPurpose;
  operation: { name: string | null; documentHash: string | null };
  outcome: AuditOutcome;
  /**
   * Why it was refused, or what was left out: error codes with the reason, the field (Type.field)
   * or the registry they concern. Never a response path: a client's aliases could hold anything.
   */
  refusals: AuditRefusal[];
  registries: AuditRegistryRead[];
}

/** A record as stored: its content and its place in its writer's hash chain. */
export interface AuditRecord extends AuditRecordContent {
  /** The writer's chain: one per gateway process (a UUID chosen at its start). */
  chain: string;
  /** Position in the chain, from 1 without gaps. */
  sequence: number;
  /** The hash of the record before it in the chain; CHAIN_GENESIS for the first. */
  previousHash: string;
  /** sha256 over the previous hash and the record's canonical content. */
  hash: string;
}

/** A checkpoint left by a purge: the last purged record of a chain, from which the rest verifies. */
export interface AuditCheckpoint {
  chain: string;
  sequence: number;
  hash: string;
  purgedAt: string;
}

/**
 * A chain's newest record as its writer last saw it durable: logged by the gateway now and then
 * (an "anchor"), outside the store, so that a deletion of a chain's newest records, which the chain
 * itself cannot show, is found by comparing the store with the log.
 */
export interface AuditChainHead {
  chain: string;
  sequence: number;
  hash: string;
}

/** The key under which a gateway's log line carries an anchor: `{"auditChainHead": {...}}`. */
export const CHAIN_HEAD_LOG_KEY = 'auditChainHead';

export const CHAIN_GENESIS = 'genesis';

/** Canonical JSON of deep-frozen values, made once (sealCanonical): a response-cache hit's registry section. */
const sealedCanonical = new WeakMap<object, string>();

/**
 * Deep-freezes `value` and keeps its canonical JSON, so a record that includes it (a response-cache
 * hit's registry section, the same for every hit) hashes it without walking it again. Frozen, it
 * cannot change after its JSON was kept.
 */
export function sealCanonical<T extends object>(value: T): T {
  for (const child of Object.values(value))
    if (child !== null && typeof child === 'object' && !sealedCanonical.has(child)) sealCanonical(child);
  Object.freeze(value);
  sealedCanonical.set(value, canonicalJson(value));
  return value;
}

/** JSON with object keys sorted at every level: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? '';
  const sealed = sealedCanonical.get(value);
  if (sealed !== undefined) return sealed;
  let json: string;
  if (Array.isArray(value)) {
    json = '[';
    for (let index = 0; index < value.length; index++) json += (index === 0 ? '' : ',') + canonicalJson(value[index]);
    json += ']';
  } else {
    const object = value as Record<string, unknown>;
    // The default sort compares UTF-16 code units, as `<` does: the order verifiers use.
    const keys = Object.keys(object).sort();
    json = '{';
    for (const key of keys) {
      const child = object[key];
      if (child === undefined) continue;
      json += (json.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(child);
    }
    json += '}';
  }
  return json;
}

/** The hash a record carries: of its chain position, the previous hash and its content. */
export function recordHash(record: Omit<AuditRecord, 'hash'>): string {
  return hashOfCanonical(canonicalJson(record));
}

function hashOfCanonical(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}

/** Records the writer made, with the JSON their hash was taken of, the hash put in front. */
const recordTexts = new WeakMap<AuditRecord, string>();

/**
 * Gives a positioned record its hash, and keeps the record's JSON made from the same canonical text
 * (recordJson), so a store writes it without serialising the record a second time.
 */
export function hashRecord(positioned: Omit<AuditRecord, 'hash'>): AuditRecord {
  const canonical = canonicalJson(positioned);
  const hash = hashOfCanonical(canonical);
  const record: AuditRecord = { ...positioned, hash };
  recordTexts.set(record, canonical === '{}' ? `{"hash":"${hash}"}` : `{"hash":"${hash}",${canonical.slice(1)}`);
  return record;
}

/**
 * A record as one line of JSON, for the stores: the text its hash was taken of when the writer made
 * it (keys in canonical order but for the hash, which readers do not mind: they parse it).
 */
export function recordJson(record: AuditRecord): string {
  return recordTexts.get(record) ?? JSON.stringify(record);
}

/** The keyed HMAC a subject (identity code, Business ID, document number, case id) is recorded as. */
export function subjectPseudonym(key: Buffer | KeyObject, subject: string): string {
  return createHmac('sha256', key).update(subject.trim().toUpperCase()).digest('base64url');
}
