/**
 * Checks the audit trail's hash chains: every record's hash is the hash of its content, and every
 * chain runs from its start (or its purge checkpoint) without a gap, each record naming the hash of
 * the one before. An edited record fails its own hash; a deleted one leaves a gap or a wrong
 * previous hash in the next; a record moved to another place fails both.
 *
 * What a chain cannot show by itself is a deletion of its newest records: for that the gateway logs
 * its chain's head now and then (an anchor, AUDIT_ANCHOR_INTERVAL_SECONDS), and the anchors given
 * here are checked: the record at each anchor's sequence must be there with the anchor's hash. A
 * chain cut short before an anchor, or gone entirely, is `truncated`.
 */
import { CHAIN_GENESIS, recordHash, type AuditChainHead, type AuditCheckpoint, type AuditRecord } from '../../contracts/audit.js';

export interface ChainProblem {
  chain: string;
  sequence: number;
  /** The record's id, when the problem is a record's. */
  id: string | null;
  problem:
    'edited' | 'missing-before' | 'wrong-previous-hash' | 'duplicate-or-out-of-order' | 'malformed' | 'truncated' | 'anchor-mismatch';
  detail: string;
}

export interface ChainSummary {
  chain: string;
  records: number;
  firstSequence: number;
  lastSequence: number;
  lastAt: string;
  /** The chain starts at a purge checkpoint rather than at its genesis. */
  fromCheckpoint: boolean;
}

export interface VerificationReport {
  ok: boolean;
  records: number;
  /** Anchors checked against the trail (those of purged records excepted). */
  anchorsChecked: number;
  chains: ChainSummary[];
  problems: ChainProblem[];
}

interface ChainState {
  summary: ChainSummary;
  nextSequence: number;
  previousHash: string;
}

function isRecordShaped(value: AuditRecord): boolean {
  return (
    typeof value.chain === 'string' &&
    Number.isInteger(value.sequence) &&
    typeof value.previousHash === 'string' &&
    typeof value.hash === 'string' &&
    typeof value.at === 'string'
  );
}

/**
 * Verifies records given in ascending sequence within each chain (chains may interleave, as they
 * do in a file several gateways append to, or in a database read ordered by chain and sequence).
 */
export async function verifyAuditChains(
  records: AsyncIterable<AuditRecord> | Iterable<AuditRecord>,
  checkpoints: readonly AuditCheckpoint[] = [],
  anchors: readonly AuditChainHead[] = [],
): Promise<VerificationReport> {
  const startOf = new Map(checkpoints.map((checkpoint) => [checkpoint.chain, checkpoint]));
  // The hash each anchored position must have, by chain and sequence; found ones are deleted.
  const anchored = new Map<string, Map<number, string>>();
  for (const anchor of anchors) {
    let positions = anchored.get(anchor.chain);
    if (!positions) anchored.set(anchor.chain, (positions = new Map()));
    positions.set(anchor.sequence, anchor.hash);
  }
  let anchorsChecked = 0;
  const chains = new Map<string, ChainState>();
  const problems: ChainProblem[] = [];
  let count = 0;
  for await (const record of records) {
    count += 1;
    if (!isRecordShaped(record)) {
      problems.push({
        chain: String(record.chain),
        sequence: Number(record.sequence),
        id: null,
        problem: 'malformed',
        detail: 'lacks its chain position',
      });
      continue;
    }
    const { hash, ...positioned } = record;
    let state = chains.get(record.chain);
    if (!state) {
      const checkpoint = startOf.get(record.chain);
      state = {
        summary: {
          chain: record.chain,
          records: 0,
          firstSequence: record.sequence,
          lastSequence: record.sequence,
          lastAt: record.at,
          fromCheckpoint: checkpoint !== undefined,
        },
        nextSequence: checkpoint ? checkpoint.sequence + 1 : 1,
        previousHash: checkpoint ? checkpoint.hash : CHAIN_GENESIS,
      };
      chains.set(record.chain, state);
    }
    const where = { chain: record.chain, sequence: record.sequence, id: record.id ?? null };
    const anchoredHash = anchored.get(record.chain)?.get(record.sequence);
    if (anchoredHash !== undefined) {
      anchored.get(record.chain)!.delete(record.sequence);
      anchorsChecked += 1;
      if (anchoredHash !== hash) {
        problems.push({
          ...where,
          problem: 'anchor-mismatch',
          detail: 'the gateway logged another hash for this position: replaced since',
        });
      }
    }
    if (recordHash(positioned) !== hash) {
      problems.push({ ...where, problem: 'edited', detail: 'the content does not match the hash it carries' });
    }
    if (record.sequence < state.nextSequence) {
      problems.push({ ...where, problem: 'duplicate-or-out-of-order', detail: `expected sequence ${state.nextSequence} or later` });
      continue;
    }
    if (record.sequence > state.nextSequence) {
      problems.push({
        ...where,
        problem: 'missing-before',
        detail: `records ${state.nextSequence}..${record.sequence - 1} of the chain are missing`,
      });
    } else if (record.previousHash !== state.previousHash) {
      problems.push({ ...where, problem: 'wrong-previous-hash', detail: 'the record before it was edited or replaced' });
    }
    state.nextSequence = record.sequence + 1;
    state.previousHash = hash;
    state.summary.records += 1;
    state.summary.lastSequence = record.sequence;
    state.summary.lastAt = record.at;
  }
  // Anchors no record answered: purged (at or before the chain's checkpoint), or cut off.
  for (const [chain, positions] of anchored) {
    const purgedUpTo = startOf.get(chain)?.sequence ?? 0;
    const last = chains.get(chain)?.summary.lastSequence;
    for (const sequence of [...positions.keys()].sort((a, b) => a - b)) {
      if (sequence <= purgedUpTo) continue;
      anchorsChecked += 1;
      problems.push({
        chain,
        sequence,
        id: null,
        problem: 'truncated',
        detail:
          last === undefined
            ? `the gateway logged this chain up to sequence ${sequence}, and none of it is in the trail`
            : `the gateway logged this chain up to sequence ${sequence}, and the trail ends at ${last}`,
      });
    }
  }
  return {
    ok: problems.length === 0,
    records: count,
    anchorsChecked,
    chains: [...chains.values()].map(({ summary }) => summary),
    problems,
  };
}
