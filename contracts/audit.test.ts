import { describe, expect, it } from 'vitest';
import { canonicalJson, sealCanonical } from './audit.js';

describe('canonicalJson', () => {
  it('sorts keys at every level, leaves out undefined members, and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'x' }], c: undefined }, é: true, B: 'q' })).toBe(
      '{"B":"q","a":{"d":[3,{"y":"x","z":null}]},"b":1,"é":true}',
    );
    expect(JSON.parse(canonicalJson({ s: 'quote " and \\ and \u2028' }))).toEqual({ s: 'quote " and \\ and \u2028' });
  });

  it('gives a sealed value the JSON it would have unsealed, and the sealed value cannot change', () => {
    const section = () => [{ registry: 'POLICE', subjects: ['k2', 'k1'], fields: ['Police.hasEntries'], sources: ['response-cache'] }];
    const sealed = sealCanonical(section());
    const record = { id: 'r', registries: sealed, caller: { userId: 'u' } };
    expect(canonicalJson(record)).toBe(canonicalJson({ id: 'r', registries: section(), caller: { userId: 'u' } }));
    expect(Object.isFrozen(sealed) && Object.isFrozen(sealed[0]) && Object.isFrozen(sealed[0]!.subjects)).toBe(true);
    expect(() => (sealed[0]!.subjects as string[]).push('k3')).toThrow(TypeError);
  });
});
