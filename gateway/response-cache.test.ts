import { describe, expect, it } from 'vitest';
import type { SubgraphRegistryActivity } from './request-context.js';
import { ResponseCacheStore, storedResponseOf } from './response-cache.js';

const activity = [
  {
    registry: 'POLICE',
    service: 'FI/GOV/0245442-8/PoliisiAsiat/subjectRecords',
    subjects: ['S1'],
    xRoadIds: ['x1'],
    source: 'registry',
    outcome: 'ok',
    subgraph: 'police',
  },
] as unknown as SubgraphRegistryActivity[];

describe('storedResponseOf', () => {
  it('keeps a frozen copy marked as served from cache, and leaves the answer being sent as it was', () => {
    const data = {
      application: { id: 'APP-0000001', provenance: { fromCache: false }, applicant: { police: { provenance: { fromCache: false } } } },
    };
    const stored = storedResponseOf(data, activity, { police: ['Applicant.police'] }, 1_000);
    expect(stored.data).toEqual({
      application: { id: 'APP-0000001', provenance: { fromCache: true }, applicant: { police: { provenance: { fromCache: true } } } },
    });
    expect(data.application.provenance.fromCache).toBe(false);
    expect(stored.registryActivity).toEqual([{ ...activity[0], fromResponseCache: true }]);
    expect(activity[0]!.fromResponseCache).toBeUndefined();
    // Shared by every hit: nothing may write into it.
    expect(() => ((stored.data.application as { id: string }).id = 'APP-0000002')).toThrow(TypeError);
    expect(() => (stored.registryActivity as SubgraphRegistryActivity[]).push(activity[0]!)).toThrow(TypeError);
    expect(Object.isFrozen(stored.servedFields.police)).toBe(true);
    expect(stored.bytes).toBe(JSON.stringify({ data, registryActivity: activity, servedFields: { police: ['Applicant.police'] } }).length);
  });

  it('is bounded in bytes by the store', () => {
    const store = new ResponseCacheStore(1_000);
    const big = storedResponseOf({ text: 'x'.repeat(600) }, [], {}, 0);
    store.set('a', big, 60);
    store.set('b', big, 60);
    expect(store.size).toBe(1);
    expect(store.get('b')).toBe(big);
  });
});
