/**
 * The audit trail as a JSON Lines file: the embedded default of `npm start`, so a newcomer sees
 * the trail without a database. The same records and chains as PostgreSQL, one per line.
 *
 * Appends are durable: each batch is one write to a file opened for appending, then fsync, before
 * any request in it is answered. A crash mid-write can leave a torn last line; it was never
 * acknowledged (its fsync did not return), so the reader skips it with a warning, and the writer
 * starts its first batch on a new line so a torn line never swallows a good record.
 *
 * Purges leave checkpoints in `<file>.checkpoints.jsonl`, and rewrite the file through a rename.
 * A running gateway holds `<file>.lock` (its pid); a purge refuses while that process lives,
 * because records it appended to the old file during the rewrite would be lost.
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { recordJson, type AuditCheckpoint, type AuditRecord } from '../../contracts/audit.js';
import { matchesAuditQuery, type AuditQuery, type AuditReader, type AuditSink } from './audit-store.js';

/** Records as JSONL, one line each: the trail's file format, which the PostgreSQL trail's spool shares. */
export function jsonLinesOf(records: readonly AuditRecord[]): string {
  return records.map((record) => `${recordJson(record)}\n`).join('');
}

export function checkpointFileOf(file: string): string {
  return `${file}.checkpoints.jsonl`;
}

function lockFileOf(file: string): string {
  return `${file}.lock`;
}

function processLives(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a live process writing the file, if any. */
export function liveWriterOf(file: string): number | null {
  const lock = lockFileOf(file);
  if (!existsSync(lock)) return null;
  const pid = Number(readFileSync(lock, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && processLives(pid) ? pid : null;
}

export class JsonlAuditSink implements AuditSink {
  private handle: FileHandle | null = null;
  private opening: Promise<FileHandle> | null = null;

  constructor(readonly file: string) {}

  private async handleFor(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    this.opening ??= (async () => {
      mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const handle = await open(this.file, 'a+', 0o600);
      // A torn last line (a crash mid-write) must not run into the first record written now.
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) await handle.appendFile('\n');
      }
      writeFileSync(lockFileOf(this.file), `${process.pid}\n`);
      this.handle = handle;
      return handle;
    })();
    try {
      return await this.opening;
    } finally {
      this.opening = null;
    }
  }

  async append(records: readonly AuditRecord[]): Promise<void> {
    const handle = await this.handleFor();
    await handle.appendFile(jsonLinesOf(records));
    await handle.datasync();
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    if (!handle) return;
    await handle.close();
    try {
      if (readFileSync(lockFileOf(this.file), 'utf8').trim() === String(process.pid)) unlinkSync(lockFileOf(this.file));
    } catch {
      // Already gone.
    }
  }
}

/** What reading a trail file found besides records: lines that are not records. */
export interface JsonlProblem {
  line: number;
  problem: string;
}

export class JsonlAuditReader implements AuditReader {
  readonly problems: JsonlProblem[] = [];

  constructor(readonly file: string) {}

  async *records(query: AuditQuery = {}): AsyncIterable<AuditRecord> {
    for await (const record of readJsonLines<AuditRecord>(this.file, this.problems)) {
      if (matchesAuditQuery(record, query)) yield record;
    }
  }

  async checkpoints(): Promise<AuditCheckpoint[]> {
    const latest = new Map<string, AuditCheckpoint>();
    for await (const checkpoint of readJsonLines<AuditCheckpoint>(checkpointFileOf(this.file), [])) {
      const known = latest.get(checkpoint.chain);
      if (!known || known.sequence < checkpoint.sequence) latest.set(checkpoint.chain, checkpoint);
    }
    return [...latest.values()];
  }

  async close(): Promise<void> {}
}

async function* readJsonLines<T>(file: string, problems: JsonlProblem[]): AsyncIterable<T> {
  if (!existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ line: number, problem: 'not JSON (a write a crash interrupted, or an edit)' });
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ line: number, problem: 'not a JSON object' });
      continue;
    }
    yield value as T;
  }
}

/**
 * Drops the records before `before` from the file, leaving a checkpoint per chain at its last
 * dropped record so the rest still verifies. Refuses while a gateway writes the file.
 */
export async function purgeJsonlTrail(file: string, before: Date, now = new Date()): Promise<{ purged: number; kept: number }> {
  const writer = liveWriterOf(file);
  if (writer !== null) throw new Error(`process ${writer} is writing ${file}: stop it before purging the file trail`);
  const reader = new JsonlAuditReader(file);
  // A chain is purged only as a prefix, so what is kept still follows its checkpoint without a gap:
  // a record is dropped when it and every earlier record of its chain are older than `before`.
  const firstKept = new Map<string, number>();
  for await (const record of reader.records()) {
    if (Date.parse(record.at) >= before.getTime()) {
      firstKept.set(record.chain, Math.min(firstKept.get(record.chain) ?? Infinity, record.sequence));
    }
  }
  const lastPurged = new Map<string, AuditCheckpoint>();
  const temporary = `${file}.purge-${process.pid}`;
  const out = await open(temporary, 'w', 0o600);
  let purged = 0;
  let kept = 0;
  try {
    for await (const record of reader.records()) {
      if (record.sequence < (firstKept.get(record.chain) ?? Infinity)) {
        purged += 1;
        const known = lastPurged.get(record.chain);
        if (!known || known.sequence < record.sequence) {
          lastPurged.set(record.chain, { chain: record.chain, sequence: record.sequence, hash: record.hash, purgedAt: now.toISOString() });
        }
      } else {
        kept += 1;
        await out.appendFile(`${JSON.stringify(record)}\n`);
      }
    }
    await out.datasync();
  } finally {
    await out.close();
  }
  if (lastPurged.size > 0) {
    const checkpoints = await open(checkpointFileOf(file), 'a', 0o600);
    try {
      await checkpoints.appendFile([...lastPurged.values()].map((checkpoint) => `${JSON.stringify(checkpoint)}\n`).join(''));
      await checkpoints.datasync();
    } finally {
      await checkpoints.close();
    }
  }
  await rename(temporary, file);
  return { purged, kept };
}
