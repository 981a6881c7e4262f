/**
 * The audit trail is complete: every shipped operation, run by every demo role, fresh and cached,
 * is recorded with exactly the registries and subjects behind its answer.
 *
 * The oracle is outside the gateway: the mock registries count the calls and keys they were asked
 * and keep each call's X-Road request id. On a graph with the registry cache off every read is a
 * registry call, so a fresh request's record must name exactly the registries the mocks saw, the
 * X-Road ids they logged, and as many subjects as keys they were asked (fewer only where the same
 * subject was asked twice); every identity code and Business ID in the answer is among its
 * subjects. On a graph with the caches on, the same request answered from the response cache and
 * from the subgraphs' memory cache must be recorded with the same registries, subjects and fields
 * as the fresh one, naming where it came from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectPseudonym, type AuditRecord, type AuditRegistryRead } from '../../contracts/audit.js';
import { DEMO_SERVICE_ACCOUNTS, DEMO_USERS } from '../../contracts/identity.js';
import { REGISTRIES, type RegistryId } from '../../contracts/registry-catalogue.js';
import type { StatsSnapshot } from '../../mocks/stats.js';
import { JsonlAuditReader } from '../../platform/audit/jsonl-store.js';
import { verifyAuditChains } from '../../platform/audit/verify.js';
import { startTestGraph, type AnotherGateway, type GraphQLResult, type TestGraph } from '../graph-harness.js';

const OPERATION_NAMES = readdirSync(new URL('../../gateway/operations/', import.meta.url))
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => file.replace(/\.graphql$/, ''));
const CALLERS = [...DEMO_USERS.map((user) => user.id), ...DEMO_SERVICE_ACCOUNTS.map((account) => account.id)];
/** PopulationRecord reads a person by identity code, which is done within a case (the default code is APP-0000001's applicant). */
const caseHeaderOf = (operation: string): Record<string, string> =>
  operation === 'PopulationRecord' ? { 'x-case-id': 'APP-0000001' } : {};

let cold: TestGraph;
let warm: TestGraph;
let warmWithoutResponseCache: AnotherGateway;
beforeAll(async () => {
  [cold, warm] = await Promise.all([
    startTestGraph({ mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } }, subgraphEnv: { REGISTRY_CACHE: 'off' } }),
    startTestGraph({ mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } } }),
  ]);
  warmWithoutResponseCache = await warm.startAnotherGateway({ RESPONSE_CACHE: 'off' });
}, 60_000);
afterAll(() => Promise.all([cold?.close(), warm?.close()]));

function recordIn(graph: TestGraph, result: GraphQLResult): AuditRecord | undefined {
  const requestId = result.headers.get('x-request-id');
  const found = readFileSync(graph.identity.audit.file, 'utf8')
    .split('\n')
    .filter((line) => line.includes(`"requestId":"${requestId}"`))
    .map((line) => JSON.parse(line) as AuditRecord);
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

/** Every identity code and Business ID anywhere in an answer. */
function identifiersIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => identifiersIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'personalIdentityCode' || key === 'businessId') && typeof child === 'string') found.add(child);
      else identifiersIn(child, found);
    }
  }
  return found;
}

const codeOf = (registry: RegistryId) => REGISTRIES[registry].code;

/** Reads of the audit trail itself (the audit queries): no registry sees them, so the mocks cannot count them. */
const TRAIL = 'AUDIT';
/** The person an audit query is about: the identity code its `subject` variable defaults to. */
function searchedSubjectOf(operation: string): string | null {
  const match = /\$subject: String! = "([^"]+)"/.exec(
    readFileSync(new URL(`../../gateway/operations/${operation}.graphql`, import.meta.url), 'utf8'),
  );
  return match ? match[1]! : null;
}

/** What a record says about registries, without where the answers came from. */
function whatWasRead(record: AuditRecord): Array<Omit<AuditRegistryRead, 'sources' | 'xRoadIds'>> {
  return record.registries.map(({ sources: _sources, xRoadIds: _xRoadIds, ...read }) => read);
}

describe.each(OPERATION_NAMES)('%s', (operation) => {
  it.each(CALLERS)('by %s, fresh: exactly the registries, calls and subjects the registries saw', async (caller) => {
    await cold.resetRegistryCalls();
    const result = await cold.operation(operation, {}, { ...(await cold.as(caller)), ...caseHeaderOf(operation) });
    const stats = (await (await fetch(`${cold.mocks.url}/__stats`)).json()) as StatsSnapshot;
    const record = recordIn(cold, result);
    const calledRegistries = (Object.keys(stats.registries) as RegistryId[]).filter((id) => stats.registries[id].calls > 0);
    // Every call counts, the gateway's check of the case named in x-case-id included: the registry
    // logs it as this organisation's query, so the trail must be able to explain it.
    const viewCalls = stats.recentCalls;

    if (result.status === 401 || !record) {
      // Nothing recorded: then nothing may have been read.
      expect(viewCalls).toEqual([]);
      expect(result.body.data ?? null).toBeNull();
      return;
    }
    expect(record.caller.userId).toBe(caller);
    if (record.outcome === 'refused') expect(identifiersIn(result.body.data).size).toBe(0);

    // The audit queries read the trail, not a registry: one read of it, about the person searched for (if any).
    const trailReads = record.registries.filter((read) => read.registry === TRAIL);
    const searched = searchedSubjectOf(operation);
    if (trailReads.length > 0) {
      expect(trailReads.flatMap((read) => read.subjects)).toEqual(
        searched ? [subjectPseudonym(cold.identity.audit.subjectKey, searched)] : [],
      );
      expect(record.purpose).toBe('AUDIT_REVIEW');
    }
    const recorded = new Map(record.registries.filter((read) => read.registry !== TRAIL).map((read) => [read.registry, read]));
    const viewRegistries = new Set(viewCalls.map((call) => codeOf(call.registry)));
    expect(new Set(recorded.keys())).toEqual(viewRegistries);
    expect(new Set(record.registries.flatMap((read) => read.xRoadIds))).toEqual(new Set(viewCalls.map((call) => call.xRoadId)));
    for (const id of calledRegistries) {
      const read = [...recorded.values()].filter((candidate) => candidate.registry === codeOf(id));
      if (read.length === 0) continue;
      const subjects = new Set(read.flatMap((candidate) => candidate.subjects));
      // A read names whom it was about; one that found nobody (a search with no hits) names no one.
      if (identifiersIn(result.body.data).size > 0) expect(subjects.size, `${id}: subjects`).toBeGreaterThan(0);
      // A registry keyed by one identifier answers one subject per key. A case names several
      // (applicant, family, employer) and a worklist is one call for many cases; an SIS query names
      // a person by identity code and travel document both.
      if (id !== 'caseRegister' && id !== 'sis') expect(subjects.size, id).toBeLessThanOrEqual(stats.registries[id].keys);
      expect(read.every((candidate) => candidate.sources.every((source) => source === 'registry' || source === 'shared'))).toBe(true);
    }
    const subjects = new Set(record.registries.flatMap((read) => read.subjects));
    for (const identifier of identifiersIn(result.body.data)) {
      expect(subjects).toContain(subjectPseudonym(cold.identity.audit.subjectKey, identifier));
    }
  });

  it.each(CALLERS)('by %s, cached: recorded as the fresh view, from the cache', async (caller) => {
    const headers = { ...(await warm.as(caller)), ...caseHeaderOf(operation) };
    const fresh = await warm.operation(operation, {}, { ...headers, 'cache-control': 'no-cache' });
    const freshRecord = recordIn(warm, fresh);
    const fromResponseCache = await warm.operation(operation, {}, headers);
    const fromMemory = await warmWithoutResponseCache.operation(operation, {}, headers);
    // The same people and companies (provenance, such as when a value was fetched, differs).
    expect(identifiersIn(fromResponseCache.body.data)).toEqual(identifiersIn(fresh.body.data));
    if (!freshRecord) {
      expect(recordIn(warm, fromResponseCache)).toBeUndefined();
      expect(recordIn(warm, fromMemory)).toBeUndefined();
      return;
    }
    for (const [result, expectedSources] of [
      [fromResponseCache, ['response-cache']],
      [fromMemory, ['memory']],
    ] as const) {
      const record = recordIn(warm, result)!;
      expect(record).toBeDefined();
      if (freshRecord.outcome === 'refused') {
        // Refused again, for the same reason; the case register was asked whose the case is the
        // first time only (the gateway keeps that verdict), so the second record may name no read.
        expect({ outcome: record.outcome, purpose: record.purpose, refusals: record.refusals }).toEqual({
          outcome: freshRecord.outcome,
          purpose: freshRecord.purpose,
          refusals: freshRecord.refusals,
        });
        continue;
      }
      expect({ outcome: record.outcome, purpose: record.purpose, read: whatWasRead(record) }).toEqual({
        outcome: freshRecord.outcome,
        purpose: freshRecord.purpose,
        read: whatWasRead(freshRecord),
      });
      for (const read of record.registries) {
        // The trail is read afresh every time: audit answers are never cached.
        if (read.registry === TRAIL) {
          expect(read.sources).toEqual(['registry']);
          continue;
        }
        if (result === fromResponseCache && fromResponseCache.headers.get('age') === null) continue;
        expect(read.sources).toEqual(expectedSources);
      }
    }
  });
});

describe('the trails these wrote', () => {
  it('verify: every chain whole, two gateways writing one file', async () => {
    for (const graph of [cold, warm]) {
      const report = await verifyAuditChains(new JsonlAuditReader(graph.identity.audit.file).records());
      expect(report.problems).toEqual([]);
      expect(report.records).toBeGreaterThan(OPERATION_NAMES.length);
    }
  });
});
