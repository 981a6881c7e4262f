import { describe, expect, it } from 'vitest';
import { canonicalJson, hashRecord, recordHash, recordJson, sealCanonical, type AuditRecord } from './audit.js';

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

describe('hashRecord and recordJson', () => {
  it('store a record as the JSON its hash was taken of, which parses back to the record and verifies', () => {
    const positioned = {
      id: 'r1',
      chain: 'c1',
      sequence: 7,
      previousHash: 'genesis',
      at: '2026-12-02T12:00:00.000Z',
      caller: { userId: 'u', roles: ['case-worker'], organisation: null, unit: 'HEL-1' },
      registries: sealCanonical([{ registry: 'POLICE', fields: ['PoliceRecord.hasEntries'], subjects: ['k'] }]),
    } as unknown as Omit<AuditRecord, 'hash'>;
    const record = hashRecord(positioned);
    expect(record.hash).toBe(recordHash(positioned));
    const stored = JSON.parse(recordJson(record)) as AuditRecord;
    expect(stored).toEqual(JSON.parse(JSON.stringify(record)));
    const { hash, ...rest } = stored;
    expect(recordHash(rest)).toBe(hash);
    // A record the writer did not make is serialised as it is.
    const copy = { ...record };
    expect(recordJson(copy)).toBe(JSON.stringify(copy));
  });
});
