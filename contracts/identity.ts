/**
 * The identity contract between the organisation's OpenID Connect provider and casegraph: what an
 * access token says about its bearer. The embedded demo provider (mocks/identity-provider/) issues
 * exactly these claims; the gateway reads exactly these, and maps roles to rights in its rights
 * file (what a role may do is casegraph's configuration, not the identity provider's).
 *
 * Access tokens are JWTs (RFC 9068, `typ: at+jwt`) for the audience DEFAULT_AUDIENCE, signed with
 * an asymmetric key published in the issuer's JWKS.
 */

/** The roles case handling knows (domain.md, "Typical roles"). A token may carry others: they grant nothing. */
export const ROLES = [
  /** Their unit's cases: case register, population, SIS outcome, employer data, checks. */
  'case-worker',
  /** A case worker who may also see police records and SIS alert details. */
  'senior-case-worker',
  /** Their unit's cases and what their unit's staff viewed. */
  'supervisor',
  /** The audit trail, never case data. */
  'data-protection-officer',
  /** A service account running bulk prerequisite checks. */
  'bulk-checker',
  /** Read-only case data of their unit, plus the schema: introspection and arbitrary documents. */
  'analyst',
  /** The schema only, no personal data. */
  'integrator',
  /** Metrics and cache administration, no case data. */
  'operator',
] as const;

export type Role = (typeof ROLES)[number];

/** The claims casegraph reads from an access token, besides iss, aud, exp, nbf, iat and jti. */
export const Claim = {
  /** The user (or service account) id, e.g. kaisa.virtanen; becomes X-Road-UserId. */
  subject: 'sub',
  /** Role names, an array of strings. */
  roles: 'roles',
  /** The organisational unit the user works in, e.g. HEL-1; absent for users outside case handling. */
  unit: 'unit',
  /** The organisation, as its X-Road member: INSTANCE/CLASS/MEMBER, e.g. FI/GOV/1765514-2. */
  organisation: 'org',
  /** Display name, for GraphiQL's "signed in as"; never logged or audited. */
  name: 'name',
} as const;

/** The audience (RFC 8707 resource indicator) of access tokens for casegraph's gateway. */
export const DEFAULT_AUDIENCE = 'urn:casegraph';

/** Migri as an X-Road member: the organisation of every demo user. */
export const DEMO_ORGANISATION = 'FI/GOV/1765514-2';

/** Case-handling units; every application in the case register belongs to one. */
export const UNITS = {
  'HEL-1': 'Helsinki, residence permits unit 1',
  'HEL-2': 'Helsinki, residence permits unit 2',
  'TRE-1': 'Tampere, citizenship unit',
  'TKU-1': 'Turku, residence permits unit',
} as const;

export type UnitCode = keyof typeof UNITS;

export const UNIT_CODES = Object.keys(UNITS) as UnitCode[];

export interface DemoUser {
  /** The `sub` claim, and what `npm run token -- <id>` takes. */
  id: string;
  name: string;
  roles: readonly string[];
  unit: UnitCode | null;
}

/**
 * The demo users of the embedded identity provider, one or more for each role. Users of unit HEL-1
 * see the case views of the README's examples; pekka.makinen works in another unit, so tests and a
 * newcomer can see purpose binding refuse a case that is not theirs.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'kaisa.virtanen', name: 'Kaisa Virtanen', roles: ['case-worker'], unit: 'HEL-1' },
  { id: 'matti.korhonen', name: 'Matti Korhonen', roles: ['senior-case-worker'], unit: 'HEL-1' },
  { id: 'liisa.nieminen', name: 'Liisa Nieminen', roles: ['supervisor'], unit: 'HEL-1' },
  { id: 'pekka.makinen', name: 'Pekka Makinen', roles: ['case-worker'], unit: 'TRE-1' },
  { id: 'tuula.laine', name: 'Tuula Laine', roles: ['data-protection-officer'], unit: null },
  { id: 'antti.heikkinen', name: 'Antti Heikkinen', roles: ['analyst'], unit: 'HEL-1' },
  { id: 'sanna.koskinen', name: 'Sanna Koskinen', roles: ['integrator'], unit: null },
  { id: 'olli.jarvinen', name: 'Olli Jarvinen', roles: ['operator'], unit: null },
  /** A role casegraph does not know: signs in, and may see nothing. */
  { id: 'ville.trainee', name: 'Ville Harjoittelija', roles: ['trainee'], unit: 'HEL-1' },
];

/** Service accounts: OAuth clients that get tokens with the client-credentials grant. */
export interface DemoServiceAccount {
  /** The client id, the token's `sub`, and what `npm run token -- <id>` takes. */
  id: string;
  roles: readonly string[];
}

export const DEMO_SERVICE_ACCOUNTS: readonly DemoServiceAccount[] = [{ id: 'bulk-checker', roles: ['bulk-checker'] }];
