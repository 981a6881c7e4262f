/**
 * Checks the audit trail's hash chains: every record's hash is the hash of its content, and every
 * chain runs from its start (or its purge checkpoint) without a gap, each record naming the hash of
 * the one before. An edited record fails its own hash; a deleted one leaves a gap or a wrong
 * previous hash in the next; a record moved to another place fails both.
 *
 * What a chain cannot show is a deletion of its newest records; the report gives each chain's last
 * sequence and time so it can be compared with the writer's logs and metrics.
 */
import { CHAIN_GENESIS, recordHash, type AuditCheckpoint, type AuditRecord } from '../../contracts/audit.js';

export interface ChainProblem {
  chain: string;
  sequence: number;
  /** The record's id, when the problem is a record's. */
  id: string | null;
  problem: 'edited' | 'missing-before' | 'wrong-previous-hash' | 'duplicate-or-out-of-order' | 'malformed';
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
): Promise<VerificationReport> {
  const startOf = new Map(checkpoints.map((checkpoint) => [checkpoint.chain, checkpoint]));
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
  return { ok: problems.length === 0, records: count, chains: [...chains.values()].map(({ summary }) => summary), problems };
}
