import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { applicantOf, applicantRepresentation } from '../../test/dataset-fixtures.js';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph-harness.js';
import { sisSubgraph } from './subgraph.js';

let subgraph: SubgraphUnderTest;
beforeAll(async () => {
  subgraph = await startSubgraphUnderTest(sisSubgraph);
});
afterAll(() => subgraph.close());

const SELECTION =
  '... on Applicant { id sis { searchedBy hitCount requiresHumanReview hits { article legalBasis matchedOn } provenance { registry } } }';

type SisEntity = {
  id: string;
  sis: { searchedBy: string[]; hitCount: number; requiresHumanReview: boolean; hits: Array<{ article: string; matchedOn: string[] }> };
};

describe('SIS subgraph _entities', () => {
  it('searches an applicant without a Finnish code by names and date of birth, and flags the hit for a human', async () => {
    const applicant = applicantRepresentation(applicantOf(subgraph.mocks.dataset, SCENARIO.noCodeSisNameMatch));
    expect(applicant.personalIdentityCode).toBeNull();
    const result = await subgraph.entities([applicant], SELECTION);
    expect(result.body.errors).toBeUndefined();
    const { sis } = result.body.data!._entities[0] as SisEntity;
    expect(sis.searchedBy).toEqual(['DOCUMENT_NUMBER', 'NAME_AND_DATE_OF_BIRTH']);
    expect(sis.hitCount).toBeGreaterThan(0);
    expect(sis.requiresHumanReview).toBe(true);
    expect(sis.hits[0]!.matchedOn).toContain('NAME_AND_DATE_OF_BIRTH');
  });

  it('matches on identity code and on a lost or stolen travel document', async () => {
    const { dataset } = subgraph.mocks;
    const byCode = applicantRepresentation(applicantOf(dataset, SCENARIO.sisIdentityCodeMatch));
    const byDocument = applicantRepresentation(applicantOf(dataset, SCENARIO.sisStolenDocument));
    const result = await subgraph.entities([byCode, byDocument], SELECTION);
    const [code, document] = result.body.data!._entities as SisEntity[];
    expect(code!.sis.hits.some((hit) => hit.matchedOn.includes('PERSONAL_IDENTITY_CODE'))).toBe(true);
    expect(document!.sis.hits.some((hit) => hit.article === 'OBJECT' && hit.matchedOn.includes('DOCUMENT_NUMBER'))).toBe(true);
  });

  it('answers no hits as an empty list, one call per distinct subject, in key order', async () => {
    const { dataset } = subgraph.mocks;
    const clean = applicantRepresentation(applicantOf(dataset, SCENARIO.showcase));
    const hit = applicantRepresentation(applicantOf(dataset, SCENARIO.noCodeSisNameMatch));
    subgraph.mocks.stats.reset();
    const result = await subgraph.entities([clean, hit, clean], SELECTION);
    const entities = result.body.data!._entities as SisEntity[];
    expect(entities.map((e) => e.id)).toEqual([clean.id, hit.id, clean.id]);
    expect(entities[0]!.sis).toMatchObject({ hitCount: 0, hits: [], requiresHumanReview: false });
    expect(entities[1]!.sis.hitCount).toBeGreaterThan(0);
    expect(subgraph.mocks.stats.snapshot().registries.sis).toMatchObject({ calls: 2, keys: 2 });
  });
});
