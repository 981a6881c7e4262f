/**
 * The PostgreSQL trail with a local spool in front of it, so a short outage of the database does
 * not stop the gateway, and nothing is lost or reordered:
 *
 * - A batch goes to the database (with a timeout). When that fails it is appended to the spool
 *   file and fsynced, and counts as written: it survives a crash as well as a commit would.
 * - While the spool holds anything, every new batch is appended to it too, behind the ones
 *   waiting, so records reach the database in the order they were written.
 * - A background shipper retries the database with backoff and ships the spool in order, then
 *   truncates it; from then on batches go to the database again. A spool left over by an earlier
 *   process is shipped first. Shipping is idempotent (ON CONFLICT (id) DO NOTHING): a batch that
 *   timed out but committed, or a spool shipped again after a crash mid-ship, adds nothing twice.
 * - When the spool cannot be written either (a full or broken disk, AUDIT_SPOOL_MAX_BYTES), the
 *   append fails, and the gateway answers 503 AUDIT_UNAVAILABLE.
 *
 * The spool is the JSONL trail's format, one record a line. The file is opened for each append
 * and closed again (an outage is rare; a handle held across it would outlive a replaced file),
 * and it belongs to one process at a time (`<spool>.lock`, as the file trail's).
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, truncate } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { AuditRecord } from '../../contracts/audit.js';
import type { Logger } from '../logger.js';
import type { AuditSink } from './audit-store.js';
import { jsonLinesOf, liveWriterOf } from './jsonl-store.js';

export interface SpoolingSinkOptions {
  spoolFile: string;
  /** Beyond this the spool refuses appends (and so the gateway its answers). */
  spoolMaxBytes?: number;
  /** The shipper's first retry delay, doubled after every failure up to `retryMaxMs`. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Records per INSERT when shipping. */
  shipBatch?: number;
  /** How long close() may spend shipping what is spooled before it leaves the spool for the next start. */
  closeShipTimeoutMs?: number;
  logger: Logger;
}

/** What the sink is doing, for metrics (audit_spool_records, audit_spool_bytes, ...). */
export interface SpoolingSinkStats {
  /** Records waiting in the spool (not yet shipped), and their bytes. */
  spoolRecords: number;
  spoolBytes: number;
  /** When the spool was last shipped empty (ISO 8601), or null. */
  lastShipAt: string | null;
  /** Records shipped from the spool to the database since start. */
  shippedRecords: number;
  /** Ship attempts that failed since start. */
  shipFailures: number;
  /** Batches written straight to the database, and how many of those attempts failed. */
  databaseWrites: number;
  databaseWriteFailures: number;
  /** Batches appended to the spool since start, and appends that failed (each a 503). */
  spoolAppends: number;
  spoolAppendFailures: number;
  /** The last batch's write latency, whichever way it went, and the sum over all batches. */
  lastWriteLatencyMs: number | null;
  writeLatencyMsTotal: number;
  /** Lines of the spool that were not records (a crash mid-append) and were skipped. */
  unreadableSpoolLines: number;
}

function lockFileOf(file: string): string {
  return `${file}.lock`;
}

export class SpoolingAuditSink implements AuditSink {
  private readonly spoolFile: string;
  private readonly spoolMaxBytes: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  private readonly shipBatch: number;
  private readonly closeShipTimeoutMs: number;
  private readonly logger: Logger;
  /** Appends and the shipper's final truncate run one at a time, in order. */
  private tail: Promise<unknown> = Promise.resolve();
  private spoolBytes = 0;
  private spoolRecords = 0;
  /** Bytes of the spool already in the database (shipped, not yet truncated). */
  private shippedBytes = 0;
  private shipping: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelayMs: number;
  private closed = false;
  private readonly counters: Omit<SpoolingSinkStats, 'spoolRecords' | 'spoolBytes'> = {
    lastShipAt: null,
    shippedRecords: 0,
    shipFailures: 0,
    databaseWrites: 0,
    databaseWriteFailures: 0,
    spoolAppends: 0,
    spoolAppendFailures: 0,
    lastWriteLatencyMs: null,
    writeLatencyMsTotal: 0,
    unreadableSpoolLines: 0,
  };

  constructor(
    private readonly database: AuditSink,
    options: SpoolingSinkOptions,
  ) {
    this.spoolFile = options.spoolFile;
    this.spoolMaxBytes = options.spoolMaxBytes ?? 1_073_741_824;
    this.retryMinMs = options.retryMinMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 10_000;
    this.shipBatch = options.shipBatch ?? 500;
    this.closeShipTimeoutMs = options.closeShipTimeoutMs ?? 5_000;
    this.retryDelayMs = this.retryMinMs;
    this.logger = options.logger.child({ component: 'audit-spool' });
  }

  /**
   * Takes the spool (refusing one a live process holds) and, when an earlier process left records
   * in it, starts shipping them before anything new goes to the database.
   */
  async open(): Promise<void> {
    const holder = liveWriterOf(this.spoolFile);
    if (holder !== null)
      throw new Error(`AUDIT_SPOOL_FILE: process ${holder} holds ${this.spoolFile}: each gateway needs a spool of its own`);
    mkdirSync(path.dirname(this.spoolFile), { recursive: true, mode: 0o700 });
    writeFileSync(lockFileOf(this.spoolFile), `${process.pid}\n`, { mode: 0o600 });
    if (existsSync(this.spoolFile)) {
      const size = statSync(this.spoolFile).size;
      if (size > 0) {
        // A crash mid-append can leave a torn line; it was never acknowledged, and must not run
        // into the next record appended.
        const handle = await open(this.spoolFile, 'a+');
        try {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) {
            await handle.appendFile('\n');
            await handle.datasync();
          }
        } finally {
          await handle.close();
        }
        this.spoolBytes = statSync(this.spoolFile).size;
        this.spoolRecords = await countLines(this.spoolFile);
        this.logger.warn({ records: this.spoolRecords, bytes: this.spoolBytes }, 'an audit spool was left over: shipping it first');
        this.scheduleShip(0);
      }
    }
  }

  stats(): SpoolingSinkStats {
    // What still waits: shipped records stay in the file until it is truncated, but no longer count.
    return { spoolRecords: this.spoolRecords, spoolBytes: this.spoolBytes - this.shippedBytes, ...this.counters };
  }

  append(records: readonly AuditRecord[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the audit sink is closed'));
    const result = this.tail.then(() => this.appendInOrder(records));
    this.tail = result.catch(() => {});
    return result;
  }

  private async appendInOrder(records: readonly AuditRecord[]): Promise<void> {
    const startedAt = performance.now();
    try {
      if (this.spoolBytes === 0) {
        try {
          await this.database.append(records);
          this.counters.databaseWrites += 1;
          return;
        } catch (error) {
          this.counters.databaseWriteFailures += 1;
          this.logger.warn({ err: error, records: records.length }, 'the audit database did not take a batch: it goes to the spool');
        }
      }
      await this.appendToSpool(records);
      this.scheduleShip(this.retryDelayMs);
    } finally {
      const latency = performance.now() - startedAt;
      this.counters.lastWriteLatencyMs = latency;
      this.counters.writeLatencyMsTotal += latency;
    }
  }

  private async appendToSpool(records: readonly AuditRecord[]): Promise<void> {
    const text = jsonLinesOf(records);
    const bytes = Buffer.byteLength(text);
    if (this.spoolBytes + bytes > this.spoolMaxBytes) {
      this.counters.spoolAppendFailures += 1;
      throw new Error(`the audit spool is full (AUDIT_SPOOL_MAX_BYTES=${this.spoolMaxBytes})`);
    }
    const before = this.spoolBytes;
    try {
      const created = before === 0 && !existsSync(this.spoolFile);
      mkdirSync(path.dirname(this.spoolFile), { recursive: true, mode: 0o700 });
      const handle = await open(this.spoolFile, 'a', 0o600);
      try {
        await handle.appendFile(text);
        await handle.datasync();
      } catch (error) {
        // A partial append must not stay in front of the next one.
        await handle.truncate(before).catch(() => {});
        throw error;
      } finally {
        await handle.close();
      }
      // A new file's name must survive a crash too, not only its content.
      if (created) await syncDirectory(path.dirname(this.spoolFile));
    } catch (error) {
      this.counters.spoolAppendFailures += 1;
      this.logger.error({ err: error, records: records.length }, 'the audit spool cannot be written either');
      throw error;
    }
    this.spoolBytes += bytes;
    this.spoolRecords += records.length;
    this.counters.spoolAppends += 1;
  }

  private scheduleShip(delayMs: number): void {
    if (this.closed || this.shipping || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.shipping = this.ship().finally(() => {
        this.shipping = null;
        // Failed (or records arrived after the last round): try again, backing off.
        if (this.spoolBytes > 0) this.scheduleShip(this.retryDelayMs);
      });
    }, delayMs);
    this.retryTimer.unref();
  }

  /** Ships the spool until it is empty, or one attempt fails (then retries later, backing off). */
  private async ship(): Promise<void> {
    try {
      for (;;) {
        const end = this.spoolBytes;
        if (this.shippedBytes < end) await this.shipRange(this.shippedBytes, end);
        // Appends run between rounds; the last round's truncate runs in their order, so none can
        // land between "everything is shipped" and the truncate.
        const emptied = await this.inOrder(async () => {
          if (this.shippedBytes < this.spoolBytes) return false;
          await truncate(this.spoolFile, 0);
          this.spoolBytes = 0;
          this.spoolRecords = 0;
          this.shippedBytes = 0;
          return true;
        });
        if (emptied) break;
      }
      this.counters.lastShipAt = new Date().toISOString();
      this.retryDelayMs = this.retryMinMs;
      this.logger.info({ shippedRecords: this.counters.shippedRecords }, 'the audit spool is shipped to the database');
    } catch (error) {
      this.counters.shipFailures += 1;
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, this.retryMaxMs);
      this.logger.warn({ err: error, retryInMs: this.retryDelayMs, spoolRecords: this.spoolRecords }, 'shipping the audit spool failed');
    }
  }

  private inOrder<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => {});
    return result;
  }

  /** Ships the spool's bytes [start, end) in order, a batch at a time, advancing shippedBytes as each commits. */
  private async shipRange(start: number, end: number): Promise<void> {
    const lines = createInterface({
      input: createReadStream(this.spoolFile, { start, end: end - 1, encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    let batch: AuditRecord[] = [];
    let batchBytes = 0;
    let skipped = 0;
    let offset = start;
    const flush = async () => {
      if (batch.length > 0) await this.database.append(batch);
      this.counters.shippedRecords += batch.length;
      this.spoolRecords = Math.max(0, this.spoolRecords - batch.length - skipped);
      skipped = 0;
      offset += batchBytes;
      this.shippedBytes = offset;
      batch = [];
      batchBytes = 0;
    };
    for await (const line of lines) {
      batchBytes += Buffer.byteLength(line) + 1;
      if (line.trim() === '') continue;
      try {
        batch.push(JSON.parse(line) as AuditRecord);
      } catch {
        this.counters.unreadableSpoolLines += 1;
        skipped += 1;
        this.logger.warn({ offset }, 'a line of the audit spool is not a record (an append a crash interrupted): skipped');
        continue;
      }
      if (batch.length >= this.shipBatch) await flush();
    }
    await flush();
  }

  /**
   * Stops taking records; ships what is spooled if the database answers within closeShipTimeoutMs,
   * and otherwise leaves the spool as it is for the next start; then closes the database.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await this.tail;
    await this.shipping;
    if (this.spoolBytes > 0) {
      let timer: NodeJS.Timeout | undefined;
      const lastShip = this.ship();
      await Promise.race([lastShip, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.closeShipTimeoutMs)))]);
      clearTimeout(timer);
      if (this.spoolBytes > 0) this.logger.warn({ records: this.spoolRecords }, 'the audit spool is left for the next start to ship');
    }
    await this.database.close();
    try {
      if (readFileSync(lockFileOf(this.spoolFile), 'utf8').trim() === String(process.pid)) unlinkSync(lockFileOf(this.spoolFile));
    } catch {
      // Already gone.
    }
  }
}

async function countLines(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file)) {
    for (const byte of chunk as Buffer) if (byte === 0x0a) lines += 1;
  }
  return lines;
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
