import { describe, expect, it } from 'vitest';
import {
  businessIdCheckDigit,
  formatEstonianCode,
  formatHetu,
  parseBusinessId,
  parseEstonianPersonalCode,
  parsePersonalIdentityCode,
  mayHoldPersonalIdentifier,
} from './identifiers.js';

describe('Finnish personal identity code', () => {
  it.each([
    ['131052-308T', '1952-10-13', 'FEMALE', '-'],
    ['010594Y9021', '1994-05-01', 'FEMALE', 'Y'],
    ['211123B002D', '2023-11-21', 'FEMALE', 'B'],
    ['311299U111T', '1999-12-31', 'MALE', 'U'],
  ])('accepts the valid example %s from domain.md', (code, dateOfBirth, sex, sign) => {
    const result = parsePersonalIdentityCode(code);
    expect(result).toEqual({
      ok: true,
      value: { code, dateOfBirth, sex, temporary: code.slice(7, 10) >= '900', centurySign: sign },
    });
  });

  it('marks 900-999 as temporary codes', () => {
    const result = parsePersonalIdentityCode('010594Y9021');
    expect(result.ok && result.value.temporary).toBe(true);
  });

  it('treats every century sign as part of the identity', () => {
    const signs = ['+', '-', 'Y', 'X', 'W', 'V', 'U', 'A', 'B', 'C', 'D', 'E', 'F'];
    const centuries: Record<string, string> = { '+': '18', A: '20', B: '20', C: '20', D: '20', E: '20', F: '20' };
    for (const sign of signs) {
      const century = centuries[sign] ?? '19';
      const code = formatHetu(`${century}90-01-10`, sign, 999);
      const parsed = parsePersonalIdentityCode(code);
      expect(parsed.ok, code).toBe(true);
      if (parsed.ok) expect(parsed.value.dateOfBirth).toBe(`${century}90-01-10`);
    }
    expect(formatHetu('1990-01-10', '-', 999)).toBe('100190-999P');
    expect(formatHetu('1990-01-10', 'Y', 999)).toBe('100190Y999P');
  });

  it.each([
    ['131052-308U', /check character/],
    ['131052-308', /11 characters/],
    ['131052G308T', /century sign/],
    ['310299-111T', /does not exist/],
    ['290201A0011', /does not exist/],
    ['131052-001T', /never issued/],
    ['13105X-308T', /DDMMYYCZZZQ/],
  ])('rejects %s with a reason', (code, reason) => {
    const result = parsePersonalIdentityCode(code);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('accepts 29 February only in leap years', () => {
    expect(parsePersonalIdentityCode(formatHetu('2000-02-29', 'A', 123)).ok).toBe(true);
    const notLeap = formatHetu('2000-02-28', 'A', 123).replace(/^28/, '29').replace(/A/, '-');
    expect(parsePersonalIdentityCode(notLeap).ok).toBe(false); // 29.2.1900 did not exist
  });
});

describe('Estonian personal code', () => {
  it.each(['37605030299', '38001010015', '39703035237'])('accepts the valid example %s', (code) => {
    expect(parseEstonianPersonalCode(code).ok).toBe(true);
  });

  it('reads century and sex from the first digit', () => {
    expect(parseEstonianPersonalCode('37605030299')).toEqual({
      ok: true,
      value: { code: '37605030299', dateOfBirth: '1976-05-03', sex: 'MALE' },
    });
  });

  it('round-trips generated codes, including the second weight round', () => {
    for (let serial = 0; serial < 200; serial++) {
      const code = formatEstonianCode('1985-07-14', serial % 2 ? 'MALE' : 'FEMALE', serial);
      expect(parseEstonianPersonalCode(code).ok, code).toBe(true);
    }
  });

  it.each([
    ['37605030298', /check digit/],
    ['3760503029', /11 digits/],
    ['97605030299', /century/],
    ['37613030299', /does not exist/],
  ])('rejects %s', (code, reason) => {
    const result = parseEstonianPersonalCode(code);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('Finnish Business ID', () => {
  it.each(['0245437-2', '0112038-9', '2077474-0'])('accepts the valid example %s', (id) => {
    expect(parseBusinessId(id)).toEqual({ ok: true, value: id });
  });

  it.each([
    ['0245437-3', /check digit/],
    ['245437-2', /NNNNNNN-C/],
    ['02454372', /NNNNNNN-C/],
  ])('rejects %s', (id, reason) => {
    const result = parseBusinessId(id);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('rejects digits whose remainder is 1, which are never issued', () => {
    let digits = 1000000;
    while (businessIdCheckDigit(String(digits)) !== null) digits++;
    for (let c = 0; c <= 9; c++) {
      const result = parseBusinessId(`${digits}-${c}`);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/never|no Business ID/);
    }
  });
});

describe('mayHoldPersonalIdentifier', () => {
  it('finds an identity code, an Estonian code or a Business ID anywhere in a text, and not a UUID or a trace id', () => {
    for (const text of ['140391Y714Y', 'req-131052-308T', 'x38001085718y', 'biz:3317876-1', '010101a123B']) {
      expect(mayHoldPersonalIdentifier(text), text).toBe(true);
    }
    for (const text of ['0f8fad5b-d9cb-469f-a165-70867728950e', '4bf92f3577b34da6a3ce929d0e0e4736', 'bench-17', 'APP-0000001']) {
      expect(mayHoldPersonalIdentifier(text), text).toBe(false);
    }
  });
});
