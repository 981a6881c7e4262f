import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERGRAPH_PATH } from './config.js';
import { CallBuckets, estimateRegistryCalls, NO_REGISTRY_READS, REGISTRY_READ_FIELDS, RegistryCallEstimates } from './registry-budget.js';

const supergraphSdl = readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8');
// The supergraph carries its join__/link__ definitions, so it builds as a schema with every field the API has.
const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
const OPERATIONS_DIR = path.resolve(import.meta.dirname, 'operations');

function estimate(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return estimateRegistryCalls(schema, document, operation, variables);
}

const ids = (count: number) => Array.from({ length: count }, (_, i) => `APP-${String(i + 1).padStart(7, '0')}`);

describe('RegistryCallEstimates', () => {
  const query =
    'query ($ids: [ID!]!, $first: Int) { applications(ids: $ids) { id applicant { police { hasEntries } } } worklist(first: $first) { items { applicant { sis { hitCount } } } } }';
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;

  it('keeps an estimate per variable shape: sizes count, what a string says does not', () => {
    const estimates = new RegistryCallEstimates();
    const keep = (variables: Record<string, unknown>) => estimates.estimate(schema, document, operation, 'hash', variables);
    const first = keep({ ids: ids(3), first: 5 });
    expect(first).toEqual(estimateRegistryCalls(schema, document, operation, { ids: ids(3), first: 5 }));
    // Other ids of the same count: the same estimate, the one kept.
    expect(keep({ ids: ['APP-0000042', 'APP-0000043', 'APP-0000044'], first: 5 })).toBe(first);
    // Another count or another page size: estimated again, and right.
    expect(keep({ ids: ids(4), first: 5 })).toEqual(estimateRegistryCalls(schema, document, operation, { ids: ids(4), first: 5 }));
    expect(keep({ ids: ids(3), first: 50 })).toEqual(estimateRegistryCalls(schema, document, operation, { ids: ids(3), first: 50 }));
    expect(keep({ ids: ids(3), first: 50 }).calls).toBeGreaterThan(first.calls);
  });

  it('keys what it keeps by shape only: no identifier of the variables is in a key', () => {
    const estimates = new RegistryCallEstimates();
    estimates.estimate(schema, document, operation, 'hash', { ids: ['APP-0000042'], first: 5 });
    const keys = estimates.keptKeys(schema);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('APP-0000042');
  });
});

describe('estimateRegistryCalls', () => {
  it('counts the issue repro, 1,000 ids with police and SIS, at 2,002 calls: one per subject, batch registries per 500 keys', () => {
    const found = estimate('query ($ids: [ID!]!) { applications(ids: $ids) { id applicant { police { hasEntries } sis { hitCount } } } }', {
      ids: ids(1000),
    });
    expect(found).toEqual({ calls: 2002, byRegistry: { CASE_REGISTER: 2, POLICE: 1000, SIS: 1000 } });
  });

  it('estimates every shipped operation, with its default variables, within the default budgets', () => {
    const estimates = Object.fromEntries(
      readdirSync(OPERATIONS_DIR)
        .filter((file) => file.endsWith('.graphql'))
        .map((file) => [file.replace('.graphql', ''), estimate(readFileSync(path.join(OPERATIONS_DIR, file), 'utf8')).calls]),
    );
    expect(estimates).toEqual({
      AccessesByUser: 0,
      AuditTrail: 0,
      BulkPrerequisiteChecks: 206,
      CaseView: 7,
      EmployerView: 4,
      PersonSearch: 43,
      PopulationRecord: 2,
      PrerequisiteCheck: 8,
      SubjectAccessReport: 0,
      Worklist: 104,
    });
    // Every one of them may be asked fresh (the fresh budget is 250), and the heavy variants fit the standard and bulk ones (2,500).
    for (const calls of Object.values(estimates)) expect(calls).toBeLessThanOrEqual(250);
    const worklist = readFileSync(path.join(OPERATIONS_DIR, 'Worklist.graphql'), 'utf8');
    expect(estimate(worklist, { first: 1000 }).calls).toBe(1007);
    const bulk = readFileSync(path.join(OPERATIONS_DIR, 'BulkPrerequisiteChecks.graphql'), 'utf8');
    expect(estimate(bulk, { first: 1000 }).calls).toBe(2011);
  });

  it('counts aliases and fragments once per occurrence, and the arguments of literals, variables and defaults', () => {
    expect(estimate('{ a: application(id: "APP-0000001") { id } b: application(id: "APP-0000002") { id } }').calls).toBe(2);
    expect(
      estimate(
        'query ($first: Int = 30) { worklist(first: $first) { items { ...A } } } fragment A on Application { applicant { sis { hitCount } } }',
      ).calls,
    ).toBe(31);
    expect(estimate('{ worklist { items { applicant { ... on Applicant { police { hasEntries } } } } } }').calls).toBe(51); // first defaults to 50
    expect(estimate('{ __typename }').calls).toBe(0);
  });

  it('leaves out what @skip and @include leave out, by literal or variable, on fields, fragments and spreads', () => {
    const worklist = (selection: string) =>
      `query ($withPolice: Boolean = true, $noSis: Boolean!) { worklist(first: 10) { items { applicant { ${selection} } } } } fragment P on Applicant { police { hasEntries } }`;
    const police = (selection: string, variables: Record<string, unknown> = { noSis: false }) =>
      estimate(worklist(selection), variables).byRegistry.POLICE ?? 0;
    expect(police('police { hasEntries }')).toBe(10);
    expect(police('police @include(if: false) { hasEntries }')).toBe(0);
    expect(police('police @skip(if: true) { hasEntries }')).toBe(0);
    expect(police('police @skip(if: false) @include(if: true) { hasEntries }')).toBe(10);
    expect(police('police @include(if: $withPolice) { hasEntries }')).toBe(10); // its default
    expect(police('police @include(if: $withPolice) { hasEntries }', { withPolice: false, noSis: false })).toBe(0);
    expect(police('... on Applicant @include(if: $withPolice) { police { hasEntries } }', { withPolice: false, noSis: true })).toBe(0);
    expect(police('...P @skip(if: $noSis)', { noSis: true })).toBe(0);
    expect(police('...P @skip(if: $noSis)', { noSis: false })).toBe(10);
    // A condition the variables do not give (graphql-js refuses the request): counted, erring high.
    expect(police('...P @skip(if: $noSis)', {})).toBe(10);
    // Through RegistryCallEstimates, whose kept estimates are keyed by the variables' shape: booleans are part of it.
    const estimates = new RegistryCallEstimates();
    const document = parse(worklist('police @include(if: $withPolice) { hasEntries }'));
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    expect(estimates.estimate(schema, document, operation, 'h', { withPolice: true, noSis: false }).byRegistry.POLICE).toBe(10);
    expect(estimates.estimate(schema, document, operation, 'h', { withPolice: false, noSis: false }).byRegistry.POLICE).toBeUndefined();
  });

  it('knows every field that reaches a registry: root fields, and what other subgraphs add to Applicant, Employer and Application', () => {
    const known = new Set([...REGISTRY_READ_FIELDS, ...NO_REGISTRY_READS]);
    const unknown: string[] = [];
    for (const typeName of ['Query', 'Applicant', 'Employer', 'Application']) {
      const type = schema.getType(typeName) as { getFields(): Record<string, { astNode?: { directives?: readonly unknown[] } }> };
      for (const [name, field] of Object.entries(type.getFields())) {
        const graphs = (field.astNode?.directives ?? [])
          .map((d) => d as { name: { value: string }; arguments?: Array<{ name: { value: string }; value: { value?: string } }> })
          .filter((d) => d.name.value === 'join__field' && !d.arguments?.some((a) => a.name.value === 'external'))
          .map((d) => d.arguments?.find((a) => a.name.value === 'graph')?.value.value);
        const addedByAnotherSubgraph = typeName === 'Query' || graphs.some((graph) => graph && graph !== 'APPLICATIONS');
        if (addedByAnotherSubgraph && !known.has(`${typeName}.${name}`)) unknown.push(`${typeName}.${name}`);
      }
    }
    expect(unknown).toEqual([]);
    for (const coordinate of REGISTRY_READ_FIELDS) {
      const [typeName, field] = coordinate.split('.') as [string, string];
      const type = schema.getType(typeName) as { getFields?(): Record<string, unknown> } | undefined;
      expect(type?.getFields?.()[field], coordinate).toBeDefined();
    }
  });
});

describe('CallBuckets', () => {
  it('reserves within the burst, refuses with the seconds until it can, refills at the rate', () => {
    const buckets = new CallBuckets({ ratePerSecond: 10, burst: 100 });
    expect(buckets.reserve('a', 100, 0)).toEqual({ ok: true });
    expect(buckets.reserve('a', 20, 0)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(buckets.reserve('b', 20, 0)).toEqual({ ok: true }); // per key
    expect(buckets.reserve('a', 20, 2_000)).toEqual({ ok: true });
  });

  it('gives back what a request reserved and did not spend, and charges what it spent beyond', () => {
    const buckets = new CallBuckets({ ratePerSecond: 1, burst: 100 });
    buckets.reserve('a', 100, 0);
    buckets.settle('a', 100, 10, 0); // answered from the cache mostly: 90 back
    expect(buckets.reserve('a', 90, 0)).toEqual({ ok: true });
    buckets.settle('a', 0, 20, 0); // spent beyond its estimate: in debt
    expect(buckets.reserve('a', 0, 0)).toEqual({ ok: false, retryAfterSeconds: 20 });
  });

  it('keeps at most maxKeys buckets, the most recent; a forgotten one starts full', () => {
    const buckets = new CallBuckets({ ratePerSecond: 1, burst: 10 }, 2);
    buckets.reserve('a', 10, 0);
    buckets.reserve('b', 1, 0);
    buckets.reserve('c', 1, 0);
    expect(buckets.size).toBe(2);
    // "a" was the least recent: forgotten, so full again rather than empty.
    expect(buckets.reserve('a', 10, 0)).toEqual({ ok: true });
  });
});
