/**
 * Bad input at the edge of the graph gets BAD_USER_INPUT with a message that says what is wrong,
 * reaches no registry, and the gateway keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../graph-harness.js';

let graph: TestGraph;
beforeAll(async () => {
  // Cold registries: these tests look at the registry calls a query makes.
  graph = await startTestGraph({ mocks: { knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } }, subgraphEnv: { REGISTRY_CACHE: 'off' } });
});
afterAll(() => graph.close());

describe('identifiers are validated at the edge', () => {
  it.each([
    ['a HETU with a wrong check character', '{ populationRecord(personalIdentityCode: "131052-308U") { familyName } }', /check character/],
    ['a HETU for a day that never was', '{ populationRecord(personalIdentityCode: "310299-111T") { familyName } }', /does not exist/],
    ['an unknown century sign', '{ populationRecord(personalIdentityCode: "131052G308T") { familyName } }', /century sign/],
    ['a search by a bad HETU', '{ searchApplicants(personalIdentityCode: "010594Y9022") { id } }', /check character/],
    ['a Business ID with a wrong check digit', '{ employer(businessId: "0245437-3") { businessId } }', /check digit/],
    ['a Business ID that is never issued', '{ employer(businessId: "1000008-0") { businessId } }', /never|no Business ID/],
    ['a worklist filtered by a malformed Business ID', '{ worklist(filter: { employerBusinessId: "12345" }) { totalCount } }', /NNNNNNN-C/],
  ])('%s is BAD_USER_INPUT and asks no registry', async (_name, query, message) => {
    await graph.resetRegistryCalls();
    const result = await graph.query(query);
    expect(result.status).toBe(200);
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.body.errors![0]!.message).toMatch(message);
    const calls = await graph.registryCalls();
    expect(Object.values(calls).reduce((sum, registry) => sum + registry.calls, 0)).toBe(0);
  });

  it('refuses a page larger than the worklist allows', async () => {
    const result = await graph.query('{ worklist(first: 5000) { totalCount } }');
    expect(result.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.body.errors![0]!.message).toMatch(/between 1 and 1000/);
  });

  it('refuses a date that does not exist', async () => {
    const result = await graph.query('query($d: Date) { searchApplicants(familyName: "Virtanen", dateOfBirth: $d) { id } }', {
      d: '2023-02-29',
    });
    expect(result.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor that did not come from the worklist', async () => {
    const result = await graph.query('{ worklist(first: 10, after: "not-a-cursor") { totalCount } }');
    expect(result.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('keeps serving after bad input', async () => {
    const result = await graph.operation<{ application: { id: string } }>('CaseView');
    expect(result.body.data!.application.id).toBe('APP-0000001');
  });
});

describe('unknown keys are not found, not errors', () => {
  it('an unknown application is null without an error', async () => {
    const result = await graph.query('{ application(id: "APP-9999999") { id } }');
    expect(result.body).toEqual({ data: { application: null } });
  });
});
