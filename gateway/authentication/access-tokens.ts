/**
 * Verifying OIDC access tokens (JWTs) with jose.
 *
 * Keys come from the issuer's JWKS, found by discovery (`OIDC_ISSUER/.well-known/openid-configuration`),
 * or from OIDC_JWKS_URL, or from a key file (OIDC_JWKS_FILE). A remote key set is cached and fetched
 * again when a token names a key it does not hold (a rotation), at most once per cooldown. A token
 * must be signed with one of the allowed asymmetric algorithms (never `none`, never HS*: a public key
 * is never a shared secret), for the configured audience by the configured issuer, within the clock
 * skew of its nbf, iat and exp, with the configured `typ` (RFC 9068 `at+jwt`, so an ID token cannot
 * pass as an access token).
 *
 * A verified token is remembered until it expires, so a client's every request after the first
 * costs a map lookup, not a signature check.
 */
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { ConfigError } from '../../platform/config.js';

export interface AccessTokenSettings {
  issuer: string;
  /** Where the keys are, when not where discovery says. */
  jwksUrl: string | null;
  /** A JWK set file, read at start, instead of fetching keys. */
  jwksFile: string | null;
  audience: string;
  algorithms: readonly string[];
  clockSkewSeconds: number;
  /** The required JWT `typ` header, or null to accept any. */
  tokenType: string | null;
  /** Least time between two fetches of a remote key set (a token with an unknown key triggers one). */
  jwksCooldownMs: number;
  /** How long a fetched key set is used before it is fetched again regardless. */
  jwksMaxAgeMs: number;
  /** Deadline of a discovery or key-set fetch. */
  fetchTimeoutMs: number;
}

/** The token is not acceptable: 401, with `description` in WWW-Authenticate. */
export class AccessTokenRejected extends Error {
  constructor(readonly description: string) {
    super(description);
  }
}

/** The keys could not be had (the identity provider is unreachable): 503, the client may retry. */
export class SigningKeysUnavailable extends Error {}

export interface VerifiedAccessToken {
  claims: JWTPayload & Record<string, unknown>;
  expiresAtMs: number;
}

/** Algorithms that would let a public key or nothing at all stand in for a signature. */
const FORBIDDEN_ALGORITHM = /^(none|HS\d+)$/i;

export function checkAlgorithms(algorithms: readonly string[]): void {
  const forbidden = algorithms.filter((algorithm) => FORBIDDEN_ALGORITHM.test(algorithm));
  if (forbidden.length > 0)
    throw new ConfigError([`OIDC_ALGORITHMS: ${forbidden.join(', ')} not allowed: access tokens must be signed with an asymmetric key`]);
  if (algorithms.length === 0) throw new ConfigError(['OIDC_ALGORITHMS: name at least one algorithm, e.g. ES256,RS256']);
}

/**
 * Whether verification failed for want of the issuer's keys rather than because of the token: the
 * key set could not be fetched (no answer, a timeout, an HTTP error: jose's plain JOSEError) or was
 * not a key set. Every fault of the token itself is a subclass of JOSEError with a code of its own.
 */
function keySetUnavailable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof TypeError && /fetch/i.test(error.message)) return true;
  return error instanceof errors.JOSEError && error.constructor === errors.JOSEError;
}

function describeRejection(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'The access token is not valid yet.';
    if (error.claim === 'iss') return 'The access token was issued by an issuer casegraph does not trust.';
    if (error.claim === 'aud') return 'The access token is not meant for casegraph (audience).';
    if (error.claim === 'typ') return 'The token is not an access token (typ).';
    return `The access token's ${error.claim} claim is not acceptable.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The access token is signed with an algorithm casegraph does not accept.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The access token is signed with a key the issuer does not publish.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature is not valid.';
  return 'The access token is malformed.';
}

export class AccessTokenVerifier {
  private keys: Promise<JWTVerifyGetKey> | null = null;
  private keysFailedAt = 0;
  private readonly verified = new LRUCache<string, VerifiedAccessToken>({ max: 20_000 });

  constructor(private readonly settings: AccessTokenSettings) {
    checkAlgorithms(settings.algorithms);
    if (settings.jwksFile) {
      // Read now: a broken key file stops the start.
      this.keys = Promise.resolve(createLocalJWKSet(readKeyFile(settings.jwksFile)));
    }
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    const now = Date.now();
    const cached = this.verified.get(token);
    if (cached) {
      if (cached.expiresAtMs + this.settings.clockSkewSeconds * 1000 > now) return cached;
      this.verified.delete(token);
    }
    const keys = await this.keySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: [...this.settings.algorithms],
        clockTolerance: this.settings.clockSkewSeconds,
        requiredClaims: ['exp', 'iat', 'sub'],
        ...(this.settings.tokenType ? { typ: this.settings.tokenType } : {}),
      }));
    } catch (error) {
      if (keySetUnavailable(error)) throw new SigningKeysUnavailable('the issuer’s key set could not be fetched');
      throw new AccessTokenRejected(describeRejection(error));
    }
    // jose checks nbf and exp; a token issued in the future is refused too.
    if (payload.iat! * 1000 > now + this.settings.clockSkewSeconds * 1000)
      throw new AccessTokenRejected('The access token was issued in the future.');
    const result = { claims: payload as VerifiedAccessToken['claims'], expiresAtMs: payload.exp! * 1000 };
    this.verified.set(token, result);
    return result;
  }

  /** The key set: from the file, the configured URL, or the issuer's discovery document, fetched once and kept. */
  private keySet(): Promise<JWTVerifyGetKey> {
    if (this.keys) return this.keys;
    // After a failure, wait a moment before asking the identity provider again.
    if (Date.now() - this.keysFailedAt < 2_000) return Promise.reject(new SigningKeysUnavailable('the issuer could not be reached'));
    const remote = (url: string) =>
      createRemoteJWKSet(new URL(url), {
        cooldownDuration: this.settings.jwksCooldownMs,
        cacheMaxAge: this.settings.jwksMaxAgeMs,
        timeoutDuration: this.settings.fetchTimeoutMs,
      });
    this.keys = (this.settings.jwksUrl ? Promise.resolve(this.settings.jwksUrl) : this.discoverJwksUri()).then(remote);
    this.keys.catch(() => {
      this.keys = null;
      this.keysFailedAt = Date.now();
    });
    return this.keys;
  }

  private async discoverJwksUri(): Promise<string> {
    const url = `${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(this.settings.fetchTimeoutMs),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = (await response.json()) as typeof document;
    } catch {
      throw new SigningKeysUnavailable('the issuer’s discovery document could not be fetched');
    }
    if (document.issuer !== this.settings.issuer) throw new SigningKeysUnavailable('the discovery document names another issuer');
    if (typeof document.jwks_uri !== 'string' || !/^https?:\/\//.test(document.jwks_uri)) {
      throw new SigningKeysUnavailable('the discovery document has no usable jwks_uri');
    }
    return document.jwks_uri;
  }
}

function readKeyFile(file: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([
      `OIDC_JWKS_FILE: cannot read ${file} as a JWK set (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    ]);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new ConfigError([`OIDC_JWKS_FILE: ${file} is not a JWK set with keys`]);
  if (keys.some((key) => typeof key === 'object' && key !== null && ('d' in key || (key as { kty?: unknown }).kty === 'oct'))) {
    throw new ConfigError([`OIDC_JWKS_FILE: ${file} holds a private or symmetric key; give only the issuer's public keys`]);
  }
  return parsed as JSONWebKeySet;
}
