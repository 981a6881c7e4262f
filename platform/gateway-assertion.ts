/**
 * The gateway's assertion to subgraphs (contracts/gateway-assertion.ts): the gateway signs, every
 * subgraph verifies. Keys are asymmetric (Ed25519 by default), so a subgraph holding the public
 * keys can verify but never mint one.
 *
 * Both ends cache: the gateway reuses an assertion for the same caller, rights and case until it
 * is half-way to expiry (one signature per caller and case a minute, not one per subgraph fetch),
 * and a subgraph remembers a verified assertion until it expires (one verification per assertion
 * and process). Keys rotate without downtime: give the subgraphs the new public key beside the old
 * one (GATEWAY_ASSERTION_PUBLIC_KEYS is a JWKS), switch the gateway's signing key, and drop the old
 * public key once the longest assertion lifetime has passed.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { GATEWAY_ASSERTION, type GatewayAssertionClaims } from '../contracts/gateway-assertion.js';
import { isApplicationId, isUserId } from '../contracts/identifiers.js';
import { isRight, type Right } from '../contracts/rights.js';
import { ConfigError } from './config.js';

export type VerifiedAssertion = GatewayAssertionClaims & { expiresAtMs: number };

/** A fresh Ed25519 key pair: the private JWK for the gateway, the public JWKS for the subgraphs. */
export async function generateAssertionKeys(kid = `gateway-${new Date().toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`): Promise<{
  signingKey: JWK;
  publicKeys: JSONWebKeySet;
}> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return { signingKey, publicKeys: { keys: [publicJwk] } };
}

/** Parses a JWK or JWKS given as JSON in an environment variable, naming the variable when it is wrong. */
export function parseJwkVariable<T extends JWK | JSONWebKeySet>(variable: string, json: string, shape: 'private key' | 'key set'): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError([`${variable}: not JSON (expected a JWK ${shape === 'key set' ? 'set {"keys": [...]}' : 'with "d"'})`]);
  }
  if (shape === 'key set') {
    const keys = (parsed as { keys?: unknown }).keys;
    if (!Array.isArray(keys) || keys.length === 0)
      throw new ConfigError([`${variable}: expected a JWK set {"keys": [...]} with at least one key`]);
    if (keys.some((key) => typeof key !== 'object' || key === null || 'd' in key)) {
      throw new ConfigError([`${variable}: holds a private key; subgraphs must only ever hold public keys`]);
    }
  } else if (typeof parsed !== 'object' || parsed === null || !('d' in parsed) || typeof (parsed as JWK).kid !== 'string') {
    throw new ConfigError([`${variable}: expected a private JWK with "d" and a "kid"`]);
  }
  return parsed as T;
}

/**
 * Key material from a variable holding JSON, or from the file its `_FILE` variant names (for secrets
 * mounted as files); exactly one of them must be set.
 */
export function keyMaterial<T extends JWK | JSONWebKeySet>(
  variable: string,
  inline: string | undefined,
  file: string | undefined,
  shape: 'private key' | 'key set',
): T {
  if (inline && file) throw new ConfigError([`${variable} and ${variable}_FILE: set one, not both`]);
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError([`${variable}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`]);
    }
    return parseJwkVariable<T>(`${variable}_FILE (${file})`, text, shape);
  }
  if (!inline) {
    throw new ConfigError([
      `${variable}: required (or ${variable}_FILE): the ${shape === 'key set' ? "gateway's public assertion keys, a JWK set" : "gateway's private assertion signing key, a JWK"}; \`npm run -s assertion-keys\` makes a pair`,
    ]);
  }
  return parseJwkVariable<T>(variable, inline, shape);
}

export interface AssertionSubject {
  userId: string;
  organisation: string | null;
  unit: string | null;
  roles: readonly string[];
  rights: ReadonlySet<Right>;
}

/** What a gateway asks for the assertion a subgraph request carries. */
export interface GatewayAssertions {
  assertionFor(subject: AssertionSubject, caseId: string | null): Promise<string>;
}

export class GatewayAssertionSigner implements GatewayAssertions {
  private readonly issued: LRUCache<string, { token: string; renewAtMs: number }>;

  private constructor(
    private readonly key: CryptoKey | Uint8Array,
    private readonly header: { alg: string; kid: string; typ: string },
    private readonly lifetimeSeconds: number,
  ) {
    this.issued = new LRUCache({ max: 10_000 });
  }

  static async create(signingKey: JWK, lifetimeSeconds: number): Promise<GatewayAssertionSigner> {
    const alg = signingKey.alg ?? 'EdDSA';
    if (!(GATEWAY_ASSERTION.algorithms as readonly string[]).includes(alg)) {
      throw new ConfigError([`GATEWAY_ASSERTION_SIGNING_KEY: algorithm ${alg} is not one of ${GATEWAY_ASSERTION.algorithms.join(', ')}`]);
    }
    const key = await importJWK(signingKey, alg);
    return new GatewayAssertionSigner(key, { alg, kid: signingKey.kid!, typ: GATEWAY_ASSERTION.type }, lifetimeSeconds);
  }

  /** An assertion for `subject` about `caseId`, reused while it has more than half its life left. */
  async assertionFor(subject: AssertionSubject, caseId: string | null): Promise<string> {
    const rights = [...subject.rights].sort();
    const cacheKey = JSON.stringify([subject.userId, subject.organisation, subject.unit, subject.roles, rights, caseId]);
    const now = Date.now();
    const cached = this.issued.get(cacheKey);
    if (cached && cached.renewAtMs > now) return cached.token;
    const claims: Omit<GatewayAssertionClaims, 'sub'> = {
      org: subject.organisation,
      unit: subject.unit,
      roles: [...subject.roles],
      rights,
      case: caseId,
    };
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader(this.header)
      .setIssuer(GATEWAY_ASSERTION.issuer)
      .setAudience(GATEWAY_ASSERTION.audience)
      .setSubject(subject.userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(now / 1000) + this.lifetimeSeconds)
      .setJti(randomUUID())
      .sign(this.key);
    this.issued.set(cacheKey, { token, renewAtMs: now + (this.lifetimeSeconds * 1000) / 2 });
    return token;
  }
}

/** Why an assertion was refused; the message is for the subgraph's log, the client gets 401. */
export class AssertionRefused extends Error {}

export class GatewayAssertionVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly verified = new LRUCache<string, VerifiedAssertion>({ max: 10_000 });

  constructor(publicKeys: JSONWebKeySet) {
    this.keys = createLocalJWKSet(publicKeys);
  }

  /** The claims of a valid assertion; throws AssertionRefused for anything else. */
  async verify(token: string): Promise<VerifiedAssertion> {
    const cached = this.verified.get(token);
    if (cached && cached.expiresAtMs > Date.now()) return cached;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: GATEWAY_ASSERTION.issuer,
        audience: GATEWAY_ASSERTION.audience,
        algorithms: [...GATEWAY_ASSERTION.algorithms],
        typ: GATEWAY_ASSERTION.type,
        requiredClaims: ['exp', 'iat', 'sub'],
        // The gateway and the subgraphs share a clock source in any sane deployment.
        clockTolerance: 5,
      }));
    } catch (error) {
      throw new AssertionRefused((error as { code?: string }).code ?? 'invalid assertion');
    }
    const { sub, org, unit, roles, rights, exp } = payload as Partial<GatewayAssertionClaims> & { exp: number };
    const caseId = (payload as { case?: unknown }).case;
    if (!isUserId(sub)) throw new AssertionRefused('sub is not a user id');
    if (!Array.isArray(rights) || !rights.every(isRight)) throw new AssertionRefused('rights are not known rights');
    if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) throw new AssertionRefused('roles are not strings');
    if (caseId !== null && !isApplicationId(caseId)) throw new AssertionRefused('case is not an application id');
    const claims: VerifiedAssertion = {
      sub,
      org: typeof org === 'string' ? org : null,
      unit: typeof unit === 'string' ? unit : null,
      roles,
      rights,
      case: caseId,
      expiresAtMs: exp * 1000,
    };
    this.verified.set(token, claims);
    return claims;
  }
}
