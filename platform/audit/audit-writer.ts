/**
 * The one writer of a process's audit chain: gives each record its place (sequence, previous hash,
 * hash) and hands records to the sink in order, many at a time.
 *
 * Group commit: while one batch is being made durable (an fsync, a database commit), the records
 * that arrive queue up and go together in the next batch, so a busy gateway pays one fsync per
 * batch rather than per request, and a quiet one writes each record at once. A record's promise
 * resolves only when its batch is durable; a batch that fails rejects every record in it, and the
 * writer goes on in a new chain: the failed batch may still have landed, whole or in part (a
 * database commit whose answer timed out, an append whose fsync failed), and a chain must never
 * hold two different records at one place. So the chain never names a record that was not
 * written, and a record that landed although its request was refused is kept, not contradicted.
 */
import { randomUUID } from 'node:crypto';
import { CHAIN_GENESIS, hashRecord, type AuditChainHead, type AuditRecord, type AuditRecordContent } from '../../contracts/audit.js';
import type { AuditSink } from './audit-store.js';

interface Pending {
  content: AuditRecordContent;
  resolve: (record: AuditRecord) => void;
  reject: (error: unknown) => void;
}

export interface AuditWriterStats {
  /** Records written since start. */
  written: number;
  /** Batches written since start. */
  batches: number;
  /** Records waiting for the batch in flight to finish. */
  queued: number;
}

export class AuditWriter {
  /** The chain being written: a new one every start, so a crash mid-write never forks a chain, and after a failed batch. */
  get chain(): string {
    return this.chainId;
  }
  private chainId = randomUUID();
  private sequence = 0;
  private previousHash = CHAIN_GENESIS;
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  readonly stats: AuditWriterStats = { written: 0, batches: 0, queued: 0 };

  constructor(
    private readonly sink: AuditSink,
    private readonly maxBatch = 500,
    /** Called with each batch's duration (ms) and size, e.g. for metrics. */
    private readonly onBatch?: (durationMs: number, records: number, ok: boolean) => void,
  ) {}

  private readonly chainEndListeners: Array<(head: AuditChainHead) => void> = [];

  /** Calls `listener` with a chain's last durable record when a failed batch ends the chain (a new one starts). */
  onChainEnd(listener: (head: AuditChainHead) => void): void {
    this.chainEndListeners.push(listener);
  }

  /** The newest durable record of the chain being written, or null before its first. */
  get head(): AuditChainHead | null {
    return this.sequence === 0 ? null : { chain: this.chainId, sequence: this.sequence, hash: this.previousHash };
  }

  /** Writes a record; resolves with it as stored once it is durable. */
  write(content: AuditRecordContent): Promise<AuditRecord> {
    if (this.closed) return Promise.reject(new Error('the audit writer is closed'));
    return new Promise<AuditRecord>((resolve, reject) => {
      this.queue.push({ content, resolve, reject });
      this.stats.queued = this.queue.length;
      this.flushing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        this.stats.queued = this.queue.length;
        await this.writeBatch(batch);
      }
    } finally {
      this.flushing = null;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    let sequence = this.sequence;
    let previousHash = this.previousHash;
    const chain = this.chainId;
    const records = batch.map(({ content }) => {
      const record = hashRecord({ ...content, chain, sequence: ++sequence, previousHash });
      previousHash = record.hash;
      return record;
    });
    const startedAt = performance.now();
    try {
      await this.sink.append(records);
    } catch (error) {
      this.onBatch?.(performance.now() - startedAt, records.length, false);
      const ended = this.head;
      if (ended) for (const listener of this.chainEndListeners) listener(ended);
      this.chainId = randomUUID();
      this.sequence = 0;
      this.previousHash = CHAIN_GENESIS;
      for (const pending of batch) pending.reject(error);
      return;
    }
    this.onBatch?.(performance.now() - startedAt, records.length, true);
    this.sequence = sequence;
    this.previousHash = previousHash;
    this.stats.written += records.length;
    this.stats.batches += 1;
    batch.forEach((pending, index) => pending.resolve(records[index]!));
  }

  /** Writes what is queued, then closes the sink. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.sink.close();
  }
}
