import { describe, expect, it } from 'vitest';
import { firstDifference, withoutPerRequestFields } from './answers.js';

describe('withoutPerRequestFields', () => {
  it('drops when, under which request and whether from a cache, inside provenance only', () => {
    const answer = {
      application: {
        id: 'APP-0000001',
        requestId: 'kept: not provenance',
        provenance: { registry: 'CASE_REGISTER', service: 's', retrievedAt: 't1', requestId: 'r1', fromCache: false },
        items: [{ provenance: { registry: 'SIS', retrievedAt: 't2' } }],
      },
    };
    expect(withoutPerRequestFields(answer)).toEqual({
      application: {
        id: 'APP-0000001',
        requestId: 'kept: not provenance',
        provenance: { registry: 'CASE_REGISTER', service: 's' },
        items: [{ provenance: { registry: 'SIS' } }],
      },
    });
  });
});

describe('firstDifference', () => {
  it('is null for equal answers, whatever the key order', () => {
    expect(firstDifference({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBeNull();
  });

  it('names the path of the first difference', () => {
    expect(firstDifference({ a: { b: [1, 2] } }, { a: { b: [1, 3] } })).toBe('a.b[1]');
    expect(firstDifference({ a: { b: 1 } }, { a: {} })).toBe('a.b');
    expect(firstDifference({ a: [1, 2] }, { a: [1] })).toBe('a (length 1, expected 2)');
    expect(firstDifference({ a: null }, { a: {} })).toBe('a');
    expect(firstDifference(1, 2)).toBe('(root)');
  });
});
