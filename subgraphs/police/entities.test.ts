import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO } from '../../mocks/dataset/scenarios.js';
import { applicantOf, applicantRepresentation } from '../../test/dataset-fixtures.js';
import { startSubgraphUnderTest, type SubgraphUnderTest } from '../../test/subgraph-harness.js';
import { policeSubgraph } from './subgraph.js';

let subgraph: SubgraphUnderTest;
beforeAll(async () => {
  subgraph = await startSubgraphUnderTest(policeSubgraph);
});
afterAll(() => subgraph.close());

const SELECTION =
  '... on Applicant { id police { matchedBy hasEntries offences { status committedOn } restrainingOrders { kind } provenance { registry } } }';

describe('police subgraph _entities', () => {
  it('resolves Applicant.police by identity code, or by biographic data without one, one call per distinct subject', async () => {
    const { dataset } = subgraph.mocks;
    const convicted = applicantRepresentation(applicantOf(dataset, SCENARIO.policeConviction));
    const noCode = applicantRepresentation(applicantOf(dataset, SCENARIO.noCodePoliceBiographicMatch));
    const clean = applicantRepresentation(applicantOf(dataset, SCENARIO.showcase));
    expect(noCode.personalIdentityCode).toBeNull();
    subgraph.mocks.stats.reset();
    const result = await subgraph.entities([convicted, noCode, clean, convicted], SELECTION);
    expect(result.body.errors).toBeUndefined();
    const [a, b, c, d] = result.body.data!._entities as Array<{ id: string; police: Record<string, any> }>;
    expect(a!.police).toMatchObject({ matchedBy: 'PERSONAL_IDENTITY_CODE', hasEntries: true, provenance: { registry: 'POLICE' } });
    expect(a!.police.offences.some((o: { status: string }) => o.status === 'CONVICTED')).toBe(true);
    expect(b!.police).toMatchObject({ matchedBy: 'BIOGRAPHIC', hasEntries: true });
    expect(c!.police).toMatchObject({ matchedBy: 'PERSONAL_IDENTITY_CODE', hasEntries: false, offences: [] });
    expect(d).toEqual(a);
    expect(subgraph.mocks.stats.snapshot().registries.police).toMatchObject({ calls: 3, keys: 3 });
  });

  it('nulls police with a typed error naming the registry when it is down', async () => {
    subgraph.mocks.knobs.patch('police', { down: true });
    try {
      const applicant = applicantRepresentation(applicantOf(subgraph.mocks.dataset, SCENARIO.showcase));
      const result = await subgraph.entities([applicant], SELECTION);
      expect(result.body.data!._entities[0]).toEqual({ id: applicant.id, police: null });
      expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'REGISTRY_UNAVAILABLE', registry: 'POLICE' });
    } finally {
      subgraph.mocks.knobs.reset();
    }
  });
});
