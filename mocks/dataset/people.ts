/**
 * Making people: names, identity codes, travel documents and population records. Used by the
 * scenarios and by the random bulk alike, so both produce records of the same shape.
 */
import type { CaseApplicant, Declarations } from '../../contracts/registries/case-register.js';
import { HETU_SIGNS_BY_CENTURY, formatEstonianCode, formatHetu, type Sex } from '../../contracts/identifiers.js';
import type { PopulationPerson } from '../../contracts/registries/population.js';
import type { IsoDate } from '../../contracts/xroad.js';
import type { CodeKind, IdentifierLedger } from './identifier-ledger.js';
import { addDays, addYears, daysBetween } from './dates.js';
import type { Prng } from './prng.js';
import { FINNISH_NAMES, MUNICIPALITIES, STREET_NAMES, type NationalityProfile } from './reference-data/people-and-places.js';

const MUNICIPALITY_WEIGHTS = MUNICIPALITIES.map((m) => [m, m.weight] as const);

/** The day the new century signs (Y X W V U, B C D E F) came into use. */
const NEW_CENTURY_SIGNS_FROM = '2023-01-01';

/** Who a person is, as the case register and the population registry both record it. */
export interface Identity {
  givenNames: string;
  familyName: string;
  sex: Sex;
  dateOfBirth: IsoDate;
  /** ISO 3166-1 alpha-3; empty for a stateless person. */
  nationalities: string[];
  placeOfBirth: string | null;
}

export function namesFor(random: Prng, profile: NationalityProfile, sex: Sex): Pick<Identity, 'givenNames' | 'familyName'> {
  const familyName = random.pick(profile.familyNames);
  return {
    givenNames: random.pick(sex === 'MALE' ? profile.maleGivenNames : profile.femaleGivenNames),
    familyName: sex === 'FEMALE' && profile.feminineFamilyName ? profile.feminineFamilyName(familyName) : familyName,
  };
}

export function finnishNamesFor(random: Prng, sex: Sex): Pick<Identity, 'givenNames' | 'familyName'> {
  const first = random.pick(sex === 'MALE' ? FINNISH_NAMES.maleGivenNames : FINNISH_NAMES.femaleGivenNames);
  const middle = random.chance(0.6) ? ` ${random.pick(FINNISH_NAMES.middleNames)}` : '';
  return { givenNames: `${first}${middle}`, familyName: random.pick(FINNISH_NAMES.familyNames) };
}

export function randomSex(random: Prng): Sex {
  return random.chance(0.5) ? 'MALE' : 'FEMALE';
}

/** A birth date making the person between `minAge` and `maxAge` years old on `on`. */
export function randomDateOfBirth(random: Prng, on: IsoDate, minAge: number, maxAge: number): IsoDate {
  const latest = addYears(on, -minAge);
  const earliest = addDays(addYears(on, -maxAge - 1), 1);
  return addDays(earliest, random.int(0, daysBetween(earliest, latest)));
}

/** The first (pre-2023) century sign for a birth date: +, - or A. */
export function defaultCenturySign(dateOfBirth: IsoDate): string {
  return HETU_SIGNS_BY_CENTURY[(Number(dateOfBirth.slice(0, 2)) * 100) as 1800 | 1900 | 2000][0]!;
}

/**
 * The century sign a code issued on `issuedOn` carries: + for the 1800s; - or A before 2023;
 * from 2023 on, about half of new codes (mostly immigrants') get one of the new signs.
 */
export function centurySignFor(random: Prng, dateOfBirth: IsoDate, issuedOn: IsoDate): string {
  const signs = HETU_SIGNS_BY_CENTURY[(Number(dateOfBirth.slice(0, 2)) * 100) as 1800 | 1900 | 2000];
  if (signs.length > 1 && issuedOn >= NEW_CENTURY_SIGNS_FROM && random.chance(0.5)) {
    return random.pick(signs.slice(1));
  }
  return signs[0]!;
}

const CODE_ATTEMPTS = 1000;

function claimFirst(ledger: IdentifierLedger, kind: CodeKind, draw: () => string): string {
  for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
    const code = draw();
    if (ledger.claim(kind, code)) return code;
  }
  throw new Error(`could not find a free ${kind} after ${CODE_ATTEMPTS} attempts`);
}

/** A HETU no one else holds. Individual numbers 002-899, or 900-999 for a temporary code; odd for men. */
export function claimHetu(
  ledger: IdentifierLedger,
  random: Prng,
  identity: Pick<Identity, 'dateOfBirth' | 'sex'>,
  sign: string,
  temporary = false,
): string {
  return claimFirst(ledger, 'personalIdentityCode', () => {
    const even = temporary ? random.int(450, 499) * 2 : random.int(1, 449) * 2;
    return formatHetu(identity.dateOfBirth, sign, identity.sex === 'MALE' ? even + 1 : even);
  });
}

export function claimEstonianCode(ledger: IdentifierLedger, random: Prng, identity: Pick<Identity, 'dateOfBirth' | 'sex'>): string {
  return claimFirst(ledger, 'estonianCode', () => formatEstonianCode(identity.dateOfBirth, identity.sex, random.int(0, 999)));
}

type TravelDocument = NonNullable<CaseApplicant['travelDocument']>;

/** A travel document with a number no other document has: the prefix and seven digits. */
export function claimTravelDocument(
  ledger: IdentifierLedger,
  random: Prng,
  document: Pick<TravelDocument, 'type' | 'issuingCountry'> & { prefix: string },
  referenceDate: IsoDate,
): TravelDocument {
  const number = claimFirst(ledger, 'documentNumber', () => `${document.prefix}${String(random.int(0, 9_999_999)).padStart(7, '0')}`);
  // Most documents are valid for years to come; a few have expired while the case waits.
  return {
    type: document.type,
    number,
    issuingCountry: document.issuingCountry,
    expiresOn: addDays(referenceDate, random.int(-120, 3600)),
  };
}

export function applicantRecord(
  identity: Identity,
  codes: Pick<CaseApplicant, 'personalIdentityCode' | 'foreignPersonalCode'>,
  travelDocument: CaseApplicant['travelDocument'],
): Omit<CaseApplicant, 'id'> {
  return {
    personalIdentityCode: codes.personalIdentityCode,
    foreignPersonalCode: codes.foreignPersonalCode,
    givenNames: identity.givenNames,
    familyName: identity.familyName,
    dateOfBirth: identity.dateOfBirth,
    sex: identity.sex,
    nationalities: identity.nationalities,
    placeOfBirth: identity.placeOfBirth,
    travelDocument,
  };
}

export interface ResidentSpec {
  personalIdentityCode: string;
  identityCodeValid: boolean;
  identity: Identity;
  motherTongue: string;
  /** When and from where the person moved to Finland; null for someone born here. */
  arrival: { on: IsoDate; from: string } | null;
  nonDisclosure: boolean;
  dateOfDeath: IsoDate | null;
}

/** A population record with an address in a Finnish municipality since the person settled. */
export function residentRecord(random: Prng, spec: ResidentSpec, referenceDate: IsoDate): PopulationPerson {
  const municipality = random.weighted(MUNICIPALITY_WEIGHTS);
  const settledOn = spec.arrival?.on ?? addYears(spec.identity.dateOfBirth, random.int(0, 18));
  // Some residents moved within Finland since settling; the registry holds the latest address.
  const daysSettled = daysBetween(settledOn, spec.dateOfDeath ?? referenceDate);
  const addressSince = daysSettled > 60 && random.chance(0.35) ? addDays(settledOn, random.int(30, daysSettled - 1)) : settledOn;
  const building = `${random.pick(STREET_NAMES)} ${random.int(1, 60)}`;
  // Most live in blocks of flats: a staircase letter and a flat number.
  const flat = random.chance(0.6) ? ` ${'ABCDEF'[random.int(0, 5)]} ${random.int(1, 40)}` : '';
  const street = `${building}${flat}`;
  return {
    personalIdentityCode: spec.personalIdentityCode,
    identityCodeValid: spec.identityCodeValid,
    givenNames: spec.identity.givenNames,
    familyName: spec.identity.familyName,
    formerNames: [],
    dateOfBirth: spec.identity.dateOfBirth,
    sex: spec.identity.sex,
    nationalities: spec.identity.nationalities,
    motherTongue: spec.motherTongue,
    nonDisclosure: spec.nonDisclosure,
    permanentAddress: {
      street,
      postalCode: `${municipality.postalPrefix}${random.int(10, 99)}0`,
      postOffice: municipality.name.toUpperCase(),
      since: addressSince,
      until: spec.dateOfDeath,
    },
    municipalityOfResidence: spec.dateOfDeath ? null : { code: municipality.code, name: municipality.name, since: settledOn },
    migrations: spec.arrival ? [{ direction: 'TO_FINLAND', date: spec.arrival.on, country: spec.arrival.from }] : [],
    familyRelations: [],
    dateOfDeath: spec.dateOfDeath,
  };
}

/** Records a marriage in both population records. */
export function marry(a: PopulationPerson, b: PopulationPerson, since: IsoDate): void {
  a.familyRelations.push({ relation: 'SPOUSE', personalIdentityCode: b.personalIdentityCode, nationalities: b.nationalities, since });
  b.familyRelations.push({ relation: 'SPOUSE', personalIdentityCode: a.personalIdentityCode, nationalities: a.nationalities, since });
}

/** Declarations with nothing declared; each application type fills in its part. */
export function emptyDeclarations(): Declarations {
  return {
    employment: null,
    languageCertificates: [],
    staysAbroad: [],
    residenceStartedOn: null,
    spouseOfFinnishCitizen: false,
    stateless: false,
    meansOfSupport: null,
    specialExpertiseStatement: null,
  };
}
