/**
 * Identifiers the registries key their data by, with their check characters.
 *
 * Every identifier that enters the graph is validated here before any registry is asked:
 * a mistyped code must come back to the caller as BAD_USER_INPUT naming what is wrong,
 * never as a silent "not found" from a registry (which would read as "no police record").
 * The same functions generate valid codes for the mock data set, so the two cannot drift.
 */

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

// ---------------------------------------------------------------------------------------
// casegraph's own identifiers: the case register's ids and the caller's user id. These travel
// in X-Road headers (X-Road-Issue, X-Road-UserId), so only plain shapes are ever accepted.
// ---------------------------------------------------------------------------------------

/** An application (a case) in the case register, e.g. APP-0000001; sent as X-Road-Issue. */
export const APPLICATION_ID_SHAPE = /^APP-\d{7}$/;

/** An applicant's customer number in the case register, e.g. CUS-0000001. */
export const CUSTOMER_ID_SHAPE = /^CUS-\d{7}$/;

/** A user or service-account id (an access token's `sub`), e.g. kaisa.virtanen; sent as X-Road-UserId. */
export const USER_ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export function isApplicationId(value: unknown): value is string {
  return typeof value === 'string' && APPLICATION_ID_SHAPE.test(value);
}

export function isCustomerId(value: unknown): value is string {
  return typeof value === 'string' && CUSTOMER_ID_SHAPE.test(value);
}

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && USER_ID_SHAPE.test(value);
}

export type Sex = 'MALE' | 'FEMALE';

// ---------------------------------------------------------------------------------------
// Finnish personal identity code (henkilötunnus, HETU): DDMMYYCZZZQ
// ---------------------------------------------------------------------------------------

const HETU_CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Century sign to the century it stands for. The sign is part of the identity. */
const HETU_CENTURY_SIGNS: Readonly<Record<string, number>> = {
  '+': 1800,
  '-': 1900,
  Y: 1900,
  X: 1900,
  W: 1900,
  V: 1900,
  U: 1900,
  A: 2000,
  B: 2000,
  C: 2000,
  D: 2000,
  E: 2000,
  F: 2000,
};

export const HETU_SIGNS_BY_CENTURY: Readonly<Record<1800 | 1900 | 2000, readonly string[]>> = {
  1800: ['+'],
  1900: ['-', 'Y', 'X', 'W', 'V', 'U'],
  2000: ['A', 'B', 'C', 'D', 'E', 'F'],
};

export interface PersonalIdentityCode {
  /** The code as it is written, with upper-case letters. */
  code: string;
  /** ISO date (YYYY-MM-DD). */
  dateOfBirth: string;
  sex: Sex;
  /** Individual numbers 900-999 are temporary codes. */
  temporary: boolean;
  centurySign: string;
}

/** The check character for the nine digits DDMMYY + ZZZ. */
export function hetuCheckCharacter(datePart: string, individualNumber: string): string {
  const n = Number(datePart + individualNumber);
  return HETU_CHECK_CHARACTERS[n % 31]!;
}

/** Builds a valid HETU; used by the data set generator. */
export function formatHetu(dateOfBirth: string, centurySign: string, individualNumber: number): string {
  const [yyyy, mm, dd] = dateOfBirth.split('-');
  const datePart = `${dd}${mm}${yyyy!.slice(2)}`;
  const zzz = String(individualNumber).padStart(3, '0');
  return `${datePart}${centurySign}${zzz}${hetuCheckCharacter(datePart, zzz)}`;
}

const HETU_SHAPE = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Z])$/;

export function parsePersonalIdentityCode(input: string): Validation<PersonalIdentityCode> {
  const code = input.trim().toUpperCase();
  if (code.length !== 11) {
    return fail(`a Finnish personal identity code has 11 characters (DDMMYYCZZZQ), this one has ${code.length}`);
  }
  const match = HETU_SHAPE.exec(code);
  if (!match) {
    const sign = code[6]!;
    if (!(sign in HETU_CENTURY_SIGNS)) {
      return fail(`'${sign}' is not a century sign (use + for the 1800s, - or Y X W V U for the 1900s, A or B C D E F for the 2000s)`);
    }
    return fail(
      'a Finnish personal identity code is written DDMMYYCZZZQ: six digits of birth date, a century sign, three digits and a check character',
    );
  }
  const [, dd, mm, yy, sign, zzz, check] = match as unknown as [string, string, string, string, string, string, string];
  const century = HETU_CENTURY_SIGNS[sign]!;
  const dateOfBirth = isoDate(century + Number(yy), Number(mm), Number(dd));
  if (!dateOfBirth) {
    return fail(`the birth date ${dd}.${mm}.${century + Number(yy)} does not exist`);
  }
  const individual = Number(zzz);
  if (individual < 2) {
    return fail(`individual number ${zzz} is never issued (002-899, or 900-999 for temporary codes)`);
  }
  if (hetuCheckCharacter(`${dd}${mm}${yy}`, zzz) !== check) {
    return fail('the check character does not match the rest of the code; check for a typing error');
  }
  return {
    ok: true,
    value: {
      code,
      dateOfBirth,
      sex: individual % 2 === 1 ? 'MALE' : 'FEMALE',
      temporary: individual >= 900,
      centurySign: sign,
    },
  };
}

// ---------------------------------------------------------------------------------------
// Estonian personal identification code (isikukood): GYYMMDDSSSC
// ---------------------------------------------------------------------------------------

export interface EstonianPersonalCode {
  code: string;
  dateOfBirth: string;
  sex: Sex;
}

const ESTONIAN_WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1];
const ESTONIAN_WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3];

/** The check digit for the first ten digits of an isikukood. */
export function estonianCheckDigit(firstTen: string): number {
  const weighted = (weights: number[]) => weights.reduce((sum, weight, i) => sum + weight * Number(firstTen[i]), 0) % 11;
  const first = weighted(ESTONIAN_WEIGHTS_1);
  if (first !== 10) return first;
  const second = weighted(ESTONIAN_WEIGHTS_2);
  return second === 10 ? 0 : second;
}

/** Builds a valid isikukood; used by the data set generator. */
export function formatEstonianCode(dateOfBirth: string, sex: Sex, serial: number): string {
  const [yyyy, mm, dd] = dateOfBirth.split('-') as [string, string, string];
  const centuryBase = ({ 18: 1, 19: 3, 20: 5 } as Record<string, number>)[yyyy.slice(0, 2)];
  if (centuryBase === undefined) throw new RangeError(`no Estonian century digit for ${yyyy}`);
  const g = centuryBase + (sex === 'FEMALE' ? 1 : 0);
  const firstTen = `${g}${yyyy.slice(2)}${mm}${dd}${String(serial).padStart(3, '0')}`;
  return `${firstTen}${estonianCheckDigit(firstTen)}`;
}

export function parseEstonianPersonalCode(input: string): Validation<EstonianPersonalCode> {
  const code = input.trim();
  if (!/^\d{11}$/.test(code)) {
    return fail('an Estonian personal code has 11 digits (GYYMMDDSSSC)');
  }
  const g = Number(code[0]);
  if (g < 1 || g > 6) {
    return fail(`the first digit ${g} names no century and sex (1-2 for the 1800s, 3-4 for the 1900s, 5-6 for the 2000s)`);
  }
  const century = 1800 + Math.floor((g - 1) / 2) * 100;
  const dateOfBirth = isoDate(century + Number(code.slice(1, 3)), Number(code.slice(3, 5)), Number(code.slice(5, 7)));
  if (!dateOfBirth) {
    return fail(`the birth date in the code does not exist`);
  }
  if (estonianCheckDigit(code.slice(0, 10)) !== Number(code[10])) {
    return fail('the check digit does not match the rest of the code; check for a typing error');
  }
  return { ok: true, value: { code, dateOfBirth, sex: g % 2 === 1 ? 'MALE' : 'FEMALE' } };
}

// ---------------------------------------------------------------------------------------
// Finnish Business ID (Y-tunnus): NNNNNNN-C
// ---------------------------------------------------------------------------------------

const BUSINESS_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

/** The check digit for seven digits, or null when no Business ID is issued with them (remainder 1). */
export function businessIdCheckDigit(sevenDigits: string): number | null {
  const r = BUSINESS_ID_WEIGHTS.reduce((sum, weight, i) => sum + weight * Number(sevenDigits[i]), 0) % 11;
  if (r === 0) return 0;
  if (r === 1) return null;
  return 11 - r;
}

export function parseBusinessId(input: string): Validation<string> {
  const code = input.trim();
  const match = /^(\d{7})-(\d)$/.exec(code);
  if (!match) {
    return fail('a Business ID is written NNNNNNN-C: seven digits, a hyphen and a check digit');
  }
  const expected = businessIdCheckDigit(match[1]!);
  if (expected === null) {
    return fail('no Business ID is issued with these seven digits (their check remainder is 1)');
  }
  if (expected !== Number(match[2])) {
    return fail('the check digit does not match the rest of the Business ID; check for a typing error');
  }
  return { ok: true, value: code };
}

// ---------------------------------------------------------------------------------------

/** The ISO date for y-m-d, or null if that day does not exist. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/**
 * Shapes of personal identifiers anywhere in a text: a Finnish identity code (ddmmyy, century
 * sign, three digits, check character), an Estonian personal code (eleven digits from 1-6), a
 * Business ID (seven digits, hyphen, check digit). For texts a caller chooses that casegraph would
 * otherwise echo or log (a request id): one that may hold such an identifier is not used.
 */
const IDENTIFIER_IN_TEXT = /\d{6}[-+A-FU-Ya-fu-y]\d{3}[0-9A-Za-z]|(?<!\d)[1-6]\d{10}(?!\d)|(?<!\d)\d{7}-\d(?!\d)/;

export function mayHoldPersonalIdentifier(text: string): boolean {
  return IDENTIFIER_IN_TEXT.test(text);
}
