/**
 * The provider's signing keys: generated at start (ES256), or supplied, and rotated at run time.
 *
 * oidc-provider signs with the first key of its JWKS that fits the algorithm and publishes every
 * key's public half at its JWKS endpoint. A key ring is that ordered list: the first key signs,
 * the others are still published so tokens they signed keep verifying. Rotation puts a new key
 * first; the gateway then meets a `kid` it has not seen and must fetch the JWKS again.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'oidc-provider';

/** The one algorithm the demo provider signs ID tokens and access tokens with. */
export const SIGNING_ALGORITHM = 'ES256';

/** A private EC P-256 signing key as a JWK, with its `kid`, `alg` and `use`. */
export interface SigningJwk extends JWK {
  kty: 'EC';
  kid: string;
  alg: typeof SIGNING_ALGORITHM;
  use: 'sig';
  d: string;
}

/** Generates a new ES256 key; its `kid` is its RFC 7638 thumbprint (unique, and says nothing). */
export async function generateSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  if (jwk.kty !== 'EC' || typeof jwk.d !== 'string') throw new Error('jose exported an unexpected key type');
  const kid = await calculateJwkThumbprint(jwk);
  return { ...jwk, kty: 'EC', d: jwk.d, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
}

/** Checks a supplied key is what the provider can sign ES256 with; the message says what is wrong. */
export function assertSigningJwk(key: JWK, index: number): asserts key is SigningJwk {
  const problems: string[] = [];
  if (key.kty !== 'EC' || key.crv !== 'P-256') problems.push('must be an EC P-256 key');
  if (typeof key.d !== 'string') problems.push('must be a private key (with "d")');
  if (typeof key.kid !== 'string' || key.kid === '') problems.push('must have a "kid"');
  if (key.alg !== undefined && key.alg !== SIGNING_ALGORITHM) problems.push(`must be for ${SIGNING_ALGORITHM}`);
  if (key.use !== undefined && key.use !== 'sig') problems.push('must be for signing ("use": "sig")');
  if (problems.length > 0) throw new Error(`signing key ${index}: ${problems.join('; ')}`);
}

export interface RotationOptions {
  /** The new signing key; a fresh one is generated when not given. */
  key?: SigningJwk;
  /**
   * Keep publishing the previous signing keys (the default), so tokens they signed still
   * verify; false drops them, and those tokens stop verifying at once.
   */
  keepPrevious?: boolean;
}

/** The ordered signing keys: the first signs, all are published. Rotating makes a new ring. */
export class SigningKeyRing {
  readonly #keys: readonly SigningJwk[];

  constructor(keys: readonly JWK[]) {
    if (keys.length === 0) throw new Error('the key ring needs at least one signing key');
    keys.forEach((key, index) => assertSigningJwk(key, index));
    const kids = new Set(keys.map((key) => key.kid));
    if (kids.size !== keys.length) throw new Error('signing keys must have distinct "kid" values');
    this.#keys = keys.map((key) => ({ ...(key as SigningJwk), alg: SIGNING_ALGORITHM, use: 'sig' }));
  }

  static async generate(): Promise<SigningKeyRing> {
    return new SigningKeyRing([await generateSigningKey()]);
  }

  /** The `kid` new tokens are signed with. */
  get signingKeyId(): string {
    return this.#keys[0]!.kid;
  }

  /** Every published `kid`, the signing one first. */
  get publishedKeyIds(): string[] {
    return this.#keys.map((key) => key.kid);
  }

  /** The private keys for oidc-provider's `jwks` option (copies: the library must not share ours). */
  privateJwks(): SigningJwk[] {
    return this.#keys.map((key) => ({ ...key }));
  }

  /** This ring with a new key first (and without the others when `keepPrevious` is false). */
  async rotated(options: RotationOptions = {}): Promise<SigningKeyRing> {
    const key = options.key ?? (await generateSigningKey());
    if (this.#keys.some((existing) => existing.kid === key.kid)) throw new Error(`a key with kid ${key.kid} is already in the ring`);
    return new SigningKeyRing([key, ...(options.keepPrevious === false ? [] : this.#keys)]);
  }
}
