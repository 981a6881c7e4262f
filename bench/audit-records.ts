/**
 * Counting the audit records a gateway wrote during a measured window: from its JSONL trail (the
 * trail's size when the window opens, then the complete lines appended after it when it closes),
 * or from its PostgreSQL trail (the table's rows before and after; only one gateway writes to it
 * at a time, as windows run one after another).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import pg from 'pg';

/** Where a trail stands when a window opens, and how many records it gained since. */
export interface AuditRecordCount {
  mark(): Promise<number>;
  since(mark: number): Promise<number>;
}

export function fileAuditRecords(file: string): AuditRecordCount {
  return {
    mark: async () => auditTrailEnd(file),
    since: async (mark) => countAuditRecords(file, mark),
  };
}

export function postgresAuditRecords(databaseUrl: string): AuditRecordCount {
  const rows = async () => {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'casegraph bench' });
    await client.connect();
    try {
      // count(*) needs no column the writer role may not read.
      const {
        rows: [row],
      } = await client.query<{ count: string }>('SELECT count(*) FROM audit.records');
      return Number(row!.count);
    } finally {
      await client.end();
    }
  };
  return { mark: rows, since: async (mark) => (await rows()) - mark };
}

/** Where the trail ends now (0 when the gateway has written nothing yet). */
export function auditTrailEnd(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** Complete lines (records) in `file` after byte `from`. */
export function countAuditRecords(file: string, from: number): number {
  const end = auditTrailEnd(file);
  if (end <= from) return 0;
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    let records = 0;
    let position = from;
    while (position < end) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, end - position), position);
      if (read === 0) break;
      for (let index = 0; index < read; index++) if (buffer[index] === 0x0a) records++;
      position += read;
    }
    return records;
  } finally {
    closeSync(fd);
  }
}
