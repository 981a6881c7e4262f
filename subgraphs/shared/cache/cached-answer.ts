/**
 * What the registry cache keeps for one key: the registry's answer (a record, or null for "not
 * found", which is an answer too), where and when it came from, and the subject keys it is
 * filed under for eviction.
 */
import type { Provenance } from '../xroad-client.js';

export interface CachedAnswer {
  record: unknown;
  /** As the registry call reported it: `retrievedAt` is when the registry answered. */
  provenance: Provenance;
  /** Subject keys (HMACs) this answer is about. */
  subjects: string[];
}
