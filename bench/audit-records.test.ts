import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditTrailEnd, countAuditRecords } from './audit-records.js';

describe('counting audit records in a JSONL trail', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-audit-records-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the lines appended after a point, and none for a trail not written yet', () => {
    const file = path.join(dir, 'trail.jsonl');
    expect(auditTrailEnd(file)).toBe(0);
    expect(countAuditRecords(file, 0)).toBe(0);
    writeFileSync(file, '{"n":1}\n{"n":2}\n');
    const before = auditTrailEnd(file);
    appendFileSync(file, '{"n":3}\n{"n":4}\n{"n":5}\n');
    expect(countAuditRecords(file, before)).toBe(3);
    expect(countAuditRecords(file, 0)).toBe(5);
  });
});
