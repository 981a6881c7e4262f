/**
 * The audit queries over an AuditReader that holds records in memory (as any backend yields them:
 * oldest first, by time, then chain and sequence): paging across records of the same instant in
 * two chains, the reads about the searched person only, what a subject access report leaves out,
 * and what a supervisor may see of a user who moved between units.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { subjectPseudonym, type AuditRecord, type AuditRegistryRead } from '../../contracts/audit.js';
import { formatHetu } from '../../contracts/identifiers.js';
import { matchesAuditQuery, type AuditQuery, type AuditReader } from '../../platform/audit/audit-store.js';
import type { Right } from '../../contracts/rights.js';
import type { SubgraphCaller } from '../shared/request-context.js';
import { AuditQueries } from './audit-queries.js';

const KEY = randomBytes(32);
const PERSON = formatHetu('1991-03-14', 'A', 123);
const OTHER_PERSON = formatHetu('1985-07-02', '-', 456);
const pseudonym = (code: string) => subjectPseudonym(KEY, code);

class MemoryAuditReader implements AuditReader {
  constructor(private readonly stored: AuditRecord[]) {}

  async *records(query: AuditQuery = {}): AsyncIterable<AuditRecord> {
    const ordered = [...this.stored].sort(
      (a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : a.sequence - b.sequence),
    );
    for (const record of ordered) if (matchesAuditQuery(record, query)) yield record;
  }

  async checkpoints() {
    return [];
  }

  async close() {}
}

function read(registry: string, subjects: string[], fields: string[] = [`${registry}.field`]): AuditRegistryRead {
  return {
    registry,
    service: `service/${registry}`,
    subjects: subjects.map(pseudonym).sort(),
    fields,
    xRoadIds: [],
    sources: ['registry'],
    outcome: 'ok',
  };
}

let sequence = 0;
function record(at: string, overrides: Partial<AuditRecord> = {}): AuditRecord {
  sequence += 1;
  return {
    id: `record-${sequence}`,
    at,
    requestId: `request-${sequence}`,
    traceId: null,
    caller: { userId: 'kaisa.virtanen', organisation: 'Migri', unit: 'HEL-1', roles: ['case-worker'] },
    case: { id: 'APP-0000001', source: 'operation' },
    purpose: 'CASE_HANDLING',
    operation: { name: 'CaseView', documentHash: 'hash' },
    outcome: 'served',
    refusals: [],
    registries: [read('POPULATION', [PERSON]), read('TRADE_REGISTER', ['1234567-8'])],
    chain: 'chain-a',
    sequence,
    previousHash: 'previous',
    hash: 'hash',
    ...overrides,
  };
}

function caller(rights: Right[], unit: string | null): SubgraphCaller {
  return { userId: 'someone', organisation: 'Migri', unit, roles: [], rights: new Set(rights), caseId: null };
}

describe('auditTrail', () => {
  const sameInstant = '2026-12-01T10:00:00.000Z';
  const records = [
    record('2026-12-01T09:00:00.000Z'),
    record(sameInstant, { chain: 'chain-b', sequence: 1 }),
    record(sameInstant, { chain: 'chain-a', sequence: 7 }),
    record(sameInstant, { chain: 'chain-a', sequence: 8 }),
    record('2026-12-01T11:00:00.000Z', { registries: [read('POPULATION', [OTHER_PERSON])] }),
    record('2026-12-01T12:00:00.000Z'),
  ];
  const queries = new AuditQueries(new MemoryAuditReader(records), KEY);
  const aboutPerson = records.filter((candidate) => candidate.registries.some((r) => r.subjects.includes(pseudonym(PERSON))));

  it('pages one record at a time through records of the same instant in two chains, in order, without repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const { page } = await queries.auditTrail(PERSON, { first: 1, after });
      seen.push(...page.entries.map((entry) => entry.record.id));
      after = page.nextCursor;
      if (after === null) break;
    }
    expect(seen).toEqual(['record-1', 'record-3', 'record-4', 'record-2', 'record-6']);
    expect(seen.sort()).toEqual(aboutPerson.map((candidate) => candidate.id).sort());
  });

  it('keeps only the reads about the person, and reports the identity code searched for', async () => {
    const { page, read: trailRead } = await queries.auditTrail(PERSON, {});
    expect(page.entries.every((entry) => entry.reads.map((r) => r.registry).join() === 'POPULATION')).toBe(true);
    expect(trailRead.subjects).toEqual([PERSON]);
  });

  it('normalises the identity code as the gateway does (upper case)', async () => {
    const { page } = await queries.auditTrail(PERSON.toLowerCase(), {});
    expect(page.entries).toHaveLength(aboutPerson.length);
  });
});

describe('subjectAccessReport', () => {
  it('tells every use but refused ones, with the organisation and purpose and no staff', async () => {
    const records = [
      record('2026-12-01T09:00:00.000Z'),
      record('2026-12-01T10:00:00.000Z', { outcome: 'refused', registries: [read('POPULATION', [PERSON])] }),
      record('2026-12-01T11:00:00.000Z', { purpose: 'AUDIT_REVIEW', registries: [read('AUDIT', [PERSON], ['Query.auditTrail'])] }),
    ];
    const { page } = await new AuditQueries(new MemoryAuditReader(records), KEY).subjectAccessReport(PERSON, {});
    expect(page.nextCursor).toBeNull();
    expect(page.uses).toEqual([
      {
        at: '2026-12-01T09:00:00.000Z',
        organisation: 'Migri',
        purpose: 'CASE_HANDLING',
        registries: [{ registry: 'POPULATION', fields: ['POPULATION.field'] }],
      },
      {
        at: '2026-12-01T11:00:00.000Z',
        organisation: 'Migri',
        purpose: 'AUDIT_REVIEW',
        registries: [{ registry: 'AUDIT', fields: ['Query.auditTrail'] }],
      },
    ]);
  });
});

describe('subjectAccessReport, a page at a time', () => {
  // Seven uses of the person, two of them refused (never told, never counted), and one use of someone else.
  const records = [
    ...['09', '10', '11', '12', '13'].map((hour) => record(`2026-12-02T${hour}:00:00.000Z`)),
    record('2026-12-02T09:30:00.000Z', { outcome: 'refused' }),
    record('2026-12-02T11:30:00.000Z', { outcome: 'refused' }),
    record('2026-12-02T10:30:00.000Z', { registries: [read('POPULATION', [OTHER_PERSON])] }),
  ];
  const queries = new AuditQueries(new MemoryAuditReader(records), KEY);

  it('pages the uses oldest first, skipping refused attempts, until the cursor runs out', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const { page }: Awaited<ReturnType<typeof queries.subjectAccessReport>> = await queries.subjectAccessReport(PERSON, {
        first: 2,
        after,
      });
      expect(page.uses.length).toBeLessThanOrEqual(2);
      seen.push(...page.uses.map((use) => use.at));
      after = page.nextCursor;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual(['09', '10', '11', '12', '13'].map((hour) => `2026-12-02T${hour}:00:00.000Z`));
  });

  it('gives the whole report in one page up to 500 uses, and refuses a page size beyond it', async () => {
    const { page } = await queries.subjectAccessReport(PERSON, {});
    expect(page.uses).toHaveLength(5);
    expect(page.nextCursor).toBeNull();
    await expect(queries.subjectAccessReport(PERSON, { first: 501 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('accessesByUser', () => {
  // The user worked in TRE-1, then moved to HEL-1.
  const records = [
    record('2026-11-01T09:00:00.000Z', { caller: { userId: 'mover', organisation: 'Migri', unit: 'TRE-1', roles: ['case-worker'] } }),
    record('2026-12-01T09:00:00.000Z', { caller: { userId: 'mover', organisation: 'Migri', unit: 'HEL-1', roles: ['case-worker'] } }),
  ];
  const queries = new AuditQueries(new MemoryAuditReader(records), KEY);

  it("shows the new unit's supervisor only what the user read there", async () => {
    const { page } = await queries.accessesByUser(caller(['audit:unit'], 'HEL-1'), 'mover', {});
    expect(page.entries.map((entry) => entry.record.caller.unit)).toEqual(['HEL-1']);
    // Every read of the request, not only those about one person.
    expect(page.entries[0]!.reads.map((r) => r.registry)).toEqual(['POPULATION', 'TRADE_REGISTER']);
  });

  it("refuses the old unit's supervisor, and a supervisor of no unit", async () => {
    await expect(queries.accessesByUser(caller(['audit:unit'], 'TRE-1'), 'mover', {})).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN', reason: 'USER_OF_ANOTHER_UNIT' },
    });
    await expect(queries.accessesByUser(caller(['audit:unit'], null), 'mover', {})).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(queries.accessesByUser(caller(['case:read'], 'HEL-1'), 'mover', {})).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN', reason: 'NO_AUDIT_ACCESS' },
    });
  });

  it('shows the data protection officer everything, and nobody anything of a user the trail never saw', async () => {
    const { page } = await queries.accessesByUser(caller(['audit:read'], null), 'mover', {});
    expect(page.entries).toHaveLength(2);
    const unseen = await queries.accessesByUser(caller(['audit:unit'], 'HEL-1'), 'nobody', {});
    expect(unseen.page).toEqual({ entries: [], nextCursor: null });
  });

  it('refuses bad input before reading anything: BAD_USER_INPUT', async () => {
    const supervisor = caller(['audit:unit'], 'TRE-1');
    for (const args of [{ first: 0 }, { first: 501 }, { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, { after: 'x' }]) {
      await expect(queries.accessesByUser(supervisor, 'mover', args)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    }
    await expect(queries.accessesByUser(supervisor, 'not a user', {})).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
