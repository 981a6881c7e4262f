/**
 * The audit queries through the gateway over real HTTP, on the embedded JSONL trail: a case
 * worker's case view is found by the applicant's identity code (auditTrail), told to the applicant
 * without the worker (subjectAccessReport), and shown to the worker's own supervisor but not to
 * another unit's (accessesByUser); nobody else may ask; and each audit query is itself recorded,
 * as purpose AUDIT_REVIEW with the searched person as its subject.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectPseudonym, type AuditRecord } from '../../contracts/audit.js';
import { DEMO_ORGANISATION } from '../../contracts/identity.js';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { applicantOf, unknownPersonalIdentityCode } from '../dataset-fixtures.js';
import { postGraphQL, startTestGraph, type GraphQLResult, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
/** The showcase applicant's identity code, and the request id of the case worker's view of their case. */
let identityCode: string;
let caseViewRequestId: string;

beforeAll(async () => {
  graph = await startTestGraph();
  identityCode = applicantOf(graph.mocks.dataset, SCENARIO.showcase).personalIdentityCode!;
  const view = await graph.operation('CaseView', { id: SCENARIO.showcase }, await graph.as('kaisa.virtanen'));
  expect(view.status).toBe(200);
  caseViewRequestId = view.headers.get('x-request-id')!;
  // Another unit's case worker asks too (refused: the case is HEL-1's), so the trail places them in TRE-1.
  const otherUnit = await graph.operation('CaseView', { id: SCENARIO.showcase }, await graph.as('pekka.makinen'));
  expect(otherUnit.body.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
});
afterAll(() => graph.close());

function trail(): AuditRecord[] {
  return readFileSync(graph.identity.audit.file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditRecord);
}

interface Entry {
  at: string;
  requestId: string;
  caller: { user: string | null; organisation: string | null; unit: string | null; roles: string[] };
  caseId: string | null;
  caseSource: string | null;
  purpose: string;
  operationName: string | null;
  outcome: string;
  reads: Array<{ registry: string; service: string; fields: string[]; fromCache: boolean; sources: string[]; xRoadIds: string[] }>;
}
type Page = { entries: Entry[]; nextCursor: string | null };

const ENTRY_FIELDS = `entries {
  at requestId caller { user organisation unit roles } caseId caseSource purpose operationName outcome
  reads { registry service fields fromCache sources xRoadIds }
} nextCursor`;

const AUDIT_TRAIL = `query Trail($subject: String!, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  auditTrail(subject: $subject, from: $from, to: $to, first: $first, after: $after) { ${ENTRY_FIELDS} }
}`;
const SUBJECT_ACCESS_REPORT = `query Report($subject: String!, $first: Int, $after: String) {
  subjectAccessReport(subject: $subject, first: $first, after: $after) {
    generatedAt uses { at organisation purpose registries { registry fields } } nextCursor
  }
}`;
const ACCESSES_BY_USER = `query Accesses($user: String!, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
  accessesByUser(user: $user, from: $from, to: $to, first: $first, after: $after) { ${ENTRY_FIELDS} }
}`;

async function auditTrail(variables: Record<string, unknown>, who = 'tuula.laine'): Promise<GraphQLResult<{ auditTrail: Page }>> {
  return graph.query<{ auditTrail: Page }>(AUDIT_TRAIL, variables, await graph.as(who));
}

async function accessesByUser(variables: Record<string, unknown>, who: string): Promise<GraphQLResult<{ accessesByUser: Page }>> {
  return graph.query<{ accessesByUser: Page }>(ACCESSES_BY_USER, variables, await graph.as(who));
}

const codesOf = (result: GraphQLResult) => (result.body.errors ?? []).map((error) => error.extensions?.code);

describe('auditTrail (the data protection officer)', () => {
  it("finds the case worker's view by the applicant's identity code: who, when, which case, why, which registries and fields", async () => {
    const result = await auditTrail({ subject: identityCode });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    const view = result.body.data!.auditTrail.entries.find((entry) => entry.requestId === caseViewRequestId);
    expect(view).toMatchObject({
      caller: { user: 'kaisa.virtanen', organisation: DEMO_ORGANISATION, unit: 'HEL-1', roles: ['case-worker'] },
      caseId: SCENARIO.showcase,
      caseSource: 'OPERATION',
      purpose: 'CASE_HANDLING',
      operationName: 'CaseView',
      // A case worker may not read police records: left out, so partly served.
      outcome: 'PARTIAL',
    });
    // Only the reads about this person: the employer's trade register entry is not about them.
    const registries = view!.reads.map((read) => read.registry);
    expect(registries).toEqual(expect.arrayContaining(['POPULATION', 'SIS']));
    expect(registries).not.toContain('TRADE_REGISTER');
    const population = view!.reads.find((read) => read.registry === 'POPULATION')!;
    expect(population.fields).toEqual(expect.arrayContaining(['PopulationRecord.givenNames']));
    expect(population.service).toMatch(/persons/);
    expect(population.xRoadIds.length).toBeGreaterThan(0);
    expect(population.fromCache).toBe(false);
    expect(population.sources).toEqual(['REGISTRY']);
    // The refused attempt of another unit's case worker is in the trail too, if it read the person at all.
    expect(result.body.data!.auditTrail.entries.every((entry) => entry.caller.user !== null)).toBe(true);
  });

  it('is itself recorded: purpose AUDIT_REVIEW, the AUDIT pseudo-registry, the searched person as the subject', async () => {
    const first = await auditTrail({ subject: identityCode });
    const requestId = first.headers.get('x-request-id')!;
    const record = trail().find((candidate) => candidate.requestId === requestId)!;
    expect(record).toMatchObject({
      caller: { userId: 'tuula.laine', roles: ['data-protection-officer'] },
      purpose: 'AUDIT_REVIEW',
      outcome: 'served',
      case: { id: null },
    });
    expect(record.registries).toEqual([
      expect.objectContaining({
        registry: 'AUDIT',
        service: 'casegraph/audit/auditTrail',
        subjects: [subjectPseudonym(graph.identity.audit.subjectKey, identityCode)],
        fields: expect.arrayContaining(['Query.auditTrail', 'AuditEntry.caller', 'AuditCaller.user']),
        sources: ['registry'],
        outcome: 'ok',
      }),
    ]);
    // Never the identity code in clear.
    expect(JSON.stringify(record)).not.toContain(identityCode);

    // And the next search for the person shows it: the answer is never served from a cache.
    const second = await auditTrail({ subject: identityCode });
    const review = second.body.data!.auditTrail.entries.find((entry) => entry.requestId === requestId);
    expect(review).toMatchObject({ caller: { user: 'tuula.laine' }, purpose: 'AUDIT_REVIEW', outcome: 'SERVED' });
    expect(review!.reads).toEqual([
      expect.objectContaining({ registry: 'AUDIT', service: 'casegraph/audit/auditTrail', fromCache: false }),
    ]);
    expect(second.headers.get('age')).toBeNull();
  });

  it('pages with a cursor, oldest first, without gaps or repeats', async () => {
    const all = (await auditTrail({ subject: identityCode, first: 500 })).body.data!.auditTrail;
    expect(all.entries.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Page = (await auditTrail({ subject: identityCode, first: 2, after })).body.data!.auditTrail;
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((entry) => entry.requestId));
      after = page.nextCursor;
    } while (after !== null && seen.length < all.entries.length);
    // The pages asked meanwhile are recorded too; the ones there were at the start come first, in order.
    expect(seen.slice(0, all.entries.length)).toEqual(all.entries.map((entry) => entry.requestId));
    const times = all.entries.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps to the window: from inclusive, to exclusive', async () => {
    const view = trail().find((record) => record.requestId === caseViewRequestId)!;
    const at = new Date(view.at);
    const inWindow = await auditTrail({ subject: identityCode, from: at.toISOString(), to: new Date(at.getTime() + 1).toISOString() });
    expect(inWindow.body.data!.auditTrail.entries.map((entry) => entry.requestId)).toContain(caseViewRequestId);
    const before = await auditTrail({ subject: identityCode, to: at.toISOString() });
    expect(before.body.data!.auditTrail.entries.map((entry) => entry.requestId)).not.toContain(caseViewRequestId);
  });

  it('finds a view served from the response cache too, saying so', async () => {
    const headers = await graph.as('kaisa.virtanen');
    await graph.operation('CaseView', { id: SCENARIO.showcase }, headers);
    const cached = await graph.operation('CaseView', { id: SCENARIO.showcase }, headers);
    expect(cached.headers.get('age')).not.toBeNull();
    const result = await auditTrail({ subject: identityCode, first: 500 });
    const view = result.body.data!.auditTrail.entries.find((entry) => entry.requestId === cached.headers.get('x-request-id'));
    expect(view).toMatchObject({ caller: { user: 'kaisa.virtanen' }, caseId: SCENARIO.showcase, operationName: 'CaseView' });
    const population = view!.reads.find((read) => read.registry === 'POPULATION')!;
    expect(population).toMatchObject({ fromCache: true, sources: ['RESPONSE_CACHE'] });
    expect(population.fields).toEqual(expect.arrayContaining(['PopulationRecord.givenNames']));
  });

  it('finds nothing for a person nobody looked at', async () => {
    const result = await auditTrail({ subject: unknownPersonalIdentityCode(graph.mocks.dataset) });
    expect(result.body.data!.auditTrail).toEqual({ entries: [], nextCursor: null });
  });

  it.each([
    ['a malformed identity code', { subject: '140391Y7140' }],
    ['from after to', { from: '2026-12-02T10:00:00Z', to: '2026-12-02T09:00:00Z' }],
    ['first of 0', { first: 0 }],
    ['first above 500', { first: 501 }],
    ['a cursor it never returned', { after: 'not-a-cursor' }],
    ['a DateTime without a time zone', { from: '2026-12-02T10:00:00' }],
  ])('refuses %s with BAD_USER_INPUT', async (_case, variables) => {
    const result = await auditTrail({ subject: identityCode, ...variables });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(result.body)).not.toContain(identityCode);
  });
});

describe('subjectAccessReport', () => {
  it('tells the person when, by which organisation, why and from which registries and fields, without the staff', async () => {
    const result = await graph.query<{ subjectAccessReport: { uses: Array<Record<string, any>> } }>(
      SUBJECT_ACCESS_REPORT,
      { subject: identityCode },
      await graph.as('tuula.laine'),
    );
    expect(result.body.errors).toBeUndefined();
    const { uses } = result.body.data!.subjectAccessReport;
    const view = trail().find((record) => record.requestId === caseViewRequestId)!;
    const use = uses.find((candidate) => candidate.at === view.at);
    expect(use).toMatchObject({ organisation: DEMO_ORGANISATION, purpose: 'CASE_HANDLING' });
    expect(use!.registries).toEqual(
      expect.arrayContaining([{ registry: 'POPULATION', fields: expect.arrayContaining(['PopulationRecord.givenNames']) }]),
    );
    // The audit reviews of this person are uses too.
    expect(uses.some((candidate) => candidate.purpose === 'AUDIT_REVIEW')).toBe(true);
    // Refused attempts disclosed nothing, and are not told.
    const refused = trail()
      .filter((record) => record.outcome === 'refused')
      .map((record) => record.at);
    expect(uses.filter((candidate) => refused.includes(candidate.at))).toEqual([]);
    // No employee, unit, role or case in it.
    const text = JSON.stringify(result.body);
    for (const secret of ['kaisa.virtanen', 'tuula.laine', 'HEL-1', 'case-worker', SCENARIO.showcase, caseViewRequestId]) {
      expect(text).not.toContain(secret);
    }
  });

  it('comes a page at a time through the gateway: the pages together are the whole report', async () => {
    type Report = { subjectAccessReport: { uses: Array<{ at: string }>; nextCursor: string | null } };
    const headers = await graph.as('tuula.laine');
    const whole = await graph.query<Report>(SUBJECT_ACCESS_REPORT, { subject: identityCode }, headers);
    expect(whole.body.data!.subjectAccessReport.nextCursor).toBeNull();
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: { body: { errors?: unknown; data?: Report | null } } = await graph.query<Report>(
        SUBJECT_ACCESS_REPORT,
        { subject: identityCode, first: 2, after },
        headers,
      );
      expect(page.body.errors).toBeUndefined();
      paged.push(...page.body.data!.subjectAccessReport.uses.map((use) => use.at));
      after = page.body.data!.subjectAccessReport.nextCursor;
    } while (after !== null);
    // Each page is a use of its own (an audit review), so the paged report has at least the earlier whole one's uses, in order.
    const earlier = whole.body.data!.subjectAccessReport.uses.map((use) => use.at);
    expect(earlier.length).toBeGreaterThan(2);
    expect(paged.slice(0, earlier.length)).toEqual(earlier);
  });

  it('is recorded as an AUDIT_REVIEW of the person', async () => {
    const result = await graph.query(SUBJECT_ACCESS_REPORT, { subject: identityCode }, await graph.as('tuula.laine'));
    const record = trail().find((candidate) => candidate.requestId === result.headers.get('x-request-id'))!;
    expect(record.purpose).toBe('AUDIT_REVIEW');
    expect(record.registries).toEqual([
      expect.objectContaining({
        registry: 'AUDIT',
        service: 'casegraph/audit/subjectAccessReport',
        subjects: [subjectPseudonym(graph.identity.audit.subjectKey, identityCode)],
      }),
    ]);
  });
});

describe('accessesByUser', () => {
  it("shows a supervisor what their own unit's case worker read", async () => {
    const result = await accessesByUser({ user: 'kaisa.virtanen' }, 'liisa.nieminen');
    expect(result.body.errors).toBeUndefined();
    const view = result.body.data!.accessesByUser.entries.find((entry) => entry.requestId === caseViewRequestId);
    expect(view).toMatchObject({ caller: { user: 'kaisa.virtanen', unit: 'HEL-1' }, caseId: SCENARIO.showcase, purpose: 'CASE_HANDLING' });
    // Every read of the request, the employer's too.
    expect(view!.reads.map((read) => read.registry)).toEqual(expect.arrayContaining(['POPULATION', 'TRADE_REGISTER']));
    const record = trail().find((candidate) => candidate.requestId === result.headers.get('x-request-id'))!;
    expect(record).toMatchObject({ purpose: 'AUDIT_REVIEW', caller: { userId: 'liisa.nieminen' } });
    expect(record.registries).toEqual([
      expect.objectContaining({ registry: 'AUDIT', service: 'casegraph/audit/accessesByUser', subjects: [] }),
    ]);
  });

  it("refuses a supervisor another unit's case worker: FORBIDDEN", async () => {
    const result = await accessesByUser({ user: 'pekka.makinen' }, 'liisa.nieminen');
    expect(result.body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'USER_OF_ANOTHER_UNIT' }) }),
    ]);
    expect(result.body.data ?? null).toBeNull();
    expect(trail().find((record) => record.requestId === result.headers.get('x-request-id'))).toMatchObject({
      purpose: 'AUDIT_REVIEW',
      outcome: 'refused',
    });
  });

  it('shows the data protection officer any user', async () => {
    const result = await accessesByUser({ user: 'pekka.makinen' }, 'tuula.laine');
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data!.accessesByUser.entries[0]).toMatchObject({
      caller: { user: 'pekka.makinen', unit: 'TRE-1' },
      outcome: 'REFUSED',
    });
  });

  it('refuses a user id that is not one with BAD_USER_INPUT', async () => {
    expect(codesOf(await accessesByUser({ user: 'kaisa virtanen' }, 'tuula.laine'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('anyone without an audit right', () => {
  it.each([
    ['auditTrail', AUDIT_TRAIL, { subject: '140391Y714Y' }],
    ['subjectAccessReport', SUBJECT_ACCESS_REPORT, { subject: '140391Y714Y' }],
    ['accessesByUser', ACCESSES_BY_USER, { user: 'kaisa.virtanen' }],
  ])('is refused %s by a case worker, with 403 and nothing read', async (field, query, variables) => {
    const before = trail().length;
    const result = await graph.query(query, variables, await graph.as('kaisa.virtanen'));
    expect(result.status).toBe(403);
    expect(result.body.data ?? null).toBeNull();
    expect(result.body.errors).toEqual([
      expect.objectContaining({ path: [field], extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE' }) }),
    ]);
    const records = trail().slice(before);
    expect(records).toEqual([expect.objectContaining({ purpose: 'AUDIT_REVIEW', outcome: 'refused', registries: [] })]);
  });

  it('is refused by the audit subgraph itself, FORBIDDEN, even with a genuine gateway assertion', async () => {
    const audit = graph.subgraphs.find((subgraph) => subgraph.name === 'audit')!;
    const assertion = await graph.identity.assertion({
      userId: 'kaisa.virtanen',
      organisation: DEMO_ORGANISATION,
      unit: 'HEL-1',
      roles: ['case-worker'],
      rights: new Set(['cases:unit', 'case:read', 'population:read']),
    });
    const result = await postGraphQL<Record<string, unknown>>(
      audit.url,
      AUDIT_TRAIL,
      { subject: identityCode },
      { authorization: `Bearer ${assertion}` },
    );
    expect(result.status).toBe(403);
    expect(codesOf(result)).toEqual(['FORBIDDEN']);
  });
});
