import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph-harness.js';
import { applicationsSubgraph } from './subgraph.js';

let subgraph: SubgraphUnderTest;
beforeAll(async () => {
  subgraph = await startSubgraphUnderTest(applicationsSubgraph);
});
afterAll(() => subgraph.close());

describe('applications subgraph _entities', () => {
  it('resolves Application by id, in the order asked, null for an unknown id, in one registry call', async () => {
    const { applications } = subgraph.mocks.dataset.caseRegister;
    const second = applications[1]!;
    subgraph.mocks.stats.reset();
    const result = await subgraph.entities(
      [
        { __typename: 'Application', id: SCENARIO.showcase },
        { __typename: 'Application', id: 'APP-9999999' },
        { __typename: 'Application', id: second.id },
        { __typename: 'Application', id: SCENARIO.showcase },
      ],
      '... on Application { id type status applicant { id familyName } employer { businessId } provenance { registry fromCache } }',
    );
    expect(result.body.errors).toBeUndefined();
    const [first, unknown, other, again] = result.body.data!._entities as Array<Record<string, any> | null>;
    expect(first).toMatchObject({
      id: SCENARIO.showcase,
      type: 'WORK_PERMIT',
      status: 'PENDING',
      applicant: { id: 'CUS-0000001' },
      provenance: { registry: 'CASE_REGISTER', fromCache: false },
    });
    expect(first!.employer.businessId).toMatch(/^\d{7}-\d$/);
    expect(unknown).toBeNull();
    expect(other).toMatchObject({ id: second.id, type: second.type });
    expect(again).toEqual(first);
    expect(subgraph.mocks.stats.snapshot().registries.caseRegister).toMatchObject({ calls: 1, keys: 3 });
  });

  it('resolves Applicant by id with their applications, newest first', async () => {
    const { applications } = subgraph.mocks.dataset.caseRegister;
    const repeat = applications.find((a) => a.id === SCENARIO.repeatApplicantWorkPermit)!;
    const theirs = applications.filter((a) => a.applicantId === repeat.applicantId);
    expect(theirs.length).toBeGreaterThan(1);
    const result = await subgraph.entities(
      [
        { __typename: 'Applicant', id: repeat.applicantId },
        { __typename: 'Applicant', id: 'CUS-9999999' },
      ],
      '... on Applicant { id familyName applications { id submittedAt } }',
    );
    expect(result.body.errors).toBeUndefined();
    const [applicant, unknown] = result.body.data!._entities as Array<Record<string, any> | null>;
    expect(applicant!.id).toBe(repeat.applicantId);
    expect(applicant!.applications.map((a: { id: string }) => a.id).sort()).toEqual(theirs.map((a) => a.id).sort());
    const dates = applicant!.applications.map((a: { submittedAt: string }) => a.submittedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(unknown).toBeNull();
  });

  it('resolves Employer by Business ID with the applications naming it, filtered by status', async () => {
    const { applications } = subgraph.mocks.dataset.caseRegister;
    const businessId = applications.find((a) => a.id === SCENARIO.showcase)!.employerBusinessId!;
    const all = applications.filter((a) => a.employerBusinessId === businessId);
    const pending = all.filter((a) => a.status === 'PENDING');
    const result = await subgraph.entities(
      [{ __typename: 'Employer', businessId }],
      '... on Employer { businessId all: applications { id } pending: applications(status: PENDING) { id status } }',
    );
    expect(result.body.errors).toBeUndefined();
    const employer = result.body.data!._entities[0] as Record<string, any>;
    expect(employer.all.map((a: { id: string }) => a.id).sort()).toEqual(all.map((a) => a.id).sort());
    expect(employer.pending.map((a: { id: string }) => a.id).sort()).toEqual(pending.map((a) => a.id).sort());
    expect(all.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a malformed id with BAD_USER_INPUT before asking the case register', async () => {
    subgraph.mocks.stats.reset();
    const result = await subgraph.query('{ application(id: "APP 1; DROP") { id } }');
    expect(result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(subgraph.mocks.stats.snapshot().registries.caseRegister.calls).toBe(0);
  });
});
